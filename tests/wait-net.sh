#!/bin/sh
# wait-net.sh - a client blocked in recv() on a loopback server that answers
# after a minute: net, why names both ends of the connection and the
# server's pid, and why_pid is the server.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/slow-server.py" "$WAIT_TMP/port" 60
server=$WT_LAST
wait_for_file "$WAIT_TMP/port" || fail "server did not start"
port=$(cat "$WAIT_TMP/port")
wt_bg python3 "$PY_FIXTURES/net-client.py" "$port"
client=$WT_LAST
wait_for_wchan "$client" 'wait_woken|sk_wait_data' || fail "client never blocked"
# why_pid: the server, found through the connection's other socket
wait_check "$client" net "^recvfrom\\(\\) on TCP 127\\.0\\.0\\.1:[0-9]+ -> 127\\.0\\.0\\.1:$port \\(pid $server python3[^)]*\\)\$" \
	"p['why_pid'] == $server"
