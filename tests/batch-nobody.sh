#!/bin/sh
# batch-nobody.sh - an unprivileged run prints rows; what it may not read
# (root's /proc/PID/io, wchan of tasks it cannot ptrace) is null, never 0,
# and its own processes are read fully.
. "${SRCDIR:-.}/tests/lib.sh"
need_root
command -v setpriv >/dev/null || skip "no setpriv"

out=$(mktemp); trap 'rm -f "$out"; wt_cleanup' EXIT
chmod 644 "$out"
wt_bg setpriv --reuid=nobody --regid=nogroup --clear-groups sleep 600
mine=$WT_LAST
wt_bg sleep 600
roots=$WT_LAST
wt_wait_wchan "$mine" hrtimer_nanosleep || fail "nobody's sleep never slept"
wt_wait_wchan "$roots" hrtimer_nanosleep || fail "root's sleep never slept"
setpriv --reuid=nobody --regid=nogroup --clear-groups "$WAITTOP" --json -n 2 -d 0.5 >"$out" ||
	fail "unprivileged waittop exited $?"
python3 - "$out" "$mine" "$roots" <<'PY' || fail "unprivileged checks failed"
import json, sys
d = [json.loads(l) for l in open(sys.argv[1])][-1]
mine, roots = int(sys.argv[2]), int(sys.argv[3])
assert d["root"] is False
procs = {p["pid"]: p for p in d["processes"]}
assert len(procs) > 3, "too few rows"
m, r = procs[mine], procs[roots]
print("own:", m)
print("root's:", r)
assert m["user"] == "nobody" and m["wchan"] == "hrtimer_nanosleep", m
assert m["disk_read_bps"] == 0 and m["disk_write_bps"] == 0, m
assert r["user"] == "root", r
assert r["wchan"] is None and r["disk_read_bps"] is None and r["disk_write_bps"] is None, r
assert r["net_rx_bps"] is None, r
PY
# the text output marks the same with '-' and says once that root sees more
setpriv --reuid=nobody --regid=nogroup --clear-groups "$WAITTOP" -b -n 1 -d 0.3 -p "$roots" >"$out" ||
	fail "unprivileged waittop -b exited $?"
grep -q "run as root" "$out" || fail "no hint that root sees more"
# WCHAN is field 5; DISK R/s and W/s are the two fields under their headers
awk -v p="$roots" '/^ +PID USER/ { r = index($0, "DISK R/s"); next }
	$1 == p { split(substr($0, r, 17), d, " ")
		if ($5 != "-" || d[1] != "-" || d[2] != "-") exit 1; found = 1 } END { exit !found }' "$out" ||
	{ cat "$out"; fail "root's row should show '-' for WCHAN and disk rates"; }
echo ok
