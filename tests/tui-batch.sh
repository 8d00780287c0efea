#!/bin/sh
# tui-batch.sh - batch text shares the pane's conventions: thread rows
# (-H) show their name in braces, -c -s command sorts by the command line
# it shows, TCP retransmits are a rate with one decimal, names keep
# UTF-8 in a UTF-8 locale (not with -U); and a reader
# that goes away (waittop -b | head) ends waittop quietly with status 0.
. "${SRCDIR:-.}/tests/lib.sh"

T=$(mktemp -d "${TMPDIR:-/var/tmp}/waittop-batch.XXXXXX")
trap 'wt_cleanup; rm -rf "$T"' EXIT

# A process with two extra threads.
wt_bg python3 -c '
import threading, time
for i in range(2):
    threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
time.sleep(600)
' wtbatch-mark
py=$WT_LAST
i=0
while [ "$(ls /proc/$py/task 2>/dev/null | wc -l)" -lt 3 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "the fixture did not start its threads"
	sleep 0.1
done

# -H: one process row, two thread rows in braces
"$WAITTOP" -b -n 1 -d 0.2 -H -p "$py" >"$T/thr" || fail "waittop -b -H failed"
cat "$T/thr"
# cmd_cells FILE: the COMMAND column of each row (between the COMMAND and
# WHY headers, trailing blanks cut)
cmd_cells() {
	awk '/^ +PID USER/ { at = index($0, "COMMAND"); to = index($0, " WHY"); next }
		at && $1 ~ /^[0-9]+$/ { c = substr($0, at, to - at); sub(/ +$/, "", c); print c }' "$1"
}
[ "$(awk -v p="$py" '$1 == p && / python3 / && !/[{]python3[}]/' "$T/thr" | wc -l)" -eq 1 ] ||
	fail "no plain process row for $py"
[ "$(cmd_cells "$T/thr" | grep -c '^{python3}$')" -eq 2 ] || fail "thread rows are not shown as {python3}"

# -c -s command: the COMMAND column, as printed, is in ascending order
"$WAITTOP" -b -n 1 -d 0.2 -c -s command >"$T/cmd" || fail "waittop -b -c -s command failed"
cmd_cells "$T/cmd" >"$T/cmds"
[ "$(wc -l <"$T/cmds")" -ge 5 ] || fail "fewer than 5 rows with -c"
LC_ALL=C sort -c "$T/cmds" || fail "-c -s command is not sorted by the command line shown"

# the NET line: retransmits as segments per second with one decimal
grep -Eq '^NET .*tcp retrans ([0-9]+\.[0-9]|-)/s$' "$T/cmd" || fail "retrans not a rate: $(grep '^NET' "$T/cmd")"

# a UTF-8 name stays readable in a UTF-8 locale, is '?' with -U, and a
# control byte is '?' in both
if locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then
	wt_bg python3 -c '
import time
open("/proc/self/comm", "w").write("wt-caf\u00e9\x1b[1m")
time.sleep(600)'
	u=$WT_LAST
	i=0
	until grep -q '^wt-caf' /proc/$u/comm 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "the fixture did not rename itself"
		sleep 0.1
	done
	LC_ALL=C.UTF-8 "$WAITTOP" -b -n 1 -d 0.2 -p "$u" >"$T/utf8" || fail "waittop -b (UTF-8) failed"
	grep -q " wt-caf$(printf '\303\251')?\[1m " "$T/utf8" || fail "UTF-8 name not kept: $(tail -n 2 "$T/utf8")"
	LC_ALL=C.UTF-8 "$WAITTOP" -U -b -n 1 -d 0.2 -p "$u" >"$T/ascii" || fail "waittop -U -b failed"
	grep -q ' wt-caf???\[1m ' "$T/ascii" || fail "-U: name not plain ASCII: $(tail -n 2 "$T/ascii")"
fi

# waittop -b | head -3: status 0 and nothing on stderr once head has gone
("$WAITTOP" -b -d 0.2 2>"$T/err"; echo $? >"$T/status") | head -n 3 >/dev/null
[ "$(cat "$T/status")" = 0 ] || fail "exit status $(cat "$T/status") after the reader went away"
[ -s "$T/err" ] && fail "message on a closed pipe: $(cat "$T/err")"
("$WAITTOP" --json -d 0.2 2>"$T/err"; echo $? >"$T/status") | head -c 10 >/dev/null
[ "$(cat "$T/status")" = 0 ] || fail "--json: exit status $(cat "$T/status") after the reader went away"
[ -s "$T/err" ] && fail "--json: message on a closed pipe: $(cat "$T/err")"
exit 0
