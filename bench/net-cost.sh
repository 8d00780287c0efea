#!/bin/sh
# net-cost.sh - what the network collector costs at scale: 2,000 processes
# holding 10,000 loopback TCP sockets (each: a listener and two connections
# to itself).  Prints the CPU time (user + system, so the kernel's work for
# the sock_diag dump counts) of one refresh: the first (cold inode map) and
# the steady state; then the cost of finding the owner of a new connection
# made by a process that was already known.  Run from the build directory
# after `make check` (or it builds the fixtures).  Kills only its own pids.
# BEFORE=/path/to/an/older/net-probe adds a side-by-side comparison: ROUNDS
# (default 4) alternating runs of 11 refreshes of each binary against the
# same holders, so both see the same load.  The split of the dump's own cost
# request by request (tests/fixtures/net-split) comes first.
set -u
B=${BUILDDIR:-.}
F=$B/tests/fixtures
NPROC=${NPROC:-2000}
CONNS=${CONNS:-2}
make -C "$B" -s tests/fixtures/net-hold tests/fixtures/net-probe tests/fixtures/net-pace \
	tests/fixtures/net-split || exit 1
TMP=$(mktemp -d) || exit 1
MINE=""
cleanup() {
	[ -s "$TMP/pids" ] && kill -KILL $(cat "$TMP/pids") 2>/dev/null
	for p in $MINE; do kill -KILL "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

wait_file() { # FILE SECONDS
	i=0
	while [ ! -s "$1" ]; do
		i=$((i + 1)); [ $i -le $(($2 * 10)) ] || return 1; sleep 0.1
	done
}

"$F/net-hold" "$NPROC" "$CONNS" "$TMP/pids" & MINE="$MINE $!"
wait_file "$TMP/pids" 300 || { echo "net-cost: holders did not start" >&2; exit 1; }
echo "holders: $(wc -l < "$TMP/pids") processes x $((2 * CONNS + 1)) TCP sockets"

# Phase 0: what each request costs the kernel (and the copy), unparsed.
"$F/net-split" -n 15 || exit 1

# Phase 1: cold, then steady state, one refresh a second as waittop does;
# then the bare dump (kernel + our parser, no map, no accounting).
"$F/net-probe" -c -r -i 1 -n 11 > "$TMP/steady.json" || exit 1
python3 - "$TMP/steady.json" <<'PY'
import json, sys, statistics
rows = [json.loads(l) for l in open(sys.argv[1])]
c = rows[0]
print("cold refresh:   cpu %.1f ms (user %.1f, system %.1f; %d pids, %d fds scanned; %d tcp sockets)"
      % (c["cpu_ms"], c["user_ms"], c["sys_ms"], c["pids_scanned"], c["fds_scanned"], c["tcp"]))
s = rows[1:]
cpu = [r["cpu_ms"] for r in s]
print("steady refresh: cpu median %.2f ms, min %.2f, max %.2f over %d refreshes (user %.1f + system %.1f ms on average; %d pids; %d sockets in the table)"
      % (statistics.median(cpu), min(cpu), max(cpu), len(cpu), sum(r["user_ms"] for r in s) / len(s),
         sum(r["sys_ms"] for r in s) / len(s), s[-1]["pids"], s[-1]["sockets"]))
raw = [r["bare_cpu_ms"] for r in s]
over = [r["cpu_ms"] - r["bare_cpu_ms"] for r in s]
print("bare dump:      cpu median %.2f ms (min %.2f): the same requests right after each refresh, no map, no accounting"
      % (statistics.median(raw), min(raw)))
print("our share:      median %.2f ms per refresh above the bare dump" % statistics.median(over))
PY

# Phase 1b: the same steady state, an older binary and this one in turn.
if [ -n "${BEFORE:-}" ]; then
	r=0
	while [ $r -lt "${ROUNDS:-4}" ]; do
		r=$((r + 1))
		"$BEFORE" -c -i 1 -n 11 > "$TMP/before.$r.json" || exit 1
		"$F/net-probe" -c -i 1 -n 11 > "$TMP/after.$r.json" || exit 1
	done
	python3 - "$TMP" "${ROUNDS:-4}" <<'PY'
import json, sys, statistics
d, n = sys.argv[1], int(sys.argv[2])
allv = {"before": [], "after": []}
for r in range(1, n + 1):
    line = []
    for k in ("before", "after"):
        cpu = [json.loads(l)["cpu_ms"] for l in open("%s/%s.%d.json" % (d, k, r))][1:]
        allv[k] += cpu
        line.append("%s median %.2f (min %.2f, max %.2f)" % (k, statistics.median(cpu), min(cpu), max(cpu)))
    print("round %d: %s" % (r, "; ".join(line)))
for k in ("before", "after"):
    v = allv[k]
    print("%-6s over %d refreshes: median %.2f ms, mean %.2f, min %.2f, max %.2f"
          % (k, len(v), statistics.median(v), statistics.mean(v), min(v), max(v)))
PY
fi

# Phase 2: a receiver and a sender that exist before the probe starts; the
# sender connects after 3 s, so both new sockets belong to known processes.
"$F/net-pace" recv 127.0.0.1 "$TMP/port" & MINE="$MINE $!"; R=$!
wait_file "$TMP/port" 10 || exit 1
"$F/net-pace" send 127.0.0.1 "$(cat "$TMP/port")" 4000000 3 & MINE="$MINE $!"; S=$!
"$F/net-probe" -c -i 1 -n 7 > "$TMP/rescan.json" &
P=$!; MINE="$MINE $P"
wait $P
"$F/net-probe" -i 1 -n 3 -p "$R,$S" > "$TMP/rates.json"
python3 - "$TMP/rescan.json" "$TMP/rates.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for r in rows[1:]:
    print("  refresh %d: cpu %.2f ms, pids scanned %d (%d fds), unknown inodes left %d"
          % (r["refresh"], r["cpu_ms"], r["pids_scanned"], r["fds_scanned"], r["unknown"]))
rates = [json.loads(l) for l in open(sys.argv[2])]
print("  afterwards:", " ".join("pid %d rx %s tx %s" % (d["pid"], d["net_rx_bps"], d["net_tx_bps"]) for d in [d for d in rates if "pid" in d][-2:]))
PY
