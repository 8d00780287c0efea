#!/bin/sh
# wait-tty.sh - a child reading its terminal, a pty nobody types into: tty.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/tty-reader.py" "$WAIT_TMP/child"
wait_for_file "$WAIT_TMP/child" || fail "no pty child"
child=$(cat "$WAIT_TMP/child")
wait_for_state "$child" S || fail "the child never blocked"
wait_check "$child" tty '^read\(\) on /dev/pts/[0-9]+$'
