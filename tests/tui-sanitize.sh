#!/bin/sh
# tui-sanitize.sh - escape sequences in process names never reach the
# terminal: a process named with "clear screen" and "set title" sequences
# shows them as '?' text, the screen is not cleared and the pane title is
# unchanged.  Also in UTF-8 mode, where the header uses a real arrow.
. "${SRCDIR:-.}/tests/tui-lib.sh"

# comm (at most 15 bytes) with ESC [ 2 J and OSC 2 ; pwn BEL
wt_bg python3 -c '
import sys, time
open("/proc/self/comm", "w").write(sys.argv[1])
time.sleep(600)
' "$(printf 'a\033[2Jb\033]2;pwn\007')"
evil=$WT_LAST
wt_bg python3 -c '
import time
open("/proc/self/comm", "w").write("caf\u00e9-\u65e5\u672c")
time.sleep(600)
'
uni=$WT_LAST
# right-to-left override and a zero width space: they would reorder or hide
# the name; each shows as one '?'
wt_bg python3 -c '
import time
open("/proc/self/comm", "w").write("rlo\u202egpj\u200bx")
time.sleep(600)
'
bidi=$WT_LAST
# wait until both have renamed themselves
i=0
while [ $i -lt 50 ]; do
	grep -q pwn /proc/$evil/comm 2>/dev/null && grep -q caf /proc/$uni/comm 2>/dev/null &&
		grep -q rlo /proc/$bidi/comm 2>/dev/null && break
	sleep 0.1; i=$((i + 1))
done
[ $i -lt 50 ] || fail "the fixtures did not rename themselves"

for mode in ascii utf8; do
	if [ $mode = ascii ]; then
		TUI_ENV="" tui_start 100 30 -U -d 0.5 -s pid -p "$evil,$uni,$bidi"
	else
		TUI_ENV="env LC_ALL=C.UTF-8" tui_start 100 30 -d 0.5 -s pid -p "$evil,$uni,$bidi"
	fi
	tui_show "$mode"
	wt_tmux_screen | grep -qF 'a?[2Jb?]2;pwn?' || fail "$mode: escape sequences not shown as '?'"
	wt_tmux_screen | grep -q '^waittop' || fail "$mode: the screen was cleared"
	[ "$(tmux -L "$WT_TMUX" display -p '#{pane_title}')" != pwn ] || fail "$mode: the title sequence reached the terminal"
	if [ $mode = utf8 ]; then
		wt_tmux_screen | grep -qF "caf$(printf '\303\251')-" || fail "utf8: UTF-8 name not drawn"
		tui_header | grep -qF "$(printf '\342\226\262')PID" || fail "utf8: no arrow on the sort column"
		wt_tmux_screen | grep -qF 'rlo?gpj?x' || fail "utf8: bidi override or zero width space not shown as '?'"
	else
		wt_tmux_screen | grep -qF 'caf??-' || fail "ascii: non-ASCII not replaced"
		tui_header | grep -qF '^ PID' || fail "ascii: no ^ on the sort column"
	fi
	tui_keys q
	tui_check_exit 0
	tmux -L "$WT_TMUX" kill-server
done
