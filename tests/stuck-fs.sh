#!/bin/sh
# stuck-fs.sh - waittop next to a filesystem that stopped answering (root
# only): a FUSE server (fixtures/fuse-stuck) that never answers READ nor a
# second GETATTR, a reader blocked on its file (D, waiting for the page),
# and a process whose mmap lock is held by a thread stuck faulting on the
# file (reading its cmdline blocks, as ps does).  waittop must not wait on
# either: the batch output comes, the first frame comes within 2 s, the
# reader's row says disk-read or other with the file in its why, the other
# row shows its comm, and q and SIGTERM exit with the terminal restored
# while the deadline worker is still stuck on that cmdline.
. "${SRCDIR:-.}/tests/tui-lib.sh"

need_root
[ -c /dev/fuse ] || skip "no /dev/fuse"
grep -qw fuse /proc/filesystems || skip "no fuse in this kernel"

MNT=$TUI_DIR/mnt
SRV=""
# stuck_teardown: abort the connection (killing the server closes
# /dev/fuse, which aborts it; the control file too where fusectl is
# mounted), so every waiter wakes with ENOTCONN, then unmount and clean.
stuck_teardown() {
	local conn
	conn=$(awk -v m="$MNT" '$5 == m { split($3, a, ":"); print a[2] }' /proc/self/mountinfo)
	[ -n "$conn" ] && [ -w "/sys/fs/fuse/connections/$conn/abort" ] &&
		echo 1 >"/sys/fs/fuse/connections/$conn/abort"
	[ -n "$SRV" ] && kill -KILL "$SRV" 2>/dev/null
	grep -qF " $MNT " /proc/self/mountinfo && umount -l "$MNT"
	wt_cleanup
	rm -rf "$TUI_DIR"
}
trap stuck_teardown EXIT
mkdir "$MNT"

wt_bg "$FIXTURES/fuse-stuck" "$MNT" >"$TUI_DIR/srv.out"
SRV=$WT_LAST
i=0
until grep -qF " $MNT " /proc/self/mountinfo && grep -q ready "$TUI_DIR/srv.out"; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "the FUSE fixture did not mount"
	sleep 0.1
done

wt_bg "$FIXTURES/fuse-client" read "$MNT/stuck" >/dev/null
reader=$WT_LAST
wt_wait_wchan "$reader" 'folio_wait|request_wait_answer' || fail "the reader never blocked"
wt_bg "$FIXTURES/fuse-client" mmap "$MNT/stuck" >/dev/null
holder=$WT_LAST
wt_wait_wchan "$holder" 'vm_mmap_pgoff|rwsem' || fail "the mmap lock holder never blocked"
# the fixture works: reading its cmdline now waits (as ps would)
timeout 1 cat "/proc/$holder/cmdline" >/dev/null
[ $? -eq 124 ] || fail "reading /proc/$holder/cmdline did not block: the fixture holds no lock"
echo "reader $reader: $(cut -d' ' -f3 /proc/$reader/stat) $(cat /proc/$reader/wchan);" \
	"lock holder $holder: cmdline blocks"

# stuck_wait_exit PID SECONDS: true once PID is gone.  A waittop hung in
# the filesystem ignores even SIGKILL, so never wait for it unbounded:
# the teardown's abort frees it.
stuck_wait_exit() {
	local i=0
	while kill -0 "$1" 2>/dev/null; do
		i=$((i + 1)); [ $i -lt $(($2 * 10)) ] || return 1
		sleep 0.1
	done
}

# batch: both rows, within a bound
"$WAITTOP" -b --json -n 2 -p "$reader,$holder" >"$TUI_DIR/out.json" &
wt=$!
WT_PIDS="$WT_PIDS $wt"
stuck_wait_exit "$wt" 10 || fail "waittop -b hung (state $(cut -d' ' -f3 /proc/$wt/stat 2>/dev/null))"
wait "$wt" || fail "waittop -b failed"
row() { wt_json_get "$TUI_DIR/out.json" "[p for p in d['processes'] if p['pid'] == $1][0]['$2']" | tail -n 1; }
wait_r=$(row "$reader" wait)
why_r=$(row "$reader" why)
echo "batch: reader wait=$wait_r why='$why_r'"
case $wait_r in disk-read | other) ;; *) fail "reader's wait is '$wait_r'" ;; esac
case $why_r in *"$MNT/stuck"*) ;; *) fail "reader's why does not name $MNT/stuck" ;; esac
[ "$(row "$holder" comm)" = fuse-client ] || fail "the lock holder's comm is not shown"
why_h=$(row "$holder" cmdline_why)
echo "batch: lock holder comm=fuse-client cmdline_why='$why_h'"
[ "$why_h" != None ] || fail "the lock holder's cmdline is not marked unknown"

# full screen: the first frame within 2 s, the rows, then q / SIGTERM
for how in q TERM; do
	rm -f "$TUI_DIR/status" "$TUI_DIR/pid"
	wt_tmux_start "wt-stuck-$$" 120 20 "ulimit -c 0; TERM=screen; export TERM; \
sh -c 'echo \$\$ >$TUI_DIR/pid; exec $WAITTOP -d 0.5 -p $reader,$holder'; echo \$? >$TUI_DIR/status"
	t0=$(date +%s%N)
	tui_wait_cmd "waittop did not start" 5 test -s "$TUI_DIR/pid"
	TUI_PID=$(cat "$TUI_DIR/pid")
	WT_PIDS="$WT_PIDS $TUI_PID"
	wt_tmux_wait "COMMAND" 2 || fail "no first frame within 2 s"
	t1=$(date +%s%N)
	echo "$how: first frame after $(( (t1 - t0) / 1000000 )) ms"
	tui_wait_cmd "the reader's row is not disk-read or other" 5 \
		sh -c "tmux -L $WT_TMUX capture-pane -p | grep -Eq '^ *$reader .*(disk-r|other) '"
	tui_wait_cmd "the lock holder's row does not show its comm" 5 \
		sh -c "tmux -L $WT_TMUX capture-pane -p | grep -Eq '^ *$holder .*fuse-client'"
	tui_show "$how: the screen"
	case $how in
	q) tui_keys q ;;
	TERM) kill -TERM "$TUI_PID" ;;
	esac
	stuck_wait_exit "$TUI_PID" 5 || fail "$how: waittop did not exit"
	tui_check_exit 0
	echo "$how: exit 0, alternate screen off"
	tmux -L "$WT_TMUX" kill-server
done
