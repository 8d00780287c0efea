#!/bin/sh
# proc-user.sh - USER is the effective uid, not the owner of /proc/PID/stat
# (root for a process that dropped root with setuid() or is non-dumpable):
# both fixtures are listed under -u nobody with user "nobody".  Root only.
. "${SRCDIR:-.}/tests/lib.sh"
need_root
command -v setpriv >/dev/null || skip "no setpriv"
nob=$(id -u nobody) || skip "no user nobody"

out=$(mktemp); trap 'rm -f "$out"; wt_cleanup' EXIT
wt_bg "$FIXTURES/drop-priv" --setuid "$nob"
dropped=$WT_LAST
wt_bg setpriv --reuid=nobody --regid=nogroup --clear-groups "$FIXTURES/drop-priv" --nodump
nodump=$WT_LAST
wt_wait_wchan "$dropped" "do_sys_pause|sys_pause|pause" || fail "setuid fixture never paused"
wt_wait_wchan "$nodump" "do_sys_pause|sys_pause|pause" || fail "non-dumpable fixture never paused"
# the premise: the kernel says root owns both stat files
[ "$(stat -c %u /proc/$dropped/stat)" = 0 ] || skip "stat of a setuid process not root-owned here"
[ "$(stat -c %u /proc/$nodump/stat)" = 0 ] || skip "stat of a non-dumpable process not root-owned here"
"$WAITTOP" -b --json -n 2 -d 0.3 -u nobody -p "$dropped,$nodump" >"$out" || fail "waittop exited $?"
python3 - "$out" "$dropped" "$nodump" <<'PY' || { cat "$out"; fail "wrong user"; }
import json, sys
pids = {int(sys.argv[2]), int(sys.argv[3])}
for line in open(sys.argv[1]):
    d = json.loads(line)
    got = {p["pid"]: p["user"] for p in d["processes"]}
    assert set(got) == pids, got
    assert all(u == "nobody" for u in got.values()), got
PY
