#!/bin/sh
# scale-mem.sh - what waittop's resident memory grows by per process: its
# VmRSS after a few refreshes of `-b` with the box's own processes, then
# again with 2,000 more sleepers.  Each sleeper is a process and a thread
# the reader, the sampler, the samples and the timelines keep; the growth
# per sleeper must stay under SCALE_MEM_MAX_B (5,500 bytes: it was 8.5 KB
# before the sampler's strings and the timelines' runs, 3.9-4.4 KB after).
# The sleepers die with their parent.
. "${SRCDIR:-.}/tests/lib.sh"

N=2000
MAX_B=${SCALE_MEM_MAX_B:-5500}

# rss_after OUT: run waittop -b until its 8th refresh, print its least
# VmRSS (KiB) over the next 2 s
rss_after() {
	"$WAITTOP" -b -d 0.3 -n 30 >"$1" &
	w=$!
	WT_PIDS="$WT_PIDS $w"
	i=0
	until [ "$(grep -c '^waittop ' "$1")" -ge 8 ]; do
		i=$((i + 1))
		[ $i -gt 1200 ] && fail "waittop -b made fewer than 8 refreshes in 120 s"
		sleep 0.1
	done
	# the least of 20 readings 0.1 s apart: between refreshes, not in the
	# middle of one (which holds two snapshots for a moment)
	min=
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$w/status")
		[ -z "$min" ] || [ "$r" -lt "$min" ] && min=$r
		sleep 0.1
	done
	echo "$min"
	kill "$w"
	wait "$w" 2>/dev/null
}

out=$(mktemp)
ready=$(mktemp)
trap 'wt_cleanup; rm -f "$out" "$ready"' EXIT
p0=$(ls -d /proc/[0-9]* | wc -l)
r0=$(rss_after "$out")
wt_bg nice -n 10 "$FIXTURES/spawn-sleepers" "$N" 0 >"$ready"
i=0
until grep -q ready "$ready"; do
	i=$((i + 1))
	[ $i -gt 600 ] && fail "spawn-sleepers did not start"
	sleep 0.1
done
p1=$(ls -d /proc/[0-9]* | wc -l)
[ $((p1 - p0)) -ge $((N / 2)) ] || fail "only $((p1 - p0)) more processes after spawning $N"
r1=$(rss_after "$out")
per=$(((r1 - r0) * 1024 / (p1 - p0)))
echo "processes $p0 -> $p1, VmRSS $r0 -> $r1 KiB: $per bytes per process (at most $MAX_B)"
[ "$per" -le "$MAX_B" ] || fail "waittop grows by $per bytes per process, more than $MAX_B"
echo "ok: resident memory per process"
