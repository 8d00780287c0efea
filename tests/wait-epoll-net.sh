#!/bin/sh
# wait-epoll-net.sh - epoll_wait on TCP sockets only (a listener and an
# accepted connection): net, not poll, and why names a socket.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/epoll-net.py"
wait_for_wchan "$WT_LAST" epoll_wait || fail "never blocked in epoll_wait"
wait_check "$WT_LAST" net '^epoll_p?wait\(\) on TCP 127\.0\.0\.1:[0-9]+.* \(\+1 more\)$'
