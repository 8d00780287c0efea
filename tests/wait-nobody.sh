#!/bin/sh
# wait-nobody.sh - without permission (another user's process as
# non-root: wchan reads 0, syscall is EACCES) the verdict rests on state
# and schedstat and says so; an own process still gets the full verdict.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

need_root
command -v setpriv >/dev/null 2>&1 || skip "no setpriv"
NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
chmod 755 "$WAIT_TMP"
wt_bg sleep 600
roots=$WT_LAST
wt_bg $NOBODY sleep 600
mine=$WT_LAST
wait_for_wchan "$roots" nanosleep || fail "sleep never slept"
wait_for_wchan "$mine" nanosleep || fail "sleep never slept"
$NOBODY "$WAITTOP" -b --json -n 2 -d 0.5 -p "$roots,$mine" >"$WAIT_TMP/json" 2>"$WAIT_TMP/err" ||
	{ cat "$WAIT_TMP/err" >&2; fail "unprivileged waittop failed"; }
python3 - "$WAIT_TMP/json" "$roots" "$mine" <<'PY' || fail "unprivileged verdicts are wrong"
import json, sys
last = [json.loads(l) for l in open(sys.argv[1]) if l.strip()][-1]
procs = {p["pid"]: p for p in last["processes"]}
r, m = procs[int(sys.argv[2])], procs[int(sys.argv[3])]
print("root's:", r["wait"], r["wait_share"], r["why"])
print("own:   ", m["wait"], m["wait_share"], m["why"])
assert r["why"] == "no permission: state S", r
assert r["wait"] == "other", r
assert m["wait"] == "sleep" and m["why"] == "clock_nanosleep()", m
PY
