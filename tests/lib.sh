# lib.sh - shared helpers for waittop's shell tests (sourced, not run).
# Environment from make check: WAITTOP (the binary), FIXTURES (built
# fixture programs), SRCDIR (the source tree).

: "${WAITTOP:=$(pwd)/waittop}"
: "${FIXTURES:=$(pwd)/tests/fixtures}"
: "${SRCDIR:=$(pwd)}"

# Pids to kill on exit; add with wt_bg.
WT_PIDS=""
WT_TMUX=""
wt_cleanup() {
	for p in $WT_PIDS; do kill -KILL "$p" 2>/dev/null; done
	[ -n "$WT_TMUX" ] && tmux -L "$WT_TMUX" kill-server 2>/dev/null
	return 0
}
trap wt_cleanup EXIT
# a test stopped by a signal still runs its EXIT trap (not every sh does so
# by itself): fixtures, mounts and sysctls are never left behind
trap 'exit 1' INT TERM HUP

# fail MSG: print and exit 1.
fail() { echo "FAIL: $*" >&2; exit 1; }
# skip MSG: exit 77 (automake's SKIP).
skip() { echo "SKIP: $*" >&2; exit 77; }
# need_root: skip unless uid 0.
need_root() { [ "$(id -u)" -eq 0 ] || skip "needs root"; }

# wt_bg CMD...: start CMD in the background, remember its pid in $WT_LAST.
wt_bg() { "$@" & WT_LAST=$!; WT_PIDS="$WT_PIDS $WT_LAST"; }

# wt_wait_wchan PID REGEX [SECONDS]: poll until a thread of PID waits in a
# kernel function matching REGEX (default 10 s): a fixture started with
# wt_bg has reached its blocking call, not just been forked.
wt_wait_wchan() {
	local i=0 lim=$(( ${3:-10} * 10 ))
	while ! cat /proc/"$1"/task/*/wchan 2>/dev/null | tr '\0' '\n' | grep -Eq "$2"; do
		[ $i -ge $lim ] && return 1
		sleep 0.1; i=$((i + 1))
	done
	return 0
}

# wt_json_get FILE PYEXPR: evaluate a python expression over each JSON line
# (bound to d), one result per line.
wt_json_get() {
	python3 -c '
import json, sys
expr = sys.argv[2]
for line in open(sys.argv[1]):
    line = line.strip()
    if not line:
        continue
    d = json.loads(line)
    print(eval(expr))
' "$1" "$2"
}

# wt_tmux_start NAME W H CMD: a private tmux server running CMD.
wt_tmux_start() {
	unset TMUX
	WT_TMUX=$1
	tmux -L "$1" -f /dev/null new-session -d -x "$2" -y "$3" "$4" || fail "tmux did not start"
	tmux -L "$1" set-option -g remain-on-exit on >/dev/null
}

# wt_tmux_wait TEXT [SECONDS]: poll the pane until TEXT appears (default 10 s).
wt_tmux_wait() {
	local i=0 lim=$(( ${2:-10} * 10 ))
	while [ $i -lt $lim ]; do
		tmux -L "$WT_TMUX" capture-pane -p 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1; i=$((i + 1))
	done
	echo "--- screen, waiting for '$1':" >&2
	tmux -L "$WT_TMUX" capture-pane -p >&2
	return 1
}

# wt_tmux_screen: the pane's text now.
wt_tmux_screen() { tmux -L "$WT_TMUX" capture-pane -p; }

# wt_tmux_dead [SECONDS]: poll until the pane's program exited.
wt_tmux_dead() {
	local i=0 lim=$(( ${1:-10} * 10 ))
	while [ $i -lt $lim ]; do
		[ "$(tmux -L "$WT_TMUX" display -p '#{pane_dead}' 2>/dev/null)" = 1 ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
