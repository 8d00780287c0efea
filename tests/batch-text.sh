#!/bin/sh
# batch-text.sh - plain batch output like top -b: strip lines, a header,
# one row per process; -p keeps only the named processes; -s sorts.
. "${SRCDIR:-.}/tests/lib.sh"

wt_bg sleep 600
a=$WT_LAST
wt_bg sh -c 'while :; do :; done'
spin=$WT_LAST
out=$("$WAITTOP" -b -n 2 -d 0.5 -p "$a,$spin") || fail "waittop -b exited $?"
printf '%s\n' "$out"
for w in "CPU " "DIRTY" "DISK" "NET" "PSI" "PID" "WCHAN" "WAIT" "DISK R/s" "NET TX/s" "COMMAND"; do
	printf '%s\n' "$out" | grep -qF "$w" || fail "no '$w' in batch output"
done
rows=$(printf '%s\n' "$out" | awk '$1 ~ /^[0-9]+$/ { print $1 }' | sort -u | tr '\n' ' ')
[ "$rows" = "$(printf '%s\n' "$a" "$spin" | sort | tr '\n' ' ')" ] || fail "-p rows: '$rows'"
# sorted by CPU: the spinner comes first in the last block
first=$("$WAITTOP" -b -n 1 -d 0.5 -s cpu -p "$a,$spin" | awk '$1 ~ /^[0-9]+$/ { print $1; exit }')
[ "$first" = "$spin" ] || fail "-s cpu: first row $first, expected spinner $spin"
first=$("$WAITTOP" -b -n 1 -d 0.5 -s pid -p "$a,$spin" | awk '$1 ~ /^[0-9]+$/ { print $1; exit }')
[ "$first" = "$(printf '%s\n' "$a" "$spin" | sort -n | head -n 1)" ] || fail "-s pid: first row $first"
echo "ok"
