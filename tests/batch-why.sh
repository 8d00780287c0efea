#!/bin/sh
# batch-why.sh - -b text carries the WAIT shares and the WHY evidence:
# a thread alternating 0.5 s of spinning with 0.5 s of sleeping reads
# "cpu" and "sleep" with shares within 15 points of 50 each; the fsync
# writer's row names fsync() and its file; no line holds a control
# character; kernel threads are left out unless --kernel-threads.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg $WAIT_PRIO_HI python3 "$PY_FIXTURES/spin-sleep.py"
mix=$WT_LAST
dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/batch-why.XXXXXX") || fail "mktemp"
trap 'wait_cleanup; rm -rf "$dir"' EXIT
wt_bg $WAIT_PRIO_HI python3 "$PY_FIXTURES/fsync-writer.py" "$dir/wal"
writer=$WT_LAST
wait_for_file "$dir/wal" || fail "writer did not start"

out="$WAIT_TMP/out"
"$WAITTOP" -b -n 6 -d 1 -p "$mix,$writer" >"$out" || fail "waittop -b exited $?"
cat "$out"
grep -q 'WHY$' "$out" || fail "no WHY header"
LC_ALL=C grep -q '[[:cntrl:]]' "$out" && fail "a control character in -b text"
# the mix: both halves near 50 in most refreshes (the first may start
# mid-phase).  The busy half is cpu, plus runqueue on a loaded machine
# (the thread was runnable, waiting to spin); both must be in the cell.
ok=$(awk -v p="$mix" '$1 == p {
	c = r = s = -1
	for (i = 1; i < NF; i++) {
		if ($i == "cpu" || $i == "(cpu") c = $(i + 1) + 0
		if ($i == "runqueue" || $i == "(runqueue") r = $(i + 1) + 0
		if ($i == "sleep" || $i == "(sleep") s = $(i + 1) + 0
	}
	busy = (c > 0 ? c : 0) + (r > 0 ? r : 0)
	if (c > 0 && busy >= 35 && busy <= 65 && s >= 35 && s <= 65) n++
} END { print n + 0 }' "$out")
[ "$ok" -ge 4 ] || fail "the mix read cpu and sleep near 50% in $ok of 6 refreshes"
# the fsync writer: disk-write with the file in WHY, in most refreshes
n=$(grep -c "^ *$writer .*disk-write [0-9]*%.*fsync() on $dir/wal\$" "$out")
[ "$n" -ge 4 ] || fail "the writer's row names fsync() and its file in $n of 6 refreshes"

# kernel threads (kthreadd is pid 2): hidden by default, shown on request
grep -q '(kthreadd)' /proc/2/stat 2>/dev/null || { echo "no kernel threads here"; exit 0; }
"$WAITTOP" -b -n 1 -d 0.5 >"$out" || fail "waittop -b exited $?"
awk '$1 == 2' "$out" | grep -q . && fail "kernel thread 2 in default -b output"
grep -q 'kernel threads hidden' "$out" || fail "no note on hidden kernel threads"
"$WAITTOP" -b -n 1 -d 0.5 --kernel-threads >"$out" || fail "waittop -b --kernel-threads exited $?"
awk '$1 == 2' "$out" | grep -q 'kthreadd' || fail "no kthreadd with --kernel-threads"
echo ok
