#!/bin/sh
# wait-stopped.sh - a sleeper stopped with SIGSTOP: stopped.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/sleeper.py"
wait_for_wchan "$WT_LAST" nanosleep || fail "sleeper never slept"
kill -STOP "$WT_LAST"
wait_for_state "$WT_LAST" T || fail "not stopped"
wait_check "$WT_LAST" stopped '^stopped by a signal$'
