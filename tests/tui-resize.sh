#!/bin/sh
# tui-resize.sh - the screen follows the window: narrower drops columns,
# too small shows one message, larger again brings everything back; a
# long search text stays readable at its end.
. "${SRCDIR:-.}/tests/tui-lib.sh"

# fits W H: no line wider than W, no more than H lines, and the screen
# has been drawn at that size (the header line is not wider than W).
fits() { wt_tmux_screen | awk -v w="$1" 'length($0) > w { bad = 1 } END { exit bad }' &&
	[ "$(wt_tmux_screen | wc -l)" -le "$2" ]; }

tui_start 120 40 -U -d 0.5
tui_header | grep -q WHY || fail "no WHY at 120x40"

tmux -L "$WT_TMUX" resize-window -x 60 -y 20
tui_wait_cmd "not redrawn at 60x20" 5 sh -c "! tmux -L $WT_TMUX capture-pane -p | grep -q WHY"
tui_wait_cmd "lines wider than 60" 5 fits 60 20
tui_show "60x20"
tui_header | grep -q 'PID' || fail "no PID at 60x20"
tui_header | grep -q 'WAIT' || fail "no WAIT at 60x20"
wt_tmux_screen | grep -q 'DIRTY' || fail "no DIRTY at 60x20"

tmux -L "$WT_TMUX" resize-window -x 30 -y 8
wt_tmux_wait "waittop needs at least 40x10" 5 || fail "no too-small message at 30x8"
wt_tmux_wait "(now 30x8)" 5 || fail "too-small message lacks the size"
tui_show "30x8"
[ "$(wt_tmux_screen | grep -c .)" -le 2 ] || fail "more than the message at 30x8"

tmux -L "$WT_TMUX" resize-window -x 45 -y 9
wt_tmux_wait "(now 45x9)" 5 || fail "too-small message not updated at 45x9"

tmux -L "$WT_TMUX" resize-window -x 80 -y 24
wt_tmux_wait "DIRTY" 5 || fail "not redrawn at 80x24"
wt_tmux_wait "COMMAND" 5 || fail "no header at 80x24"
tui_show "80x24"
wt_tmux_screen | grep -q 'needs at least' && fail "stale too-small message at 80x24"
# 80 columns: PAUSED takes the title's end; the title gives way whole
# words ("delayacct off"), not half of one ("delaya PAUSED")
tui_keys Z
wt_tmux_wait "PAUSED" 5 || fail "Z did not pause at 80x24"
title=$(wt_tmux_screen | head -n 1)
echo "$title"
echo "$title" | grep -Eq '(blocked [0-9]+|delayacct (on|off|n/a)) +PAUSED *$' ||
	fail "the title is cut mid-word before PAUSED: '$title'"
tui_keys Z
tui_wait_cmd "PAUSED did not go away" 5 sh -c "! tmux -L $WT_TMUX capture-pane -p | grep -q PAUSED"

# a search longer than the line keeps its end (and the cursor) in view
tmux -L "$WT_TMUX" resize-window -x 40 -y 10
wt_tmux_wait "COMMAND" 5 || fail "no header at 40x10"
tui_keys / a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 A B C D
wt_tmux_wait "Search: <" 5 || fail "a long search does not mark its cut start at 40x10"
wt_tmux_wait "6789ABCD" 5 || fail "the end of a long search is not in view at 40x10"
tui_show "40x10, long search"
wt_tmux_screen | awk 'length($0) > 40 { exit 1 }' || fail "a line wider than 40"
tui_keys Escape
tui_keys q
tui_check_exit 0
