#!/bin/sh
# batch-json.sh - the JSON lines interface: one object per refresh with
# every documented key, the first after one interval, -n honoured, and a
# value that cannot be read is null rather than 0.
. "${SRCDIR:-.}/tests/lib.sh"

out=$(mktemp); trap 'rm -f "$out"; wt_cleanup' EXIT
wt_bg sleep 600
pid=$WT_LAST
wt_wait_wchan "$pid" hrtimer_nanosleep || fail "sleep never slept"
start=$(date +%s.%N)
"$WAITTOP" --json -n 3 -d 0.3 >"$out" || fail "waittop --json exited $?"
end=$(date +%s.%N)
[ "$(wc -l <"$out")" -eq 3 ] || fail "expected 3 lines, got $(wc -l <"$out")"
python3 - "$out" "$pid" "$start" "$end" <<'PY' || fail "JSON check failed"
import json, sys
path, pid, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
lines = [json.loads(l) for l in open(path)]
proc_keys = ["pid", "ppid", "user", "state", "threads", "cpu_pct", "wchan", "disk_read_bps",
             "disk_write_bps", "net_rx_bps", "net_tx_bps", "wait", "wait_share", "why", "comm", "cmdline"]
for d in lines:
    for k in ["time", "interval_s", "system", "processes"]:
        assert k in d, k
    s = d["system"]
    assert set(["user", "system", "iowait", "steal", "idle"]) <= set(s["cpu_pct"]), s["cpu_pct"]
    assert abs(sum(s["cpu_pct"].values()) - 100) < 2, s["cpu_pct"]
    assert len(s["load"]) == 3
    for k in ["procs_running", "procs_blocked"]:
        assert isinstance(s[k], int), k
    for k in ["dirty_bytes", "writeback_bytes", "dirty_background_threshold_bytes", "dirty_threshold_bytes"]:
        assert isinstance(s["mem"][k], (int, float)), k
    assert s["mem"]["dirty_threshold_bytes"] > s["mem"]["dirty_background_threshold_bytes"] > 0
    for k in ["read_bps", "write_bps"]:
        assert k in s["disk"], k
    for k in ["rx_bps", "tx_bps"]:
        assert k in s["net"], k
    for k in ["cpu_some", "io_some", "io_full", "memory_some", "memory_full"]:
        assert k in s["psi"], k
    assert d["interval_s"] > 0.15, d["interval_s"]
    assert start <= d["time"] <= end + 1
    assert d["processes"], "no processes"
    for p in d["processes"]:
        for k in proc_keys:
            assert k in p, (k, p)
    me = [p for p in d["processes"] if p["pid"] == pid]
    assert me, "sleeper %d missing" % pid
    assert me[0]["comm"] == "sleep" and me[0]["cmdline"] == "sleep 600", me[0]
    assert me[0]["state"] == "S", me[0]
    assert me[0]["wchan"] == "hrtimer_nanosleep", me[0]["wchan"]
    assert me[0]["disk_read_bps"] == 0 and me[0]["disk_write_bps"] == 0, me[0]
# the first object comes after one interval, not at once
assert lines[0]["time"] - start >= 0.25, lines[0]["time"] - start
# The first interval runs from the priming read (after start, and slower
# with many processes or a busy machine) to the first refresh: at least -d,
# at most the time since start.  The later ones are paced by -d itself.
iv = [d["interval_s"] for d in lines]
assert 0.25 <= iv[0] <= lines[0]["time"] - start + 0.05, (iv[0], lines[0]["time"] - start)
for a, b in zip(lines, lines[1:]):
    assert abs((b["time"] - a["time"]) - b["interval_s"]) < 0.05, (a["time"], b["time"], b["interval_s"])
later = sum(iv[1:]) / len(iv[1:])
assert 0.28 <= later <= 0.45, iv
print("ok: %d objects, %d processes in the last" % (len(lines), len(lines[-1]["processes"])))
PY
