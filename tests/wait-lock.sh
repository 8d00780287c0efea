#!/bin/sh
# wait-lock.sh - four threads taking turns on one mutex, each holding it
# for 20 ms: three of them wait in futex(): lock.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg $WAIT_PRIO "$FIXTURES/mutex"
wait_for_wchan "$WT_LAST" futex || fail "no thread ever waited on the mutex"
wait_check "$WT_LAST" lock '^futex$'
