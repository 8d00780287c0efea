/* collect-net.h - sockets from NETLINK_SOCK_DIAG (built and walked with
 * libmnl): TCP byte counters per socket, attributed to processes through
 * a socket-inode -> pid map kept across refreshes; UDP and unix sockets
 * for queue depths and for the verdict's evidence.  One socket table,
 * used by both per-process rates and the WAIT verdict.  No curses. */
#ifndef WAITTOP_COLLECT_NET_H
#define WAITTOP_COLLECT_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

enum sock_proto { SOCK_P_TCP, SOCK_P_UDP, SOCK_P_UNIX, SOCK_P_OTHER };

/* An IPv4 or IPv6 endpoint; sa.sa_family says which (0: none). */
union sock_addr {
	struct sockaddr sa;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
};

/* One socket as the last dump saw it. */
struct sock_info {
	unsigned long inode; /* 0 for TIME_WAIT, orphaned and destroyed sockets */
	uint64_t cookie;
	enum sock_proto proto;
	int family; /* AF_INET, AF_INET6, AF_UNIX */
	int type; /* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
	int state; /* TCP_ESTABLISHED... (netinet/tcp.h numbering) */
	union sock_addr local, peer; /* inet only */
	char unix_path[108]; /* unix only; "" unnamed; abstract names start with '@' */
	unsigned long unix_peer_inode; /* unix only; 0 none */
	bool have_uid;
	unsigned uid;
	unsigned long netns; /* inode of the network namespace it was dumped in */
	bool have_bytes; /* TCP with tcp_info */
	/* tcpi_bytes_received; tcpi_bytes_sent (tcpi_bytes_acked before Linux 4.19);
	 * tcpi_bytes_acked; tcpi_bytes_retrans (0 before 4.19) */
	unsigned long long bytes_received, bytes_sent;
	unsigned long long bytes_acked, bytes_retrans;
	bool have_tcpi; /* rtt, cwnd, retrans, delivery rate below (TCP with tcp_info) */
	unsigned rtt_us, cwnd_segs, total_retrans;
	unsigned long long delivery_rate_bps; /* tcpi_delivery_rate, bytes/s; 0 before 4.9 */
	unsigned rqueue,
	    wqueue; /* queue depths in bytes; TCP LISTEN: waiting connections, backlog */
	bool have_drops;
	unsigned drops; /* UDP (SKMEMINFO_DROPS) */
	bool gone; /* closed during the interval: final counters from the destroy group */
	int pid; /* owning process from the inode map; 0 unknown */
	int peer_pid; /* unix only: the peer socket's owner; 0 unknown */
};

/* Per-process network rates over the last interval. */
struct net_proc_rate {
	int pid;
	bool have; /* false: fds unreadable, not yet scanned, in a netns we
		    * could not dump, or no previous refresh */
	double rx_bps, tx_bps; /* TCP only */
};

/* TCP traffic of one socket owner uid that no process could be given. */
struct net_uid_rate {
	unsigned uid;
	double rx_bps, tx_bps;
};

/* What one refresh cost and saw (for the bench and the debug line). */
struct net_stats {
	double dump_ms, scan_ms, total_ms; /* wall time */
	double interval_s; /* between the last two dumps; 0 after the first */
	size_t nsockets, ntcp; /* rows in the table */
	size_t pids_scanned, fds_scanned; /* fd-table scans this refresh */
	size_t pids_denied; /* known pids whose fds are EACCES */
	size_t pids_pending; /* new pids left for a later refresh (budget) */
	size_t unknown_inodes; /* sockets with traffic and no owner */
	size_t destroyed; /* destroy-group messages drained */
	bool destroy_ok; /* the destroy groups are joined */
	bool destroy_overrun; /* ENOBUFS: some closes were lost */
	size_t nnetns, nnetns_failed; /* namespaces dumped / not dumpable */
	double unattributed_rx_bps, unattributed_tx_bps; /* TCP bytes with no owner */
	bool listeners_dumped; /* TCP listeners were dumped (else the last dump's rows) */
};

struct collect_net;

/* collect_net_new: a reader; NULL with errno when sock_diag cannot be opened. */
struct collect_net *collect_net_new(void);
/* collect_net_free: NULL is a no-op. */
void collect_net_free(struct collect_net *cn);
/* collect_net_refresh: dump TCP (v4+v6), UDP and unix sockets now (TCP
 * listeners every 10th call, or after a lookup missed, else the last
 * LISTEN dump's rows), drain the destroy group, update the inode -> pid
 * map (rescanning only new processes and owners of unknown inodes with
 * traffic, bounded per call).  pids[] is the current process list (tgids,
 * sorted) so vanished pids are dropped; pids == NULL: list /proc itself.
 * mono_s (CLOCK_MONOTONIC seconds) times the negative cache; rates use the
 * time of the dump itself, so fd scans before it do not skew them.  0 or
 * -1 (dump failed; rates unknown). */
int collect_net_refresh(struct collect_net *cn, double mono_s, const int *pids, size_t npids);
/* collect_net_rate: rates of pid over the interval between the last two
 * refreshes into *out.  out->have false when unknown. */
void collect_net_rate(const struct collect_net *cn, int pid, struct net_proc_rate *out);
/* collect_net_lookup: the socket with this inode from the last dump, or NULL;
 * valid until the next refresh.  Fills the row's pid on first use, so a
 * reader is used from one thread at a time. */
const struct sock_info *collect_net_lookup(const struct collect_net *cn, unsigned long inode);
/* collect_net_find: the live socket with this inode from the last dump, or
 * NULL; unlike collect_net_lookup it changes nothing (no owner filled, no
 * search asked for).  Valid until the next refresh. */
const struct sock_info *collect_net_find(const struct collect_net *cn, unsigned long inode);
/* collect_net_want_owner: ask the next refresh to search for the owner of
 * this socket (one shown with no owner that carries no traffic to start a
 * search by itself, e.g. a UDP socket with datagrams queued, opened after
 * its process's fds were read).  No-op when the owner is known or a full
 * search missed it since the socket was opened. */
void collect_net_want_owner(const struct collect_net *cn, unsigned long inode);
/* collect_net_format: "TCP 127.0.0.1:41234 -> 127.0.0.1:8000" (or "UDP ...",
 * "unix /path", "unix peer of pid N") into buf; returns buf. */
char *collect_net_format(const struct sock_info *si, char *buf, size_t bufsz);
/* collect_net_format_queues: the queue depths for the drill-in into buf:
 * "recv-q 12 send-q 0" (bytes), plus " drops 3" for UDP; a TCP listener
 * gives "accept-q 3/128" (waiting connections / backlog).  Returns buf. */
char *collect_net_format_queues(const struct sock_info *si, char *buf, size_t bufsz);
/* collect_net_stats: the cost and counts of the last refresh into *out. */
void collect_net_stats(const struct collect_net *cn, struct net_stats *out);
/* collect_net_unattributed: TCP traffic of the last interval that no
 * process could be given, by the uid owning the socket: other users'
 * processes when unprivileged, connections opened and closed within the
 * interval, owners not found yet.  Up to max entries into out; returns how
 * many uids there are (which may be more than max). */
size_t collect_net_unattributed(const struct collect_net *cn, struct net_uid_rate *out, size_t max);
/* collect_net_sockets: the whole table of the last dump (n rows in *n);
 * valid until the next refresh. */
const struct sock_info *collect_net_sockets(const struct collect_net *cn, size_t *n);

#endif
