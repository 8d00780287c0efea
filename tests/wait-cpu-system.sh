#!/bin/sh
# wait-cpu-system.sh - a process whose CPU time is nearly all system time
# (threads mapping and unmapping pages): cpu, and the evidence names the
# syscall the looks saw it in.  The first interval may not have caught it
# in a syscall yet, so one sample fewer is required.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

WAIT_MIN_OK=$((WAIT_MIN_OK - 1))
wt_bg $WAIT_PRIO_HI "$FIXTURES/sys-loop"
wait_check "$WT_LAST" cpu '^cpu: [0-9]+% system, in (mmap|munmap)\(\)$'
