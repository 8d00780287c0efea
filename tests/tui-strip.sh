#!/bin/sh
# tui-strip.sh - the system strip at 60, 80 and 120 columns, in UTF-8 and
# in plain ASCII, with dirty data left behind by a writer that exited (so
# Dirty carries its percent of the background threshold and, when no
# other writer keeps dirtying, the flush estimate): every field on screen
# is whole (a label and its complete value), never a number cut at the
# edge, and no line is wider than the terminal.
. "${SRCDIR:-.}/tests/tui-lib.sh"

wt_bg sleep 300
sleeper=$WT_LAST
# a writer that exits with its data still dirty (no sync)
dd if=/dev/zero of="$TUI_DIR/dirty" bs=1M count=32 status=none || fail "dd"

# strip_whole W: check the strip lines of the screen at width W.
strip_whole() {
	wt_tmux_screen | python3 -c '
import re, sys
w = int(sys.argv[1])
lines = sys.stdin.read().split("\n")
N1 = r"\d+\.\d"
SZ = r"(\d+(\.\d)?[KMGTPE]|\d+)"
RT = SZ + "/s"
PSI = r"(n/a|\d+\.\d(/\d+\.\d)?)"
ETA = r"(<=|\u2264)?\d+[smh]"
spec = {
    "CPU": r"CPU +(n/a|usr +@N1@( +sys +@N1@)?( +wait +@N1@)?( +steal +@N1@)?( +idle +@N1@)?)( +psi +@PSI@)?",
    "DIRTY": r"DIRTY +(n/a|@SZ@( +(<0\.1|\d+(\.\d)?)% of bg)?( +flush +(due|in +@ETA@))?( +wback +@SZ@)?( +\[[^\]]*\])?( +bg +@SZ@)?( +hard +@SZ@)?)",
    "": r"( +dirtied +@RT@)?( +written +@RT@)?( +psi mem +@PSI@)?",
    "DISK": r"DISK +(n/a|(read +@RT@)?( +write +@RT@)?( +busiest +\S+ +\d+%)?)( +psi io +@PSI@)?",
    "NET": r"NET +(rx +@RT@)?( +tx +@RT@)?( +retrans +(n/a|@N1@/s))?( +lo rx +@RT@ tx +@RT@)?",
}
bad = 0
for i, line in enumerate(lines[1:6]):
    if len(line) > w:
        print("line %d wider than %d: %r" % (i + 2, w, line)); bad += 1
    key = line.split()[0] if line[:1] != " " else ""
    rx = spec.get(key)
    if rx is None:
        print("line %d: not a strip line: %r" % (i + 2, line)); bad += 1; continue
    for k, v in (("N1", N1), ("SZ", SZ), ("RT", RT), ("PSI", PSI), ("ETA", ETA)):
        rx = rx.replace("@" + k + "@", v)
    if not re.fullmatch(rx + " *", line):
        print("line %d: a field is cut or malformed: %r" % (i + 2, line)); bad += 1
sys.exit(1 if bad else 0)
' "$1"
}

# title_time: the clock in the title line (it moves at every refresh).
title_time() { wt_tmux_screen | head -n 1 | grep -o '[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'; }
# redrawn W T: the pane is W wide and a refresh later than the clock T is on screen.
redrawn() {
	[ "$(tmux -L "$WT_TMUX" display -p '#{pane_width}')" = "$1" ] && [ "$(title_time)" != "$2" ]
}

for env in "env LC_ALL=C.UTF-8" "env LC_ALL=C"; do
	# tui_start without its pid lookup (pgrep): only the screen matters here
	rm -f "$TUI_DIR/status"
	wt_tmux_start "wt-strip-$$" 60 24 \
		"ulimit -c 0; TERM=screen; export TERM; $env $WAITTOP -d 0.5 -p $sleeper; echo \$? >$TUI_DIR/status"
	wt_tmux_wait "DIRTY" 10 || fail "no first sample ($env)"
	wt_tmux_wait "of bg" 10 || fail "no percent of the background threshold ($env)"
	for w in 60 80 120 61 59; do
		before=$(title_time)
		tmux -L "$WT_TMUX" resize-window -x $w -y 24
		tui_wait_cmd "no refresh at $w columns" 5 redrawn "$w" "$before"
		tui_show "$w columns, $env"
		strip_whole $w || fail "strip at $w columns ($env)"
	done
	tui_keys q
	tui_check_exit 0
	tmux -L "$WT_TMUX" kill-server
done
