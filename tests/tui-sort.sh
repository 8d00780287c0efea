#!/bin/sh
# tui-sort.sh - sort keys change the marked header column and the order
# of real processes: a CPU spinner is first under P and last after I;
# < and > move the mark; the F6 menu picks a column and at 80 columns
# shows its items' text; D and N toggle between their two columns.
. "${SRCDIR:-.}/tests/tui-lib.sh"

wt_bg sh -c 'while :; do :; done'
spin=$WT_LAST
wt_bg sleep 600
sleeper=$WT_LAST

# first_pid_is PID: the first row is PID.
first_pid_is() { [ "$(tui_pids | head -n 1)" = "$1" ]; }
# rows_are N: N process rows on screen.
rows_are() { [ "$(tui_pids | wc -l)" -eq "$1" ]; }
# mark_on TEXT: the header carries TEXT (the marked column).
mark_on() { tui_header | grep -qF -- "$1"; }

tui_start 120 40 -U -d 0.5 -s pid -p "$spin,$sleeper"
tui_wait_cmd "two rows" 5 rows_are 2
mark_on '^ PID' || fail "PID not marked ascending: $(tui_header)"
low=$spin; [ "$sleeper" -lt "$spin" ] && low=$sleeper
first_pid_is "$low" || fail "pid order wrong"

tui_keys P
tui_wait_cmd "CPU% not marked descending" 5 mark_on 'v CPU'
tui_wait_cmd "spinner not first under P" 5 first_pid_is "$spin"
tui_show "P"

tui_keys I
tui_wait_cmd "CPU% not ascending after I" 5 mark_on '^ CPU'
tui_wait_cmd "sleeper not first after I" 5 first_pid_is "$sleeper"

tui_keys '<'
tui_wait_cmd "< did not mark S" 5 mark_on ' S ^'
tui_keys '>' '>'
tui_wait_cmd "> > did not mark WCHAN" 5 mark_on 'WCHAN ^'
tui_show "< > >"

tui_keys D
tui_wait_cmd "D did not mark DISK R/s" 5 mark_on 'v DISK R'
tui_keys D
tui_wait_cmd "D D did not mark DISK W/s" 5 mark_on 'v DISK W'
tui_keys N
tui_wait_cmd "N did not mark NET RX/s" 5 mark_on 'v NET RX'
tui_keys W
tui_wait_cmd "W did not mark WAIT" 5 mark_on 'WAIT v'

# F6: the menu lists columns; Up from WAIT picks WCHAN, Enter applies
tui_keys F6
tui_wait_cmd "no sort menu" 5 wt_tmux_wait "Sort by" 1
tui_show "F6"
wt_tmux_screen | grep -q 'DISK W/s' || fail "sort menu lacks DISK W/s"
tui_keys Up Enter
tui_wait_cmd "menu did not sort by WCHAN" 5 mark_on 'WCHAN ^'
tui_keys F6 Down Escape
sleep 0.3
mark_on 'WCHAN ^' || fail "Esc in the menu changed the sort"

tui_keys P
tui_wait_cmd "spinner not first under P again" 5 first_pid_is "$spin"

# at 80x24 the menu is wide enough for what its items say
tmux -L "$WT_TMUX" resize-window -x 80 -y 24
tui_wait_cmd "not redrawn at 80x24" 5 sh -c "! tmux -L $WT_TMUX capture-pane -p | grep -q WCHAN"
tui_keys F6
tui_wait_cmd "no sort menu at 80x24" 5 wt_tmux_wait "Sort by" 1
tui_show "F6 at 80x24"
wt_tmux_screen | grep -qF 'verdict and its share; a bar of all shares' ||
	fail "the sort menu cuts its WAIT item at 80 columns"
wt_tmux_screen | awk 'length($0) > 80 { exit 1 }' || fail "a line wider than 80 with the menu"
tui_keys Escape
tui_keys q
tui_check_exit 0
