#!/bin/sh
# active.sh - the load average explained (system.active): four adders
# pinned to one CPU make about three threads of runqueue and one of cpu;
# an fsync writer shows as disk-write.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

command -v taskset >/dev/null 2>&1 || skip "taskset is needed"
: "${ACTIVE_SAMPLES:=5}"
: "${ACTIVE_MIN_OK:=4}"

# active_check LABEL PYEXPR: PYEXPR over a = system.active holds in
# ACTIVE_MIN_OK of ACTIVE_SAMPLES one-second samples.
active_check() {
	"$WAITTOP" -b --json -d 1 -n "$ACTIVE_SAMPLES" >"$WAIT_TMP/json" 2>"$WAIT_TMP/err" ||
		{ cat "$WAIT_TMP/err" >&2; fail "waittop --json failed"; }
	python3 - "$WAIT_TMP/json" "$2" "$ACTIVE_MIN_OK" <<'PY' || fail "$1: system.active is not as expected"
import json, sys
ok = n = 0
for line in open(sys.argv[1]):
    d = json.loads(line)
    a = d["system"]["active"]
    good = a is not None and eval(sys.argv[2], {}, {"a": a})
    ok += bool(good)
    n += 1
    print("sample %d: %s active=%s top=%s" % (n, "ok " if good else "BAD", a, d["system"]["active_top"]))
sys.exit(0 if ok >= int(sys.argv[3]) else 1)
PY
}

cpu=$(taskset -pc $$ | sed 's/.*: //; s/[,-].*//')
spinners=""
for i in 1 2 3 4; do
	wt_bg taskset -c "$cpu" python3 "$PY_FIXTURES/adder.py"
	spinners="$spinners $WT_LAST"
done
# spinning: each spinner is python itself (a launcher script named
# python3 runs first) and has spun for a while (stat utime, field 14)
spinning() {
	for p in $spinners; do
		readlink /proc/"$p"/exe 2>/dev/null | grep -q python || return 1
		[ "$(awk '{ print $14 }' /proc/"$p"/stat 2>/dev/null)" -gt 20 ] 2>/dev/null || return 1
	done
}
i=0
until spinning; do
	i=$((i + 1)); [ $i -lt 300 ] || fail "the four spinners did not start"
	sleep 0.1
done
# the pinned CPU is busy the whole interval (the other CPU may add more)
active_check "four spinners on one CPU" 'a["runqueue"] >= 2.5 and a["cpu"] >= 0.8'
for p in $spinners; do kill -KILL "$p" 2>/dev/null; done

dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/active.XXXXXX") || fail "mktemp"
trap 'wait_cleanup; rm -rf "$dir"' EXIT
[ "$(stat -f -c %T "$dir")" = tmpfs ] && skip "$dir is on tmpfs: fsync does not reach a disk"
wt_bg $WAIT_PRIO_HI python3 "$PY_FIXTURES/fsync-writer.py" "$dir/wal"
wait_for_file "$dir/wal" || fail "writer did not start"
# "shows": on a quiet box about 0.3; under a loaded run queue the writer
# waits for a CPU more than for the disk, so the bar is low but not zero
active_check "an fsync writer" 'a["disk-write"] >= 0.03'
echo "PASS"
