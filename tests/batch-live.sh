#!/bin/sh
# batch-live.sh - real programs started here, read back through
# waittop -b --json: a spinner near 100% CPU, a writer that fsyncs shows
# DISK W/s while Dirty and Writeback move, a sleeper's wchan.
. "${SRCDIR:-.}/tests/lib.sh"

dir=$(mktemp -d "${TMPDIR:-/var/tmp}/waittop-test.XXXXXX")
out=$dir/out.json
trap 'wt_cleanup; rm -rf "$dir"' EXIT

wt_bg sh -c 'while :; do :; done'
spin=$WT_LAST
# 8 MiB per round, fsync, short pause: Dirty rises, then writeback drains it
wt_bg python3 -c '
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
chunk = b"a" * (1 << 20)
while True:
    os.lseek(fd, 0, 0)
    for i in range(8):
        os.write(fd, chunk)
    os.fsync(fd)
    time.sleep(0.2)
' "$dir/data"
writer=$WT_LAST

# the kernel's own count of the spinner's CPU time around the run: on a
# busy machine a spinner gets less than a core, and waittop must say so
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
t0=$(ticks "$spin") s0=$(date +%s.%N)
"$WAITTOP" --json -n 5 -d 1 -p "$spin,$writer" >"$out" || fail "waittop exited $?"
t1=$(ticks "$spin") s1=$(date +%s.%N)
python3 - "$out" "$spin" "$writer" "$t0" "$t1" "$s0" "$s1" "$(getconf CLK_TCK)" <<'PY' || fail "live checks failed"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
spin, writer = int(sys.argv[2]), int(sys.argv[3])
t0, t1, s0, s1, hz = map(float, sys.argv[4:9])
def row(d, pid):
    r = [p for p in d["processes"] if p["pid"] == pid]
    return r[0] if r else None
cpu = [row(d, spin)["cpu_pct"] for d in lines]
print("spinner cpu_pct:", cpu)
kernel = 100 * (t1 - t0) / hz / (s1 - s0)
mean = sum(cpu) / len(cpu)
print("spinner mean %.1f%%, kernel's count %.1f%% over %.1f s" % (mean, kernel, s1 - s0))
assert abs(mean - kernel) <= 10, "spinner cpu_pct does not match its utime+stime"
assert kernel >= 3, "the spinner hardly ran: nothing to compare"
assert all(c <= 105 for c in cpu), "cpu over one core for one thread"
w = [row(d, writer)["disk_write_bps"] for d in lines]
print("writer disk_write_bps:", w)
assert sum(1 for x in w if x and x > 1e6) >= 4, "writer DISK W/s not > 1 MB/s"
mem = [(d["system"]["mem"]["dirty_bytes"], d["system"]["mem"]["writeback_bytes"],
        d["system"]["mem"]["dirtied_bps"]) for d in lines]
print("dirty, writeback, dirtied_bps:", mem)
assert all(m[2] > 1e6 for m in mem), "nr_dirtied did not move"
assert len(set((m[0], m[1]) for m in mem)) > 1, "Dirty/Writeback never moved"
PY
echo ok
