#!/bin/sh
# wait-ipc.sh - a parent reading a pipe whose only writer is its child:
# ipc, and why names the pipe and the writer's pid.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/pipe-reader.py"
reader=$WT_LAST
writer=$(wait_child_of "$reader") || fail "no writer child"
wait_for_wchan "$reader" pipe_read || fail "reader never blocked"
wait_check "$reader" ipc "^read\(\) on pipe:\[[0-9]+\] \(writer: pid $writer python3\)\$"
