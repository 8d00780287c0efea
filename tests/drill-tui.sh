#!/bin/sh
# drill-tui.sh - the drill-in in the full-screen view: Enter on a client
# blocked on a slow loopback server shows net, the socket with the peer
# address and the server's pid; Esc returns to the list with the same row
# selected; f follows the wait to the server and Backspace walks back;
# Enter on the fsync writer shows its file with path and position; k in
# the drill-in sends SIGTERM after a confirmation, and the view shows the
# exit.
. "${SRCDIR:-.}/tests/tui-lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wait_net_pair 120
wt_bg python3 "$PY_FIXTURES/fsync-writer.py" "$WAIT_TMP/wal"
writer=$WT_LAST

# the list shows the three fixtures; the client is selected with Down
tui_start 80 24 -U -C -d 0.5 -s pid -p "$server,$client,$writer"
tui_keys Down
tui_keys Enter
wt_tmux_wait "DRILL pid $client" 10 || fail "Enter did not open the drill-in of $client"
wt_tmux_wait "net " 10 || fail "no net verdict in the drill-in"
tui_show "drill-in of the client"
tui_keys Tab Tab Tab Tab
wt_tmux_wait "127.0.0.1:$port" 10 || fail "no socket with the peer address"
wt_tmux_wait "peer: pid $server" 10 || fail "the socket does not name the server's pid"
tui_show "sockets of the client"
tui_keys Escape
wt_tmux_wait "COMMAND" 5 || fail "Esc did not return to the list"
tui_show "back in the list"
# the selected row is still the client: Enter opens it again
tui_keys Enter
wt_tmux_wait "DRILL pid $client" 10 || fail "the selection was not kept (Enter opened another process)"
# following the wait: f opens the server, Backspace walks back
tui_keys f
wt_tmux_wait "DRILL pid $server" 10 || fail "f did not follow the client's wait to the server"
tui_show "followed to the server"
tui_keys BSpace
wt_tmux_wait "DRILL pid $client" 10 || fail "Backspace did not walk back to the client"
tui_keys Left
wt_tmux_wait "COMMAND" 5 || fail "Left did not return to the list"

# the writer: its file with path and position
tui_keys Down Enter
wt_tmux_wait "DRILL pid $writer" 10 || fail "Enter did not open the drill-in of the writer"
tui_keys Tab Tab Tab Tab Tab
wt_tmux_wait "$WAIT_TMP/wal" 10 || fail "the writer's file is not listed"
wt_tmux_screen | grep -F "$WAIT_TMP/wal" | grep -Eq '^ +[0-9]+ file +[0-9.]+[KMG]? ' ||
	{ tui_show "files"; fail "the file has no position"; }
tui_show "files of the writer"

# k in the drill-in: the signal menu, a confirmation naming the process,
# and the view then says it exited and keeps the data
tui_keys k
wt_tmux_wait "Send signal" 5 || fail "k did not open the signal menu in the drill-in"
tui_keys Enter
wt_tmux_wait "Send SIGTERM to pid $writer" 5 || fail "no confirmation naming the writer"
kill -0 "$writer" 2>/dev/null || fail "the writer died before the confirmation"
tui_keys y
wt_tmux_wait "EXITED at" 10 || fail "the exit is not shown after SIGTERM"
tui_show "after the exit"
tui_keys q
tui_check_exit 0
