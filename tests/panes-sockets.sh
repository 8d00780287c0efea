#!/bin/sh
# panes-sockets.sh - --panes sockets: the UDP and unix sockets in
# "connections" next to TCP.  A UDP receiver that never reads shows its
# queued datagrams and its drops; a unix socketpair shows the unread bytes
# on the reader's end with both ends' owners (parent and child), a named
# listener its path and its waiting connection, a client the listener's
# path as peer.  A UDP socket opened after its owner's fds were read gets
# its owner once it holds datagrams.  --panes all and connections list TCP
# only, as before.
# As root: run as nobody, the same rows come with null owners, not 0;
# and 9,000 more socketpairs run into the per-refresh cap: 16,384 rows,
# the rest counted in connections_omitted, busy sockets kept.
. "${SRCDIR:-.}/tests/lib.sh"
TMP=$(mktemp -d) || fail "mktemp"
trap 'wt_cleanup; rm -rf "$TMP"' EXIT

# hold DIR [PAIRS]: start sock-hold.py, wait for its info.json.
hold() {
	mkdir -p "$1"
	wt_bg python3 "$SRCDIR/tests/fixtures/sock-hold.py" "$1" ${2:+"$2"}
	i=0
	until [ -s "$1/info.json" ]; do
		kill -0 "$WT_LAST" 2>/dev/null || return 1
		i=$((i + 1)); [ $i -lt 300 ] || return 1
		sleep 0.1
	done
}
# pids DIR: "parent,child" of a holder.
pids() { python3 -c 'import json,sys; i=json.load(open(sys.argv[1])); print("%d,%d" % (i["parent"], i["child"]))' "$1/info.json"; }

hold "$TMP/a" || fail "sock-hold did not start"
"$WAITTOP" -b --json --panes sockets -d 0.5 -n 3 -p "$(pids "$TMP/a")" >"$TMP/json" ||
	fail "waittop --panes sockets failed"
python3 - "$TMP/json" "$TMP/a/info.json" <<'PY' || fail "the held sockets are not in connections as expected"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
i = json.load(open(sys.argv[2]))
for d in lines:
    assert d["connections_omitted"] == 0, d["connections_omitted"]
    for c in d["connections"]:
        assert c["proto"] in ("tcp", "udp", "unix"), c
        if c["proto"] == "udp":
            assert {"inode", "drops"} <= set(c), c
        if c["proto"] == "unix":
            assert {"inode", "type", "peer_inode", "peer_pid", "peer_comm"} <= set(c), c
            assert c["rx_bps"] is None and c["rtt_ms"] is None, c
rows = {c["inode"]: c for c in lines[-1]["connections"] if c["proto"] != "tcp"}
for k in ("udp_inode", "a_inode", "b_inode", "listen_inode", "client_inode", "accepted_inode"):
    assert i[k] in rows, (k, i[k])
u = rows[i["udp_inode"]]
print("udp:", u)
assert u["local"] == "127.0.0.1:%d" % i["udp_port"] and u["state"] == "UNCONN", u
assert u["recv_q"] >= i["dgram_len"], "queued datagrams show in recv_q"
assert u["drops"] is not None and u["drops"] >= i["dgrams"] // 2, "the full buffer dropped most"
assert u["pid"] == i["parent"] and u["comm"] == "sock-hold", u
b = rows[i["b_inode"]]
print("reader end:", b)
assert b["type"] == "stream" and b["state"] == "ESTAB", b
assert b["recv_q"] == i["bytes"], "the unread bytes are the reader's recv_q"
assert b["pid"] == i["child"] and b["comm"] == "sock-peer", b
assert b["peer_inode"] == i["a_inode"], b
assert b["peer_pid"] == i["parent"] and b["peer_comm"] == "sock-hold", b
a = rows[i["a_inode"]]
assert a["pid"] == i["parent"] and a["peer_inode"] == i["b_inode"], a
assert a["peer_pid"] == i["child"] and a["peer_comm"] == "sock-peer", a
l = rows[i["listen_inode"]]
print("listener:", l)
assert l["local"] == i["path"] and l["state"] == "LISTEN" and l["recv_q"] == 1, l
assert l["peer_inode"] is None and l["peer_pid"] is None, l
c = rows[i["client_inode"]]
print("client:", c)
assert c["local"] == "" and c["peer"] == i["path"], c
assert c["peer_inode"] == i["accepted_inode"] and c["peer_pid"] == i["parent"], c
PY

"$WAITTOP" -b --panes sockets -d 0.5 -n 1 -p "$(pids "$TMP/a")" >"$TMP/text" || fail "waittop -b --panes sockets"
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["udp_port"])' "$TMP/a/info.json")
grep -q '^PROTO ' "$TMP/text" && grep -Eq "^unix +stream +$TMP/a/listen.sock .* LISTEN " "$TMP/text" &&
	grep -Eq "^udp +dgram +127.0.0.1:$port " "$TMP/text" || { cat "$TMP/text" >&2; fail "no SOCKETS table with the held sockets"; }
sed -n '/^LOCAL /,/^$/p' "$TMP/text" | grep -Eq '^(udp|unix) ' && fail "UDP or unix rows in the CONNECTIONS table"

for p in all connections; do
	"$WAITTOP" -b --json --panes "$p" -d 0.3 -n 1 >"$TMP/$p" || fail "waittop --panes $p"
	python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).readline())
assert "connections_omitted" not in d
assert all(c["proto"] == "tcp" for c in d["connections"]), "UDP or unix rows without sockets"' "$TMP/$p" ||
		fail "--panes $p lists more than TCP"
	"$WAITTOP" -b --panes "$p" -d 0.3 -n 1 | grep -q '^PROTO ' && fail "a SOCKETS table with --panes $p"
done

# A UDP socket opened after its process's fds were read carries no traffic
# that would start a search for its owner: its queued datagrams do.
mkdir "$TMP/late"
wt_bg python3 -c '
import os, socket, sys, time
d = sys.argv[1]
while not os.path.exists(os.path.join(d, "go")):
    time.sleep(0.05)
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
r.bind(("127.0.0.1", 0))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(5):
    s.sendto(b"z" * 100, r.getsockname())
with open(os.path.join(d, "inode.tmp"), "w") as f:
    f.write(str(os.fstat(r.fileno()).st_ino))
os.rename(os.path.join(d, "inode.tmp"), os.path.join(d, "inode"))
while True:
    time.sleep(1000)' "$TMP/late"
late=$WT_LAST
"$WAITTOP" -b --json --panes sockets -d 0.5 -n 8 -p "$late" >"$TMP/late.json" &
wt=$!
i=0
until [ -s "$TMP/late.json" ]; do # the first refresh read its fds
	i=$((i + 1)); [ $i -lt 200 ] || fail "waittop gave no first sample"
	sleep 0.05
done
touch "$TMP/late/go"
wait $wt || fail "waittop --panes sockets -p $late failed"
[ -s "$TMP/late/inode" ] || fail "the late UDP socket was not opened"
python3 - "$TMP/late.json" "$(cat "$TMP/late/inode")" "$late" <<'PY' || fail "the late UDP socket's owner was not found"
import json, sys
ino, pid = int(sys.argv[2]), int(sys.argv[3])
seen = []
for d in map(json.loads, open(sys.argv[1])):
    seen += [c["pid"] for c in d["connections"] if c.get("inode") == ino]
print("late UDP socket's owner, by refresh:", seen)
assert seen and seen[-1] == pid, "found within the refreshes left"
PY

[ "$(id -u)" -eq 0 ] || { echo "not root: the nobody and cap parts are skipped"; echo PASS; exit 0; }
if command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$TMP"
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$WAITTOP" -b --json --panes sockets -d 0.5 -n 2 \
		-p "$(pids "$TMP/a")" >"$TMP/nobody" 2>"$TMP/nobody.err" || { cat "$TMP/nobody.err" >&2; fail "--panes sockets as nobody"; }
	python3 - "$TMP/nobody" "$TMP/a/info.json" <<'PY' || fail "root's sockets as nobody: not null"
import json, sys
d = [json.loads(l) for l in open(sys.argv[1])][-1]
i = json.load(open(sys.argv[2]))
rows = {c["inode"]: c for c in d["connections"] if c["proto"] != "tcp"}
b = rows[i["b_inode"]]
print("reader end as nobody:", b)
assert b["recv_q"] == i["bytes"], "the table is seen whole"
assert b["pid"] is None and b["comm"] is None and b["peer_pid"] is None and b["peer_comm"] is None, b
PY
fi

hold "$TMP/b" 9000 || { echo "cannot hold 18,000 sockets: the cap part is skipped"; echo PASS; exit 0; }
"$WAITTOP" -b --json --panes sockets -d 0.5 -n 1 -p "$(pids "$TMP/b")" >"$TMP/cap" ||
	fail "waittop --panes sockets with 18,000 sockets"
python3 - "$TMP/cap" "$TMP/b/info.json" <<'PY' || fail "the cap of 16,384 rows"
import json, sys
d = json.loads(open(sys.argv[1]).readline())
i = json.load(open(sys.argv[2]))
socks = [c for c in d["connections"] if c["proto"] != "tcp"]
print("rows", len(socks), "omitted", d["connections_omitted"])
assert len(socks) == 16384, len(socks)
assert d["connections_omitted"] >= 2 * i["pairs"] + 6 - 16384, d["connections_omitted"]
inodes = {c["inode"] for c in socks}
assert i["udp_inode"] in inodes and i["b_inode"] in inodes and i["listen_inode"] in inodes, \
    "busy sockets are kept under the cap"
PY
echo PASS
