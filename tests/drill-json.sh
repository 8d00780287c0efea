#!/bin/sh
# drill-json.sh - waittop --json -p PID --drill: a process with four
# threads in four waits (cpu, sleep, lock, ipc) lists each thread with its
# own wait; the client of a slow loopback server carries net, the socket
# with its peer and the server's pid; a fixture that spins for 3 s and then
# sleeps (started once waittop runs) has both phases in
# its timeline, in order; a pipe's read end names the writer at its other
# end; every key is present.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

out="$WAIT_TMP/json"

# four threads, four waits
wt_bg $WAIT_PRIO_HI "$FIXTURES/four-waits"
four=$WT_LAST
wt_wait_wchan "$four" 'pipe_read|pipe_wait' || fail "the pipe reader never blocked"
"$WAITTOP" --json -d 1 -n 4 -p "$four" --drill >"$out" || fail "waittop --drill failed"
tail -n 1 "$out" | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
for k in ("pid", "threads", "stack", "sockets", "files", "io", "mem", "timeline", "why_pid",
          "exited", "cgroup", "nice", "policy", "parent", "start_time"):
    assert k in d, "missing key " + k
# the spinner wants a CPU: on a loaded machine part of that is run-queue
# wait, which is the truth; together they are its whole interval
want = {"spin": ("cpu", "runqueue"), "nap": ("sleep",), "futex": ("lock",), "piperd": ("ipc",)}
got = {t["comm"]: t["wait"] for t in d["threads"]}
print("threads:", got)
for name, w in want.items():
    assert got.get(name) in w, "thread %s: %s, expected %s" % (name, got.get(name), w)
spin = [t for t in d["threads"] if t["comm"] == "spin"][0]
sh = spin["wait_share"]
assert sh.get("cpu", 0) + sh.get("runqueue", 0) >= 90, "spin: " + str(sh)
assert any(f["type"] == "pipe" for f in d["files"]), "no pipe among the files"
assert d["mem"]["rss_bytes"] > 0
assert d["io"]["rchar_bps"] is not None and d["mem"]["voluntary_ctxt_ps"] is not None, "no rates"
' || fail "the four threads do not each show their own wait"
# a pipe's read end names the process at its other end (the writer child)
wt_bg python3 "$PY_FIXTURES/pipe-reader.py"
reader=$WT_LAST
# a python launcher script (named python3, so its comm is too) reads its
# own command substitutions from pipes before it execs python: wait for
# the python binary itself to block, with its writer child alive (a
# start-up helper of the launcher may linger as a zombie child too)
i=0 writer=
until readlink /proc/"$reader"/exe 2>/dev/null | grep -q python &&
	grep -q pipe_read /proc/"$reader"/wchan 2>/dev/null &&
	writer=$(ps -o pid=,stat= --ppid "$reader" | awk '$2 !~ /^Z/ { print $1; exit }') &&
	[ -n "$writer" ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "the pipe reader never blocked with its writer child"
	sleep 0.1
done
"$WAITTOP" --json -d 0.5 -n 2 -p "$reader" --drill >"$out" || fail "waittop --drill failed"
tail -n 1 "$out" | WRITER=$writer python3 -c '
import json, os, sys
d = json.loads(sys.stdin.readline())
pipes = [f for f in d["files"] if f["type"] == "pipe"]
print("pipes:", [(f["fd"], f["peer_pid"], f["peer_comm"]) for f in pipes], "writer", os.environ["WRITER"], "pid", d["pid"])
assert any(f["peer_pid"] == int(os.environ["WRITER"]) for f in pipes), "no pipe names the writer"
' || fail "the pipe does not name the process at its other end"
kill "$reader" "$writer" 2>/dev/null

# unprivileged, a root process: what cannot be read is null, not 0
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$WAITTOP" --json -d 0.5 -n 2 -p "$four" --drill >"$out" ||
		fail "waittop --drill as nobody failed"
	tail -n 1 "$out" | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
print("as nobody: files", d["files"], "io", d["io"], "stack", d["stack"])
assert d["files"] is None and d["io"] is None and d["stack"] is None
assert len(d["threads"]) == 5 and d["wait"] is not None
' || fail "as nobody, the unreadable parts are not null"
fi
kill -KILL "$four"

# the client of a slow server
wait_net_pair 60
"$WAITTOP" --json -d 1 -n 2 -p "$client" --drill >"$out" || fail "waittop --drill failed"
tail -n 1 "$out" | python3 -c '
import json, sys
port, server = sys.argv[1], int(sys.argv[2])
d = json.loads(sys.stdin.readline())
print("wait:", d["wait"], d["why"], "sockets:", d["sockets"])
assert d["wait"] == "net", d["wait"]
s = [s for s in d["sockets"] if s["peer"] == "127.0.0.1:" + port]
assert s, "no socket to the server"
assert s[0]["proto"] == "TCP" and s[0]["state"] == "ESTAB"
assert s[0]["peer_pid"] == server, "peer_pid %s, expected %d" % (s[0]["peer_pid"], server)
assert s[0]["rtt_ms"] is not None and s[0]["cwnd"] is not None
' "$port" "$server" || fail "the client's drill-in lacks its socket facts"

# spins for 3 s once waittop runs (a trigger file), then sleeps
wt_bg $WAIT_PRIO_HI python3 -c '
import os, sys, time
while not os.path.exists(sys.argv[1]):
    time.sleep(0.1)
end = time.time() + 3
while time.time() < end:
    pass
time.sleep(600)
' "$WAIT_TMP/go"
phases=$WT_LAST
"$WAITTOP" --json -d 1 -n 10 -p "$phases" --drill >"$out" &
wt=$!
i=0
while [ ! -s "$out" ]; do
	i=$((i + 1)); [ $i -lt 300 ] || fail "waittop --drill printed nothing"
	sleep 0.1
done
touch "$WAIT_TMP/go"
wait $wt || fail "waittop --drill failed"
tail -n 1 "$out" | python3 -c '
import json, re, sys
d = json.loads(sys.stdin.readline())
# the spinning phase is cpu, or run-queue wait on a loaded machine
line = "".join("-" if p is None else {"cpu": "C", "runqueue": "C", "sleep": "s"}.get(p["wait"], "?")
               for p in d["timeline"])
print("timeline:", line)
assert re.fullmatch(r"[-?s]*C{2,}[?]?s{2,}", line), "not cpu then sleep: " + line
' || fail "the timeline does not show cpu then sleep"
