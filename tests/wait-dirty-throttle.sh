#!/bin/sh
# wait-dirty-throttle.sh - a writer faster than its disk: a loop-device
# ext4 filesystem whose writes are limited to 4 MB/s by the cgroup io
# controller, and vm.dirty_bytes lowered to 16 MB, so the writer is held in
# balance_dirty_pages: dirty-throttle.  Root only.  Every sysctl, limit,
# mount and loop device is restored or removed on exit, failure included.
# With WAIT_DIRTY_BDI=1 (wait-dirty-bdi.sh) the global limits stay as they
# are and the loop device gets its own limit instead (max_ratio 1%,
# strict_limit, as FUSE sets): the evidence must quote that device limit.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

need_root
for c in losetup mkfs.ext4 mount umount dd; do
	command -v $c >/dev/null 2>&1 || skip "$c is needed"
done
V1=/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device
V2=/sys/fs/cgroup
if [ -w "$V1" ]; then
	mode=v1
elif grep -qw io "$V2/cgroup.controllers" 2>/dev/null; then
	mode=v2
else
	skip "no cgroup io controller (neither v2 io.max nor v1 blkio throttle)"
fi

# vm.dirty_* and the io limits are machine-wide: two runs of this test at
# once (two checkouts built on one machine) would change them under each
# other and one would restore the other's 16 MB for good.  Take turns.
# The run that created the lock file removes it at exit while it still
# holds the lock; so a run that got the lock checks that the file it locked
# is still the one at the path (else it locks the new one).
lock="${WAIT_LOCK_DIR:-/run}/waittop-wait-dirty-throttle.lock" lock_made=""
if command -v flock >/dev/null 2>&1; then
	while :; do
		made=""; [ -e "$lock" ] || made=1
		exec 9>>"$lock" || skip "cannot create the lock file"
		flock -w 60 9 || skip "another run of this test held the lock for 60 s"
		[ "$(stat -c %d:%i "$lock" 2>/dev/null)" = "$(stat -L -c %d:%i /proc/$$/fd/9)" ] && break
		exec 9>&-
	done
	lock_made=$made
fi
dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/wait-dirty.XXXXXX") || fail "mktemp"
old_bytes=$(sysctl -n vm.dirty_bytes) old_bg_bytes=$(sysctl -n vm.dirty_background_bytes)
old_ratio=$(sysctl -n vm.dirty_ratio) old_bg_ratio=$(sysctl -n vm.dirty_background_ratio)
if [ "$old_bytes" = 16777216 ] && [ "$old_bg_bytes" = 4194304 ]; then
	# this test's own values, left by a run killed with SIGKILL (or by one
	# without the lock): give back the kernel's defaults, not them
	echo "note: vm.dirty_bytes is this test's 16 MB already; restoring 20%/10% at exit" >&2
	old_bytes=0 old_bg_bytes=0 old_ratio=20 old_bg_ratio=10
fi
loop="" majmin="" cg="" writer="" added_ctl="" set_bytes="" bdi="" old_max_ratio="" old_strict=""
dirty_cleanup() {
	[ -n "$writer" ] && kill -KILL "$writer" 2>/dev/null
	[ -n "$writer" ] && wait "$writer" 2>/dev/null
	if [ -n "$majmin" ] && [ "$mode" = v1 ]; then echo "$majmin 0" >"$V1"; fi
	if [ -n "$cg" ] && [ -d "$cg" ]; then
		echo "$majmin wbps=max" >"$cg/io.max" 2>/dev/null
		rmdir "$cg" 2>/dev/null
	fi
	# give back only the controllers this test enabled
	for c in $added_ctl; do echo "-$c" >"$V2/cgroup.subtree_control" 2>/dev/null; done
	[ -n "$set_bytes" ] && [ "$(sysctl -n vm.dirty_bytes)" != 16777216 ] &&
		echo "note: vm.dirty_bytes was changed by another program during the test" >&2
	# setting a _bytes knob zeroes its _ratio twin: restore whichever was in use
	if [ "$old_bytes" != 0 ]; then sysctl -qw vm.dirty_bytes="$old_bytes"; else sysctl -qw vm.dirty_ratio="$old_ratio"; fi
	if [ "$old_bg_bytes" != 0 ]; then sysctl -qw vm.dirty_background_bytes="$old_bg_bytes"; else sysctl -qw vm.dirty_background_ratio="$old_bg_ratio"; fi
	mountpoint -q "$dir/mnt" 2>/dev/null && umount "$dir/mnt"
	# the loop device (and its bdi) outlives the test: give its limits back
	[ -n "$old_max_ratio" ] && echo "$old_max_ratio" >"$bdi/max_ratio"
	[ -n "$old_strict" ] && echo "$old_strict" >"$bdi/strict_limit"
	[ -n "$loop" ] && losetup -d "$loop"
	rm -rf "$dir"
	wait_cleanup
	# still holding the lock: nobody else can have replaced the file
	[ -n "$lock_made" ] && rm -f "$lock"
	return 0
}
trap dirty_cleanup EXIT
trap 'exit 1' INT TERM HUP

truncate -s 512M "$dir/img" || fail "cannot create the image"
mkfs.ext4 -q -F "$dir/img" || fail "mkfs.ext4"
loop=$(losetup -f --show "$dir/img") || skip "no loop device"
mkdir "$dir/mnt"
mount "$loop" "$dir/mnt" || fail "cannot mount $loop"
majmin=$(printf '%d:%d' "0x$(stat -c %t "$loop")" "0x$(stat -c %T "$loop")")

if [ -n "${WAIT_DIRTY_BDI:-}" ]; then
	bdi=/sys/class/bdi/$majmin
	[ -w "$bdi/strict_limit" ] && [ -w "$bdi/max_ratio" ] || skip "$bdi has no writable strict_limit"
	old_max_ratio=$(cat "$bdi/max_ratio") old_strict=$(cat "$bdi/strict_limit")
	echo 1 >"$bdi/max_ratio" && echo 1 >"$bdi/strict_limit" || fail "cannot set $bdi limits"
else
	set_bytes=1
	sysctl -qw vm.dirty_bytes=16777216 vm.dirty_background_bytes=4194304 || fail "cannot set vm.dirty_bytes"
fi
if [ "$mode" = v1 ]; then
	# the root group: writeback is issued by the flusher, not the writer
	echo "$majmin 4194304" >"$V1" || skip "blkio throttle refused"
	dd if=/dev/zero of="$dir/mnt/f" bs=1M count=400 status=none &
	writer=$!
else
	cg="$V2/waittop-dirty.$$"
	for c in io memory; do
		grep -qw "$c" "$V2/cgroup.subtree_control" 2>/dev/null && continue
		echo "+$c" >"$V2/cgroup.subtree_control" 2>/dev/null && added_ctl="$added_ctl $c"
	done
	mkdir "$cg" || skip "cannot create a cgroup"
	echo "$majmin wbps=4194304" >"$cg/io.max" || skip "io.max refused"
	sh -c 'echo $$ >"$1/cgroup.procs" && exec dd if=/dev/zero of="$2" bs=1M count=400 status=none' sh "$cg" "$dir/mnt/f" &
	writer=$!
fi
wait_for_wchan "$writer" balance_dirty_pages 20 || fail "the writer was never throttled"
if [ -n "${WAIT_DIRTY_BDI:-}" ]; then
	wait_check "$writer" dirty-throttle "^balance_dirty_pages: device $majmin's own limit [0-9.]+[KMG]B? \\(max_ratio 1%, strict_limit\\), system Dirty [0-9.]+[KMG]?B? of [0-9.]+[KMG]B? on $dir/mnt\$"
else
	wait_check "$writer" dirty-throttle '^balance_dirty_pages: Dirty [0-9.]+[KMG]B?(,| over) limit [0-9.]+[KMG]$'
fi
