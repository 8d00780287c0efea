#!/bin/sh
# first-frame.sh [SLEEPERS] [WAITTOP...] - the time from starting waittop
# full screen (in a private tmux) to the first screen that shows process
# rows, with SLEEPERS (default 10000) sleeping processes; three runs per
# binary (default ./waittop).  Kills exactly the processes it started.
set -u
N=${1:-10000}
shift 2>/dev/null || shift $#
[ $# -gt 0 ] || set -- ./waittop
B=$(pwd)
[ -x "$B/tests/fixtures/spawn-sleepers" ] ||
	{ echo "first-frame.sh: build first (make check) and run from the build directory" >&2; exit 2; }
S=first-frame-$$
out=$(mktemp)
nice -n 10 "$B/tests/fixtures/spawn-sleepers" "$N" 0 >"$out" &
spawner=$!
trap 'tmux -L $S kill-server 2>/dev/null; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$S"; kill -KILL $spawner 2>/dev/null; rm -f "$out"' EXIT INT TERM
i=0
until grep -q ready "$out"; do
	i=$((i + 1))
	[ $i -gt 1200 ] && { echo "first-frame.sh: spawn-sleepers did not start" >&2; exit 1; }
	sleep 0.1
done
sleep 2
echo "$(ls -d /proc/[0-9]* 2>/dev/null | wc -l) processes"
printf '%-28s %s\n' binary "first rows after (s), three runs"
for bin in "$@"; do
	line=
	for run in 1 2 3; do
		t0=$(date +%s.%N)
		tmux -L $S new-session -d -x 120 -y 40 "$bin -d 1"
		until tmux -L $S capture-pane -p 2>/dev/null | grep -Eq '^ *[0-9]+ +[-0-9.]+ '; do
			sleep 0.02
		done
		t1=$(date +%s.%N)
		tmux -L $S kill-server 2>/dev/null
		line="$line $(printf '%.2f' "$(echo "$t1 - $t0" | bc)")"
		sleep 1
	done
	printf '%-28s%s\n' "$bin" "$line"
done
