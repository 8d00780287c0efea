/* collect-conn.h - the Connections pane's rows from the socket table the
 * NET columns already dump (collect-net.c): every TCP connection with
 * its endpoints, state, byte rates (per socket cookie, against the
 * previous refresh), rtt, retransmits, queues and owner; on request the
 * UDP and unix sockets too, with drops and unix peers.  Pure: socket
 * rows in, conn_rows out; the previous bytes are kept in struct
 * conn_prev.  No curses, no /proc. */
#ifndef WAITTOP_COLLECT_CONN_H
#define WAITTOP_COLLECT_CONN_H

#include <stddef.h>
#include "collect-net.h"
#include "model.h"

/* The bytes of each TCP socket at the previous refresh, by cookie. */
struct conn_prev {
	struct conn_prev_ent {
		uint64_t cookie;
		unsigned long long rx, tx;
	} * v;
	size_t n;
};

/* conn_format_addr: "127.0.0.1:8000" or "[::1]:8000" ("-" with no
 * address) into buf; returns buf. */
char *conn_format_addr(const union sock_addr *a, char *buf, size_t sz);
/* conn_state_name: "ESTAB", "LISTEN", "TIME-WAIT"... as ss prints them;
 * "?" for an unknown number. */
const char *conn_state_name(int state);
/* conn_build: rows for the TCP sockets of socks[0..n) (closed ones left
 * out) into a new array *rows (free()), rates over interval_s against
 * *prev, which is then replaced by this table's bytes.  interval_s <= 0:
 * no rates.  Owners are si->pid (resolve them first); comm is left "" for
 * the caller.  Returns the count, -1 on ENOMEM. */
long conn_build(const struct sock_info *socks, size_t n, double interval_s, struct conn_prev *prev,
		struct conn_row **rows);
/* conn_sock_find: the row with this inode, or NULL (how conn_add_sockets
 * finds a unix socket's peer; ctx is the caller's). */
typedef const struct sock_info *conn_sock_find(const void *ctx, unsigned long inode);
/* conn_add_sockets: rows for the UDP and unix sockets of socks[0..n)
 * appended to *rows (nrows there now; realloc'd), at most max of them:
 * those with something queued or dropped first, then the others in table
 * order.  A unix row's peer is the path of the socket find gives for its
 * peer inode.  *omitted: the sockets left out.  Returns the new count, -1
 * on ENOMEM (*rows unchanged). */
long conn_add_sockets(const struct sock_info *socks, size_t n, size_t max, conn_sock_find *find,
		      const void *ctx, struct conn_row **rows, size_t nrows, size_t *omitted);
/* conn_proto_name: "tcp", "udp", "unix". */
const char *conn_proto_name(enum conn_proto p);
/* conn_type_name: "stream", "dgram", "seqpacket"; "?" for another. */
const char *conn_type_name(int type);
/* conn_prev_clear: free what prev owns; NULL is a no-op. */
void conn_prev_clear(struct conn_prev *prev);

#endif
