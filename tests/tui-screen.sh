#!/bin/sh
# tui-screen.sh - at 80x24 and 120x40 the system strip, the pane header
# and process rows appear, every line fits the width, and q leaves the
# alternate screen with status 0.  Without a terminal: a clear message.
. "${SRCDIR:-.}/tests/tui-lib.sh"

# not a terminal: one line on stderr, status 1, nothing on stdout
"$WAITTOP" </dev/null >"$TUI_DIR/out" 2>"$TUI_DIR/err" && fail "waittop ran without a terminal"
[ -s "$TUI_DIR/out" ] && fail "waittop wrote to stdout without a terminal"
grep -q 'must be a terminal; try -b' "$TUI_DIR/err" || fail "no clear message without a terminal: $(cat "$TUI_DIR/err")"

for size in 80x24 120x40; do
	w=${size%x*}
	h=${size#*x}
	tui_start "$w" "$h" -U -d 0.5
	wt_tmux_wait "DIRTY" 5 || fail "no DIRTY line at $size"
	wt_tmux_wait "PID" 5 || fail "no PID header at $size"
	tui_show "$size"
	scr=$(wt_tmux_screen)
	for word in waittop CPU usr sys idle DIRTY bg hard DISK read write NET rx tx retrans psi \
		PID CPU WAIT 'DISK W/s' COMMAND WHY F1Help; do
		echo "$scr" | grep -qF -- "$word" || fail "'$word' missing at $size"
	done
	# the title drops whole pieces, never half a word ("delayacct of")
	title=$(echo "$scr" | head -n 1 | sed 's/ *$//')
	case "$title" in
	*delayacct) fail "title cut after 'delayacct': $title" ;;
	*delayacct*) echo "$title" | grep -qE 'delayacct (on|off|n/a)( |$)' ||
		fail "title cut mid-word: $title" ;;
	esac
	[ "$(echo "$scr" | wc -l)" -le "$h" ] || fail "more lines than $h"
	echo "$scr" | awk -v w="$w" 'length($0) > w { exit 1 }' || fail "a line wider than $w"
	# the rows are real processes (most still alive a moment later)
	live=0
	for p in $(tui_pids); do [ -d "/proc/$p" ] && live=$((live + 1)); done
	[ "$live" -ge 5 ] || fail "fewer than 5 live processes among the rows at $size"
	[ "$(tui_pids | wc -l)" -ge 5 ] || fail "fewer than 5 process rows at $size"
	# WHY replaced WCHAN in the default set (WCHAN from about 175 columns)
	tui_header | grep -q 'WCHAN' && fail "WCHAN shown at $size"
	tui_keys q
	tui_check_exit 0
	tmux -L "$WT_TMUX" kill-server
done
