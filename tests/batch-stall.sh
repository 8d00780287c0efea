#!/bin/sh
# batch-stall.sh - a batch run stopped for 2 s (SIGSTOP, as a stalled box
# would) refreshes once late, then paces from that late refresh: every
# interval after it is at least 90% of -d, never a short catch-up interval
# with null rates.
. "$SRCDIR/tests/lib.sh"

T=$(mktemp -d) || fail "mktemp"
trap 'wt_cleanup; rm -rf "$T"' EXIT
wt_bg "$WAITTOP" --json -d 0.5 -n 10 >"$T/out"
W=$WT_LAST
i=0
while [ "$(grep -c . "$T/out")" -lt 2 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "no second refresh"; sleep 0.1
done
kill -STOP "$W"
sleep 2
kill -CONT "$W"
wait "$W" || fail "waittop failed"
python3 - "$T/out" <<'PY' || fail "an interval after the stall was short"
import json, sys
iv = [json.loads(l)["interval_s"] for l in open(sys.argv[1]) if l.strip()]
print("intervals:", iv)
late = max(range(len(iv)), key=lambda i: iv[i] or 0)
assert iv[late] >= 1.5, "no late interval: the stop did not happen"
after = iv[late + 1:]
assert after, "no interval after the late one"
assert all(x is not None and x >= 0.9 * 0.5 for x in after), after
PY
echo "ok: paced from the late refresh"
