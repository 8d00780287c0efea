#!/bin/sh
# tui-columns.sh - what the pane's cells say: a running process's WCHAN
# is "-" (not blank); WCHAN is shown on wide terminals only (WHY took its
# place at 120), with room for a whole "hrtimer_nanosleep" at 200 while
# 175 cut it at 16 cells.
. "${SRCDIR:-.}/tests/tui-lib.sh"

wt_bg python3 "$SRCDIR/tests/fixtures/adder.py" wtcol-mark
adder=$WT_LAST
wt_bg python3 "$SRCDIR/tests/fixtures/sleeper.py" wtcol-mark
sleeper=$WT_LAST

# field PID N: field N of PID's row on screen.
field() { wt_tmux_screen | awk -v p="$1" -v n="$2" '$1 == p { print $n; exit }'; }
# running_dash: the adder's row is R with "-" as its WCHAN (fields:
# PID USER S CPU% WCHAN WAIT ...).
running_dash() { [ "$(field $adder 3)" = R ] && [ "$(field $adder 5)" = - ]; }
# wchan_is PID TEXT: PID's WCHAN cell is TEXT.
wchan_is() { [ "$(field "$1" 5)" = "$2" ]; }

tui_start 200 30 -U -d 0.5
tui_keys '\' w t c o l - m a r k Enter
wt_tmux_wait "filter: wtcol-mark" 5 || fail "no filter"
tui_wait_cmd "the running adder's WCHAN is not '-'" 10 running_dash
tui_wait_cmd "WCHAN cut at 200 columns" 10 wchan_is $sleeper hrtimer_nanosleep
tui_show "200x30"
wt_tmux_screen | awk 'length($0) > 200 { exit 1 }' || fail "a line wider than 200"

tmux -L "$WT_TMUX" resize-window -x 175 -y 30
tui_wait_cmd "WCHAN not 16 cells at 175 columns" 5 wchan_is $sleeper hrtimer_nanoslee
tui_show "175x30"
tmux -L "$WT_TMUX" resize-window -x 120 -y 30
tui_wait_cmd "WCHAN still shown at 120 columns" 5 sh -c "! tmux -L $WT_TMUX capture-pane -p | grep -q WCHAN"
tui_header | grep -q WHY || fail "no WHY at 120 columns"
tui_keys q
tui_check_exit 0
