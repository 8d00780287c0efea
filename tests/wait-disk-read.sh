#!/bin/sh
# wait-disk-read.sh - random 64 KiB O_DIRECT reads of a 64 MB file: every
# read goes to the device, so no cache dropping is needed: disk-read.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/wait-disk-read.XXXXXX") || fail "mktemp"
trap 'wait_cleanup; rm -rf "$dir"' EXIT
[ "$(stat -f -c %T "$dir")" = tmpfs ] && skip "$dir is on tmpfs: no O_DIRECT, no disk"
dd if=/dev/zero of="$dir/data" bs=1M count=64 status=none conv=fsync || fail "cannot write $dir/data"
$WAIT_PRIO_HI "$FIXTURES/disk-reader" "$dir/data" &
WT_LAST=$!; WT_PIDS="$WT_PIDS $WT_LAST"
# poll until it reads (the file is open and it sleeps in the block layer),
# or it gave up: 77 when the filesystem refuses O_DIRECT
i=0
while ! ls -l /proc/"$WT_LAST"/fd 2>/dev/null | grep -qF -- "$dir/data"; do
	kill -0 "$WT_LAST" 2>/dev/null || { wait "$WT_LAST"; [ $? -eq 77 ] && skip "O_DIRECT refused on $dir"; fail "disk-reader exited"; }
	i=$((i + 1)); [ $i -lt 100 ] || fail "disk-reader never opened $dir/data"
	sleep 0.1
done
wait_check "$WT_LAST" disk-read "^pread64\(\) on $dir/data\$"
