#!/bin/sh
# drill-cost.sh - CPU the drill-in costs per refresh for a process with
# 1,000 fds and 100 threads: the engine's own measure (cost_ms, thread CPU
# time of the detail read) over N refreshes, and waittop's whole CPU time
# with the drill-in and without it (closed: no detail is read at all).
# Usage: bench/drill-cost.sh [N]  (from the build directory)
n=${1:-10}
W=${WAITTOP:-./waittop}
F=${FIXTURES_BENCH:-./bench/drill-fixture}
tmp=$(mktemp -d) || exit 1
"$F" >"$tmp/ready" &
fx=$!
trap 'kill $fx 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while ! grep -q ready "$tmp/ready" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "fixture did not start"; exit 1; }
	sleep 0.1
done
cat "$tmp/ready"
echo "fds: $(ls /proc/$fx/fd | wc -l)  threads: $(ls /proc/$fx/task | wc -l)"
/usr/bin/env time -f "%U %S" -o "$tmp/t1" "$W" --json -d 0.5 -n "$n" -p "$fx" --drill >"$tmp/j1"
python3 - "$tmp/j1" <<'PY'
import json, sys
c = sorted(json.loads(l)["cost_ms"] for l in open(sys.argv[1]) if l.strip())
print("drill-in detail read per refresh (ms CPU): min %.2f median %.2f mean %.2f max %.2f over %d" %
      (c[0], c[len(c) // 2], sum(c) / len(c), c[-1], len(c)))
PY
/usr/bin/env time -f "%U %S" -o "$tmp/t2" "$W" --json -d 0.5 -n "$n" -p "$fx" >/dev/null
echo "waittop CPU (user sys, s) over $n refreshes: with --drill $(cat "$tmp/t1"), without $(cat "$tmp/t2")"
