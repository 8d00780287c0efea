#!/bin/sh
# scale-probe.sh [SLEEPERS] [SECONDS] [WAITTOP...] - one waittop binary
# (default ./waittop) with SLEEPERS (default 10000) sleeping processes:
# the time to its first batch output (the priming scan plus a 0.1 s
# refresh), then, over a SECONDS (default 10) run of `-b -d 1`: its CPU
# as % of one core, VmRSS, held fds, and the change of the kernel's unreclaimable slab (SUnreclaim: held files and their seq buffers; the dentry cache is reclaimable)
# while it runs.  Several binaries may be named to compare them on the
# same sleepers.  Kills exactly the processes it started.
set -u
N=${1:-10000} SECS=${2:-10}
shift 2 2>/dev/null || shift $#
[ $# -gt 0 ] || set -- ./waittop
B=$(pwd)
HZ=$(getconf CLK_TCK)
[ -x "$B/tests/fixtures/spawn-sleepers" ] ||
	{ echo "scale-probe.sh: build first (make check) and run from the build directory" >&2; exit 2; }
out=$(mktemp)
nice -n 10 "$B/tests/fixtures/spawn-sleepers" "$N" 0 >"$out" &
spawner=$!
w=
trap 'kill -KILL $spawner $w 2>/dev/null; rm -f "$out"' EXIT INT TERM
i=0
until grep -q ready "$out"; do
	i=$((i + 1))
	[ $i -gt 1200 ] && { echo "scale-probe.sh: spawn-sleepers did not start" >&2; exit 1; }
	sleep 0.1
done
sleep 2
slab() { awk '/^SUnreclaim:/ { print $2 }' /proc/meminfo; }
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
echo "$(ls -d /proc/[0-9]* | wc -l) processes; ulimit -Hn $(ulimit -Hn)"
printf '%-28s %8s %7s %8s %6s %10s\n' binary first_s "CPU %" RSS_KiB fds slab_KiB
for bin in "$@"; do
	t0=$(date +%s.%N)
	timeout 60 "$bin" -b -n 1 -d 0.1 >/dev/null
	t1=$(date +%s.%N)
	s0=$(slab)
	"$bin" -b -d 1 -n $((SECS + 6)) >/dev/null &
	w=$!
	sleep 4
	a=$(ticks $w)
	sleep "$SECS"
	b=$(ticks $w)
	printf '%-28s %8.2f %7.2f %8s %6s %10s\n' "$bin" "$(echo "$t1 - $t0" | bc)" \
		"$(echo "($b - $a) * 100 / $HZ / $SECS" | bc -l)" \
		"$(awk '/^VmRSS:/ { print $2 }' /proc/$w/status)" "$(ls /proc/$w/fd | wc -l)" \
		"$(($(slab) - s0))"
	kill $w 2>/dev/null
	wait $w 2>/dev/null
	w=
done
