#!/bin/sh
# panes-disk.sh - the Disks rows of --panes (root only): a writer on a loop
# device of our own (a unique backing file, detached afterwards) shows as
# that device's write rate, with a w_await and utilisation.
. "${SRCDIR:-.}/tests/lib.sh"

need_root
command -v losetup >/dev/null 2>&1 || skip "no losetup"
dir=$(mktemp -d "${TMPDIR:-/tmp}/panes-disk.XXXXXX") || fail "mktemp"
LOOP=""
disk_cleanup() {
	for p in $WT_PIDS; do # the loop's dd first, while its shell is our child
		for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do kill -KILL "$c" 2>/dev/null; done
	done
	wt_cleanup
	[ -n "$LOOP" ] && { i=0; while ! losetup -d "$LOOP" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done; }
	rm -rf "$dir"
}
trap disk_cleanup EXIT
truncate -s 64M "$dir/backing" || fail "truncate"
LOOP=$(losetup -f --show "$dir/backing" 2>/dev/null) || { LOOP=""; skip "cannot attach a loop device"; }
name=${LOOP#/dev/}
# direct writes of 1 MiB, over and over: every byte is a request to the device
wt_bg sh -c "while :; do dd if=/dev/zero of='$LOOP' bs=1M count=32 oflag=direct 2>/dev/null; done"
"$WAITTOP" -b --json --panes disks -d 1 -n 5 >"$dir/json" || fail "waittop --panes disks failed"
"$WAITTOP" -b --panes disks -d 0.5 -n 1 >"$dir/text" || fail "waittop -b --panes disks failed"
grep -q "^$name " "$dir/text" || { cat "$dir/text" >&2; fail "$name not in the -b DISKS table"; }
python3 - "$dir/json" "$name" <<'PY' || fail "$name does not show the writer"
import json, sys
ok = 0
for n, line in enumerate(open(sys.argv[1])):
    d = json.loads(line)
    rows = [r for r in d["disks"] if r["name"] == sys.argv[2]]
    print("sample %d: %s" % (n + 1, rows))
    if rows and rows[0]["write_bps"] > 1e6 and rows[0]["w_await_ms"] is not None \
            and rows[0]["writes_ps"] > 0 and rows[0]["util_pct"] > 0 and not rows[0]["partition"]:
        ok += 1
sys.exit(0 if ok >= 4 else 1)
PY
echo PASS
