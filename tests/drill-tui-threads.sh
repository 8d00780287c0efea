#!/bin/sh
# drill-tui-threads.sh - the drill-in lists each thread with its own wait:
# a process with four threads in four different waits (spin: cpu, nap:
# sleep in nanosleep, futex: a condition variable nobody signals, piperd:
# a read of a pipe nobody writes) shows each thread's row with its wait,
# and the thread a key selects gets its own kernel stack.
. "${SRCDIR:-.}/tests/tui-lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wt_bg $WAIT_PRIO_HI "$FIXTURES/four-waits"
four=$WT_LAST
wt_wait_wchan "$four" 'pipe_read|pipe_wait' || fail "the pipe reader never blocked"

# drill_thread_wait NAME: the WAIT column of thread NAME's row on screen
drill_thread_wait() {
	wt_tmux_screen | awk -v n="$1" '/^THREADS/ { t = 1; next } t && /^[A-Z]/ { t = 0 }
		t && $1 ~ /^[0-9]+$/ && $2 == n { print $6; exit }'
}

# drill_four_ok: each of the four threads shows its own wait (the spinner
# wants a CPU: on a loaded machine that is partly run-queue wait, the truth)
drill_four_ok() {
	case "$(drill_thread_wait spin)" in cpu | runqueue) ;; *) return 1 ;; esac
	[ "$(drill_thread_wait nap)" = sleep ] &&
		[ "$(drill_thread_wait futex)" = lock ] &&
		[ "$(drill_thread_wait piperd)" = ipc ]
}

tui_start 120 40 -U -C -d 0.5 -p "$four"
tui_keys Enter
wt_tmux_wait "DRILL pid $four" 10 || fail "Enter did not open the drill-in of $four"
wt_tmux_wait "THREADS" 10 || fail "no threads section"
tui_wait_cmd "the four threads do not each show their own wait" 15 drill_four_ok
tui_show "the four threads, each with its wait"
for n in spin nap futex piperd; do
	echo "thread $n: $(drill_thread_wait "$n")"
done
# the rows carry each wait's evidence: nanosleep, the futex, the pipe read
wt_tmux_screen | grep -E '^ +[0-9]+ nap ' | grep -q 'nanosleep' || fail "nap's row does not say nanosleep"
wt_tmux_screen | grep -E '^ +[0-9]+ futex ' | grep -q 'futex' || fail "futex's row does not say futex"
wt_tmux_screen | grep -E '^ +[0-9]+ piperd ' | grep -q 'read' || fail "piperd's row does not say read"
# Down walks the threads (sorted by TID: main, spin, nap, futex, piperd);
# the kernel stack (root only) follows the selected thread
if [ "$(id -u)" -eq 0 ]; then
	tid=$(wt_tmux_screen | awk '$2 == "piperd" && $1 ~ /^[0-9]+$/ { print $1; exit }')
	[ -n "$tid" ] || fail "no row for piperd"
	tui_keys Down Down Down Down
	wt_tmux_wait "KERNEL STACK of thread $tid" 10 || fail "Down did not select piperd's stack"
	wt_tmux_wait "pipe_read" 10 || fail "piperd's kernel stack has no pipe_read"
	tui_show "piperd selected: its kernel stack"
fi
tui_keys q
tui_check_exit 0
