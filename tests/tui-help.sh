#!/bin/sh
# tui-help.sh - the help screen describes the screen as it is drawn: the
# DIRTY bar's glyphs in UTF-8 mode are the block characters the bar uses
# (and = ~ | ! in ASCII), and Enter is listed as reserved.
. "${SRCDIR:-.}/tests/tui-lib.sh"

locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || skip "no C.UTF-8 locale"

TUI_ENV="env LC_ALL=C.UTF-8"
tui_start 100 30 -d 0.5
tui_keys h
wt_tmux_wait "Keys:" 5 || fail "no help screen"
# Enter: on the first page or the next one (the key list is longer than 30 rows)
wt_tmux_screen | grep -q '^  Enter  *drill in' || { tui_keys NPage; sleep 0.3; }
wt_tmux_screen | grep -q '^  Enter  *drill in' || fail "help does not list Enter"
tui_keys Home
tui_keys End
wt_tmux_wait "DIRTY bar = dirty ('█') and writeback ('▒')" 5 || fail "help names other glyphs than the UTF-8 bar"
wt_tmux_wait "'┃' the hard one" 5 || fail "help names another hard-threshold glyph"
tui_show "help, end, UTF-8"
tui_keys q
wt_tmux_wait "COMMAND" 5 || fail "help did not close"
tui_keys q
tui_check_exit 0
tmux -L "$WT_TMUX" kill-server

tui_start 100 30 -U -d 0.5
tui_keys h End
wt_tmux_wait "DIRTY bar = dirty ('=') and writeback ('~')" 5 || fail "help names other glyphs than the ASCII bar"
wt_tmux_wait "'!' the hard one" 5 || fail "help names another ASCII hard-threshold glyph"
LC_ALL=C wt_tmux_screen | LC_ALL=C grep -q '[^ -~]' && fail "non-ASCII on the -U help screen"
tui_keys Escape
wt_tmux_wait "COMMAND" 5 || fail "help did not close"
tui_keys q
tui_check_exit 0
