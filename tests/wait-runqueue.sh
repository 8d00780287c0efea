#!/bin/sh
# wait-runqueue.sh - three adders pinned to one CPU: each is runnable all
# the time but on the CPU a third of it: runqueue, with a share >= 50.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

command -v taskset >/dev/null 2>&1 || skip "taskset is needed"
cpu=$(taskset -pc $$ | sed 's/.*: //; s/[,-].*//')
for i in 1 2 3; do
	wt_bg taskset -c "$cpu" python3 "$PY_FIXTURES/adder.py"
done
wait_check "$WT_LAST" runqueue '^runqueue: [0-9]+% of the interval waiting for a CPU$' 'p["wait_share"].get("runqueue", 0) >= 50'
