#!/bin/sh
# batch-dirty-flush.sh - a writer exits with 32 MB still dirty: the
# batch output says when the oldest dirty data will be written (JSON
# oldest_dirty_flush_s, at most vm.dirty_expire_centisecs away; text
# "flush in Ns").  Whether it applies depends on the whole machine: when
# other programs keep dirtying pages in every sample, it is skipped.
. "${SRCDIR:-.}/tests/lib.sh"

dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/dirty-flush.XXXXXX") || fail "mktemp"
trap 'wt_cleanup; rm -rf "$dir"' EXIT
wt_bg sleep 60
dd if=/dev/zero of="$dir/f" bs=1M count=32 status=none || fail "dd"
"$WAITTOP" -b --json -d 1 -n 6 -p "$WT_LAST" >"$dir/json" || fail "waittop -b --json failed"
"$WAITTOP" -b -d 1 -n 2 -p "$WT_LAST" >"$dir/text" || fail "waittop -b failed"
python3 - "$dir/json" "$dir/text" <<'PY'
import json, re, sys
seen = idle = 0
for line in open(sys.argv[1]):
    m = json.loads(line)["system"]["mem"]
    eta, exp = m["oldest_dirty_flush_s"], m["dirty_expire_s"]
    quiet = m["dirtied_bps"] < 65536 and 4 << 20 <= m["dirty_bytes"] < m["dirty_background_threshold_bytes"]
    print("dirty %d dirtied %.0f/s expire %s flush %s" % (m["dirty_bytes"], m["dirtied_bps"], exp, eta))
    if exp is None:
        sys.exit(77)
    if eta is not None:
        seen += 1
        if not (0 <= eta <= exp):
            print("flush estimate %s outside 0..%s" % (eta, exp)); sys.exit(1)
    if quiet:
        idle += 1
        if eta is None:
            print("no flush estimate in a quiet sample"); sys.exit(1)
if idle == 0:
    print("every sample saw other writers dirtying pages: cannot check"); sys.exit(77)
for line in open(sys.argv[2]):
    if line.startswith("DIRTY") and not re.search(r"written \S+/s(  flush (in (<=)?\d+[smh]|due))?$", line.rstrip("\n")):
        print("malformed DIRTY line: %r" % line); sys.exit(1)
print("%d samples with an estimate, %d quiet" % (seen, idle))
PY
