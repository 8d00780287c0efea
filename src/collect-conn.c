/* collect-conn.c - the Connections pane: TCP rows from the socket table
 * with rates per socket cookie.  The previous bytes are a sorted array
 * searched by cookie: a refresh costs n log n over the TCP sockets. */
#include "config.h"
#include "collect-conn.h"

#include <arpa/inet.h>
#include <netinet/tcp.h>
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
	qsort(next.v, next.n, sizeof(*next.v), conn_prev_cmp);
	conn_prev_clear(prev);
	*prev = next;
	return (long)nr;
}

void conn_prev_clear(struct conn_prev *prev)
{
	if (!prev)
		return;
	free(prev->v);
	memset(prev, 0, sizeof(*prev));
}
