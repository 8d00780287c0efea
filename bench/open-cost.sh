#!/bin/sh
# open-cost.sh [SLEEPERS] [ROUNDS] - the disk filter's cost per refresh
# with SLEEPERS extra sleeping processes (default 2000), Enter on DISK
# (default vda): see open-cost.c.
# Run from the build directory after `make check` (it builds the helpers).
set -e
N=${1:-2000} D=${2:-vda} R=${3:-50}
B=$(pwd)
[ -x "$B/bench/open-cost" ] && [ -x "$B/tests/fixtures/spawn-sleepers" ] ||
	{ echo "build first: make check" >&2; exit 1; }
out=$(mktemp)
"$B/tests/fixtures/spawn-sleepers" "$N" 0 >"$out" &
spawner=$!
trap 'kill -KILL $spawner 2>/dev/null; rm -f "$out"' EXIT
i=0
until grep -q ready "$out"; do
	i=$((i + 1)); [ $i -gt 300 ] && { echo "spawn-sleepers did not start" >&2; exit 1; }
	sleep 0.1
done
"$B/bench/open-cost" "$D" "$R"
