#!/bin/sh
# tui-signals.sh - q, F10, SIGTERM, SIGHUP and SIGINT all end waittop
# through the normal teardown (status 0, alternate screen off); a crash
# signal still leaves the alternate screen before the process dies;
# -n N ends the full-screen view by itself after N refreshes.
. "${SRCDIR:-.}/tests/tui-lib.sh"

for how in q F10 TERM HUP INT SEGV; do
	tui_start 80 24 -U -d 0.5
	case $how in
	q | F10) tui_keys "$how" ;;
	*) kill -"$how" "$TUI_PID" ;;
	esac
	case $how in
	SEGV) tui_check_exit 139 ;;
	*) tui_check_exit 0 ;;
	esac
	echo "$how: exit $(cat "$TUI_DIR/status"), alternate screen off"
	tmux -L "$WT_TMUX" kill-server
done

# -n 3: three refreshes a second apart, then the normal teardown without a key
tui_start 80 24 -U -d 1 -n 3
tui_check_exit 0
echo "-n 3: exit $(cat "$TUI_DIR/status"), alternate screen off"
