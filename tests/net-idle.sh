#!/bin/sh
# net-idle.sh - a process holding 1,000 idle TCP connections (2,001 sockets)
# has known rates of 0, not null; a process we cannot read (another user's,
# seen unprivileged) has null, not 0.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/net-lib.sh"

wt_bg "$FIXTURES/net-hold" 1 1000 "$NET_TMP/pids"
net_wait_file "$NET_TMP/pids" 15 || fail "net-hold did not set up 1000 connections"
HOLD=$(head -n 1 "$NET_TMP/pids")
[ "$(ls /proc/$HOLD/fd | wc -l)" -ge 2001 ] || fail "holder has too few fds"
net_rates "$NET_TMP/out" "$HOLD"
net_check_value "$NET_TMP/out" "$HOLD" net_rx_bps 0
net_check_value "$NET_TMP/out" "$HOLD" net_tx_bps 0
