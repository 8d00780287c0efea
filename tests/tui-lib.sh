# tui-lib.sh - helpers for the full-screen tests (sourced after lib.sh):
# waittop runs in a private tmux server under a small shell that records
# its exit status, so a test can send keys or signals to waittop itself
# and check how the terminal was left.
. "${SRCDIR:-.}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
[ -x "$WAITTOP" ] || fail "no waittop binary at $WAITTOP"

TUI_DIR=$(mktemp -d "${TMPDIR:-/var/tmp}/waittop-tui.XXXXXX")
trap 'wt_cleanup; rm -rf "$TUI_DIR"' EXIT

# tui_start W H ARGS...: waittop ARGS in a W x H pane (with TUI_ENV, e.g.
# "env LC_ALL=C.UTF-8", in front); waits until the process pane header and
# the first sample are on screen and sets TUI_PID.
tui_start() {
	local w=$1 h=$2
	shift 2
	rm -f "$TUI_DIR/status"
	wt_tmux_start "wt-tui-$$" "$w" "$h" \
		"ulimit -c 0; TERM=screen; export TERM; ${TUI_ENV:-} $WAITTOP $*; echo \$? >$TUI_DIR/status"
	tui_wait_pid || fail "waittop did not start"
	wt_tmux_wait "COMMAND" 10 || fail "no process pane header at ${w}x${h}"
	wt_tmux_wait "DIRTY" 10 || fail "no first sample at ${w}x${h}"
}

# tui_wait_pid: TUI_PID = the waittop under the pane's shell.  From the
# kernel's children list, not pgrep: pgrep reads every process's cmdline
# and hangs on one whose mmap lock is held (tests/stuck-fs.sh makes one).
tui_wait_pid() {
	local i=0 sh
	while [ $i -lt 50 ]; do
		sh=$(tmux -L "$WT_TMUX" display -p '#{pane_pid}' 2>/dev/null)
		TUI_PID=$(cat "/proc/$sh/task/$sh/children" 2>/dev/null | awk '{ print $1 }')
		[ -n "$TUI_PID" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# tui_keys KEYS...: send keys to the pane (tmux key names).
tui_keys() { tmux -L "$WT_TMUX" send-keys "$@"; }

# tui_header: the process pane's header line.
tui_header() { wt_tmux_screen | grep -m 1 'COMMAND'; }

# tui_pids: the PID column of the rows under the header, in screen order.
tui_pids() { wt_tmux_screen | awk 'seen && $1 ~ /^[0-9]+$/ { print $1 } /COMMAND/ { seen = 1 }'; }

# tui_wait_cmd DESC SECONDS CMD...: poll until CMD succeeds; print the
# screen and fail with DESC otherwise.
tui_wait_cmd() {
	local desc=$1 lim=$(( $2 * 10 )) i=0
	shift 2
	while [ $i -lt $lim ]; do
		"$@" && return 0
		sleep 0.1; i=$((i + 1))
	done
	echo "--- screen:" >&2
	wt_tmux_screen >&2
	fail "$desc"
}

# tui_show TITLE: print the screen to the log, as a user would see it.
tui_show() { echo "--- $1"; wt_tmux_screen; }

# tui_check_exit WANT: the pane is dead, the terminal left the alternate
# screen and keypad-transmit mode (arrow keys back to ESC [ A), and
# waittop's exit status (or 128+signal) is WANT.
tui_check_exit() {
	local kp
	wt_tmux_dead 10 || fail "waittop still running"
	[ "$(tmux -L "$WT_TMUX" display -p '#{alternate_on}')" = 0 ] || fail "alternate screen still on"
	kp=$(tmux -L "$WT_TMUX" display -p '#{keypad_cursor_flag}')
	[ -z "$kp" ] || [ "$kp" = 0 ] || fail "the terminal was left in keypad-transmit mode"
	tui_wait_cmd "no exit status" 5 test -s "$TUI_DIR/status"
	[ "$(cat "$TUI_DIR/status")" = "$1" ] || fail "exit status $(cat "$TUI_DIR/status"), expected $1"
}
