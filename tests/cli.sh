#!/bin/sh
# cli.sh - the command line as a user meets it: bad input gets one line on
# stderr naming the option, exit 2, and nothing on stdout; --help and
# --version in GNU style; -p with no live pid exits 1.
. "${SRCDIR:-.}/tests/lib.sh"
WT_ERR_FILE=/tmp/wt-cli-$$

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
expect_bad 2 --pane bogus
expect_bad 2 --pane disks:nosuchcolumn
expect_bad 2 --pane disks:
expect_bad 2 --pane di
# issue 9: each says what is wrong with the option as typed
expect_msg() { # expect_msg TEXT WORD...: expect_bad 2, and the line contains TEXT
	text=$1; shift
	expect_bad 2 "$@" 2>&1
	"$WAITTOP" "$@" 2>&1 >/dev/null </dev/null | grep -qF -- "$text" || fail "waittop $*: no '$text' in the message"
}
expect_msg "option '--threads' takes no argument" --threads=1
expect_msg "option '--json' takes no argument" --json=1
expect_msg "option '--d' is ambiguous; possibilities: --delay --delayacct --drill" --d 1
expect_msg "unknown option '--bogus'" --bogus=3
expect_msg "got '0x10'" -d 0x10
expect_msg "got ' 1'" -d " 1"
expect_msg "got '1 '" -d "1 "
expect_msg "got '1e1'" -d 1e1

# write errors are said, as GNU tools do, and exit 1
for args in "-b -n 1 -d 0.1" "--json -n 1 -d 0.1" "--help" "--version"; do
	err=$("$WAITTOP" $args 2>&1 >/dev/full)
	st=$?
	[ "$st" -eq 1 ] || fail "waittop $args >/dev/full: status $st, expected 1"
	[ "$err" = "waittop: write error: No space left on device" ] || fail "waittop $args >/dev/full said: $err"
	err=$("$WAITTOP" $args 2>&1 >&-)
	st=$?
	[ "$st" -eq 1 ] || fail "waittop $args >&-: status $st, expected 1"
	[ "$err" = "waittop: write error: Bad file descriptor" ] || fail "waittop $args >&- said: $err"
	echo "ok: waittop $args >/dev/full, >&-: write error, 1"
done
# a reader that goes away is not an error
"$WAITTOP" -b -n 3 -d 0.1 2>"$WT_ERR_FILE.pipe" | head -n 1 >/dev/null
[ ! -s "$WT_ERR_FILE.pipe" ] || fail "waittop -b | head: said $(cat "$WT_ERR_FILE.pipe")"
rm -f "$WT_ERR_FILE.pipe"

expect_bad 2 --drill
expect_bad 2 --json --drill -p 1,2
expect_bad 2 -b --drill -p 1
# a pid far above pid_max never exists
expect_bad 1 -b -n 1 -p 2147483646

"$WAITTOP" --help | grep -q -- '--delay' || fail "--help does not list --delay"
"$WAITTOP" --version | head -n 1 | grep -q '^waittop [0-9]' || fail "--version first line"
echo "ok: --help, --version"
