/* collect-net-int.h - the pieces of the network collector, shared by its
 * files and the unit tests: a small integer hash map, the socket table,
 * the netlink walkers (pure: message in, struct out), the fd-table
 * scanner and the accounting pass (pure: tables in, per-pid bytes out).
 * Not for other modules: they use collect-net.h. */
#ifndef WAITTOP_COLLECT_NET_INT_H
#define WAITTOP_COLLECT_NET_INT_H

#include <linux/netlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect-net.h"

/* --- hash map: uint64 key (0 is reserved) -> uint64 value ------------- */
struct net_hmap {
	uint64_t *keys, *vals;
	size_t cap, n; /* cap is 0 or a power of two */
};

/* net_hmap_put: insert or replace. */
void net_hmap_put(struct net_hmap *m, uint64_t key, uint64_t val);
/* net_hmap_get: true and *val when key is present (val may be NULL). */
bool net_hmap_get(const struct net_hmap *m, uint64_t key, uint64_t *val);
/* net_hmap_del: remove key if present; true when it was. */
bool net_hmap_del(struct net_hmap *m, uint64_t key);
/* net_hmap_reset: empty, keeping the memory. */
void net_hmap_reset(struct net_hmap *m);
/* net_hmap_free: release memory; the map is empty and reusable. */
void net_hmap_free(struct net_hmap *m);

/* --- socket table --------------------------------------------------------- */
struct net_table {
	struct sock_info *v;
	size_t n, cap;
	struct net_hmap by_inode; /* live rows' inodes -> index */
	struct net_hmap by_gone; /* gone rows' cookies -> index */
	size_t ngone; /* gone rows (set by net_table_index) */
};

/* net_table_add: a zeroed row at the end (not yet indexed). */
struct sock_info *net_table_add(struct net_table *t);
/* net_table_grow: a row at the end, not zeroed (the parsers fill it all). */
struct sock_info *net_table_grow(struct net_table *t);
/* net_table_index: rebuild by_inode and by_gone over all rows. */
void net_table_index(struct net_table *t);
/* net_table_reset: no rows, memory kept. */
void net_table_reset(struct net_table *t);
void net_table_free(struct net_table *t);
/* net_table_find_gone: the gone row with this cookie, or NULL;
 * net_table_find_inode: the live row with this inode, or NULL (both after
 * net_table_index). */
struct sock_info *net_table_find_gone(const struct net_table *t, uint64_t cookie);
struct sock_info *net_table_find_inode(const struct net_table *t, unsigned long inode);

/* --- netlink walkers (collect-net-diag.c) -------------------------------- */
/* net_diag_parse_inet: an inet_diag_msg (TCP or UDP, proto given) into *si;
 * 0, or -1 when the message is truncated or not inet_diag. */
int net_diag_parse_inet(const struct nlmsghdr *nlh, int proto, struct sock_info *si);
/* net_diag_parse_unix: a unix_diag_msg into *si; 0 or -1. */
int net_diag_parse_unix(const struct nlmsghdr *nlh, struct sock_info *si);
/* net_diag_valid_len: the length of the leading run of whole netlink
 * messages in buf: each nlmsg_len, read unsigned, at least a header and at
 * most the bytes left.  Equal to len when the whole buffer may be walked. */
size_t net_diag_valid_len(const void *buf, size_t len);
/* net_diag_sender_ok: whether a datagram came from the kernel: sender port
 * 0 (a user's socket never has it), not truncated, to a multicast group
 * (multicast) or unicast (a dump's answer).  salen: the recvmsg name length. */
bool net_diag_sender_ok(const struct sockaddr_nl *sa, size_t salen, int msg_flags, bool multicast);
/* net_diag_walk: run the parser over a buffer of netlink messages (one
 * recv of a dump), appending rows to t with netns set.  1 more to come,
 * 0 at NLMSG_DONE, -1 on NLMSG_ERROR or when a length lies (errno set;
 * nothing is walked then). */
int net_diag_walk(const void *buf, size_t len, unsigned seq, unsigned portid, int proto,
		  unsigned long netns, struct net_table *t);

/* One network namespace's sockets: the dump socket and the destroy group. */
struct net_nsock {
	struct mnl_socket *diag;
	int destroy_fd; /* -1 when the groups could not be joined */
	unsigned seq;
	/* TCP listeners as the last LISTEN dump saw them, appended to the
	 * table when a refresh skips that dump (they carry no counters) */
	struct sock_info *listen;
	size_t nlisten, caplisten;
	bool have_listen;
	size_t dropped; /* datagrams not from the kernel, or malformed */
};
/* net_diag_open: sockets in the calling thread's namespace; 0 or -1 (errno). */
int net_diag_open(struct net_nsock *ns);
void net_diag_close(struct net_nsock *ns);
/* net_diag_open_in: the same, created inside the namespace of /proc/<pid>/ns/net
 * by a short-lived thread (needs CAP_SYS_ADMIN); 0 or -1 (errno). */
int net_diag_open_in(int pid, struct net_nsock *ns);
/* net_diag_dump: TCP v4+v6, UDP v4+v6 and unix sockets into t; 0 or -1.
 * TCP listeners come from a LISTEN dump when listeners is true or none was
 * made yet (the copy kept in ns is renewed), else from that copy. */
int net_diag_dump(struct net_nsock *ns, unsigned long netns, struct net_table *t, bool listeners);
/* net_diag_drain: destroyed TCP sockets' final counters appended to t as
 * gone rows; the count, or -1 on an overrun (some were lost; still appended). */
int net_diag_drain(struct net_nsock *ns, unsigned long netns, struct net_table *t, size_t *count);

struct collect_net;
/* net_set_listen_period: dump TCP listeners every n refreshes (1: every
 * refresh, as before they were kept); for the bench. */
void net_set_listen_period(struct collect_net *cn, unsigned n);

/* --- fd-table scanner (collect-net-map.c) ------------------------------- */
/* net_map_parse_link: inode of a "socket:[N]" link text, or 0. */
unsigned long net_map_parse_link(const char *s);
/* One process's fd-table scan, which may span several refreshes. */
struct net_scan {
	unsigned long *inodes; /* socket inodes found so far */
	size_t n, cap;
	size_t nfds; /* fds looked at so far */
	unsigned uid; /* owner of /proc/<pid>/fd */
	int next_fd; /* where a partial scan goes on; 0 from the start */
};
/* net_map_scan_pid: read the links in /proc/<pid>/fd from sc->next_fd on,
 * appending socket inodes to sc, until the end or until the monotonic
 * deadline (0: none) passes.  0 complete, 1 partial (call again), or -1
 * with errno (EACCES, ENOENT). */
int net_map_scan_pid(int procfd, int pid, struct net_scan *sc, double deadline);
/* net_map_netns: inode of /proc/<pid>/ns/net, or 0 when unreadable. */
unsigned long net_map_netns(int procfd, int pid);

/* --- accounting (collect-net.c; pure) ----------------------------------- */
/* What each live socket had at the previous refresh. */
struct net_prev {
	uint64_t cookie;
	unsigned long long rx, tx;
	unsigned long inode;
	int pid; /* 0 when not resolved (idle sockets are not) */
};
/* Rows in dump order: the next dump mostly comes in the same order, so a
 * cursor finds each socket; the cookie index is built on the first miss. */
struct net_prevtab {
	struct net_prev *v;
	size_t n, cap;
	struct net_hmap by_cookie; /* -> index, valid when indexed */
	bool indexed;
};

/* Bytes of one socket owner uid that no process could be given. */
struct net_uid_bytes {
	unsigned uid;
	unsigned long long rx, tx;
};

/* Bytes per process over one interval. */
struct net_pid_bytes {
	int pid;
	unsigned long long rx, tx;
};
struct net_acct {
	struct net_pid_bytes *v;
	size_t n, cap;
	struct net_hmap by_pid; /* -> index */
	unsigned long long unattributed_rx, unattributed_tx;
	struct net_uid_bytes *uv; /* the unattributed bytes by socket uid */
	size_t nuv, capuv;
	struct net_hmap by_uid; /* uid + 1 -> index */
	unsigned long *unknown; /* inodes with traffic and no owner */
	size_t nunknown, capunknown;
};

/* net_acct_run: sum per pid the TCP byte deltas of cur against prev (by
 * cookie), setting the pid of each row that moved bytes (owner map by
 * inode; for inode-0 rows, closed or destroyed, the previous owner).  A
 * row absent from prev counts from zero when its namespace is in prev_ns
 * (it was dumped last time), else it is only a baseline.  Rows that moved
 * nothing keep pid 0 (see net_owner_of).  out is reset first. */
void net_acct_run(struct net_table *cur, struct net_prevtab *prev, const struct net_hmap *owner,
		  const struct net_hmap *prev_ns, struct net_acct *out);
/* net_owner_of: the owning pid of a row by the owner map, 0 unknown. */
int net_owner_of(const struct sock_info *si, const struct net_hmap *owner);
/* net_acct_free: release what out owns. */
void net_acct_free(struct net_acct *a);
/* net_prev_build: prev from cur's live rows (gone rows dropped). */
void net_prev_build(struct net_prevtab *prev, const struct net_table *cur);
void net_prev_free(struct net_prevtab *prev);
/* net_acct_get: bytes of pid, or NULL when it moved none. */
const struct net_pid_bytes *net_acct_get(const struct net_acct *a, int pid);

#endif
