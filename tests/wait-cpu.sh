#!/bin/sh
# wait-cpu.sh - an adder: cpu, and why splits user and system time.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg $WAIT_PRIO_HI python3 "$PY_FIXTURES/adder.py"
wait_check "$WT_LAST" cpu '^cpu: [0-9]+% user, [0-9]+% system$'
