#!/bin/sh
# net-unpriv.sh - run unprivileged (nobody), the collector still sees every
# socket, but root's processes have unreadable fds: their rates are null,
# never 0, while nobody's own paced sender gets its real rate.  Root only
# (to switch user).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/net-lib.sh"

need_root
command -v setpriv >/dev/null 2>&1 || skip "no setpriv"
AS_NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
chmod 755 "$NET_TMP"
$AS_NOBODY true 2>/dev/null || skip "cannot switch to nobody"
$AS_NOBODY test -x "$FIXTURES/net-probe" || skip "fixtures not reachable as nobody"

# receiver as root, sender as nobody
rm -f "$NET_TMP/port"
wt_bg "$FIXTURES/net-pace" recv 127.0.0.1 "$NET_TMP/port"
NET_RECV=$WT_LAST
net_wait_file "$NET_TMP/port" || fail "receiver did not start"
wt_bg $AS_NOBODY "$FIXTURES/net-pace" send 127.0.0.1 "$(cat "$NET_TMP/port")" "$NET_BPS"
NET_SEND=$WT_LAST
NET_AS=$AS_NOBODY net_rates "$NET_TMP/out" "$NET_RECV" "$NET_SEND"
net_check_value "$NET_TMP/out" "$NET_RECV" net_rx_bps null
net_check_value "$NET_TMP/out" "$NET_RECV" net_tx_bps null
net_check_near "$NET_TMP/out" "$NET_SEND" net_tx_bps

# The receiver's traffic is not lost: it is unattributed traffic of uid 0.
$AS_NOBODY "$FIXTURES/net-probe" -i 1 -n 4 > "$NET_TMP/uids" || fail "net-probe as nobody failed"
python3 - "$NET_TMP/uids" "$NET_BPS" <<'PY' || { cat "$NET_TMP/uids" >&2; fail "no unattributed uid 0 traffic near the pace"; }
import json, sys
rx = sorted(d["net_rx_bps"] for d in map(json.loads, open(sys.argv[1])) if d.get("uid") == 0)
want = float(sys.argv[2])
sys.exit(0 if len(rx) >= 2 and rx[len(rx) // 2] >= 0.85 * want else 1)
PY
echo "uid 0 unattributed traffic seen"

# waittop reports the same: system.net.unattributed names root with the pace
if [ -s "$NET_TMP/out.raw" ]; then
	python3 - "$NET_TMP/out.raw" "$NET_BPS" <<'PY' || fail "waittop: no unattributed root traffic near the pace"
import json, sys
want = float(sys.argv[2])
rx = []
for line in open(sys.argv[1]):
    if line.strip():
        u = [x for x in json.loads(line)["system"]["net"]["unattributed"] if x["uid"] == 0]
        rx.append(u[0]["rx_bps"] if u else 0.0)
        assert not u or u[0]["user"] == "root", u
rx = sorted(rx[1:])
print("unattributed root rx_bps:", rx)
sys.exit(0 if rx and rx[len(rx) // 2] >= 0.85 * want else 1)
PY
	# and the text output says it in one line
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$WAITTOP" -b -n 2 -d 1 -p "$NET_SEND" |
		grep -q "^NET   not attributed to a process: user root" ||
		fail "waittop -b: no 'not attributed' line for root"
	echo "waittop shows root's traffic as not attributed"
fi
