#!/bin/sh
# cli.sh - the command line as a user meets it: bad input gets one line on
# stderr naming the option, exit 2, and nothing on stdout; --help and
# --version in GNU style; -p with no live pid exits 1.
. "${SRCDIR:-.}/tests/lib.sh"

expect_bad() { # expect_bad STATUS WORD... : run waittop, check status and a one-line error
	want=$1; shift
	out=$("$WAITTOP" "$@" 2>/tmp/wt-cli-err.$$ </dev/null)
	st=$?
	err=$(cat /tmp/wt-cli-err.$$); rm -f /tmp/wt-cli-err.$$
	[ "$st" -eq "$want" ] || fail "waittop $*: status $st, expected $want"
	[ -z "$out" ] || fail "waittop $*: printed to stdout: $out"
	[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "waittop $*: expected one line on stderr, got: $err"
	case "$err" in waittop:*) ;; *) fail "waittop $*: error does not start with 'waittop:': $err" ;; esac
	echo "ok: waittop $* -> $st: $err"
}

expect_bad 2 -d abc
expect_bad 2 -d 0
expect_bad 2 -n -3
expect_bad 2 -p notapid
expect_bad 2 --no-such-option
expect_bad 2 -s nosuchcolumn
expect_bad 2 -u no-such-user-waittop
expect_bad 2 -b extra-argument
expect_bad 2 --drill
expect_bad 2 --json --drill -p 1,2
expect_bad 2 -b --drill -p 1
# a pid far above pid_max never exists
expect_bad 1 -b -n 1 -p 2147483646

"$WAITTOP" --help | grep -q -- '--delay' || fail "--help does not list --delay"
"$WAITTOP" --version | head -n 1 | grep -q '^waittop [0-9]' || fail "--version first line"
echo "ok: --help, --version"
