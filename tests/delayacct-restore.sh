#!/bin/sh
# delayacct-restore.sh - --delayacct sets kernel.task_delayacct=1 for the
# run and puts back the 0 it found on every exit that runs code: after -n,
# after SIGTERM in batch mode, after q in the full-screen view; a 1 found
# at start stays 1.  Root only; restores the value it found itself.
. "$SRCDIR/tests/lib.sh"

need_root
F=/proc/sys/kernel/task_delayacct
[ -w "$F" ] || skip "no writable $F"
orig=$(cat "$F")
trap 'wt_cleanup; echo "$orig" >"$F"' EXIT

echo 0 >"$F"
"$WAITTOP" -b --delayacct -n 2 -d 0.2 >/dev/null || fail "waittop -b --delayacct failed"
[ "$(cat "$F")" = 0 ] || fail "after -n: task_delayacct is $(cat "$F"), not the 0 found"
echo "ok: restored after -n"

wt_bg "$WAITTOP" -b --delayacct -d 0.3 >/dev/null
W=$WT_LAST
i=0
while [ "$(cat "$F")" != 1 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "--delayacct did not set 1"; sleep 0.05
done
sleep 0.5
kill -TERM "$W"
wait "$W"
st=$?
[ "$st" -eq 143 ] || fail "after SIGTERM: status $st, expected 143"
[ "$(cat "$F")" = 0 ] || fail "after SIGTERM: task_delayacct is $(cat "$F")"
echo "ok: restored after SIGTERM"

wt_tmux_start "wt-dacct-$$" 100 30 "$WAITTOP --delayacct -d 0.3"
wt_tmux_wait "PID" 15 || fail "no first frame"
[ "$(cat "$F")" = 1 ] || fail "--delayacct in the TUI did not set 1"
tmux -L "$WT_TMUX" send-keys q
wt_tmux_dead 10 || fail "q did not exit"
[ "$(cat "$F")" = 0 ] || fail "after q: task_delayacct is $(cat "$F")"
echo "ok: restored after q"

echo 1 >"$F"
"$WAITTOP" -b --delayacct -n 1 -d 0.2 >/dev/null || fail "waittop -b --delayacct failed"
[ "$(cat "$F")" = 1 ] || fail "a 1 found at start became $(cat "$F")"
echo "ok: a 1 found stays 1"
