#!/bin/sh
# batch-waitsort.sh - -s wait orders by the share of waits that slow a
# program down: a disk-write and a runqueue fixture come before a sleeper.
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

command -v taskset >/dev/null 2>&1 || skip "taskset is needed"
dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/batch-waitsort.XXXXXX") || fail "mktemp"
trap 'wait_cleanup; rm -rf "$dir"' EXIT
[ "$(stat -f -c %T "$dir")" = tmpfs ] && skip "$dir is on tmpfs: fsync does not reach a disk"
wt_bg python3 "$PY_FIXTURES/sleeper.py"
sleeper=$WT_LAST
wt_bg $WAIT_PRIO_HI python3 "$PY_FIXTURES/fsync-writer.py" "$dir/wal"
writer=$WT_LAST
cpu=$(taskset -pc $$ | sed 's/.*: //; s/[,-].*//')
for i in 1 2 3; do
	wt_bg taskset -c "$cpu" python3 "$PY_FIXTURES/adder.py"
done
runq=$WT_LAST
wait_for_file "$dir/wal" || fail "writer did not start"

good=0
for try in 1 2 3; do
	order=$("$WAITTOP" -b -n 2 -d 1 -s wait -p "$sleeper,$writer,$runq" |
		awk '/^ *PID /{ o = "" } $1 ~ /^[0-9]+$/ { o = o " " $1 } END { print o }')
	echo "order:$order (sleeper $sleeper writer $writer runqueue $runq)"
	last=$(echo $order | awk '{ print $NF }')
	[ "$last" = "$sleeper" ] && [ "$(echo $order | wc -w)" -eq 3 ] && { good=1; break; }
done
[ $good -eq 1 ] || fail "-s wait did not put the sleeper last"
echo ok
