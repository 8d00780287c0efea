/* collect-conn.c - the Connections pane: TCP rows from the socket table
 * with rates per socket cookie.  The previous bytes are a sorted array
 * searched by cookie: a refresh costs n log n over the TCP sockets.  UDP
 * and unix rows (asked for separately) have queues, drops and peers, no
 * rates: sock_diag gives them no byte counters. */
#include "config.h"
#include "collect-conn.h"

#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const conn_states[] = {
	[TCP_ESTABLISHED] = "ESTAB",	[TCP_SYN_SENT] = "SYN-SENT",
	[TCP_SYN_RECV] = "SYN-RECV",	[TCP_FIN_WAIT1] = "FIN-WAIT-1",
	[TCP_FIN_WAIT2] = "FIN-WAIT-2", [TCP_TIME_WAIT] = "TIME-WAIT",
	[TCP_CLOSE] = "UNCONN",		[TCP_CLOSE_WAIT] = "CLOSE-WAIT",
	[TCP_LAST_ACK] = "LAST-ACK",	[TCP_LISTEN] = "LISTEN",
	[TCP_CLOSING] = "CLOSING",
};

const char *conn_state_name(int state)
{
	if (state < 0 || state >= (int)(sizeof(conn_states) / sizeof(conn_states[0])) ||
	    !conn_states[state])
		return "?";
	return conn_states[state];
}

char *conn_format_addr(const union sock_addr *a, char *buf, size_t sz)
{
	char ip[INET6_ADDRSTRLEN];

	if (a->sa.sa_family == AF_INET) {
		inet_ntop(AF_INET, &a->in4.sin_addr, ip, sizeof(ip));
		snprintf(buf, sz, "%s:%u", ip, ntohs(a->in4.sin_port));
	} else if (a->sa.sa_family == AF_INET6) {
		inet_ntop(AF_INET6, &a->in6.sin6_addr, ip, sizeof(ip));
		snprintf(buf, sz, "[%s]:%u", ip, ntohs(a->in6.sin6_port));
	} else {
		snprintf(buf, sz, "-");
	}
	return buf;
}

/* conn_prev_cmp: by cookie. */
static int conn_prev_cmp(const void *a, const void *b)
{
	const struct conn_prev_ent *x = a, *y = b;

	return (x->cookie > y->cookie) - (x->cookie < y->cookie);
}

/* conn_row_fill: the row of one TCP socket, without rates. */
static void conn_row_fill(const struct sock_info *si, struct conn_row *r)
{
	memset(r, 0, sizeof(*r));
	conn_format_addr(&si->local, r->local, sizeof(r->local));
	conn_format_addr(&si->peer, r->peer, sizeof(r->peer));
	r->state = si->state;
	r->have_rtt = si->have_tcpi;
	r->rtt_ms = si->rtt_us / 1000.0;
	r->have_retrans = si->have_tcpi;
	r->retrans = si->total_retrans;
	r->rqueue = si->rqueue;
	r->wqueue = si->wqueue;
	r->pid = si->pid > 0 ? si->pid : 0;
}

long conn_build(const struct sock_info *socks, size_t n, double interval_s, struct conn_prev *prev,
		struct conn_row **rows)
{
	struct conn_prev next = { 0 };
	size_t nr = 0;

	*rows = NULL;
	if (n) {
		*rows = malloc(n * sizeof(**rows));
		next.v = malloc(n * sizeof(*next.v));
		if (!*rows || !next.v) {
			free(*rows);
			free(next.v);
			*rows = NULL;
			return -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct sock_info *si = &socks[i];
		struct conn_row *r = &(*rows)[nr];
		struct conn_prev_ent key = { .cookie = si->cookie }, *p;

		if (si->proto != SOCK_P_TCP || si->gone)
			continue;
		conn_row_fill(si, r);
		nr++;
		if (!si->have_bytes)
			continue;
		p = prev->n ? bsearch(&key, prev->v, prev->n, sizeof(key), conn_prev_cmp) : NULL;
		if (p && interval_s > 0 && si->bytes_received >= p->rx && si->bytes_sent >= p->tx) {
			r->have_rate = true;
			r->rx_bps = (double)(si->bytes_received - p->rx) / interval_s;
			r->tx_bps = (double)(si->bytes_sent - p->tx) / interval_s;
		}
		next.v[next.n++] =
		    (struct conn_prev_ent){ si->cookie, si->bytes_received, si->bytes_sent };
	}
	if (next.n) /* an empty table has no array: qsort(NULL) is undefined */
		qsort(next.v, next.n, sizeof(*next.v), conn_prev_cmp);
	conn_prev_clear(prev);
	*prev = next;
	return (long)nr;
}

const char *conn_proto_name(enum conn_proto p)
{
	return p == CONN_P_UDP ? "udp" : p == CONN_P_UNIX ? "unix" : "tcp";
}

const char *conn_type_name(int type)
{
	return type == SOCK_STREAM	? "stream"
	       : type == SOCK_DGRAM	? "dgram"
	       : type == SOCK_SEQPACKET ? "seqpacket"
					: "?";
}

/* conn_sock_wanted: a UDP or unix socket the pane lists; busy: one with
 * something queued or dropped. */
static bool conn_sock_wanted(const struct sock_info *si, bool busy)
{
	if (si->gone || (si->proto != SOCK_P_UDP && si->proto != SOCK_P_UNIX))
		return false;
	return busy == (si->rqueue || si->wqueue || (si->have_drops && si->drops));
}

/* conn_sock_fill: the row of one UDP or unix socket. */
static void conn_sock_fill(const struct sock_info *si, conn_sock_find *find, const void *ctx,
			   struct conn_row *r)
{
	memset(r, 0, sizeof(*r));
	r->state = si->state;
	r->rqueue = si->rqueue;
	r->wqueue = si->wqueue;
	r->pid = si->pid > 0 ? si->pid : 0;
	r->inode = si->inode;
	if (si->proto == SOCK_P_UDP) {
		r->proto = CONN_P_UDP;
		conn_format_addr(&si->local, r->local, sizeof(r->local));
		conn_format_addr(&si->peer, r->peer, sizeof(r->peer));
		r->have_drops = si->have_drops;
		r->drops = si->drops;
		return;
	}
	r->proto = CONN_P_UNIX;
	r->type = si->type;
	snprintf(r->local, sizeof(r->local), "%s", si->unix_path);
	r->peer_inode = si->unix_peer_inode;
	r->peer_pid = si->peer_pid > 0 ? si->peer_pid : 0;
	if (si->unix_peer_inode && find) {
		const struct sock_info *p = find(ctx, si->unix_peer_inode);

		if (p && p->proto == SOCK_P_UNIX)
			snprintf(r->peer, sizeof(r->peer), "%s", p->unix_path);
	}
}

long conn_add_sockets(const struct sock_info *socks, size_t n, size_t max, conn_sock_find *find,
		      const void *ctx, struct conn_row **rows, size_t nrows, size_t *omitted)
{
	size_t want = 0, take, k = nrows;
	struct conn_row *v;

	for (size_t i = 0; i < n; i++)
		want += conn_sock_wanted(&socks[i], true) || conn_sock_wanted(&socks[i], false);
	take = want < max ? want : max;
	*omitted = want - take;
	if (!take)
		return (long)nrows;
	v = realloc(*rows, (nrows + take) * sizeof(*v));
	if (!v)
		return -1;
	*rows = v;
	/* busy sockets first, so a cap leaves out idle ones */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n && k < nrows + take; i++)
			if (conn_sock_wanted(&socks[i], pass == 0))
				conn_sock_fill(&socks[i], find, ctx, &v[k++]);
	return (long)k;
}

void conn_prev_clear(struct conn_prev *prev)
{
	if (!prev)
		return;
	free(prev->v);
	memset(prev, 0, sizeof(*prev));
}
