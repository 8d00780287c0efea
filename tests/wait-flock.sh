#!/bin/sh
# wait-flock.sh - a child blocked in flock() and in fcntl(F_SETLKW) on a
# file its parent holds locked: lock, and why_pid is the holder (from
# /proc/locks).
. "${SRCDIR:-.}/tests/lib.sh"
. "$SRCDIR/tests/wait-common.sh"

for how in flock fcntl; do
	rm -f "$WAIT_TMP/lk.pid"
	wt_bg python3 "$PY_FIXTURES/flock-holder.py" "$WAIT_TMP/lk" "$how"
	holder=$WT_LAST
	wait_for_file "$WAIT_TMP/lk.pid" || fail "$how: holder did not fork"
	waiter=$(cat "$WAIT_TMP/lk.pid")
	wait_for_wchan "$waiter" 'locks_lock|fcntl_setlk|flock' || fail "$how: waiter never blocked"
	wait_check "$waiter" lock "^(flock|fcntl\\(F_SETLKW\\))\\(?\\)? on .*lk \\(holder: pid $holder python3[^)]*\\)\$" \
		"p['why_pid'] == $holder"
	kill "$waiter" "$holder" 2>/dev/null
done
