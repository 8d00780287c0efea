#!/bin/sh
# panes-disk-throttle.sh - the Disks rows of --panes under a write
# throttle (root only).  Two loop devices of our own, stacked: UPPER is
# backed by LOWER, which is backed by a file, both with direct I/O.  A
# writer in a cgroup of its own writes UPPER with O_DIRECT; then the cgroup
# io controller limits that cgroup's writes to LOWER to 4 MiB/s (v1
# blkio.throttle.write_bps_device, or v2 io.max).  LOWER's write rate must
# match the limit within 15 %, and UPPER's w_await must grow at least
# tenfold and past 50 ms: its requests wait for LOWER's throttle.
#
# Why stacked: blk-throttle holds a bio before the block layer starts
# accounting it, so the throttled device's own w_await does not grow (0.5
# against 0.6 ms here, see doc/DESIGN.md); the wait shows on the device
# above it, as on a dm or loop device over a throttled disk.
# The cgroup, the limit, the loop devices and the files are removed on
# exit, failure included.
. "${SRCDIR:-.}/tests/tui-lib.sh"

need_root
command -v losetup >/dev/null 2>&1 || skip "no losetup"
LIMIT=4194304
V1=/sys/fs/cgroup/blkio V2=/sys/fs/cgroup
if [ -w "$V1/blkio.throttle.write_bps_device" ]; then
	mode=v1
elif grep -qw io "$V2/cgroup.controllers" 2>/dev/null; then
	mode=v2
else
	skip "no cgroup io controller (neither v1 blkio throttle nor v2 io.max)"
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/panes-throttle.XXXXXX") || fail "mktemp"
LOWER="" UPPER="" cg="" lower_mm="" added_ctl=""
throttle_cleanup() {
	if [ -n "$cg" ] && [ -d "$cg" ]; then
		# lift the limit first, so the writer's last requests finish
		if [ "$mode" = v1 ]; then
			echo "$lower_mm 0" >"$cg/blkio.throttle.write_bps_device" 2>/dev/null
		else
			echo "$lower_mm wbps=max" >"$cg/io.max" 2>/dev/null
		fi
		# the writer's loop and its dd: a dd in an O_DIRECT write dies
		# once its request completes; the group is empty only then
		i=0
		while [ -n "$(cat "$cg/cgroup.procs" 2>/dev/null)" ] || ! rmdir "$cg" 2>/dev/null; do
			[ $i -lt 100 ] || { echo "note: cannot remove $cg" >&2; break; }
			for p in $(cat "$cg/cgroup.procs" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
			sleep 0.1; i=$((i + 1))
		done
	fi
	for c in $added_ctl; do echo "-$c" >"$V2/cgroup.subtree_control" 2>/dev/null; done
	wt_cleanup
	for l in "$UPPER" "$LOWER"; do # upper first: it holds lower open
		[ -n "$l" ] || continue
		i=0
		while ! losetup -d "$l" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	done
	rm -rf "$dir" "$TUI_DIR"
	return 0
}
trap throttle_cleanup EXIT

truncate -s 128M "$dir/backing" || fail "truncate"
LOWER=$(losetup -f --show --direct-io=on "$dir/backing" 2>/dev/null) || { LOWER=""; skip "cannot attach a loop device"; }
UPPER=$(losetup -f --show --direct-io=on "$LOWER" 2>/dev/null) || { UPPER=""; skip "cannot attach a loop device over $LOWER"; }
# without direct I/O, UPPER's writes would reach LOWER through the page
# cache, written back by the flusher outside the writer's cgroup
[ "$(cat "/sys/block/${UPPER#/dev/}/loop/dio" 2>/dev/null)" = 1 ] || skip "no direct I/O for a loop device over $LOWER"
lower_mm=$(printf '%d:%d' "0x$(stat -c %t "$LOWER")" "0x$(stat -c %T "$LOWER")")
if [ "$mode" = v1 ]; then
	cg="$V1/waittop-throttle.$$"
	mkdir "$cg" || { cg=""; skip "cannot create a blkio cgroup"; }
else
	grep -qw io "$V2/cgroup.subtree_control" ||
		{ echo "+io" >"$V2/cgroup.subtree_control" && added_ctl=io; } || skip "cannot enable io"
	cg="$V2/waittop-throttle.$$"
	mkdir "$cg" || { cg=""; skip "cannot create a cgroup"; }
fi
# direct writes of 1 MiB, over and over, from inside the cgroup
wt_bg sh -c 'echo $$ >"$1/cgroup.procs" && while :; do dd if=/dev/zero of="$2" bs=1M count=32 oflag=direct 2>/dev/null; done' sh "$cg" "$UPPER"

# disks OUT: five one-second refreshes of the Disks rows.
disks() {
	"$WAITTOP" -b --json --panes disks -d 1 -n 5 >"$1" || fail "waittop --panes disks failed"
}
disks "$dir/free"
if [ "$mode" = v1 ]; then
	echo "$lower_mm $LIMIT" >"$cg/blkio.throttle.write_bps_device" || fail "the blkio throttle was refused"
else
	echo "$lower_mm wbps=$LIMIT" >"$cg/io.max" || fail "io.max was refused"
fi
disks "$dir/throttled"
"$WAITTOP" -b --panes disks -d 1 -n 1 >"$dir/text" || fail "waittop -b --panes disks failed"
grep -Eq "^${UPPER#/dev/} +[0-9.]+ +[0-9.]+ +[0-9.]+[KMG]? +[0-9.]+[KMG]? +[0-9.-]+ +[0-9.]+ " "$dir/text" ||
	{ cat "$dir/text" >&2; fail "${UPPER#/dev/} has no w_await in the -b DISKS table"; }

python3 - "$dir/free" "$dir/throttled" "${LOWER#/dev/}" "${UPPER#/dev/}" "$LIMIT" <<'PY' || fail "the throttle does not show as expected"
import json, sys
free, thr, lower, upper, limit = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])

def rows(path, name):
    out = []
    for n, line in enumerate(open(path)):
        r = [x for x in json.loads(line)["disks"] if x["name"] == name]
        if n >= 2 and r:  # the first refreshes may straddle the change
            out.append(r[0])
    return out

def med(v):
    v = sorted(v)
    return v[len(v) // 2]

up_free, up_thr, lo_thr = rows(free, upper), rows(thr, upper), rows(thr, lower)
for label, rs in (("upper, no limit", up_free), ("upper, limited", up_thr), ("lower, limited", lo_thr)):
    print(label, [(round(r["write_bps"] / 1e6, 2), r["w_await_ms"], round(r["queue"], 2)) for r in rs])
assert len(up_free) >= 2 and len(up_thr) >= 2 and len(lo_thr) >= 2
assert all(r["w_await_ms"] is not None for r in up_free + up_thr), "every refresh completed writes"
w0, w1 = med([r["w_await_ms"] for r in up_free]), med([r["w_await_ms"] for r in up_thr])
rate = med([r["write_bps"] for r in lo_thr])
print("upper w_await %.2f -> %.2f ms; lower write rate %.0f B/s (limit %.0f)" % (w0, w1, rate, limit))
assert med([r["write_bps"] for r in up_free]) > 2 * limit, "the free writer is faster than the limit"
assert abs(rate - limit) <= 0.15 * limit, "lower's write rate is the limit"
assert abs(med([r["write_bps"] for r in up_thr]) - limit) <= 0.15 * limit, "so is upper's"
assert w1 >= 10 * w0 and w1 >= 50, "upper's w_await grows with the throttle"
PY

# The full-screen view: Enter on the upper device in the Disks pane lists
# the writer (dd, which has that device node open) among its processes.
up=${UPPER#/dev/}
tui_start 120 40 -U -C -d 0.5
tui_keys 2
tui_wait_cmd "no Disks pane" 5 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -q DEVICE"
tui_keys '\'
tui_keys -l "$up"
tui_keys Enter
tui_wait_cmd "no row of $up in the Disks pane" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -q '^$up '"
tui_keys Home Enter
tui_wait_cmd "Enter on $up did not filter the processes" 5 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -q 'files on $up'"
tui_wait_cmd "the writer (dd) is not listed under $up" 15 sh -c "tmux -L $WT_TMUX capture-pane -p | awk '/COMMAND/ { s = 1; next } s' | grep -qw dd"
tui_show "processes with files on $up"
tui_keys q
tui_check_exit 0
echo PASS
