#!/bin/sh
# panes-batch.sh - --panes in -b and --json: without it the output has no
# pane keys and no pane tables (today's output unchanged); with it every
# pane's key and table is there; a bad list is one line and exit 2; an
# unprivileged user gets the panes too, with null / "-" where it may not
# read (never a crash).
. "${SRCDIR:-.}/tests/lib.sh"
TMP=$(mktemp -d) || fail "mktemp"
trap 'wt_cleanup; rm -rf "$TMP"' EXIT

"$WAITTOP" -b --json -d 0.3 -n 1 >"$TMP/plain" || fail "waittop --json failed"
python3 - "$TMP/plain" <<'PY' || fail "pane keys without --panes"
import json, sys
d = json.loads(open(sys.argv[1]).readline())
for k in ("disks", "interfaces", "connections", "groups", "tcp"):
    assert k not in d, k
a = d["system"]["active"]
assert a is None or set(a) >= {"cpu", "runqueue", "disk-read", "disk-write", "dirty-throttle", "other-d", "total"}, a
PY
"$WAITTOP" -b -d 0.3 -n 1 >"$TMP/plain.txt" || fail "waittop -b failed"
grep -Eq '^(DISK +R/s|INTERFACE|LOCAL |PROCS )' "$TMP/plain.txt" && fail "pane tables without --panes"
grep -q '^ACTIVE ' "$TMP/plain.txt" || fail "no ACTIVE line in -b"

"$WAITTOP" -b --json --panes all -d 0.3 -n 2 >"$TMP/all" || fail "waittop --panes all failed"
python3 - "$TMP/all" <<'PY' || fail "--panes all JSON"
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    for k in ("disks", "interfaces", "connections", "groups"):
        assert isinstance(d[k], list), k
    assert any(i["name"] == "lo" for i in d["interfaces"]), "lo is listed"
    # groups sum every process read; the list hides kernel threads by default
    assert sum(g["procs"] for g in d["groups"]) >= len(d["processes"]) > 0, "every process in a group"
    for r in d["disks"]:
        assert set(r) >= {"name", "reads_ps", "writes_ps", "read_bps", "write_bps", "r_await_ms",
                          "w_await_ms", "queue", "util_pct", "discards_ps", "flushes_ps", "partition",
                          "stacked", "slaves"}, r
PY
"$WAITTOP" -b --json --panes disks,groups -d 0.3 -n 1 >"$TMP/two" || fail "--panes disks,groups"
python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); assert "disks" in d and "groups" in d and "connections" not in d and "interfaces" not in d' "$TMP/two" ||
	fail "--panes disks,groups printed other panes"
"$WAITTOP" -b --panes all -d 0.3 -n 1 >"$TMP/all.txt" || fail "waittop -b --panes all failed"
for h in '^DISK  *R/s' '^INTERFACE ' '^LOCAL ' '^PROCS ' '^TCP   listen'; do
	grep -Eq "$h" "$TMP/all.txt" || { cat "$TMP/all.txt" >&2; fail "no '$h' table in -b --panes all"; }
done

for bad in "" "disk" "all,foo" ","; do
	"$WAITTOP" -b --panes "$bad" -n 1 >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ $rc -eq 2 ] || fail "--panes '$bad' exited $rc, expected 2"
	[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "--panes '$bad': not one line: $(cat "$TMP/err")"
done

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$TMP"
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$WAITTOP" -b --json --panes all -d 0.3 -n 2 \
		>"$TMP/nobody" 2>"$TMP/nobody.err" || { cat "$TMP/nobody.err" >&2; fail "--panes all as nobody"; }
	python3 -c 'import json,sys; [json.loads(l)["groups"] for l in open(sys.argv[1])]' "$TMP/nobody" ||
		fail "bad JSON as nobody"
fi
echo PASS
