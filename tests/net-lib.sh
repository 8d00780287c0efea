# net-lib.sh - helpers for the per-process network tests (sourced after
# lib.sh): start a paced TCP pair, read rates, judge them.

NET_BPS=4000000     # the paced rate, bytes per second
NET_TOL=0.15        # allowed relative error
NET_TMP=$(mktemp -d) || fail "mktemp"
net_cleanup() { wt_cleanup; rm -rf "$NET_TMP"; }
trap net_cleanup EXIT

# net_wait_file FILE [SECONDS]: poll until FILE is non-empty (default 10 s).
net_wait_file() {
	local i=0 lim=$(( ${2:-10} * 10 ))
	while [ $i -lt $lim ]; do
		[ -s "$1" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# net_pair PREFIX ADDR: a receiver and a paced sender over ADDR, each run
# as "PREFIX net-pace ..." (PREFIX may be empty or "ip netns exec NS").
# Sets NET_RECV and NET_SEND to their pids.
net_pair() {
	local prefix=$1 addr=$2
	rm -f "$NET_TMP/port"
	wt_bg $prefix "$FIXTURES/net-pace" recv "$addr" "$NET_TMP/port"
	NET_RECV=$WT_LAST
	net_wait_file "$NET_TMP/port" || fail "receiver on $addr did not start"
	wt_bg $prefix "$FIXTURES/net-pace" send "$addr" "$(cat "$NET_TMP/port")" "$NET_BPS"
	NET_SEND=$WT_LAST
}

# net_rates OUT PID...: refresh every second six times, one JSON line per
# pid per interval into OUT (keys pid, net_rx_bps, net_tx_bps), taken from
# `waittop -b --json -p PIDS`; from the collector's own driver (net-probe)
# when no waittop binary was built.  $NET_AS prefixes the command (setpriv).
net_rates() {
	local out=$1; shift
	local pids
	pids=$(echo "$*" | tr ' ' ',')
	if [ -x "$WAITTOP" ]; then
		$NET_AS "$WAITTOP" -b --json -p "$pids" -d 1 -n 6 > "$out.raw" || fail "waittop -b --json failed"
		python3 - "$out.raw" > "$out" <<'PY' || fail "bad JSON from waittop"
import json, sys
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    for p in json.loads(line)["processes"]:
        print(json.dumps({k: p.get(k) for k in ("pid", "net_rx_bps", "net_tx_bps")}))
PY
	else
		echo "note: no $WAITTOP; measuring with net-probe" >&2
		$NET_AS "$FIXTURES/net-probe" -i 1 -n 7 -p "$pids" > "$out" || fail "net-probe failed"
	fi
}

# net_median OUT PID KEY: median of KEY for PID over the intervals after
# the first (which may hold the start-up); "null" if any was null.
net_median() {
	python3 - "$1" "$2" "$3" <<'PY'
import json, sys
vals = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
vals = [d[sys.argv[3]] for d in vals if d.get("pid") == int(sys.argv[2])][1:]
if not vals:
    print("none")
elif any(v is None for v in vals):
    print("null")
else:
    vals.sort()
    print(vals[len(vals) // 2])
PY
}

# net_check_near OUT PID KEY: the median of KEY is within NET_TOL of NET_BPS.
net_check_near() {
	local m
	m=$(net_median "$1" "$2" "$3")
	python3 -c "import sys; v=sys.argv[1]; sys.exit(0 if v not in ('null','none') and abs(float(v)-$NET_BPS) <= $NET_TOL*$NET_BPS else 1)" "$m" ||
		{ cat "$1" >&2; fail "pid $2 $3 = $m, expected $NET_BPS +- $NET_TOL"; }
	echo "pid $2 $3 median $m"
}

# net_check_value OUT PID KEY WANT: the median of KEY is WANT ("0" means
# below 1 KB/s, "null" means unknown).
net_check_value() {
	local m
	m=$(net_median "$1" "$2" "$3")
	case $4 in
	null) [ "$m" = null ] || { cat "$1" >&2; fail "pid $2 $3 = $m, expected null"; } ;;
	0) python3 -c "import sys; v=sys.argv[1]; sys.exit(0 if v not in ('null','none') and float(v) < 1000 else 1)" "$m" ||
		{ cat "$1" >&2; fail "pid $2 $3 = $m, expected 0"; } ;;
	esac
	echo "pid $2 $3 median $m"
}
