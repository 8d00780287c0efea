#!/bin/sh
# old-distro.sh - waittop on Debian 11 (bullseye: gcc 10, glibc 2.31,
# ncurses 6.2, libprocps 3.3.17, libmnl 1.0.4).  Builds a bullseye chroot
# once (debootstrap, cached in the build directory), builds make dist's
# tarball there against libprocps with --enable-werror, runs the unit tests
# and waittop -b -n 2 inside it with /proc and /sys bind-mounted, checks
# the JSON strip; then builds the portable binary there and runs it on this
# host: batch, JSON and the TUI in tmux.  Needs root, debootstrap and a
# Debian mirror in the apt configuration (WAITTOP_DEBIAN_MIRROR overrides
# it); exits 77 otherwise.  Run from the build directory after make; not
# part of make check (slow, root only): .ci/run runs it as its own step.
# The mounts live in a private mount namespace (unshare -m), so they go away
# with it on every exit path, and a trap unmounts them inside it as well;
# nothing is ever mounted on the host.
BUILDDIR=$(pwd)
: "${SRCDIR:=$BUILDDIR}"
: "${WAITTOP:=$BUILDDIR/waittop}"
export SRCDIR WAITTOP
. "$SRCDIR/tests/lib.sh"

need_root
for c in debootstrap unshare chroot flock python3 sha256sum; do
	command -v "$c" >/dev/null 2>&1 || skip "$c is not installed"
done
[ -f "$BUILDDIR/Makefile" ] || fail "run from a configured build directory"

SUITE=bullseye
PKGS=build-essential,autoconf,automake,pkg-config,libncurses-dev,libprocps-dev,libmnl-dev
CACHE=${WAITTOP_OLD_DISTRO_CACHE:-$BUILDDIR/old-distro-cache}
ROOT=$CACHE/$SUITE
STAMP="$SUITE $PKGS libmnl.a"
VERSION=$(sed -n 's/^PACKAGE_VERSION = //p' "$BUILDDIR/Makefile")
ARCH=$(uname -m)
T0=$(date +%s)
CACHED=yes

# old_distro_mirror: the first Debian archive URI in apt's sources (one-line
# and deb822 formats), or $WAITTOP_DEBIAN_MIRROR.
old_distro_mirror() {
	if [ -n "${WAITTOP_DEBIAN_MIRROR:-}" ]; then
		echo "$WAITTOP_DEBIAN_MIRROR"
		return
	fi
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
		2>/dev/null | awk '
		/^[ \t]*deb[ \t]/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }
		/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' |
		sed 's:/*$::' | grep -m 1 -E '/debian$'
}

# in_chroot DIR SCRIPT: run SCRIPT with sh in the chroot DIR, in a private
# mount namespace with the host's /proc bind-mounted (the unit tests find
# kthreadd as PID 2 and their own children there) and /sys bind-mounted
# read-only (libprocps tells disks from partitions by /sys/block).
in_chroot() {
	unshare --mount --propagation private sh -c '
		set -e
		r=$1
		trap "umount \"$r/sys\" 2>/dev/null; umount \"$r/proc\" 2>/dev/null" EXIT
		mount --bind /proc "$r/proc"
		mount --bind /sys "$r/sys"
		mount -o remount,bind,ro "$r/sys"
		chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
			LC_ALL=C.UTF-8 /bin/sh -ec "$2"
	' in_chroot "$1" "$2"
}

# old_distro_create: debootstrap the chroot and build a static libmnl in it
# (Debian ships no libmnl.a), unless the cache already has them.
old_distro_create() {
	local mirror tmp=$ROOT.tmp
	[ -f "$ROOT/.waittop-stamp" ] && [ "$(cat "$ROOT/.waittop-stamp")" = "$STAMP" ] && return 0
	CACHED=no
	mirror=$(old_distro_mirror)
	[ -n "$mirror" ] || skip "no Debian mirror in /etc/apt (set WAITTOP_DEBIAN_MIRROR)"
	echo "old-distro: debootstrap $SUITE from $mirror into $tmp"
	rm -rf "$tmp"
	debootstrap --variant=minbase --include="$PKGS" "$SUITE" "$tmp" "$mirror" \
		>"$CACHE/debootstrap.log" 2>&1 || { tail -n 20 "$CACHE/debootstrap.log"; fail "debootstrap failed"; }
	# Debian ships no libmnl.a: build one from the source package if the
	# mirror serves sources; otherwise the portable binary keeps libmnl shared
	echo "deb-src $mirror $SUITE main" >>"$tmp/etc/apt/sources.list"
	in_chroot "$tmp" '
		apt-get update -qq
		mkdir -p /opt/libmnl && cd /opt/libmnl
		apt-get source -qq libmnl
		cd libmnl-*/
		./configure -q --enable-static --disable-shared
		make -s
		cp src/.libs/libmnl.a /opt/libmnl.a' >"$CACHE/libmnl.log" 2>&1 ||
		echo "old-distro: no static libmnl (the mirror serves no sources?), see $CACHE/libmnl.log"
	echo "$STAMP" >"$tmp/.waittop-stamp"
	rm -rf "$ROOT"
	mv "$tmp" "$ROOT"
}

mkdir -p "$CACHE" || fail "cannot create $CACHE"
exec 9>"$CACHE/lock"
flock -w 1200 9 || fail "another old-distro.sh holds $CACHE/lock"
OUT=$(mktemp -d "${TMPDIR:-/var/tmp}/waittop-old.XXXXXX")
trap 'wt_cleanup; rm -rf "$ROOT/build" "$OUT"' EXIT

old_distro_create
T1=$(date +%s)

# the tarball, as a user would get it
make -C "$BUILDDIR" dist >"$OUT/dist.log" 2>&1 || { tail -n 20 "$OUT/dist.log"; fail "make dist failed"; }
TARBALL=$BUILDDIR/waittop-$VERSION.tar.gz
[ -f "$TARBALL" ] || fail "no $TARBALL"
rm -rf "$ROOT/build"
mkdir -p "$ROOT/build"
cp "$TARBALL" "$ROOT/build/"
# every unit test, unless OLD_DISTRO_TESTS names some
UNITS=${OLD_DISTRO_TESTS:-$(tar -tzf "$TARBALL" | sed -n "s:^waittop-$VERSION/\(tests/unit-[a-z-]*\)\.c$:\1:p" | tr '\n' ' ')}

# 1. libprocps 3.3 build with warnings as errors, unit tests, batch output
in_chroot "$ROOT" "
	cd /build && tar -xzf waittop-$VERSION.tar.gz && cd waittop-$VERSION
	gcc --version | head -n 1
	./configure --enable-werror >configure.out 2>&1 || { tail -n 20 configure.out; exit 1; }
	grep 'procps library' configure.out
	make -j2 >make.out 2>&1 || { grep -E 'error|warning' make.out | head -n 40; exit 1; }
	timeout -s KILL 600 make -j2 check TESTS='$UNITS' >check.out 2>&1 || { cat check.out tests/*.log | tail -n 60; exit 1; }
	grep -E '^# (PASS|FAIL)' check.out
	timeout -s KILL 60 ./waittop --json -n 2 -d 0.5 >/build/batch.json
	timeout -s KILL 60 ./waittop -b -n 2 -d 0.5 >/build/batch.txt
" || fail "the libprocps build in the $SUITE chroot failed"
grep -q 'procps library libprocps' "$ROOT/build/waittop-$VERSION/configure.out" ||
	fail "configure in $SUITE did not choose libprocps"
cat "$ROOT/build/batch.txt"

# old_distro_check_json FILE: the last line has every strip key, as numbers
old_distro_check_json() {
	python3 - "$1" <<'EOF' || fail "JSON strip incomplete in $1: $(tail -n 1 "$1" | head -c 800)"
import json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
s = d["system"]
want = {
    "cpu_pct": ["user", "system", "iowait", "steal", "idle"],
    "mem": ["dirty_bytes", "writeback_bytes", "dirty_background_threshold_bytes",
            "dirty_threshold_bytes", "dirtied_bps", "written_bps"],
    "disk": ["read_bps", "write_bps", "busiest_util_pct"],
    "net": ["rx_bps", "tx_bps", "lo_rx_bps", "lo_tx_bps", "tcp_retrans_ps"],
}
num = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
bad = [g + "." + k for g, ks in want.items() for k in ks if not num((s.get(g) or {}).get(k))]
bad += [k for k in ("procs_running", "procs_blocked") if not num(s.get(k))]
if not (isinstance(s.get("load"), list) and len(s["load"]) == 3 and all(map(num, s["load"]))):
    bad.append("load")
if s["procs_running"] < 1:
    bad.append("procs_running < 1")
if abs(sum(s["cpu_pct"].values()) - 100) > 0.5:
    bad.append("cpu_pct does not sum to 100")
if s["mem"]["dirty_threshold_bytes"] <= 0:
    bad.append("dirty threshold 0")
if bad:
    print("missing or not numbers:", ", ".join(bad))
    sys.exit(1)
EOF
}
old_distro_check_json "$ROOT/build/batch.json"
echo "old-distro: $SUITE build (libprocps) passed its unit tests; JSON strip complete"

# 2. the portable binary, built in the chroot
in_chroot "$ROOT" "
	mkdir /build/portable && cd /build/portable && tar -xzf ../waittop-$VERSION.tar.gz
	cd waittop-$VERSION
	mnl=; [ ! -f /opt/libmnl.a ] || mnl=LIBMNL_A=/opt/libmnl.a
	./configure --enable-werror --enable-portable \$mnl >configure.out 2>&1 ||
		{ tail -n 20 configure.out; exit 1; }
	grep -E 'WARNING|procps library' configure.out
	make -j2 waittop >make.out 2>&1 || { grep -E 'error|warning' make.out | head -n 40; exit 1; }
	make portable >/dev/null
	cp waittop-$VERSION-$ARCH waittop-$VERSION-$ARCH.sha256 /build/
" || fail "the portable build in the $SUITE chroot failed"
P=waittop-$VERSION-$ARCH
cp "$ROOT/build/$P" "$ROOT/build/$P.sha256" "$OUT/"
rm -rf "$ROOT/build"
T2=$(date +%s)

# 3. the portable binary on this host
(cd "$OUT" && sha256sum -c "$P.sha256") || fail "checksum of $P does not match"
ls -l "$OUT/$P"
ldd "$OUT/$P"
ldd "$OUT/$P" | grep -E 'ncurses|tinfo|procps|proc2' && fail "$P links a library it should carry"
if [ -f "$ROOT/opt/libmnl.a" ]; then
	ldd "$OUT/$P" | grep mnl && fail "$P links libmnl although a libmnl.a was there"
else
	echo "old-distro: no libmnl.a in the chroot: $P needs libmnl.so.0 on the target"
fi
timeout -s KILL 60 "$OUT/$P" -b -n 2 -d 0.5 >"$OUT/batch.txt" 2>"$OUT/err" || fail "$P -b failed: $(cat "$OUT/err")"
cat "$OUT/batch.txt"
for w in CPU DIRTY DISK NET; do grep -q "^$w " "$OUT/batch.txt" || fail "no $w line from $P -b"; done
timeout -s KILL 60 "$OUT/$P" --json -n 2 -d 0.5 >"$OUT/batch.json" || fail "$P --json failed"
old_distro_check_json "$OUT/batch.json"

WAITTOP=$OUT/$P
. "$SRCDIR/tests/tui-lib.sh"
trap 'wt_cleanup; rm -rf "$TUI_DIR" "$OUT"' EXIT
tui_start 100 30 -d 0.5
tui_show "$P in tmux (TERM=screen)"
scr=$(wt_tmux_screen)
for word in waittop CPU DIRTY DISK NET PID WAIT COMMAND; do
	echo "$scr" | grep -qF -- "$word" || fail "'$word' missing from $P's screen"
done
tui_keys q
tui_check_exit 0
T3=$(date +%s)
echo "old-distro: chroot $([ "$CACHED" = yes ] && echo cached || echo created) $((T1 - T0)) s," \
	"builds and tests in $SUITE $((T2 - T1)) s, portable binary on this host $((T3 - T2)) s," \
	"total $((T3 - T0)) s"
