#!/bin/sh
# tui-why.sh - the first screen, no key pressed and no filter: at 120x40
# and 80x24 the client blocked on a slow loopback server shows "net" and
# its connection in WHY (whole at 120, cut with an ellipsis at 80), the
# fsync writer shows fsync() and its file; kernel threads are hidden and
# counted, K brings them back; the ASCII header has no letter glued to a
# column name; the tree view puts `sh -c 'sleep 100; true'`'s sleep under
# its shell; Esc clears a filter; Right scrolls WHY.
. "${SRCDIR:-.}/tests/tui-lib.sh"
. "$SRCDIR/tests/wait-common.sh"
trap 'wait_cleanup; rm -rf "$TUI_DIR" "$dir"' EXIT

dir=$(mktemp -d "${WAIT_DISK_DIR:-$(pwd)}/tui-why.XXXXXX") || fail "mktemp"
wt_bg python3 "$PY_FIXTURES/slow-server.py" "$WAIT_TMP/port" 600
wait_for_file "$WAIT_TMP/port" || fail "server did not start"
port=$(cat "$WAIT_TMP/port")
wt_bg python3 "$PY_FIXTURES/net-client.py" "$port"
client=$WT_LAST
wt_bg $WAIT_PRIO_HI python3 "$PY_FIXTURES/fsync-writer.py" "$dir/wal"
writer=$WT_LAST
wait_for_wchan "$client" 'wait_woken|sk_wait_data' || fail "client never blocked"
wait_for_file "$dir/wal" || fail "writer did not start"

# row PID: PID's line on screen.
row() { wt_tmux_screen | awk -v p="$1" '$1 == p { print; exit }'; }
# row_has PID ERE: PID's line matches ERE.
row_has() { row "$1" | grep -Eq -- "$2"; }

# no_note: the hidden kernel threads note is gone.
no_note() { ! wt_tmux_screen | grep -q 'kernel threads hidden'; }
# header_has TEXT: the pane's header holds TEXT.
header_has() { tui_header | grep -qF -- "$1"; }
# unglued: no ASCII marker (v or ^) touches a letter of the header.
unglued() { ! tui_header | grep -Eq '[A-Za-z%/][v^]|[v^][A-Za-z%/]'; }

TUI_ENV="env LC_ALL=C.UTF-8"
tui_start 120 40
tui_wait_cmd "client's row without net and its peer at 120x40" 15 \
	row_has "$client" " net [0-9]+%.*recvfrom\(\) on TCP 127\.0\.0\.1:[0-9]+ -> 127\.0\.0\.1:$port"
tui_wait_cmd "writer's row without fsync() and its file at 120x40" 15 \
	row_has "$writer" "fsync\(\) on .*wal"
tui_show "120x40, UTF-8"
# kernel threads (kthreadd is pid 2, unless in a pid namespace without any)
if grep -q '(kthreadd)' /proc/2/stat 2>/dev/null; then
	wt_tmux_screen | grep -q 'kernel threads hidden (K shows them)' ||
		fail "no hidden kernel threads note"
	row 2 | grep -q . && fail "kernel thread 2 on the first screen"
	tui_keys K
	tui_wait_cmd "the note stayed after K" 5 no_note
	tui_keys / k t h r e a d d Enter
	tui_wait_cmd "kthreadd not listed after K" 5 row_has 2 'kthreadd'
	tui_keys K
	tui_wait_cmd "no note after K again" 5 wt_tmux_wait 'kernel threads hidden' 1
else
	echo "no kernel threads in this pid namespace: K not checked"
fi
tui_keys q
tui_check_exit 0
tmux -L "$WT_TMUX" kill-server

# busier_screen: every row on screen used some CPU or wrote to disk
# (CPU% above 0.0 or DISK W/s above 0): a loaded machine whose busier
# processes fill 80x24 before the idle ones (ties go by activity).
busier_screen() {
	[ "$(tui_pids | wc -l)" -ge 10 ] &&
		! wt_tmux_screen | awk '/COMMAND/ { seen = 1; d = index($0, "DISK W/s"); next }
			seen && $1 ~ /^[0-9]+$/ { w = substr($0, d, 8); gsub(/ /, "", w)
				if ($2 == "0.0" && (w == "0" || w == "-")) print }' | grep -q .
}
tui_start 80 24
i=0
until row_has "$client" " net [0-9]+%.*recvfrom\(\) on TCP 127\.0\.0\.1:.*…"; do
	i=$((i + 1))
	[ $i -lt 150 ] && { sleep 0.1; continue; }
	# not on the first screen: only processes busier than the client (CPU
	# above 0.0) may be above it; an idle row shown instead is a failure
	busier_screen || { tui_show "80x24"; fail "client's row not at 80x24 and idle rows shown"; }
	echo "80x24: the screen is full of processes using CPU; the client is below"
	break
done
i=0
until row_has "$writer" "fsync\(\) on "; do
	i=$((i + 1))
	[ $i -lt 150 ] && { sleep 0.1; continue; }
	row "$writer" | grep -q . && { tui_show "80x24"; fail "writer's row without fsync() at 80x24"; }
	busier_screen || { tui_show "80x24"; fail "writer's row not at 80x24 and idle rows shown"; }
	break
done
tui_show "80x24, UTF-8"
# Right scrolls WHY: the peer's port comes into view (the client found by
# the filter, so that a busy machine does not push it off the screen)
tui_keys '\' n e t - c l i e n t Enter Right Right Right Right
tui_wait_cmd "Right did not scroll WHY to the peer" 5 row_has "$client" "127\.0\.0\.1:$port"
tui_show "80x24 after Right x4"
tui_keys Left Left Left Left
tui_wait_cmd "Left did not scroll back" 5 row_has "$client" "recvfrom\(\)"
tui_keys Escape
tui_keys q
tui_check_exit 0
tmux -L "$WT_TMUX" kill-server

# ASCII: the sort marker stands apart from the column's name
TUI_ENV="env LC_ALL=C"
wt_bg sh -c 'sleep 100; true'
shell=$WT_LAST
tui_start 120 40 -d 0.5
header_has 'v CPU' || fail "ASCII header: $(tui_header)"
unglued || fail "a marker glued to a name: $(tui_header)"
tui_keys W
tui_wait_cmd "WAIT not marked apart" 5 header_has 'WAIT v'
unglued || fail "a marker glued to a name: $(tui_header)"
tui_keys '<'
tui_wait_cmd "< from WAIT did not mark WCHAN" 5 header_has 'WCHAN ^'
unglued || fail "a marker glued to a name: $(tui_header)"
for k in D D N N '<'; do
	tui_keys "$k"
	sleep 0.3
	unglued || fail "a marker glued to a name after $k: $(tui_header)"
done
tui_show "ASCII, after D D N N <"
# the tree: the filter keeps sh and its sleep; sleep's line is under sh's
tui_keys P '\' 's' 'l' 'e' 'e' 'p' ' ' '1' '0' '0' Enter t
child=$(wait_child_of "$shell") || fail "no child of the shell"
under() {
	wt_tmux_screen | awk -v s="$shell" -v c="$child" '
		$1 == s { at = NR } $1 == c && at && NR == at + 1 && /`-/ { ok = 1 } END { exit !ok }'
}
tui_wait_cmd "sleep $child not under its shell $shell in the tree" 5 under
tui_show "tree, filter 'sleep 100'"
# Esc in the list clears the filter: other rows come back
more_rows() { [ "$(tui_pids | wc -l)" -gt 5 ]; }
tui_keys Escape
tui_wait_cmd "Esc did not clear the filter" 5 more_rows
sh_title() { wt_tmux_screen | head -n 1 | grep -q 'filter:'; }
sh_title && fail "the title still shows a filter after Esc"
tui_keys q
tui_check_exit 0
echo ok
