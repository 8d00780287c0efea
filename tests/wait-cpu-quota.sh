#!/bin/sh
# wait-cpu-quota.sh - a CPU spinner in a cgroup limited to 20ms/100ms of
# CPU: runqueue, and the evidence says the quota throttles it and names
# the cgroup.  Root only: it creates a uniquely
# named cgroup (v2 cpu.max, or v1 cpu.cfs_quota_us when the cpu controller
# is on a v1 hierarchy) and removes it on exit.  The first interval has no
# throttling delta yet, so two samples fewer are required.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

need_root
name="waittop-quota.$$"
mode="" cg="" spinner="" added_ctl=""
V1=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { print $2; exit }' /proc/mounts)
V2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
if [ -n "$V1" ] && [ -w "$V1" ]; then
	mode=v1 cg="$V1/$name"
elif [ -n "$V2" ] && grep -qw cpu "$V2/cgroup.controllers" 2>/dev/null; then
	mode=v2 cg="$V2/$name"
else
	skip "no cgroup cpu controller (neither v1 cpu nor v2 cpu.max)"
fi
quota_cleanup() {
	if [ -n "$spinner" ]; then kill -KILL "$spinner" 2>/dev/null; wait "$spinner" 2>/dev/null; fi
	# the cgroup can be removed once its last task is gone
	i=0
	while [ -d "$cg" ] && ! rmdir "$cg" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	for c in $added_ctl; do echo "-$c" >"$V2/cgroup.subtree_control" 2>/dev/null; done
	wait_cleanup
}
trap quota_cleanup EXIT
trap 'exit 1' INT TERM HUP

if [ "$mode" = v2 ] && ! grep -qw cpu "$V2/cgroup.subtree_control"; then
	echo "+cpu" >"$V2/cgroup.subtree_control" || skip "cannot enable the cpu controller"
	added_ctl=cpu
fi
mkdir "$cg" || skip "cannot create cgroup $cg"
# the group's weight at its maximum: it gets its 20 ms early in each
# period even on a busy machine, so the quota is what holds it
if [ "$mode" = v1 ]; then
	echo 100000 >"$cg/cpu.cfs_period_us" && echo 20000 >"$cg/cpu.cfs_quota_us" ||
		fail "cannot set the quota"
	echo 262144 >"$cg/cpu.shares" || fail "cannot set cpu.shares"
else
	echo "20000 100000" >"$cg/cpu.max" || fail "cannot set cpu.max"
	echo 10000 >"$cg/cpu.weight" || fail "cannot set cpu.weight"
fi
sh -c 'while :; do :; done' &
spinner=$!
echo "$spinner" >"$cg/cgroup.procs" || fail "cannot move the spinner into $cg"
WAIT_MIN_OK=$((WAIT_MIN_OK - 2))
# on a busy machine the spinner also waits behind other programs before
# it has used its 20 ms: then the busy CPUs come first, the quota second
wait_check "$spinner" runqueue "^runqueue: [0-9]+% (of the interval waiting for a CPU, [0-9]+% )?throttled by CPU quota 20ms/100ms \\(cgroup /$name\\)\$" \
	'p["wait_share"].get("runqueue", 0) >= 60'
