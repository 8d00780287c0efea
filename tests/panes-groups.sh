#!/bin/sh
# panes-groups.sh - the Groups rows of --panes (root only): a spinner and
# an fsync writer, each moved into a cgroup of its own (unique names,
# removed afterwards) in the hierarchy waittop groups by (the v1 cpu
# controller where mounted, else cgroup2), give two rows, with cpu and
# disk-write as their dominant waits (runqueue allowed in two intervals
# of six when the machine is busy, any other wait in one).
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

need_root
root=$(awk '$9 == "cgroup" && $NF ~ /(^|,)cpu(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$root" ] || root=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
[ -n "$root" ] || skip "no cgroup hierarchy mounted"
A=waittop-test-$$-spin
B=waittop-test-$$-disk
dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/panes-groups.XXXXXX") || fail "mktemp"
groups_cleanup() {
	wait_cleanup
	# a cgroup is removable once its processes are gone
	for g in "$root/$A" "$root/$B"; do
		[ -d "$g" ] || continue
		i=0
		while ! rmdir "$g" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	done
	rm -rf "$dir"
}
trap groups_cleanup EXIT
mkdir "$root/$A" "$root/$B" || skip "cannot create cgroups under $root"
[ "$(stat -f -c %T "$dir")" = tmpfs ] && skip "$dir is on tmpfs: fsync does not reach a disk"
# A task's nice value counts only inside its group: give each group the
# weight of a nice -19 task (what WAIT_PRIO_HI gives the fixtures of the
# wait tests), so a busy machine does not turn both into runqueue.
if [ -n "$WAIT_PRIO_HI" ]; then
	for g in "$root/$A" "$root/$B"; do
		echo 71680 >"$g/cpu.shares" 2>/dev/null || echo 10000 >"$g/cpu.weight" 2>/dev/null || :
	done
fi

# Two CPUs or more: the spinner and the writer on different ones, so the
# writer never waits behind the spinner (both groups weigh the same).
pin_spin="" pin_write=""
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
	pin_spin="taskset -c 0" pin_write="taskset -c 1"
fi
wt_bg $pin_spin $WAIT_PRIO_HI python3 "$PY_FIXTURES/adder.py"
spin=$WT_LAST
echo "$spin" >"$root/$A/cgroup.procs" || fail "cannot move $spin into $A"
wt_bg $pin_write $WAIT_PRIO_HI python3 "$PY_FIXTURES/fsync-writer.py" "$dir/wal"
writer=$WT_LAST
echo "$writer" >"$root/$B/cgroup.procs" || fail "cannot move $writer into $B"
wait_for_file "$dir/wal" || fail "writer did not start"

"$WAITTOP" -b --json --panes groups -d 1 -n 8 >"$WAIT_TMP/json" || fail "waittop --panes groups failed"
python3 - "$WAIT_TMP/json" "/$A" "/$B" <<'PY' || fail "the two groups are not as expected"
import json, sys
path, a, b = sys.argv[1:4]
ok = {a: 0, b: 0}
busy = {a: 0, b: 0}
want = {a: "cpu", b: "disk-write"}
lines = 0
# the first two intervals hold the fixtures' own start (interpreter,
# cgroup move): judge the six after them
for line in list(open(path))[2:]:
    d = json.loads(line)
    lines += 1
    rows = {g["cgroup"]: g for g in d["groups"]}
    for name in (a, b):
        g = rows.get(name)
        print("sample %d: %s %s" % (lines, name, g))
        if g and g["procs"] == 1 and g["wait"] == want[name]:
            ok[name] += 1
        elif g and g["procs"] == 1 and g["wait"] == "runqueue":
            busy[name] += 1
    if b in rows and rows[b]["disk_write_bps"] is not None:
        assert rows[b]["disk_write_bps"] > 0 or lines == 1
print("as expected", ok, "runqueue", busy)
# On a busy machine a group can wait for a CPU now and then: at least four
# of six intervals must show its own wait and the others only runqueue, or
# five of six with one interval that is anything else (as the wait tests
# allow one miss in ten: on a fast disk the writer spends 40 % of its time
# on a CPU in fsync's own work, and one interval can tip to cpu).
sys.exit(0 if all(ok[n] >= 5 or (ok[n] >= 4 and ok[n] + busy[n] == 6) for n in ok) else 1)
PY
echo PASS
