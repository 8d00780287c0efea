#!/bin/sh
# drill-follow-chain.sh - a chain of waits walked in three keypresses: the
# client waits on a loopback server, which waits on its backend (reading a
# pipe the backend holds and never writes).  Enter opens the client, f the
# server, f the backend; Backspace walks back the same way, to the list;
# also when -p names the client only.
. "${SRCDIR:-.}/tests/tui-lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg python3 "$PY_FIXTURES/relay-server.py" "$WAIT_TMP/port"
server=$WT_LAST
wait_for_file "$WAIT_TMP/port" || fail "server did not start"
port=$(cat "$WAIT_TMP/port")
backend=$(wait_child_of "$server") || fail "the server has no backend child"
wt_bg python3 "$PY_FIXTURES/net-client.py" "$port"
client=$WT_LAST
wait_for_wchan "$client" 'wait_woken|sk_wait_data' || fail "client never blocked"
wait_for_wchan "$server" 'pipe_read|pipe_wait' || fail "server never blocked on its backend"

# drill_chain PIDS: the walk in a view of -p PIDS
drill_chain() {
	tui_start 120 40 -U -C -d 0.5 -s pid -p "$1"
	tui_wait_cmd "the list does not show the client" 10 sh -c \
		"tmux -L $WT_TMUX capture-pane -p | grep -Eq '^ *$client '"
	# select the client: Down as many times as rows above it
	for p in $(tui_pids); do
		[ "$p" = "$client" ] && break
		tui_keys Down
	done
	tui_show "the list"

	# key 1: Enter, the client, waiting on the server
	tui_keys Enter
	wt_tmux_wait "DRILL pid $client" 10 || fail "Enter did not open the client"
	wt_tmux_wait "waits on pid $server" 10 || fail "the client does not name the server"
	# key 2: f, the server, waiting on its backend through the pipe
	tui_keys f
	wt_tmux_wait "DRILL pid $server" 10 || fail "f did not follow the client to the server"
	wt_tmux_wait "waits on pid $backend" 10 || { tui_show "server"; fail "the server does not name its backend"; }
	wt_tmux_screen | grep -Eq "^ipc .*read\(\) on pipe" || { tui_show "server"; fail "the server's wait is not the pipe read"; }
	# its pipe row names the backend too (the drill-in's own search)
	tui_wait_cmd "the server's pipe row does not name the backend" 10 sh -c \
		"tmux -L $WT_TMUX capture-pane -p | grep -Eq '^ +writer: pid $backend '"
	tui_show "step 2: the server"
	# key 3: f, the backend, the end of the chain
	tui_keys f
	wt_tmux_wait "DRILL pid $backend" 10 || fail "f did not follow the server to its backend"
	wt_tmux_wait "chain 2" 5 || fail "the chain is not 2 deep at the backend"
	wt_tmux_wait "clock_nanosleep" 10 || { tui_show "backend"; fail "the backend's own wait is not shown"; }
	tui_show "step 3: the backend"
	tui_keys f
	wt_tmux_wait "waits on no other local process" 10 || fail "f at the end of the chain did not say so"
	# and back: Backspace, Backspace to the client, Backspace to the list
	tui_keys BSpace
	wt_tmux_wait "DRILL pid $server" 10 || fail "Backspace did not walk back to the server"
	tui_keys BSpace
	wt_tmux_wait "DRILL pid $client" 10 || fail "Backspace did not walk back to the client"
	tui_keys BSpace
	wt_tmux_wait "COMMAND" 5 || fail "Backspace at the start of the chain did not return to the list"
	tui_keys q
	tui_check_exit 0
	tmux -L "$WT_TMUX" kill-server
}

# the three in the view; then only the client: f reads the server and the
# backend although -p leaves them out, and finds the backend among the
# server's children, which the filtered view never read
drill_chain "$client,$server,$backend"
drill_chain "$client"
