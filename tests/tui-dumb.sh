#!/bin/sh
# tui-dumb.sh - a terminal that cannot move the cursor (TERM=dumb) gets a
# one-line refusal and exit status 1, not a garbled screen.
. "${SRCDIR:-.}/tests/lib.sh"
command -v tmux >/dev/null || skip "no tmux"

wt_tmux_start "wt-dumb-$$" 80 24 "TERM=dumb '$WAITTOP'; echo status=\$?; sleep 30"
wt_tmux_wait "status=" 10 || fail "waittop did not exit under TERM=dumb"
scr=$(wt_tmux_screen)
echo "$scr" | grep -q "^waittop: TERM=dumb cannot move the cursor" || fail "no clear message: $scr"
echo "$scr" | grep -q "status=1" || fail "exit status not 1: $scr"
[ "$(echo "$scr" | grep -c .)" -eq 2 ] || fail "more than the message and the status: $scr"
echo ok
