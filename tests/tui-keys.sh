#!/bin/sh
# tui-keys.sh - help lists the keys and the WAIT categories; search
# selects a match; the filter keeps only matching rows and Esc clears
# it; H adds thread rows; Z says PAUSED; p shows command lines; Enter
# opens the drill-in (with its own help) and Esc returns.
. "${SRCDIR:-.}/tests/tui-lib.sh"

# A uniquely named process with two extra threads.
wt_bg python3 -c '
import threading, time
def idle():
    time.sleep(600)
for i in range(2):
    threading.Thread(target=idle, daemon=True).start()
time.sleep(600)
' wtmark-q7z
py=$WT_LAST

# more_rows_than N: over N process rows on screen.
more_rows_than() { [ "$(tui_pids | wc -l)" -gt "$1" ]; }

tui_start 120 40 -U -C -d 0.5

tui_keys h
wt_tmux_wait "Keys:" 5 || fail "no help screen"
tui_show "help"
for k in 'sort by CPU%' 'invert the sort order' 'sort menu' 'filter' 'show or hide threads' 'pause' 'quit'; do
	wt_tmux_screen | grep -qF -- "$k" || fail "help lacks '$k'"
done
tui_keys End
wt_tmux_wait "WAIT categories:" 5 || fail "help lacks the WAIT categories"
for c in cpu runqueue disk-read disk-write dirty-throttle net lock ipc poll sleep tty child stopped zombie idle other; do
	wt_tmux_screen | grep -q "^  $c " || fail "help lacks category $c"
done
tui_show "help, end"
tui_keys Escape
wt_tmux_wait "COMMAND" 5 || fail "help did not close"

# filter on the command line text
tui_keys '\' w t m a r k - q
wt_tmux_wait "Filter: wtmark-q" 5 || fail "no filter prompt"
tui_wait_cmd "filter did not keep only the marker" 5 sh -c "[ \"\$(tmux -L $WT_TMUX capture-pane -p | awk 'seen && \$1 ~ /^[0-9]+\$/ { print \$1 } /COMMAND/ { seen = 1 }')\" = $py ]"
tui_keys Enter
wt_tmux_wait "filter: wtmark-q" 5 || fail "active filter not shown in the title"
tui_keys H
tui_wait_cmd "H did not add the two thread rows" 5 sh -c "[ \$(tmux -L $WT_TMUX capture-pane -p | grep -c '{python3}') -eq 2 ]"
tui_show "filter + threads"
tui_keys p
# (COMMAND is 20 cells at 120 columns: the start of the command line)
cmd=$(tr '\0' ' ' </proc/$py/cmdline | cut -c 1-15)
wt_tmux_wait "$cmd" 5 || fail "p did not show the command line '$cmd'"
tui_keys H '\' Escape
tui_wait_cmd "Esc did not clear the filter" 5 more_rows_than 3

# search: the selection lands on the marker (the selected row is reversed)
tui_keys / m a r k - q 7
wt_tmux_wait "Search: mark-q7" 5 || fail "no search prompt"
tui_keys Enter
tui_wait_cmd "search did not select the marker" 5 sh -c \
	"tmux -L $WT_TMUX capture-pane -p -e | grep -E '^[^ ]* +$py ' | grep -q '\\[7m'"
tui_keys / n o - s u c h - p r o c e s s
wt_tmux_wait "(no match)" 5 || fail "no 'no match' for a missing process"
tui_keys Escape

tui_keys Z
wt_tmux_wait "PAUSED" 5 || fail "Z did not pause"
tui_keys Z
tui_wait_cmd "PAUSED did not go away" 5 sh -c "! tmux -L $WT_TMUX capture-pane -p | grep -q PAUSED"

# Enter opens the drill-in of the selected row; Esc returns to the list
tui_keys Enter
wt_tmux_wait "DRILL pid" 5 || fail "Enter did not open the drill-in"
tui_keys h
wt_tmux_wait "drill-in: one process" 5 || fail "no drill-in help"
wt_tmux_screen | grep -qF "follow the wait" || fail "the drill-in help lacks f"
tui_keys x
wt_tmux_wait "DRILL pid" 5 || fail "the help did not return to the drill-in"
tui_keys Escape
wt_tmux_wait "COMMAND" 5 || fail "Esc did not return to the list"
tui_keys q
tui_check_exit 0
