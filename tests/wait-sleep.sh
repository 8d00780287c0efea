#!/bin/sh
# wait-sleep.sh - time.sleep(): sleep.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/sleeper.py"
wait_for_wchan "$WT_LAST" 'nanosleep' || fail "sleeper never slept"
wait_check "$WT_LAST" sleep 'nanosleep\(\)'
