#!/bin/sh
# net-forge.sh - waittop as root joins the TCP destroy groups inside every
# network namespace, including one an unprivileged user made (unshare
# -Urn), where that user may send to the groups.  A user's forged messages
# (lengths that lie, a flood of fake rows of uid 4242, fake unicast dump
# answers) must not crash it, show as traffic, or grow its memory.  Root
# only (to run waittop as root next to nobody's namespace).
. "$SRCDIR/tests/lib.sh"

need_root
command -v setpriv >/dev/null 2>&1 || skip "no setpriv"
command -v unshare >/dev/null 2>&1 || skip "no unshare"
AS_NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
$AS_NOBODY unshare -Urn true 2>/dev/null || skip "nobody cannot create a user and network namespace"
$AS_NOBODY test -x "$FIXTURES/nl-forge" || skip "fixtures not reachable as nobody"
T=$(mktemp -d) || fail "mktemp"
trap 'wt_cleanup; rm -rf "$T"' EXIT
chmod 755 "$T"

# nobody's namespace, then waittop; the netlink port of waittop's dump
# socket in that namespace is waittop's pid (the first socket a process
# binds in a namespace), which the forger learns from a file.
wt_bg $AS_NOBODY unshare -Urn sh -c 'while [ ! -s "$1" ]; do sleep 0.05; done; exec "$2" 7 "$(cat "$1")"' \
	sh "$T/wpid" "$FIXTURES/nl-forge" >"$T/forge"
F=$WT_LAST
wt_bg "$WAITTOP" --json -d 0.5 -n 12 >"$T/out" 2>"$T/err"
W=$WT_LAST
echo "$W" >"$T/wpid"
i=0
while [ ! -s "$T/out" ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "no first refresh"; sleep 0.1
done
sleep 1
rss0=$(awk '/^VmRSS/ {print $2}' /proc/$W/status)
rss1=$rss0
while kill -0 "$W" 2>/dev/null; do
	r=$(awk '/^VmRSS/ {print $2}' /proc/$W/status 2>/dev/null)
	[ -n "$r" ] && [ "$r" -gt "$rss1" ] && rss1=$r
	sleep 0.2
done
wait "$W"
st=$?
wait "$F"
cat "$T/forge"
[ "$st" -eq 0 ] || { cat "$T/err" >&2; fail "waittop exited with status $st (crashed?)"; }
sent=$(sed -n 's/^sent //p' "$T/forge")
[ "${sent:-0}" -gt 1000 ] || fail "the forger sent too little (${sent:-0})"
echo "RSS at the first refresh ${rss0} kB, highest ${rss1} kB"
[ $((rss1 - rss0)) -lt 8192 ] || fail "RSS grew from ${rss0} kB to ${rss1} kB under the flood"
python3 - "$T/out" "$F" <<'PY' || fail "forged rows showed as traffic"
import json, sys
n = seen = 0
for line in open(sys.argv[1]):
    if line.strip():
        n += 1
        for u in json.loads(line)["system"]["net"]["unattributed"]:
            assert u["uid"] != 4242, u
        seen += any(p["pid"] == int(sys.argv[2]) for p in json.loads(line)["processes"])
print(n, "refreshes, no traffic of uid 4242")
assert n == 12, n
assert seen, "the forger was never listed"
PY
echo "ok: forged sock_diag messages ignored"
