#!/bin/sh
# net-pace-v4.sh - a TCP pair over 127.0.0.1 paced at 4 MB/s: the receiver's
# net_rx_bps and the sender's net_tx_bps are within 15 % of the pace, and
# the other direction stays near 0.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/net-lib.sh"

net_pair "" 127.0.0.1
net_rates "$NET_TMP/out" "$NET_RECV" "$NET_SEND"
net_check_near "$NET_TMP/out" "$NET_RECV" net_rx_bps
net_check_near "$NET_TMP/out" "$NET_SEND" net_tx_bps
net_check_value "$NET_TMP/out" "$NET_RECV" net_tx_bps 0
net_check_value "$NET_TMP/out" "$NET_SEND" net_rx_bps 0
