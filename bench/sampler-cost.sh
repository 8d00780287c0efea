#!/bin/sh
# sampler-cost.sh [SLEEPERS] [ACTIVE] [SECONDS] - what the WAIT sampler
# costs with SLEEPERS sleeping processes (default 2000) and ACTIVE ones
# waking every 10 ms (default 20): CPU time of sampler_finish plus nine
# sampler_tick calls per second, as a share of one CPU (target <= 1%).
# Also prints the whole of `waittop -b --json` for comparison.
# Run from the build directory after `make check` (it builds the helpers).
set -e
N=${1:-2000} M=${2:-20} SECS=${3:-10}
B=$(pwd)
[ -x "$B/bench/sampler-cost" ] && [ -x "$B/tests/fixtures/spawn-sleepers" ] ||
	{ echo "build first: make check" >&2; exit 1; }
out=$(mktemp)
"$B/tests/fixtures/spawn-sleepers" "$N" "$M" >"$out" &
spawner=$!
trap 'kill -KILL $spawner 2>/dev/null; rm -f "$out"' EXIT
i=0
until grep -q ready "$out"; do
	i=$((i + 1)); [ $i -gt 300 ] && { echo "spawn-sleepers did not start" >&2; exit 1; }
	sleep 0.1
done
echo "tasks on the system: $(ls -d /proc/[0-9]* | wc -l) processes"
"$B/bench/sampler-cost" "$SECS"
if [ -x "$B/waittop" ]; then
	/usr/bin/time -f "waittop -b --json -n $SECS (everything: scan, sockets, sampler, output): %U s user + %S s system over %e s" \
		"$B/waittop" -b --json -n "$SECS" >/dev/null
fi
