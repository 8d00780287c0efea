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
	if [ -n "$WT_TMUX" ]; then
		tmux -L "$WT_TMUX" kill-server 2>/dev/null
		# tmux leaves its socket behind
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$WT_TMUX"
	fi
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
# A server killed just before under the same name (tmux kill-server returns
# before the server is gone) would take the new client, then die under it
# ("server exited unexpectedly"): wait for the old one first.
WT_TMUX_PID=""
wt_tmux_start() {
	local i=0
	unset TMUX
	while [ -n "$WT_TMUX_PID" ] && kill -0 "$WT_TMUX_PID" 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "the previous tmux server $WT_TMUX_PID does not exit"
		sleep 0.1
	done
	WT_TMUX=$1
	tmux -L "$1" -f /dev/null new-session -d -x "$2" -y "$3" "$4" || fail "tmux did not start"
	WT_TMUX_PID=$(tmux -L "$1" display -p '#{pid}')
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
