#!/bin/sh
# proc-nobody.sh - the per-process reader as an unprivileged user: other
# users' processes read as unknown (no io, no syscall, no wchan from "0"),
# never as zero; the live tests pass as that user too.
. "${SRCDIR:-.}/tests/lib.sh"
need_root
command -v setpriv >/dev/null 2>&1 || skip "setpriv not installed"
id nobody >/dev/null 2>&1 || skip "no user nobody"
BIN="$(dirname "$WAITTOP")/tests/unit-proc"
[ -x "$BIN" ] || fail "$BIN not built"
NOBODY="setpriv --reuid=nobody --regid=$(id -gn nobody) --clear-groups"
$NOBODY test -x "$BIN" || skip "nobody cannot reach $BIN"
$NOBODY "$BIN" --unprivileged || fail "unprivileged scan"
$NOBODY "$BIN" || fail "live tests as nobody"
exit 0
