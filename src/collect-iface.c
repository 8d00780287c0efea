/* collect-iface.c - the Interfaces pane's data: all sixteen counters of
 * /proc/net/dev (the strip keeps bytes only) and the listen-queue
 * overflows of /proc/net/netstat.  Counters that go backwards (an
 * interface re-created under the same name) give 0 for that interval. */
#include "config.h"
#include "collect-iface.h"
#include "util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* parse_iface_line: "  eth0: 1 2 3 ..." into *out; 0 or -1. */
static int parse_iface_line(const char *line, struct iface_raw *out)
{
	const char *colon = strchr(line, ':');
	const char *p = line;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!colon)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	len = (size_t)(colon - p);
	if (len == 0 || len >= sizeof(out->name))
		return -1;
	memcpy(out->name, p, len);
	if (sscanf(colon + 1, "%llu %llu %llu %llu %*s %*s %*s %*s %llu %llu %llu %llu",
		   &out->rx_bytes, &out->rx_packets, &out->rx_errs, &out->rx_drops, &out->tx_bytes,
		   &out->tx_packets, &out->tx_errs, &out->tx_drops) != 8)
		return -1;
	return 0;
}

/* parse_iface_line_row: parse_iface_line for util_parse_rows. */
static int parse_iface_line_row(const char *line, void *row)
{
	return parse_iface_line(line, row);
}

long parse_iface_netdev(const char *text, struct iface_raw **v)
{
	void *rows;
	long n = util_parse_rows(text, sizeof(**v), parse_iface_line_row, &rows);

	*v = rows;
	return n;
}

/* parse_iface_column: the value under column key of a "Prefix: names" /
 * "Prefix: values" line pair; 0 or -1. */
static int parse_iface_column(const char *names, const char *values, const char *key,
			      unsigned long long *out)
{
	size_t klen = strlen(key);
	const char *n = strchr(names, ' '), *v = strchr(values, ' ');

	while (n && v) {
		while (*n == ' ')
			n++;
		while (*v == ' ')
			v++;
		if (*n == '\n' || !*n || *v == '\n' || !*v)
			return -1;
		if (strncmp(n, key, klen) == 0 && (n[klen] == ' ' || n[klen] == '\n' || !n[klen]))
			return sscanf(v, "%llu", out) == 1 ? 0 : -1;
		n = strpbrk(n, " \n");
		v = strpbrk(v, " \n");
		if (n && *n == '\n')
			return -1;
	}
	return -1;
}

int parse_iface_netstat(const char *text, unsigned long long *overflows, unsigned long long *drops)
{
	const char *names = strstr(text, "TcpExt:"), *values;

	if (!names || (names != text && names[-1] != '\n'))
		return -1;
	values = strchr(names, '\n');
	if (!values || strncmp(values + 1, "TcpExt:", 7) != 0)
		return -1;
	values++;
	if (parse_iface_column(names, values, "ListenOverflows", overflows) < 0 ||
	    parse_iface_column(names, values, "ListenDrops", drops) < 0)
		return -1;
	return 0;
}

int collect_iface_read(struct iface_snap *out)
{
	size_t sz = 1 << 18; /* container hosts: thousands of veths */
	char *text = xmalloc(sz);
	long n;

	iface_snap_clear(out);
	out->mono_s = util_mono_s();
	if (util_read_file(AT_FDCWD, "/proc/net/netstat", text, sz) > 0)
		out->have_netstat =
		    parse_iface_netstat(text, &out->listen_overflows, &out->listen_drops) == 0;
	if (util_read_file(AT_FDCWD, "/proc/net/dev", text, sz) < 0) {
		free(text);
		return -1;
	}
	n = parse_iface_netdev(text, &out->v);
	free(text);
	if (n < 0)
		fatal("out of memory");
	out->n = (size_t)n;
	return 0;
}

void iface_snap_clear(struct iface_snap *s)
{
	if (!s)
		return;
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* iface_d: cur - prev over dt, 0 when the counter went backwards. */
static double iface_d(unsigned long long prev, unsigned long long cur, double dt)
{
	return cur >= prev ? (double)(cur - prev) / dt : 0;
}

/* iface_delta_find: prev's row named like c, trying index hint first. */
static const struct iface_raw *iface_delta_find(const struct iface_snap *prev, size_t hint,
						const struct iface_raw *c)
{
	if (hint < prev->n && strcmp(prev->v[hint].name, c->name) == 0)
		return &prev->v[hint];
	for (size_t i = 0; i < prev->n; i++)
		if (strcmp(prev->v[i].name, c->name) == 0)
			return &prev->v[i];
	return NULL;
}

long iface_delta(const struct iface_snap *prev, const struct iface_snap *cur,
		 struct iface_row **rows, struct netstat_row *ns)
{
	double dt = cur->mono_s - prev->mono_s;
	size_t n = 0;

	if (dt <= 0)
		dt = 1e-9;
	memset(ns, 0, sizeof(*ns));
	if (prev->have_netstat && cur->have_netstat) {
		ns->have = true;
		ns->listen_overflows_ps =
		    iface_d(prev->listen_overflows, cur->listen_overflows, dt);
		ns->listen_drops_ps = iface_d(prev->listen_drops, cur->listen_drops, dt);
	}
	*rows = NULL;
	if (!cur->n)
		return 0;
	*rows = malloc(cur->n * sizeof(**rows));
	if (!*rows)
		return -1;
	for (size_t i = 0; i < cur->n; i++) {
		const struct iface_raw *c = &cur->v[i], *p = iface_delta_find(prev, i, c);
		struct iface_row *r = &(*rows)[n];

		if (!p)
			continue;
		memset(r, 0, sizeof(*r));
		snprintf(r->name, sizeof(r->name), "%s", c->name);
		r->rx_bps = iface_d(p->rx_bytes, c->rx_bytes, dt);
		r->tx_bps = iface_d(p->tx_bytes, c->tx_bytes, dt);
		r->rx_pps = iface_d(p->rx_packets, c->rx_packets, dt);
		r->tx_pps = iface_d(p->tx_packets, c->tx_packets, dt);
		r->rx_errs_ps = iface_d(p->rx_errs, c->rx_errs, dt);
		r->tx_errs_ps = iface_d(p->tx_errs, c->tx_errs, dt);
		r->rx_drops_ps = iface_d(p->rx_drops, c->rx_drops, dt);
		r->tx_drops_ps = iface_d(p->tx_drops, c->tx_drops, dt);
		n++;
	}
	return (long)n;
}
