#!/bin/sh
# wait-follow-nobody.sh - an unprivileged client of root's loopback server:
# waittop as nobody cannot read the server's fds, so the client's wait is
# net with no why_pid (null, never a wrong pid); as root the same client
# gets the server's pid.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

need_root
command -v setpriv >/dev/null 2>&1 || skip "no setpriv"
NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
chmod 755 "$WAIT_TMP"
wt_bg python3 "$PY_FIXTURES/slow-server.py" "$WAIT_TMP/port" 60
server=$WT_LAST
wait_for_file "$WAIT_TMP/port" || fail "server did not start"
wt_bg $NOBODY /usr/bin/python3 "$PY_FIXTURES/net-client.py" "$(cat "$WAIT_TMP/port")"
client=$WT_LAST
wait_for_wchan "$client" 'wait_woken|sk_wait_data' || fail "client never blocked"
$NOBODY "$WAITTOP" -b --json -n 3 -d 0.5 -p "$client" >"$WAIT_TMP/nobody" 2>"$WAIT_TMP/err" ||
	{ cat "$WAIT_TMP/err" >&2; fail "unprivileged waittop failed"; }
"$WAITTOP" -b --json -n 3 -d 0.5 -p "$client" >"$WAIT_TMP/root" 2>"$WAIT_TMP/err" ||
	{ cat "$WAIT_TMP/err" >&2; fail "waittop failed"; }
python3 - "$WAIT_TMP/nobody" "$WAIT_TMP/root" "$client" "$server" <<'PY' || fail "why_pid is wrong"
import json, sys
def last(path):
    d = [json.loads(l) for l in open(path) if l.strip()][-1]
    return [p for p in d["processes"] if p["pid"] == int(sys.argv[3])][0]
n, r = last(sys.argv[1]), last(sys.argv[2])
print("as nobody:", n["wait"], n["why"], n["why_pid"])
print("as root:  ", r["wait"], r["why"], r["why_pid"])
assert n["wait"] == "net" and n["why_pid"] is None and "(pid" not in n["why"], n
assert r["wait"] == "net" and r["why_pid"] == int(sys.argv[4]), r
PY
