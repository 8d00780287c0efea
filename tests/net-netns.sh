#!/bin/sh
# net-netns.sh - a TCP pair paced at 4 MB/s inside a network namespace made
# here (root only): its sockets are invisible to a dump of ours, so the
# rates prove that the collector dumps the other namespace too.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/net-lib.sh"

need_root
command -v ip >/dev/null 2>&1 || skip "no ip(8)"
NS=waittop-test-$$
ip netns add "$NS" 2>/dev/null || skip "cannot create a network namespace"
trap 'net_cleanup; ip netns del "$NS" 2>/dev/null' EXIT
ip -n "$NS" link set lo up || fail "lo up in $NS"

net_pair "ip netns exec $NS" 127.0.0.1
# the pair must really be elsewhere (poll: ip(8) enters the namespace, then execs)
i=0
while [ "$(readlink /proc/$NET_SEND/ns/net)" = "$(readlink /proc/$$/ns/net)" ]; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "sender not in $NS"; sleep 0.1
done
[ "$(readlink /proc/$NET_RECV/ns/net)" != "$(readlink /proc/$$/ns/net)" ] || fail "receiver not in $NS"
net_rates "$NET_TMP/out" "$NET_RECV" "$NET_SEND"
net_check_near "$NET_TMP/out" "$NET_RECV" net_rx_bps
net_check_near "$NET_TMP/out" "$NET_SEND" net_tx_bps

# Unprivileged, another namespace cannot be entered: a process of our own
# in it has null rates, not 0 (its sockets are not in our dump).
if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
	AS_NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	chmod 755 "$NET_TMP"
	mkdir -m 777 "$NET_TMP/nobody"
	wt_bg ip netns exec "$NS" $AS_NOBODY "$FIXTURES/net-pace" recv 127.0.0.1 "$NET_TMP/nobody/port"
	R2=$WT_LAST
	net_wait_file "$NET_TMP/nobody/port" || fail "nobody's receiver in $NS did not start"
	wt_bg ip netns exec "$NS" $AS_NOBODY "$FIXTURES/net-pace" send 127.0.0.1 "$(cat "$NET_TMP/nobody/port")" "$NET_BPS"
	S2=$WT_LAST
	i=0
	while [ "$(stat -c %u /proc/$S2)" != "$(id -u nobody)" ]; do
		i=$((i + 1)); [ $i -lt 50 ] || fail "sender did not become nobody"; sleep 0.1
	done
	NET_AS=$AS_NOBODY net_rates "$NET_TMP/out2" "$R2" "$S2"
	net_check_value "$NET_TMP/out2" "$R2" net_rx_bps null
	net_check_value "$NET_TMP/out2" "$S2" net_tx_bps null
fi
