#!/bin/sh
# compare.sh [SLEEPERS] [ACTIVE] [SECONDS] - waittop next to htop and top in
# one run, on the same box: each runs full screen at 120x40 in a private
# tmux server with a 1 s refresh while SLEEPERS sleeping and ACTIVE busy
# processes exist (default 2000 and 20); CPU time (utime+stime of the tool)
# over SECONDS (default 20) after a 3 s warm-up, and resident memory.
# Also the fds each holds, the change of the kernel's unreclaimable slab
# while it runs, and the bytes per second it writes to the terminal.  htop
# runs with its own htoprc in a private HOME, in the named form htop 3.2
# reads (PID USER STATE PERCENT_CPU IO_READ_RATE IO_WRITE_RATE Command,
# kernel threads hidden); the script checks its header shows DISK READ.
# Prints a table and waittop's ratios to the others.  A tool that is not
# installed is left out.  Run from the build directory after make check.
set -u
N=${1:-2000} M=${2:-20} SECS=${3:-20}
B=$(pwd)
HZ=$(getconf CLK_TCK)
[ -x "$B/waittop" ] && [ -x "$B/tests/fixtures/spawn-sleepers" ] ||
	{ echo "compare.sh: build first (make check) and run from the build directory" >&2; exit 2; }
command -v tmux >/dev/null || { echo "compare.sh: needs tmux" >&2; exit 2; }
SOCK=wt-compare-$$
out=$(mktemp)
hhome=$(mktemp -d)
mkdir -p "$hhome/.config/htop"
cat >"$hhome/.config/htop/htoprc" <<'RC'
htop_version=3.2.2
config_reader_min_version=3
hide_kernel_threads=1
hide_userland_threads=1
tree_view=0
delay=10
screen:Main=PID USER STATE PERCENT_CPU IO_READ_RATE IO_WRITE_RATE Command
.sort_key=PERCENT_CPU
.sort_direction=-1
RC
"$B/tests/fixtures/spawn-sleepers" "$N" "$M" >"$out" &
spawner=$!
trap 'kill -KILL $spawner 2>/dev/null; for t in waittop htop top; do tmux -L $SOCK-$t kill-server 2>/dev/null; done; rm -rf "$out" "$hhome"' EXIT INT TERM
i=0
until grep -q ready "$out"; do
	i=$((i + 1))
	[ $i -gt 300 ] && { echo "compare.sh: spawn-sleepers did not start" >&2; exit 1; }
	sleep 0.1
done

# ticks PID: utime+stime of PID in clock ticks
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
# rss_kb PID: VmRSS in KiB
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# slab_kb: unreclaimable kernel slab (held files and their buffers), KiB
slab_kb() { awk '/^SUnreclaim:/ { print $2 }' /proc/meminfo; }

# measure NAME CMD...: run CMD full screen, print
# "NAME cpu% rss_kb fds slab_delta_kb terminal_bytes_per_s"
measure() {
	name=$1
	shift
	sock=$SOCK-$name
	tty=$(mktemp)
	s0=$(slab_kb)
	tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 "exec env HOME=$hhome $*" || return 1
	sleep 3
	pid=$(tmux -L "$sock" display -p '#{pane_pid}')
	if [ "$name" = htop ]; then
		# at 10,000 processes htop's first frame can take seconds
		i=0
		until tmux -L "$sock" capture-pane -p | grep -q "DISK READ"; do
			i=$((i + 1))
			[ $i -gt 100 ] && {
				echo "compare.sh: htop's header lacks DISK READ: its htoprc was not used" >&2
				break
			}
			sleep 0.1
		done
	fi
	tmux -L "$sock" pipe-pane -o "cat >$tty"
	t0=$(ticks "$pid")
	sleep "$SECS"
	t1=$(ticks "$pid")
	rss=$(rss_kb "$pid")
	fds=$(ls "/proc/$pid/fd" | wc -l)
	s1=$(slab_kb)
	tmux -L "$sock" pipe-pane
	bytes=$(wc -c <"$tty")
	rm -f "$tty"
	tmux -L "$sock" kill-server
	echo "$name $(echo "$t0 $t1 $HZ $SECS" | awk '{ printf "%.2f", ($2 - $1) / $3 / $4 * 100 }') $rss $fds $((s1 - s0)) $((bytes / SECS))"
}

echo "tasks: $(ls -d /proc/[0-9]* | wc -l) processes, $(ls -d /proc/[0-9]*/task/[0-9]* | wc -l) threads;" \
	"$SECS s per tool at a 1 s refresh, 120x40"
res=$(mktemp)
measure waittop "$B/waittop" -d 1 >>"$res"
command -v htop >/dev/null && measure htop htop -d 10 >>"$res"
command -v top >/dev/null && measure top top -d 1 >>"$res"
printf '%-8s %8s %10s %7s %10s %10s\n' tool "CPU %" "RSS KiB" fds "slab KiB" "tty B/s"
awk '{ printf "%-8s %8s %10s %7s %10s %10s\n", $1, $2, $3, $4, $5, $6 }' "$res"
awk '$1 == "waittop" { w = $2; wr = $3 } $1 != "waittop" { o[$1] = $2; orss[$1] = $3 }
	END { for (t in o) if (o[t] > 0) printf "waittop / %s: CPU %.2fx, RSS %.2fx\n", t, w / o[t], wr / orss[t] }' "$res"
rm -f "$res"
