/* batch-panes.c - the panes' rows in -b text and --json (only with
 * --panes, so the default output stays as it was): disks, interfaces,
 * connections (with sockets: UDP and unix too) and groups, after the
 * processes.  A pane asked for but unreadable is null in JSON and "n/a"
 * in text; a value the kernel did not give is null / "-". */
#include "config.h"
#include "batch.h"
#include "collect-conn.h"
#include "fmt.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* batch_panes_num: ,"key":v with decimals, or null. */
static void batch_panes_num(FILE *f, const char *key, bool have, double v, int decimals)
{
	fputc(',', f);
	batch_json_num(f, key, have, v, decimals);
}

/* batch_panes_json_disk: one element of "disks". */
static void batch_panes_json_disk(FILE *f, const struct disk_row *d)
{
	fputc('{', f);
	batch_json_str(f, "name", d->name);
	fprintf(f, ",\"major\":%u,\"minor\":%u,\"partition\":%s,\"stacked\":%s,", d->major,
		d->minor, d->partition ? "true" : "false", d->stacked ? "true" : "false");
	batch_json_str(f, "slaves", d->slaves);
	batch_panes_num(f, "reads_ps", true, d->reads_ps, 1);
	batch_panes_num(f, "writes_ps", true, d->writes_ps, 1);
	batch_panes_num(f, "read_bps", true, d->read_bps, 1);
	batch_panes_num(f, "write_bps", true, d->write_bps, 1);
	batch_panes_num(f, "r_await_ms", d->have_r_await, d->r_await_ms, 2);
	batch_panes_num(f, "w_await_ms", d->have_w_await, d->w_await_ms, 2);
	batch_panes_num(f, "queue", true, d->queue, 2);
	batch_panes_num(f, "util_pct", true, d->util_pct, 1);
	batch_panes_num(f, "discards_ps", d->have_discard, d->discards_ps, 1);
	batch_panes_num(f, "flushes_ps", d->have_flush, d->flushes_ps, 1);
	fputc('}', f);
}

/* batch_panes_json_iface: one element of "interfaces". */
static void batch_panes_json_iface(FILE *f, const struct iface_row *r)
{
	fputc('{', f);
	batch_json_str(f, "name", r->name);
	batch_panes_num(f, "rx_bps", true, r->rx_bps, 1);
	batch_panes_num(f, "tx_bps", true, r->tx_bps, 1);
	batch_panes_num(f, "rx_pps", true, r->rx_pps, 1);
	batch_panes_num(f, "tx_pps", true, r->tx_pps, 1);
	batch_panes_num(f, "rx_errors_ps", true, r->rx_errs_ps, 1);
	batch_panes_num(f, "tx_errors_ps", true, r->tx_errs_ps, 1);
	batch_panes_num(f, "rx_drops_ps", true, r->rx_drops_ps, 1);
	batch_panes_num(f, "tx_drops_ps", true, r->tx_drops_ps, 1);
	fputc('}', f);
}

/* batch_panes_json_sock: the keys of a UDP or unix row after the common ones. */
static void batch_panes_json_sock(FILE *f, const struct conn_row *c)
{
	fprintf(f, ",\"inode\":%lu", c->inode);
	if (c->proto == CONN_P_UDP) {
		batch_panes_num(f, "drops", c->have_drops, c->drops, 0);
		return;
	}
	fprintf(f, ",\"type\":\"%s\"", conn_type_name(c->type));
	if (c->peer_inode)
		fprintf(f, ",\"peer_inode\":%lu", c->peer_inode);
	else
		fputs(",\"peer_inode\":null", f);
	if (c->peer_pid > 0)
		fprintf(f, ",\"peer_pid\":%d,", c->peer_pid);
	else
		fputs(",\"peer_pid\":null,", f);
	if (c->peer_pid > 0 && c->peer_comm[0])
		batch_json_str(f, "peer_comm", c->peer_comm);
	else
		fputs("\"peer_comm\":null", f);
}

/* batch_panes_json_conn: one element of "connections". */
static void batch_panes_json_conn(FILE *f, const struct conn_row *c)
{
	fprintf(f, "{\"proto\":\"%s\",", conn_proto_name(c->proto));
	batch_json_str(f, "local", c->local);
	fputc(',', f);
	batch_json_str(f, "peer", c->peer);
	fprintf(f, ",\"state\":\"%s\"", conn_state_name(c->state));
	batch_panes_num(f, "rx_bps", c->have_rate, c->rx_bps, 1);
	batch_panes_num(f, "tx_bps", c->have_rate, c->tx_bps, 1);
	batch_panes_num(f, "rtt_ms", c->have_rtt, c->rtt_ms, 3);
	batch_panes_num(f, "retrans", c->have_retrans, c->retrans, 0);
	fprintf(f, ",\"recv_q\":%u,\"send_q\":%u,", c->rqueue, c->wqueue);
	if (c->pid > 0 && c->comm[0]) {
		fprintf(f, "\"pid\":%d,", c->pid);
		batch_json_str(f, "comm", c->comm);
	} else if (c->pid > 0) { /* an owner outside -p: its name was not read */
		fprintf(f, "\"pid\":%d,\"comm\":null", c->pid);
	} else {
		fputs("\"pid\":null,\"comm\":null", f);
	}
	if (c->proto != CONN_P_TCP)
		batch_panes_json_sock(f, c);
	fputc('}', f);
}

/* batch_panes_json_group: one element of "groups". */
static void batch_panes_json_group(FILE *f, const struct group_row *g)
{
	fputc('{', f);
	batch_json_str(f, "cgroup", g->path);
	fprintf(f, ",\"procs\":%d", g->nprocs);
	batch_panes_num(f, "cpu_pct", true, g->cpu_pct, 1);
	batch_panes_num(f, "disk_read_bps", g->have_io, g->disk_read_bps, 1);
	batch_panes_num(f, "disk_write_bps", g->have_io, g->disk_write_bps, 1);
	batch_panes_num(f, "net_rx_bps", g->have_net, g->net_rx_bps, 1);
	batch_panes_num(f, "net_tx_bps", g->have_net, g->net_tx_bps, 1);
	if (g->have_wait)
		fprintf(f, ",\"wait\":\"%s\",\"wait_threads\":%.2f", model_wait_name(g->wait),
			g->wait_threads);
	else
		fputs(",\"wait\":null,\"wait_threads\":null", f);
	batch_panes_num(f, "cpu_pressure_some", g->have_psi_cpu, g->psi_cpu_some, 2);
	batch_panes_num(f, "io_pressure_some", g->have_psi_io, g->psi_io_some, 2);
	batch_panes_num(f, "memory_pressure_some", g->have_psi_mem, g->psi_mem_some, 2);
	batch_panes_num(f, "memory_current_bytes", g->have_mem, (double)g->mem_current_bytes, 0);
	fputc('}', f);
}

/* A pane's JSON: its key, the bit, and how to print one row. */
#define BATCH_PANES_JSON(f, s, asked, bit, key, arr, n, fn)                                        \
	do {                                                                                       \
		if (!((asked) & (bit)))                                                            \
			break;                                                                     \
		if (!((s)->panes & (bit))) {                                                       \
			fputs(",\"" key "\":null", f);                                             \
			break;                                                                     \
		}                                                                                  \
		fputs(",\"" key "\":[", f);                                                        \
		for (size_t i_ = 0; i_ < (n); i_++) {                                              \
			if (i_)                                                                    \
				fputc(',', f);                                                     \
			fn(f, &(arr)[i_]);                                                         \
		}                                                                                  \
		fputc(']', f);                                                                     \
	} while (0)

void batch_panes_json(FILE *f, const struct sample *s, unsigned asked)
{
	BATCH_PANES_JSON(f, s, asked, MODEL_PANE_DISKS, "disks", s->disks, s->ndisks,
			 batch_panes_json_disk);
	BATCH_PANES_JSON(f, s, asked, MODEL_PANE_IFACES, "interfaces", s->ifaces, s->nifaces,
			 batch_panes_json_iface);
	if (asked & MODEL_PANE_IFACES) {
		const struct netstat_row *n = &s->netstat;

		fputs(",\"tcp\":{\"listen_overflows_ps\":", f);
		if (n->have)
			fprintf(f, "%.1f,\"listen_drops_ps\":%.1f}", n->listen_overflows_ps,
				n->listen_drops_ps);
		else
			fputs("null,\"listen_drops_ps\":null}", f);
	}
	BATCH_PANES_JSON(f, s, asked, MODEL_PANE_CONNS, "connections", s->conns, s->nconns,
			 batch_panes_json_conn);
	if (asked & MODEL_PANE_SOCKETS) {
		if (s->panes & MODEL_PANE_SOCKETS)
			fprintf(f, ",\"connections_omitted\":%zu", s->nconns_omitted);
		else
			fputs(",\"connections_omitted\":null", f);
	}
	BATCH_PANES_JSON(f, s, asked, MODEL_PANE_GROUPS, "groups", s->groups, s->ngroups,
			 batch_panes_json_group);
}

/* batch_panes_rate: fmt_rate, "-" when !have. */
static const char *batch_panes_rate(char *buf, size_t sz, bool have, double v)
{
	return fmt_rate(buf, sz, have, v);
}

/* batch_panes_dec: "%.1f" or "-". */
static const char *batch_panes_dec(char *buf, size_t sz, bool have, double v)
{
	if (have)
		snprintf(buf, sz, "%.1f", v);
	else
		snprintf(buf, sz, "-");
	return buf;
}

/* batch_panes_text_disks: the Disks table. */
static void batch_panes_text_disks(FILE *f, const struct sample *s)
{
	char a[16], b[16], c[16], d[16], g[16], h[16];

	fprintf(f, "%-12s %7s %7s %8s %8s %7s %7s %6s %6s %7s %7s %s\n", "DISK", "R/s", "W/s",
		"RD/s", "WR/s", "R_AWAIT", "W_AWAIT", "QUEUE", "UTIL%", "DISC/s", "FLUSH/s", "ON");
	for (size_t i = 0; i < s->ndisks; i++) {
		const struct disk_row *r = &s->disks[i];
		char name[MODEL_DEV_MAX + 2];

		snprintf(name, sizeof(name), "%s%s", r->partition ? " " : "", r->name);
		fprintf(f, "%-12s %7.1f %7.1f %8s %8s %7s %7s %6.2f %6.1f %7s %7s %s\n", name,
			r->reads_ps, r->writes_ps, fmt_rate(a, sizeof(a), true, r->read_bps),
			fmt_rate(b, sizeof(b), true, r->write_bps),
			batch_panes_dec(c, sizeof(c), r->have_r_await, r->r_await_ms),
			batch_panes_dec(d, sizeof(d), r->have_w_await, r->w_await_ms), r->queue,
			r->util_pct, batch_panes_dec(g, sizeof(g), r->have_discard, r->discards_ps),
			batch_panes_dec(h, sizeof(h), r->have_flush, r->flushes_ps),
			r->slaves[0] ? r->slaves : "-");
	}
}

/* batch_panes_text_ifaces: the Interfaces table and the TCP counters. */
static void batch_panes_text_ifaces(FILE *f, const struct sample *s)
{
	char a[16], b[16];

	if (s->netstat.have)
		fprintf(f, "TCP   listen overflows %.1f/s  listen drops %.1f/s  retrans %s/s\n",
			s->netstat.listen_overflows_ps, s->netstat.listen_drops_ps,
			batch_panes_dec(a, sizeof(a), s->sys.have_retrans, s->sys.tcp_retrans_ps));
	else
		fprintf(f, "TCP   listen overflows -  listen drops -\n");
	fprintf(f, "%-16s %8s %8s %8s %8s %7s %7s %7s %7s\n", "INTERFACE", "RX/s", "TX/s", "RXPK/s",
		"TXPK/s", "RXERR/s", "TXERR/s", "RXDRP/s", "TXDRP/s");
	for (size_t i = 0; i < s->nifaces; i++) {
		const struct iface_row *r = &s->ifaces[i];

		fprintf(f, "%-16s %8s %8s %8.1f %8.1f %7.1f %7.1f %7.1f %7.1f\n", r->name,
			fmt_rate(a, sizeof(a), true, r->rx_bps),
			fmt_rate(b, sizeof(b), true, r->tx_bps), r->rx_pps, r->tx_pps,
			r->rx_errs_ps, r->tx_errs_ps, r->rx_drops_ps, r->tx_drops_ps);
	}
}

/* batch_panes_text_conns: the Connections table. */
static void batch_panes_text_conns(FILE *f, const struct sample *s, bool utf8)
{
	char a[16], b[16], c[16], d[16], comm[MODEL_COMM_MAX * 4];

	fprintf(f, "%-28s %-28s %-11s %8s %8s %8s %7s %7s %7s %7s %s\n", "LOCAL", "PEER", "STATE",
		"RX/s", "TX/s", "RTT ms", "RETRANS", "RECV-Q", "SEND-Q", "PID", "COMMAND");
	for (size_t i = 0; i < s->nconns; i++) {
		const struct conn_row *r = &s->conns[i];
		char pid[16];

		if (r->proto != CONN_P_TCP)
			continue; /* in the SOCKETS table */
		snprintf(pid, sizeof(pid), r->pid > 0 ? "%d" : "-", r->pid);
		fmt_sanitize(comm, sizeof(comm), r->pid > 0 && r->comm[0] ? r->comm : "-", utf8);
		snprintf(d, sizeof(d), r->have_retrans ? "%u" : "-", r->retrans);
		fprintf(f, "%-28s %-28s %-11s %8s %8s %8s %7s %7u %7u %7s %s\n", r->local, r->peer,
			conn_state_name(r->state),
			batch_panes_rate(a, sizeof(a), r->have_rate, r->rx_bps),
			batch_panes_rate(b, sizeof(b), r->have_rate, r->tx_bps),
			batch_panes_dec(c, sizeof(c), r->have_rtt, r->rtt_ms), d, r->rqueue,
			r->wqueue, pid, comm);
	}
}

/* batch_panes_text_sockets: the UDP and unix rows of conns.  Paths come
 * from other processes: sanitised; "*" for an unnamed socket, as ss(8). */
static void batch_panes_text_sockets(FILE *f, const struct sample *s, bool utf8)
{
	char local[MODEL_ADDR_MAX * 4], peer[MODEL_ADDR_MAX * 4], comm[MODEL_COMM_MAX * 4];
	char pcomm[MODEL_COMM_MAX * 4], drops[16], pid[16], ppid[16];

	fprintf(f, "%-5s %-9s %-28s %-28s %-8s %7s %7s %6s %9s %7s %-15s %7s %s\n", "PROTO", "TYPE",
		"LOCAL", "PEER", "STATE", "RECV-Q", "SEND-Q", "DROPS", "INODE", "PEERPID",
		"PEERCMD", "PID", "COMMAND");
	for (size_t i = 0; i < s->nconns; i++) {
		const struct conn_row *r = &s->conns[i];

		if (r->proto == CONN_P_TCP)
			continue;
		fmt_sanitize(local, sizeof(local), r->local[0] ? r->local : "*", utf8);
		fmt_sanitize(peer, sizeof(peer), r->peer[0] ? r->peer : "*", utf8);
		fmt_sanitize(comm, sizeof(comm), r->pid > 0 && r->comm[0] ? r->comm : "-", utf8);
		fmt_sanitize(pcomm, sizeof(pcomm),
			     r->peer_pid > 0 && r->peer_comm[0] ? r->peer_comm : "-", utf8);
		snprintf(drops, sizeof(drops), r->have_drops ? "%u" : "-", r->drops);
		snprintf(pid, sizeof(pid), r->pid > 0 ? "%d" : "-", r->pid);
		snprintf(ppid, sizeof(ppid), r->peer_pid > 0 ? "%d" : "-", r->peer_pid);
		fprintf(f, "%-5s %-9s %-28s %-28s %-8s %7u %7u %6s %9lu %7s %-15s %7s %s\n",
			conn_proto_name(r->proto),
			r->proto == CONN_P_UNIX ? conn_type_name(r->type) : "dgram", local, peer,
			conn_state_name(r->state), r->rqueue, r->wqueue, drops, r->inode, ppid,
			pcomm, pid, comm);
	}
	if (s->nconns_omitted)
		fprintf(f, "(%zu more UDP and unix sockets not listed)\n", s->nconns_omitted);
}

/* batch_panes_text_groups: the Groups table. */
static void batch_panes_text_groups(FILE *f, const struct sample *s, bool utf8)
{
	char a[16], b[16], c[16], d[16], e[16], g[16], h[16], m[16], path[MODEL_CGROUP_MAX * 4];

	fprintf(f, "%5s %6s %8s %8s %8s %8s %-14s %5s %6s %6s %6s %8s %s\n", "PROCS", "CPU%",
		"DISK R/s", "DISK W/s", "NET RX/s", "NET TX/s", "WAIT", "THR", "PSIcpu", "PSIio",
		"PSImem", "MEM", "CGROUP");
	for (size_t i = 0; i < s->ngroups; i++) {
		const struct group_row *r = &s->groups[i];

		fmt_sanitize(path, sizeof(path), r->path, utf8);
		fprintf(f, "%5d %6.1f %8s %8s %8s %8s %-14s %5s %6s %6s %6s %8s %s\n", r->nprocs,
			r->cpu_pct, batch_panes_rate(a, sizeof(a), r->have_io, r->disk_read_bps),
			batch_panes_rate(b, sizeof(b), r->have_io, r->disk_write_bps),
			batch_panes_rate(c, sizeof(c), r->have_net, r->net_rx_bps),
			batch_panes_rate(d, sizeof(d), r->have_net, r->net_tx_bps),
			r->have_wait ? model_wait_name(r->wait) : "-",
			batch_panes_dec(e, sizeof(e), r->have_wait, r->wait_threads),
			batch_panes_dec(g, sizeof(g), r->have_psi_cpu, r->psi_cpu_some),
			batch_panes_dec(h, sizeof(h), r->have_psi_io, r->psi_io_some),
			batch_panes_dec(m, sizeof(m), r->have_psi_mem, r->psi_mem_some),
			r->have_mem ? fmt_bytes(m, sizeof(m), (double)r->mem_current_bytes) : "-",
			path);
	}
}

void batch_panes_text(FILE *f, const struct sample *s, unsigned asked, bool utf8)
{
	static const struct {
		unsigned bit;
		const char *title;
	} order[] = { { MODEL_PANE_DISKS, "DISKS" },
		      { MODEL_PANE_IFACES, "INTERFACES" },
		      { MODEL_PANE_CONNS, "CONNECTIONS" },
		      { MODEL_PANE_SOCKETS, "SOCKETS" },
		      { MODEL_PANE_GROUPS, "GROUPS" } };

	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		if (!(asked & order[k].bit))
			continue;
		if (!(s->panes & order[k].bit)) {
			fprintf(f, "%s n/a\n\n", order[k].title);
			continue;
		}
		if (order[k].bit == MODEL_PANE_DISKS)
			batch_panes_text_disks(f, s);
		else if (order[k].bit == MODEL_PANE_IFACES)
			batch_panes_text_ifaces(f, s);
		else if (order[k].bit == MODEL_PANE_CONNS)
			batch_panes_text_conns(f, s, utf8);
		else if (order[k].bit == MODEL_PANE_SOCKETS)
			batch_panes_text_sockets(f, s, utf8);
		else
			batch_panes_text_groups(f, s, utf8);
		fputc('\n', f);
	}
}
