#!/bin/sh
# wait-ipc.sh - a parent reading a pipe whose only writer is its child:
# ipc, and why names the pipe and the writer's pid.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/pipe-reader.py"
reader=$WT_LAST
wait_child_of "$reader" >/dev/null || fail "no writer child"
wait_for_wchan "$reader" pipe_read || fail "reader never blocked"
# the writer named must be the reader's child (its parent field says so),
# and why_pid the same pid
wait_check "$reader" ipc '^read\(\) on pipe:\[[0-9]+\] \(writer: pid [0-9]+ python3[^)]*\)$' \
	"int(open('/proc/%s/stat' % re.search(r'pid ([0-9]+)', p['why']).group(1)).read().rsplit(')', 1)[1].split()[1]) == $reader and p['why_pid'] == int(re.search(r'pid ([0-9]+)', p['why']).group(1))"
