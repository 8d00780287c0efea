#!/bin/sh
# wait-unix.sh - a parent reading a unix socket whose peer is held by its
# child: ipc, why names the peer's owner, and why_pid is that child.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/unix-pair.py"
reader=$WT_LAST
wait_for_wchan "$reader" unix_stream || fail "reader never blocked"
# only now: before the fork a launcher may have had short-lived children
kid=$(wait_child_of "$reader") || fail "no peer child"
wait_check "$reader" ipc "^recvfrom\\(\\) on unix .* \\(pid $kid python3[^)]*\\)\$" \
	"p['why_pid'] == $kid"
