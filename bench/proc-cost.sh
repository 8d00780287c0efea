#!/bin/sh
# proc-cost.sh - CPU cost per process per refresh of waittop's /proc reader
# against libproc2's pids API and a plain open/read/close reader, with N
# extra `sleep` processes on the box.  Kills exactly the pids it started,
# also on error or interrupt.  Run from the build directory after
# `make check` (or it builds the two bench programs itself).
# Usage: bench/proc-cost.sh [N_SLEEPERS] [ROUNDS] [REFRESHES] [INTERVAL_MS]
set -u
N=${1:-2000}
ROUNDS=${2:-5}
NREF=${3:-10}
IVAL=${4:-200}
BENCH=$(dirname "$0")
TMP=$(mktemp -d) || exit 1
PIDS="$TMP/pids"
: >"$PIDS"

cleanup() {
	# exactly the sleepers this script started
	if [ -s "$PIDS" ]; then
		xargs kill -KILL <"$PIDS" 2>/dev/null
		for p in $(cat "$PIDS"); do wait "$p" 2>/dev/null; done
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

for prog in scan-bench libproc2-bench; do
	[ -x "$BENCH/$prog" ] || make "bench/$prog" >/dev/null || { echo "cannot build bench/$prog" >&2; exit 1; }
done

i=0
while [ "$i" -lt "$N" ]; do
	sleep 600 &
	echo $! >>"$PIDS"
	i=$((i + 1))
done
# wait until every sleeper has exec'd (comm "sleep"), 30 s at most
t=0
while :; do
	ok=0
	for p in $(cat "$PIDS"); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = sleep ] && ok=$((ok + 1))
	done
	[ "$ok" -eq "$N" ] && break
	t=$((t + 1))
	[ "$t" -gt 30 ] && { echo "only $ok of $N sleepers started" >&2; exit 1; }
	sleep 1
done

echo "# $N sleepers, $ROUNDS rounds x $NREF refreshes every $IVAL ms, $(nproc) CPUs, $(uname -r)"
r=0
while [ "$r" -lt "$ROUNDS" ]; do
	"$BENCH/scan-bench" -m held -n "$NREF" -i "$IVAL" >>"$TMP/held" || exit 1
	"$BENCH/libproc2-bench" -n "$NREF" -i "$IVAL" >>"$TMP/libproc2" || exit 1
	"$BENCH/scan-bench" -m open -n "$NREF" -i "$IVAL" >>"$TMP/open" || exit 1
	r=$((r + 1))
done

# field: the value of KEY= in a bench output line
field() { sed -n "s/.* $1=\\([^ ]*\\).*/\\1/p"; }
# median of numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

printf '%-34s %8s %8s %8s %8s %10s\n' reader procs median min max held_fds
for k in held libproc2 open; do
	case $k in
	held) name="waittop (held fds, threads on)" ;;
	libproc2) name="libproc2 pids_reap" ;;
	open) name="open/read/close, same files" ;;
	esac
	med=$(field us_per_proc <"$TMP/$k" | median)
	min=$(field us_per_proc <"$TMP/$k" | sort -g | head -1)
	max=$(field us_per_proc <"$TMP/$k" | sort -g | tail -1)
	procs=$(field procs <"$TMP/$k" | median)
	fds=$(field held_fds <"$TMP/$k" | median)
	printf '%-34s %8s %8s %8s %8s %10s\n' "$name" "$procs" "$med" "$min" "$max" "$fds"
	eval "med_$k=$med"
done
echo "(CPU microseconds per process per refresh; median over $ROUNDS rounds)"
awk -v a="$med_libproc2" -v b="$med_held" -v c="$med_open" \
	'BEGIN { printf "libproc2 / waittop = %.2f   open-read-close / waittop = %.2f\n", a / b, c / b }'
echo "held-fd slab growth (kB, median): $(field slab_delta_kb <"$TMP/held" | median)"
