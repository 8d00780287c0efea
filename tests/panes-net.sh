#!/bin/sh
# panes-net.sh - the Connections and Interfaces rows of --panes: a TCP
# pair over 127.0.0.1 paced at 4 MB/s is listed with both ends' pids and
# rates within 15 %; as root, the same pace across a veth pair into a
# test network namespace (unique names, removed afterwards) shows on the
# host end of the veth within 15 %.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/net-lib.sh"

# panes_json OUT PANES: six one-second refreshes with --panes PANES.
panes_json() {
	"$WAITTOP" -b --json --panes "$2" -d 1 -n 6 -p "$NET_RECV,$NET_SEND" >"$1" ||
		fail "waittop --panes $2 failed"
}

net_pair "" 127.0.0.1
port=$(cat "$NET_TMP/port")
panes_json "$NET_TMP/conns" connections
python3 - "$NET_TMP/conns" "$NET_RECV" "$NET_SEND" "$port" "$NET_BPS" "$NET_TOL" <<'PY' || fail "the loopback pair is not in connections as expected"
import json, sys
path, recv, send, port, bps, tol = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5]), float(sys.argv[6])
rx, tx, seen = [], [], set()
for n, line in enumerate(open(path)):
    d = json.loads(line)
    for c in d["connections"]:
        if c["state"] != "ESTAB":
            continue
        if c["local"] == "127.0.0.1:" + port and c["pid"] == recv:
            seen.add("recv")
            if n and c["rx_bps"] is not None:
                rx.append(c["rx_bps"])
        if c["peer"] == "127.0.0.1:" + port and c["pid"] == send:
            seen.add("send")
            if n and c["tx_bps"] is not None:
                tx.append(c["tx_bps"])
            assert c["comm"] == "net-pace", c
print("ends seen:", sorted(seen), "receiver rx:", rx, "sender tx:", tx)
assert seen == {"recv", "send"}, "both ends with their pids"
for name, v in (("rx", rx), ("tx", tx)):
    assert len(v) >= 3, name + ": too few rates"
    m = sorted(v)[len(v) // 2]
    assert abs(m - bps) <= tol * bps, "%s median %.0f, expected %.0f +- %d%%" % (name, m, bps, tol * 100)
PY
kill -KILL "$NET_RECV" "$NET_SEND" 2>/dev/null

[ "$(id -u)" -eq 0 ] || { echo "not root: the veth part is skipped"; echo PASS; exit 0; }
command -v ip >/dev/null 2>&1 || { echo "no ip(8): the veth part is skipped"; echo PASS; exit 0; }
NS=waittop-panes-$$
VA=wtpa$$
VB=wtpb$$
ip netns add "$NS" 2>/dev/null || { echo "cannot create a netns: veth part skipped"; echo PASS; exit 0; }
trap 'net_cleanup; ip link del "$VA" 2>/dev/null; ip netns del "$NS" 2>/dev/null' EXIT
# link-local addresses that exist only on this pair
ip link add "$VA" type veth peer name "$VB" || fail "cannot create veth $VA"
ip link set "$VB" netns "$NS" || fail "cannot move $VB into $NS"
ip addr add 169.254.213.1/30 dev "$VA" && ip link set "$VA" up || fail "$VA up"
ip -n "$NS" addr add 169.254.213.2/30 dev "$VB" && ip -n "$NS" link set "$VB" up &&
	ip -n "$NS" link set lo up || fail "$VB up"
rm -f "$NET_TMP/port"
wt_bg ip netns exec "$NS" "$FIXTURES/net-pace" recv 169.254.213.2 "$NET_TMP/port"
NET_RECV=$WT_LAST
net_wait_file "$NET_TMP/port" || fail "receiver in $NS did not start"
wt_bg "$FIXTURES/net-pace" send 169.254.213.2 "$(cat "$NET_TMP/port")" "$NET_BPS"
NET_SEND=$WT_LAST
panes_json "$NET_TMP/ifaces" interfaces
python3 - "$NET_TMP/ifaces" "$VA" "$NET_BPS" "$NET_TOL" <<'PY' || fail "$VA does not carry the paced flow"
import json, sys
path, name, bps, tol = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
tx = []
for n, line in enumerate(open(path)):
    d = json.loads(line)
    assert d["tcp"]["listen_overflows_ps"] is not None
    for i in d["interfaces"]:
        if i["name"] == name and n:
            tx.append(i["tx_bps"])
print(name, "tx_bps:", tx)
assert len(tx) >= 3
m = sorted(tx)[len(tx) // 2]
# the interface counts headers too (about 5 % at a 1500-byte MTU)
assert abs(m - bps) <= tol * bps, "median %.0f, expected %.0f +- %d%%" % (m, bps, tol * 100)
PY
echo PASS
