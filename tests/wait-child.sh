#!/bin/sh
# wait-child.sh - waitpid() on a child that sleeps: child, and why_pid is
# that child.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/waiter.py"
parent=$WT_LAST
wait_for_wchan "$parent" do_wait || fail "parent never waited"
# only now: before the fork a launcher may have had short-lived children
kid=$(wait_child_of "$parent") || fail "no child"
wait_check "$parent" child "^wait4\\(\\): waiting for a child \\(child: pid $kid python3[^)]*\\)\$" \
	"p['why_pid'] == $kid"
