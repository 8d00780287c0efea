#!/bin/sh
# tui-nobody.sh - as an unprivileged user the screen still comes up, the
# header says once that some values are hidden, other users' unreadable
# values are "-" (never 0), and q restores the terminal.
. "${SRCDIR:-.}/tests/tui-lib.sh"
need_root
command -v setpriv >/dev/null 2>&1 || skip "setpriv is not installed"

wt_tmux_start "wt-tui-$$" 120 40 \
	"ulimit -c 0; TERM=screen; export TERM; setpriv --reuid=nobody --regid=nogroup --clear-groups $WAITTOP -U -d 0.5 -s pid; echo \$? >$TUI_DIR/status"
wt_tmux_wait "COMMAND" 10 || fail "no pane as nobody"
wt_tmux_wait "some values hidden: run as root to see more" 5 || fail "no permission hint"
tui_show "nobody"
[ "$(wt_tmux_screen | grep -c 'some values hidden')" -eq 1 ] || fail "hint shown more than once"
# pid 1 belongs to root: its disk rates cannot be read
row=$(wt_tmux_screen | awk '$1 == "1" { print; exit }')
[ -n "$row" ] || fail "no row for pid 1"
echo "pid 1: $row"
echo "$row" | awk '{ for (i = 1; i <= NF; i++) if ($i == "-") found = 1 } END { exit !found }' ||
	fail "pid 1 shows no '-' for unreadable values"
tui_keys q
tui_check_exit 0
