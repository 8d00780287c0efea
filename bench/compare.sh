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
# Before each tool, every process's stat, status, cmdline and io are read
# once (a /proc warm-up: the first tool would otherwise pay for the
# dentries of 10,000 processes alone).  Also the first frame (seconds from
# start to the first screen with process rows) and the redraws: bursts of
# terminal output 0.2 s apart, so CPU per redraw can be compared with
# htop and top, which redraw less often than asked at 10,000 processes.
# Prints a table and waittop's ratios to the others.  A tool that is not
# installed is left out.  Needs perl (to time the redraws).  Run from the
# build directory after make check.
set -u
N=${1:-2000} M=${2:-20} SECS=${3:-20}
B=$(pwd)
HZ=$(getconf CLK_TCK)
[ -x "$B/waittop" ] && [ -x "$B/tests/fixtures/spawn-sleepers" ] ||
	{ echo "compare.sh: build first (make check) and run from the build directory" >&2; exit 2; }
command -v tmux >/dev/null || { echo "compare.sh: needs tmux" >&2; exit 2; }
command -v perl >/dev/null || { echo "compare.sh: needs perl" >&2; exit 2; }
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
trap 'kill -KILL $spawner 2>/dev/null; for t in waittop htop top; do tmux -L $SOCK-$t kill-server 2>/dev/null; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK-$t"; done; rm -rf "$out" "$hhome"' EXIT INT TERM
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

# warm_proc: read every process's stat, status, cmdline and io once
warm_proc() {
	for f in stat status cmdline io; do
		cat /proc/[0-9]*/$f >/dev/null 2>&1
	done
}

# now_s: seconds since the epoch, with a fraction
now_s() { date +%s.%N; }

# has_rows SOCK: the screen shows a process row (a pid, then a number, a
# "-" or a user name)
has_rows() {
	tmux -L "$1" capture-pane -p 2>/dev/null |
		grep -Eq '^ *[0-9]+ +([-0-9.]+|[a-z_][a-z0-9_.-]*) '
}

# measure NAME CMD...: run CMD full screen, print "NAME cpu% rss_kb fds
# slab_delta_kb terminal_bytes_per_s first_frame_s redraws"
measure() {
	name=$1
	shift
	sock=$SOCK-$name
	tty=$(mktemp)
	warm_proc
	s0=$(slab_kb)
	t0=$(now_s)
	tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 "exec env HOME=$hhome $*" || return 1
	i=0
	until has_rows "$sock"; do
		i=$((i + 1))
		[ $i -gt 3000 ] && { echo "compare.sh: $name showed no process rows in 60 s" >&2; break; }
		sleep 0.02
	done
	first=$(echo "$(now_s) $t0" | awk '{ printf "%.2f", $1 - $2 }')
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
	# bytes and bursts (redraws: output with 0.2 s of quiet before it)
	tmux -L "$sock" pipe-pane -o "exec perl -MTime::HiRes=time -e '
		my (\$n, \$bytes, \$last) = (0, 0, 0);
		while (my \$r = sysread(STDIN, my \$b, 65536)) {
			my \$t = time; \$n++ if \$t - \$last > 0.2; \$last = \$t; \$bytes += \$r;
		}
		print \"\$bytes \$n\\n\";' >$tty"
	c0=$(ticks "$pid")
	sleep "$SECS"
	c1=$(ticks "$pid")
	rss=$(rss_kb "$pid")
	fds=$(ls "/proc/$pid/fd" | wc -l)
	s1=$(slab_kb)
	tmux -L "$sock" pipe-pane
	i=0
	until [ -s "$tty" ] || [ $i -gt 50 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	read -r bytes redraws <"$tty" || { bytes=0 redraws=0; }
	rm -f "$tty"
	tmux -L "$sock" kill-server
	echo "$name $(echo "$c0 $c1 $HZ $SECS" | awk '{ printf "%.2f", ($2 - $1) / $3 / $4 * 100 }') $rss $fds $((s1 - s0)) $((bytes / SECS)) $first $redraws"
}

load0=$(cut -d" " -f1-3 /proc/loadavg)
echo "tasks: $(ls -d /proc/[0-9]* | wc -l) processes, $(ls -d /proc/[0-9]*/task/[0-9]* | wc -l) threads;" \
	"$SECS s per tool at a 1 s refresh, 120x40"
res=$(mktemp)
measure waittop "$B/waittop" -d 1 >>"$res"
command -v htop >/dev/null && measure htop htop -d 10 >>"$res"
command -v top >/dev/null && measure top top -d 1 >>"$res"
echo "load before: $load0"
printf '%-8s %7s %8s %9s %9s %6s %9s %8s %8s\n' tool "CPU %" redraws "ms/redraw" "RSS KiB" fds \
	"slab KiB" "tty B/s" "first s"
awk -v secs="$SECS" '{ ms = $8 > 0 ? $2 / 100 * secs * 1000 / $8 : 0
	printf "%-8s %7s %8s %9.1f %9s %6s %9s %8s %8s\n", $1, $2, $8, ms, $3, $4, $5, $6, $7 }' "$res"
awk -v secs="$SECS" '{ ms[$1] = $8 > 0 ? $2 / 100 * secs * 1000 / $8 : 0; cpu[$1] = $2; rss[$1] = $3
	first[$1] = $7 }
	END { for (t in cpu) if (t != "waittop" && cpu[t] > 0) {
		m = ms[t] > 0 ? ms["waittop"] / ms[t] : 0
		f = first[t] > 0 ? first["waittop"] / first[t] : 0
		printf "waittop / %s: CPU %.2fx, CPU per redraw %.2fx, RSS %.2fx, first frame %.2fx\n", t, cpu["waittop"] / cpu[t], m, rss["waittop"] / rss[t], f
	} }' "$res"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$res"
