#!/bin/sh
# wait-net.sh - a client blocked in recv() on a loopback server that answers
# after a minute: net, why names both ends of the connection and the
# server's pid, and why_pid is the server.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wait_net_pair 60
# why_pid: the server, found through the connection's other socket
wait_check "$client" net "^recvfrom\\(\\) on TCP 127\\.0\\.0\\.1:[0-9]+ -> 127\\.0\\.0\\.1:$port \\(pid $server python3[^)]*\\)\$" \
	"p['why_pid'] == $server"
