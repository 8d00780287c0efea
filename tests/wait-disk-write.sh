#!/bin/sh
# wait-disk-write.sh - a writer of 'a'*30000 lines that fsyncs after each:
# disk-write, and why names the file.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/wait-disk-write.XXXXXX") || fail "mktemp"
trap 'wait_cleanup; rm -rf "$dir"' EXIT
[ "$(stat -f -c %T "$dir")" = tmpfs ] && skip "$dir is on tmpfs: fsync does not reach a disk"
wt_bg $WAIT_PRIO_HI python3 "$PY_FIXTURES/fsync-writer.py" "$dir/wal"
wait_for_file "$dir/wal" || fail "writer did not start"
wait_check "$WT_LAST" disk-write "^fsync\(\) on $dir/wal\$"
