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

/* One socket as the last dump saw it. */
struct sock_info {
	unsigned long inode;      /* 0 for TIME_WAIT and destroyed sockets */
	uint64_t cookie;
	enum sock_proto proto;
	int family;               /* AF_INET, AF_INET6, AF_UNIX */
	int state;                /* TCP_ESTABLISHED... (netinet/tcp.h numbering) */
	struct sockaddr_storage local, peer; /* inet only */
	char unix_path[108];      /* unix only; "" when unnamed */
	unsigned long unix_peer_inode; /* unix only */
	unsigned uid;
	bool have_bytes;          /* TCP with tcp_info */
	unsigned long long bytes_received, bytes_sent; /* tcpi_bytes_received, tcpi_bytes_acked (or _sent) */
	unsigned rqueue, wqueue;  /* queue depths */
	unsigned drops;           /* UDP (SKMEMINFO_DROPS) */
};

/* Per-process network rates over the last interval. */
struct net_proc_rate {
	int pid;
	bool have;                /* false: fds unreadable, or in a netns we could not dump */
	double rx_bps, tx_bps;    /* TCP only */
};

struct collect_net;

/* collect_net_new: a reader; NULL with errno when sock_diag cannot be opened. */
struct collect_net *collect_net_new(void);
/* collect_net_free: NULL is a no-op. */
void collect_net_free(struct collect_net *cn);
/* collect_net_refresh: dump TCP (v4+v6), UDP and unix sockets now, drain the
 * destroy group, update the inode -> pid map (rescanning only new processes
 * and owners of unknown inodes with traffic, bounded per call).  pids[] is
 * the current process list (sorted) so vanished pids are dropped.  0 or -1. */
int collect_net_refresh(struct collect_net *cn, double mono_s, const int *pids, size_t npids);
/* collect_net_rate: rates of pid over the interval between the last two
 * refreshes into *out.  out->have false when unknown. */
void collect_net_rate(const struct collect_net *cn, int pid, struct net_proc_rate *out);
/* collect_net_lookup: the socket with this inode from the last dump, or NULL. */
const struct sock_info *collect_net_lookup(const struct collect_net *cn, unsigned long inode);
/* collect_net_format: "TCP 127.0.0.1:41234 -> 127.0.0.1:8000" (or "UDP ...",
 * "unix /path", "unix peer of pid N") into buf; returns buf. */
char *collect_net_format(const struct sock_info *si, char *buf, size_t bufsz);

#endif
