#!/bin/sh
# group-cost.sh [SLEEPERS] [ROUNDS] - the Groups pane's cost per refresh
# with SLEEPERS extra sleeping processes (default 2000): see group-cost.c.
# Run from the build directory after `make check` (it builds the helpers).
set -e
N=${1:-2000} R=${2:-200}
B=$(pwd)
[ -x "$B/bench/group-cost" ] && [ -x "$B/tests/fixtures/spawn-sleepers" ] ||
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
"$B/bench/group-cost" "$R"
