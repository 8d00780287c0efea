#!/bin/sh
# drill-follow-p.sh - f follows the wait to a process outside the -p set:
# with only the client of a slow loopback server given (-p CLIENT), Enter
# and f open the server, with its own threads and wait; Backspace walks
# back to the client, and the list still shows only the client.
. "${SRCDIR:-.}/tests/tui-lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wait_net_pair 120

tui_start 100 30 -U -C -d 0.5 -p "$client"
tui_keys Enter
wt_tmux_wait "DRILL pid $client" 10 || fail "Enter did not open the drill-in of $client"
wt_tmux_wait "waits on pid $server" 10 || { tui_show "client"; fail "the client's wait does not name the server outside -p"; }
tui_show "drill-in of the client (-p $client)"
tui_keys f
wt_tmux_wait "DRILL pid $server" 10 || { tui_show "after f"; fail "f did not follow the wait to the server outside -p"; }
# the server is read, not just named: its command line and its wait
wt_tmux_wait "slow-server.py" 10 || { tui_show "server"; fail "the server's command line is not shown"; }
wt_tmux_screen | grep -q "EXITED" && { tui_show "server"; fail "the server is shown as exited"; }
tui_show "followed to the server"
tui_keys BSpace
wt_tmux_wait "DRILL pid $client" 10 || fail "Backspace did not walk back to the client"
tui_keys Escape
wt_tmux_wait "COMMAND" 5 || fail "Esc did not return to the list"
# back in the list: only the -p process, the followed one is not added
tui_wait_cmd "the list does not show the client" 5 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -q \"^ *$client \""
[ -z "$(tui_pids | grep -vx "$client")" ] || { tui_show "list"; fail "the list shows processes outside -p: $(tui_pids | tr '\n' ' ')"; }
tui_keys q
tui_check_exit 0
