#!/bin/sh
# tui-action.sh - actions from the list, as htop users expect: k opens the
# signal menu with SIGTERM first, Enter asks "Send SIGTERM to pid N
# (command)? y/N", y ends the process and says so; F8 raises the nice
# value (checked in /proc/PID/stat); as nobody, k on a root process and F7
# (a higher priority) give one-line permission messages, not a crash.
. "${SRCDIR:-.}/tests/tui-lib.sh"

# nice_of PID: field 19 of /proc/PID/stat.
nice_of() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $17 }'; }

# gone_or_zombie PID: the process has exited.
gone_or_zombie() {
	[ ! -e "/proc/$1" ] || [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" = Z ]
}

# --- k, SIGTERM, y ---------------------------------------------------------
wt_bg sleep 1000
victim=$WT_LAST
tui_start 100 30 -d 0.5 -p "$victim"
tui_keys k
wt_tmux_wait "Send signal" 5 || fail "k opened no signal menu"
tui_show "signal menu"
wt_tmux_screen | grep -A1 'Send signal' | grep -q '15 SIGTERM' || fail "SIGTERM is not first"
tui_keys Enter
wt_tmux_wait "Send SIGTERM to pid $victim (sleep 1000)? y/N" 5 || fail "no confirmation naming the process"
kill -0 "$victim" 2>/dev/null || fail "the signal was sent before the confirmation"
tui_keys y
wt_tmux_wait "sent SIGTERM to pid $victim" 5 || fail "no result line"
tui_wait_cmd "SIGTERM did not end pid $victim" 5 gone_or_zombie "$victim"
wait "$victim" 2>/dev/null
tui_show "after y"
tui_keys q
tui_check_exit 0
tmux -L "$WT_TMUX" kill-server

# --- F8: nice +1 ------------------------------------------------------------
wt_bg sleep 1000
victim=$WT_LAST
before=$(nice_of "$victim")
tui_start 100 30 -d 0.5 -p "$victim"
tui_keys k
wt_tmux_wait "Send signal" 5 || fail "k opened no signal menu"
tui_keys Enter
wt_tmux_wait "? y/N" 5 || fail "no confirmation"
tui_keys n
wt_tmux_wait "SIGTERM not sent" 5 || fail "n did not cancel"
kill -0 "$victim" 2>/dev/null || fail "n still sent the signal"
tui_keys F8
wt_tmux_wait "pid $victim: nice $before -> $((before + 1))" 5 || fail "F8 said nothing"
[ "$(nice_of "$victim")" = "$((before + 1))" ] || fail "nice is $(nice_of "$victim"), expected $((before + 1))"
tui_keys q
tui_check_exit 0
tmux -L "$WT_TMUX" kill-server

# --- as nobody: EPERM for a root process, EACCES for a higher priority -------
need_root
command -v setpriv >/dev/null 2>&1 || skip "setpriv is not installed"
NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
wt_bg $NOBODY sleep 1000
own=$WT_LAST
rm -f "$TUI_DIR/status"
wt_tmux_start "wt-tui-$$" 120 30 \
	"ulimit -c 0; TERM=screen; export TERM; $NOBODY $WAITTOP -d 0.5 -p 1,$own -s pid; echo \$? >$TUI_DIR/status"
wt_tmux_wait "COMMAND" 10 || fail "no pane as nobody"
tui_wait_cmd "no row for pid $own" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -q '^ *$own '"
tui_keys Home k
wt_tmux_wait "Send signal" 5 || fail "k opened no signal menu"
tui_keys Enter
wt_tmux_wait "Send SIGTERM to pid 1 " 5 || fail "no confirmation for pid 1"
tui_keys y
wt_tmux_wait "SIGTERM to pid 1: not permitted (EPERM)" 5 || fail "no EPERM line"
tui_show "EPERM"
tui_keys Down F7
wt_tmux_wait "renice pid $own to -1: permission denied (EACCES)" 5 || fail "no EACCES line for F7"
tui_show "EACCES"
[ "$(nice_of "$own")" = 0 ] || fail "nice of pid $own changed"
tui_keys q
tui_check_exit 0
