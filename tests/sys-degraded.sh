#!/bin/sh
# sys-degraded.sh - the system collector when parts of /proc are missing
# or empty: in a private mount namespace, hide /proc/pressure (as on a
# kernel without PSI) and blank /proc/meminfo, /proc/diskstats and
# /proc/loadavg.  Each part must drop its own have_ flag, nothing else,
# and nothing may crash.  Then, in a private network namespace, more
# interfaces than the collector keeps (a container host's veths) must
# still give network rates.  Needs root and unshare(1).
. "${SRCDIR:-.}/tests/lib.sh"
need_root
command -v unshare >/dev/null 2>&1 || skip "no unshare"
DUMP="$FIXTURES/sys-dump"
[ -x "$DUMP" ] || fail "missing $DUMP"

tmp=$(mktemp -d) || fail "mktemp"
trap 'wt_cleanup; rm -rf "$tmp"' EXIT
mkdir "$tmp/empty"
: > "$tmp/blank"

unshare -m --propagation private true 2>/dev/null || skip "cannot make a mount namespace here"

# the normal run first: everything present (PSI as the kernel allows)
"$DUMP" > "$tmp/full" || fail "sys-dump failed on the live system"
for k in have_cpu have_load have_mem have_disk have_net have_retrans; do
	grep -qx "$k=1" "$tmp/full" || fail "live system: expected $k=1: $(cat "$tmp/full")"
done
if cat /proc/pressure/io >/dev/null 2>&1; then
	grep -qx "have_psi=1" "$tmp/full" || fail "PSI readable but have_psi=0"
fi

# as nobody: every file is world-readable, so the same parts are there
if command -v setpriv >/dev/null 2>&1; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$DUMP" > "$tmp/nobody" ||
		fail "sys-dump failed as nobody"
	grep '^have_' "$tmp/full" > "$tmp/full.have"
	grep '^have_' "$tmp/nobody" > "$tmp/nobody.have"
	cmp -s "$tmp/full.have" "$tmp/nobody.have" ||
		fail "as nobody: $(tr '\n' ' ' < "$tmp/nobody.have") vs root: $(tr '\n' ' ' < "$tmp/full.have")"
fi

unshare -m --propagation private sh -c '
	mount --bind "$1/empty" /proc/pressure 2>/dev/null || mount -t tmpfs none /proc/pressure || exit 3
	mount --bind "$1/blank" /proc/meminfo || exit 3
	mount --bind "$1/blank" /proc/diskstats || exit 3
	mount --bind "$1/blank" /proc/loadavg || exit 3
	exec "$2"' sh "$tmp" "$DUMP" > "$tmp/degraded"
rc=$?
[ $rc -eq 3 ] && skip "cannot bind-mount over /proc here"
[ $rc -eq 0 ] || fail "sys-dump exited $rc with parts of /proc hidden"
cat "$tmp/degraded"
for k in have_psi have_mem have_load; do
	grep -qx "$k=0" "$tmp/degraded" || fail "expected $k=0"
done
# an empty diskstats is no disks, which is a fact, not a failure
grep -qx "ndisks=0" "$tmp/degraded" || fail "expected ndisks=0"
grep -qx "busiest_disk=" "$tmp/degraded" || fail "expected no busiest disk"
for k in have_cpu have_net have_retrans; do
	grep -qx "$k=1" "$tmp/degraded" || fail "hiding other files lost $k"
done

# 300 veth interfaces plus lo: /proc/net/dev is about 40 KB
unshare -n sh -c '
	i=0
	while [ $i -lt 150 ]; do
		ip link add "wa$i" type veth peer name "wb$i" 2>/dev/null || exit 3
		i=$((i + 1))
	done
	exec "$1"' sh "$DUMP" > "$tmp/many"
rc=$?
[ $rc -eq 3 ] && skip "cannot create veth interfaces here"
[ $rc -eq 0 ] || fail "sys-dump exited $rc with 301 interfaces"
grep -qx "have_net=1" "$tmp/many" || fail "301 interfaces lost the network part: $(cat "$tmp/many")"
grep -qx "nifaces=256" "$tmp/many" || fail "expected the first 256 interfaces: $(grep nifaces "$tmp/many")"
exit 0
