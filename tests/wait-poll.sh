#!/bin/sh
# wait-poll.sh - poll() on a pipe and a TCP listener, a mix of fds: poll.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/poll-mix.py"
wait_for_wchan "$WT_LAST" poll_schedule_timeout || fail "never blocked in poll"
wait_check "$WT_LAST" poll '^poll\(\) on 2 fds \(1 network\)$'
