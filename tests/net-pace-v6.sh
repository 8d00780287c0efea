#!/bin/sh
# net-pace-v6.sh - a TCP pair over ::1 paced at 4 MB/s: the receiver's
# net_rx_bps and the sender's net_tx_bps are within 15 % of the pace, and
# the other direction stays near 0.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/net-lib.sh"

[ -r /proc/net/if_inet6 ] || skip "no IPv6"
python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null || skip "::1 not usable"
net_pair "" ::1
net_rates "$NET_TMP/out" "$NET_RECV" "$NET_SEND"
net_check_near "$NET_TMP/out" "$NET_RECV" net_rx_bps
net_check_near "$NET_TMP/out" "$NET_SEND" net_tx_bps
net_check_value "$NET_TMP/out" "$NET_RECV" net_tx_bps 0
net_check_value "$NET_TMP/out" "$NET_SEND" net_rx_bps 0
