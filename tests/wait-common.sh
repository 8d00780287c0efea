# wait-common.sh - helpers for the WAIT verdict tests (sourced after
# lib.sh): start a fixture, sample it with waittop, count the samples that
# got the expected category (and evidence).

# The acceptance: at least WAIT_MIN_OK of WAIT_SAMPLES one-second samples.
: "${WAIT_SAMPLES:=10}"
: "${WAIT_DELAY:=1}"
: "${WAIT_MIN_OK:=9}"
PY_FIXTURES="$SRCDIR/tests/fixtures"
# WAIT_PRIO CMD: a fixture that also needs some CPU (the mutex holders)
# runs ahead of the rest of a busy machine when we are root, so that what
# it waits on is what the test set up, not a CPU.
WAIT_PRIO=""
[ "$(id -u)" -eq 0 ] && nice -n -10 true 2>/dev/null && WAIT_PRIO="nice -n -10"
# WAIT_PRIO_HI CMD: the adder must hold a CPU, and the fsync writer and the
# O_DIRECT reader must get one as soon as they wake (with a lower weight,
# each wakeup queues behind the running task's slice, and those waits add
# up to "runqueue" on a shared machine).  Not real-time: the load balancer
# then keeps two such fixtures on different CPUs.
WAIT_PRIO_HI=$WAIT_PRIO
[ -n "$WAIT_PRIO" ] && WAIT_PRIO_HI="nice -n -19"

WAIT_TMP=$(mktemp -d "${TMPDIR:-/tmp}/waittop-wait.XXXXXX") || fail "mktemp"
# Fixtures' own children (a pipe's writer, a pty child...) are killed
# through their parent, and only while that parent is still our child:
# pids are reused quickly when pid_max is small.
wait_cleanup() {
	for p in $WT_PIDS; do
		[ "$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' ')" = "$$" ] || continue
		for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do kill -KILL "$c" 2>/dev/null; done
	done
	wt_cleanup
	rm -rf "$WAIT_TMP"
}
trap wait_cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# wait_for_file FILE [SECONDS]: poll until FILE exists (default 10 s).
wait_for_file() {
	local i=0 lim=$(( ${2:-10} * 10 ))
	while [ ! -s "$1" ]; do
		[ $i -ge $lim ] && return 1
		sleep 0.1; i=$((i + 1))
	done
	return 0
}

# wait_for_state PID STATES [SECONDS]: poll /proc/PID/stat until its state
# is one of STATES (e.g. "S", "TZ").
wait_for_state() {
	local i=0 lim=$(( ${3:-10} * 10 )) st
	while :; do
		st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
		case "$st" in [$2]) return 0 ;; esac
		[ $i -ge $lim ] && return 1
		sleep 0.1; i=$((i + 1))
	done
}

# wait_for_wchan PID REGEX [SECONDS]: the fixture reached its blocking call.
wait_for_wchan() { wt_wait_wchan "$@"; }

# wait_net_pair SECONDS: the seed's first mystery: a slow loopback server
# (answering after SECONDS) and a client blocked on it; sets server, port
# and client.
wait_net_pair() {
	wt_bg python3 "$PY_FIXTURES/slow-server.py" "$WAIT_TMP/port" "$1"
	server=$WT_LAST
	wait_for_file "$WAIT_TMP/port" || fail "server did not start"
	port=$(cat "$WAIT_TMP/port")
	wt_bg python3 "$PY_FIXTURES/net-client.py" "$port"
	client=$WT_LAST
	wait_for_wchan "$client" 'wait_woken|sk_wait_data' || fail "client never blocked"
}

# wait_child_of PID: the first child of PID (polls up to 10 s).
wait_child_of() {
	local i=0 c
	while [ $i -lt 100 ]; do
		c=$(ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' | grep -m1 .)
		[ -n "$c" ] && { echo "$c"; return 0; }
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# wait_check PID CAT [WHY_REGEX] [EXTRA_PY]: sample PID with waittop and
# require CAT (and a why matching WHY_REGEX, and the python expression
# EXTRA_PY over the process object p) in WAIT_MIN_OK of WAIT_SAMPLES.
wait_check() {
	local pid=$1 cat=$2 re=${3:-} extra=${4:-True} out="$WAIT_TMP/json"
	"$WAITTOP" -b --json -d "$WAIT_DELAY" -n "$WAIT_SAMPLES" -p "$pid" >"$out" 2>"$WAIT_TMP/err" ||
		{ cat "$WAIT_TMP/err" >&2; fail "waittop -b --json -p $pid failed"; }
	python3 - "$out" "$pid" "$cat" "$re" "$extra" "$WAIT_MIN_OK" "$WAIT_SAMPLES" <<'PY' || fail "verdict of pid $pid is not '$cat' often enough"
import json, re, sys
path, pid, cat, rx, extra, min_ok, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7])
ok = lines = 0
for line in open(path):
    if not line.strip():
        continue
    lines += 1
    d = json.loads(line)
    ps = [p for p in d["processes"] if p["pid"] == pid]
    if not ps:
        print("sample %d: pid %d missing" % (lines, pid))
        continue
    p = ps[0]
    good = (p["wait"] == cat and (not rx or re.search(rx, p["why"] or "")) and eval(extra, {"re": re}, {"p": p}))
    ok += bool(good)
    print("sample %d: %-4s wait=%s share=%s why=%s" % (lines, "ok" if good else "BAD", p["wait"], p["wait_share"], p["why"]))
print("%d of %d samples ok (need %d of %d)%s" % (ok, lines, min_ok, n, "" if ok >= min_ok else "; why must match: " + rx))
sys.exit(0 if lines == n and ok >= min_ok else 1)
PY
}
