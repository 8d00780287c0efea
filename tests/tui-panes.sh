#!/bin/sh
# tui-panes.sh - the panes of the full-screen view: Tab and Shift-Tab cycle
# the five at 120x40 and 80x24, digits jump; the Disks pane lists the disk
# under the test directory, Interfaces lists lo; a sort key changes the
# header and the order, and each pane keeps its sort while hidden; the
# filter narrows; a loopback connection shows both ends' pids, and Enter
# on the client's opens its drill-in; Enter on the client's group filters
# the Processes pane to it; Enter on the disk lists a process holding a
# file open there; q leaves the terminal as it was.
. "${SRCDIR:-.}/tests/tui-lib.sh"
. "$SRCDIR/tests/wait-common.sh"

wait_net_pair 120
# a process with a file open in the test directory (its stdin)
: >"$WAIT_TMP/held"
# (the redirection inside: sh gives a background command /dev/null as stdin)
wt_bg sh -c 'exec sleep 601 <"$1" >/dev/null 2>&1' sh "$WAIT_TMP/held"
holder=$WT_LAST
# and one with none on any disk
wt_bg sh -c 'exec sleep 602 </dev/null >/dev/null 2>&1'
idle=$WT_LAST

# the whole disk under the test directory ("" when not a block device)
disk_of() {
	local dev name
	dev=$(stat -c '%d' "$WAIT_TMP") || return 0
	name=$(basename "$(readlink -f "/sys/dev/block/$((dev >> 8)):$((dev & 255))" 2>/dev/null)")
	[ -n "$name" ] && [ -e "/sys/class/block/$name" ] || return 0
	if [ -e "/sys/class/block/$name/partition" ]; then
		name=$(basename "$(dirname "$(readlink -f "/sys/class/block/$name")")")
	fi
	echo "$name"
}
disk=$(disk_of)

# screen_has TEXT: TEXT is on screen now.
screen_has() { wt_tmux_screen | grep -qF -- "$1"; }

for size in "120 40" "80 24"; do
	set -- $size
	tui_start "$1" "$2" -U -C -d 0.5
	tui_keys Tab
	tui_wait_cmd "Tab did not show the Disks pane at ${1}x$2" 5 screen_has "DEVICE"
	tui_keys Tab
	tui_wait_cmd "no Interfaces pane at ${1}x$2" 5 screen_has "IFACE"
	tui_wait_cmd "no lo in Interfaces at ${1}x$2" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -q '^lo '"
	tui_keys Tab
	tui_wait_cmd "no Connections pane at ${1}x$2" 5 screen_has "LOCAL"
	tui_keys Tab
	tui_wait_cmd "no Groups pane at ${1}x$2" 5 screen_has "CGROUP"
	tui_show "Groups at ${1}x$2"
	tui_keys Tab
	tui_wait_cmd "Tab did not come back to Processes at ${1}x$2" 5 screen_has "COMMAND"
	tui_keys BTab
	tui_wait_cmd "Shift-Tab did not go back to Groups at ${1}x$2" 5 screen_has "CGROUP"
	tui_keys 2
	tui_wait_cmd "2 did not show Disks at ${1}x$2" 5 screen_has "DEVICE"
	if [ -n "$disk" ]; then
		tui_wait_cmd "no row of $disk in Disks at ${1}x$2" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -q '^$disk '"
	fi
	tui_show "Disks at ${1}x$2"
	tui_keys q
	tui_check_exit 0
	tmux -L "$WT_TMUX" kill-server
done

tui_start 120 40 -U -C -d 0.5 -s pid
# the Processes pane's sort is PID ascending; Interfaces: RX, then > TX
tui_keys 3
tui_wait_cmd "no Interfaces pane" 5 screen_has "vRX/s"
tui_keys '>'
tui_wait_cmd "> did not sort Interfaces by TX/s" 5 screen_has "vTX/s"
tui_show "Interfaces sorted by TX"
# Connections: filtered to the fixture's port, both ends with their pids
tui_keys 4
tui_wait_cmd "no Connections pane" 5 screen_has "LOCAL"
tui_keys '\'
tui_keys -l ":$port"
tui_keys Enter
tui_wait_cmd "the filter is not shown" 5 screen_has "filter \":$port\""
tui_wait_cmd "no connection row of the server ($server)" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | grep ':$port' | grep -qw $server"
tui_wait_cmd "no connection row of the client ($client)" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | grep ':$port' | grep -qw $client"
# sort by PID (six columns to the right of RX/s), ascending; I inverts
tui_keys '>' '>' '>' '>' '>' '>'
tui_wait_cmd "> did not reach PID" 5 screen_has "^PID"
lo=$server hi=$client
[ "$client" -lt "$server" ] && lo=$client hi=$server
first_is() { [ "$(wt_tmux_screen | awk '/LOCAL +PEER/ { getline; print $(NF - 1); exit }')" = "$1" ]; }
tui_wait_cmd "PID ascending does not put pid $lo first" 5 first_is "$lo"
tui_keys I
tui_wait_cmd "I did not put pid $hi first" 5 first_is "$hi"
tui_show "Connections of port $port by PID, descending"
# each pane keeps its sort while hidden
tui_keys 3
tui_wait_cmd "Interfaces lost its sort" 5 screen_has "vTX/s"
tui_keys 1
tui_wait_cmd "Processes lost its sort" 5 screen_has "^ PID"
# Enter on the client's connection (first when the client's pid is first): its drill-in
tui_keys 4
tui_wait_cmd "Connections lost its filter" 5 screen_has "filter \":$port\""
[ "$client" = "$hi" ] || tui_keys I
tui_wait_cmd "the client's connection is not first" 5 first_is "$client"
tui_keys Home Enter
wt_tmux_wait "DRILL pid $client" 10 || fail "Enter on the client's connection did not open its drill-in"
tui_show "drill-in from Connections"
tui_keys Escape
tui_wait_cmd "Esc did not return to Connections" 5 screen_has "LOCAL"
# a: UDP and unix sockets too; this test's own tmux server listens on a
# unix socket, and shows with its pid
tpid=$(tmux -L "$WT_TMUX" display -p '#{pid}')
tui_keys Escape a
tui_wait_cmd "a did not add the tmux server's unix listener" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -Eq '^u-str .*tmux-.* LISTEN .* $tpid tmux'"
tui_show "Connections with UDP and unix sockets (a)"
tui_keys a
tui_wait_cmd "a again did not hide the unix sockets" 10 sh -c "! tmux -L $WT_TMUX capture-pane -p | grep -q '^u-'"

# Groups: the client's group, Enter: the Processes pane with its processes
cg=$(awk -F: '$2 ~ /(^|,)cpu(,|$)/ { print $3; exit }' "/proc/$client/cgroup")
[ -n "$cg" ] || cg=$(awk -F: '$1 == 0 { print $3; exit }' "/proc/$client/cgroup")
tui_keys 5
tui_wait_cmd "no Groups pane" 5 screen_has "CGROUP"
# group_row: a row of the Groups pane holds exactly the client's path
group_row() { wt_tmux_screen | awk '/CGROUP/ { s = 1; next } s { print $NF }' | grep -qxF -- "$cg"; }
tui_wait_cmd "no row of the client's group $cg" 10 group_row
tui_keys '\'
tui_keys -l "$cg"
tui_keys Enter
# by CGROUP ascending (two columns left of CPU%): the exact path comes first
tui_keys '<' '<'
tui_wait_cmd "< did not sort by CGROUP" 5 screen_has "CGROUP^"
tui_keys Home
tui_wait_cmd "the group row went away" 5 group_row
tui_keys Enter
tui_wait_cmd "Enter on a group did not show its processes" 5 screen_has "group $cg (Esc clears)"
# search brings the client into view (the list may be long)
tui_keys /
tui_keys -l "net-client"
tui_keys Enter
tui_wait_cmd "the client ($client) is not listed in its group" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | awk '/COMMAND/ { s = 1; next } s { print \$1 }' | grep -qx $client"
tui_show "Processes of group $cg"
tui_keys Escape
tui_wait_cmd "Esc did not clear the group filter" 5 sh -c "! tmux -L $WT_TMUX capture-pane -p | grep -q 'group $cg'"

# Disks: Enter on the disk under the test directory lists the holder
if [ -n "$disk" ]; then
	tui_keys 2
	tui_wait_cmd "no Disks pane" 5 screen_has "DEVICE"
	tui_keys '\'
	tui_keys -l "$disk"
	tui_keys Enter
	tui_wait_cmd "no row of $disk" 10 sh -c "tmux -L $WT_TMUX capture-pane -p | grep -q '^$disk '"
	# by DEVICE descending: the disk before any dm/md built on it
	tui_keys '<' '<' '<' '<' '<' '<' '<' '<' I
	tui_wait_cmd "no sort by DEVICE, descending" 5 screen_has "DEVICEv"
	tui_keys Home Enter
	tui_wait_cmd "Enter on a disk did not filter the processes" 5 screen_has "files on $disk"
	# search brings the holder into view (the list may be long)
	tui_keys /
	tui_keys -l "sleep 601"
	tui_keys Enter
	# n searches again as the look goes on
	holder_shown() {
		tui_keys n
		wt_tmux_screen | awk '/COMMAND/ { s = 1; next } s { print $1 }' | grep -qx "$holder"
	}
	tui_wait_cmd "the holder ($holder) of a file on $disk is not listed" 60 holder_shown
	tui_show "Processes with files on $disk"
	tui_keys /
	tui_keys -l "sleep 602"
	tui_wait_cmd "a process with no file on $disk ($idle) is listed" 5 screen_has "(no match)"
	tui_keys Escape
	tui_keys '\'
	tui_wait_cmd "\\ did not clear the disk filter" 5 sh -c "! tmux -L $WT_TMUX capture-pane -p | grep -q 'files on'"
	tui_keys Escape
else
	echo "the test directory is not on a block device: Enter on a disk not tried"
fi
tui_keys q
tui_check_exit 0
tmux -L "$WT_TMUX" kill-server

# the Processes pane's selection survives a trip through the others
tui_start 120 40 -U -C -d 0.5 -s pid -p "$server,$client"
tui_wait_cmd "the fixtures are not listed" 10 sh -c "[ \$(tmux -L $WT_TMUX capture-pane -p | awk '/COMMAND/ { s = 1; next } s && \$1 ~ /^[0-9]+\$/' | wc -l) -eq 2 ]"
tui_keys Down
tui_keys Tab Tab Tab Tab Tab
tui_wait_cmd "Tab five times did not come back to Processes" 5 screen_has "[1:Processes]"
tui_keys Enter
wt_tmux_wait "DRILL pid $hi" 10 || fail "the selection (pid $hi) did not survive the trip through the panes"
tui_keys q
tui_check_exit 0
echo ok
