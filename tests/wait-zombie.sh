#!/bin/sh
# wait-zombie.sh - a child that exited and was never reaped: zombie, and
# why names the parent.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/zombie.py" "$WAIT_TMP/child"
parent=$WT_LAST
wait_for_file "$WAIT_TMP/child" || fail "no child"
child=$(cat "$WAIT_TMP/child")
wait_for_state "$child" Z || fail "child is not a zombie"
wait_check "$child" zombie "^zombie: parent pid $parent has not reaped it\$"
