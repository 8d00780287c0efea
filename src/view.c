/* view.c - the panes' view-model (view.h): column tables, cell text, a
 * filter and sort over the sample's rows arrays, and a selection that
 * follows its row's key across refreshes.  Pure: reads a struct sample,
 * keeps indices, never draws and never reads /proc. */
#include "config.h"
#include "view.h"
#include "fmt.h"

#include <ctype.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Column indices of each pane (the tables below are in this order). */
enum {
	DK_NAME,
	DK_RPS,
	DK_WPS,
	DK_RKB,
	DK_WKB,
	DK_RAWAIT,
	DK_WAWAIT,
	DK_QUEUE,
	DK_UTIL,
	DK_DISCARD,
	DK_FLUSH,
	DK_SLAVES,
	DK_NCOLS
};
enum {
	IF_NAME,
	IF_RX,
	IF_TX,
	IF_RXPK,
	IF_TXPK,
	IF_RXERR,
	IF_TXERR,
	IF_RXDROP,
	IF_TXDROP,
	IF_NCOLS
};
enum {
	CN_PROTO,
	CN_LOCAL,
	CN_PEER,
	CN_STATE,
	CN_RX,
	CN_TX,
	CN_RTT,
	CN_RETRANS,
	CN_SENDQ,
	CN_RECVQ,
	CN_PID,
	CN_COMMAND,
	CN_NCOLS
};
enum {
	GR_PROCS,
	GR_CPU,
	GR_DISK_R,
	GR_DISK_W,
	GR_NET_RX,
	GR_NET_TX,
	GR_WAIT,
	GR_PSI_CPU,
	GR_PSI_IO,
	GR_PSI_MEM,
	GR_MEM,
	GR_PATH,
	GR_NCOLS
};

static const struct view_col view_disk_cols[DK_NCOLS] = {
	{ "device", "DEVICE", 9, 0, false, false, false, "block device name" },
	{ "r", "R/s", 6, 0, true, true, false, "reads completed per second" },
	{ "w", "W/s", 6, 0, true, true, false, "writes completed per second" },
	{ "rkb", "rkB/s", 8, 0, true, true, false, "kilobytes read per second" },
	{ "wkb", "wkB/s", 8, 0, true, true, false, "kilobytes written per second" },
	{ "r_await", "r_await", 8, 0, true, true, false,
	  "average ms a read took (queue + service)" },
	{ "w_await", "w_await", 8, 0, true, true, false, "average ms a write took" },
	{ "aqu", "aqu-sz", 7, 3, true, true, false, "average requests in flight" },
	{ "util", "%util", 6, 0, true, true, false, "share of the interval the device was busy" },
	{ "discards", "d/s", 5, 5, true, true, false, "discards per second (kernel 4.18+)" },
	{ "flushes", "f/s", 5, 4, true, true, false, "flushes per second (kernel 5.5+)" },
	{ "slaves", "ON", 4, 0, false, false, true, "a dm/md device: the devices it is built on" },
};

static const struct view_col view_iface_cols[IF_NCOLS] = {
	{ "iface", "IFACE", 12, 0, false, false, false, "interface name" },
	{ "rx", "RX/s", 6, 0, true, true, false, "bytes received per second" },
	{ "tx", "TX/s", 6, 0, true, true, false, "bytes sent per second" },
	{ "rxpk", "RXPK/s", 7, 0, true, true, false, "packets received per second" },
	{ "txpk", "TXPK/s", 7, 0, true, true, false, "packets sent per second" },
	{ "rxerr", "RXERR/s", 8, 2, true, true, false, "receive errors per second" },
	{ "txerr", "TXERR/s", 8, 1, true, true, false, "send errors per second" },
	{ "rxdrop", "RXDRP/s", 8, 0, true, true, false, "received packets dropped per second" },
	{ "txdrop", "TXDRP/s", 8, 0, true, true, false, "sent packets dropped per second" },
};

static const struct view_col view_conn_cols[CN_NCOLS] = {
	{ "proto", "PROTO", 5, 2, false, false, false,
	  "tcp, udp, or unix with its type (u-str, u-dgr, u-seq); a shows udp and unix" },
	{ "local", "LOCAL", 21, 0, false, false, false, "local address:port" },
	{ "peer", "PEER", 21, 0, false, false, false,
	  "peer address:port; unix: the peer's path and owner" },
	{ "state", "STATE", 6, 0, false, false, false, "TCP state" },
	{ "rx", "RX/s", 5, 0, true, true, false, "bytes received per second" },
	{ "tx", "TX/s", 5, 0, true, true, false, "bytes sent per second" },
	{ "rtt", "RTT", 7, 1, true, true, false, "smoothed round-trip time, ms" },
	{ "retrans", "RETR", 5, 3, true, true, false, "segments retransmitted over its life" },
	{ "sendq", "SENDQ", 6, 5, true, true, false,
	  "bytes not yet acknowledged (LISTEN: backlog)" },
	{ "recvq", "RECVQ", 6, 4, true, true, false,
	  "bytes not yet read by the program (LISTEN: waiting connections)" },
	{ "pid", "PID", 7, 0, true, false, false, "owning process; - when not attributable" },
	{ "command", "COMMAND", 8, 0, false, false, true, "owning process's name" },
};

static const struct view_col view_group_cols[GR_NCOLS] = {
	{ "procs", "PROCS", 5, 0, true, true, false, "processes in the group" },
	{ "cpu", "CPU%", 5, 0, true, true, false, "CPU of its processes, 100 = one core" },
	{ "disk_r", "RD/s", 5, 0, true, true, false, "bytes its processes read from storage" },
	{ "disk_w", "WR/s", 5, 0, true, true, false, "bytes its processes wrote to storage" },
	{ "net_rx", "RX/s", 5, 0, true, true, false, "TCP bytes its processes received" },
	{ "net_tx", "TX/s", 5, 0, true, true, false, "TCP bytes its processes sent" },
	{ "wait", "WAIT", 11, 0, false, true, false,
	  "dominant wait: its category and average threads in it" },
	{ "psi_cpu", "CPU-P", 6, 3, true, true, false, "cgroup cpu.pressure some avg10 %" },
	{ "psi_io", "IO-P", 5, 2, true, true, false, "cgroup io.pressure some avg10 %" },
	{ "psi_mem", "MEM-P", 6, 4, true, true, false, "cgroup memory.pressure some avg10 %" },
	{ "mem", "MEM", 5, 1, true, true, false, "cgroup memory.current, bytes" },
	{ "cgroup", "CGROUP", 12, 0, false, false, true,
	  "cgroup path (v2, or the v1 cpu hierarchy)" },
};

static const struct {
	const char *name, *title;
	unsigned bit;
	const struct view_col *cols;
	int ncols, default_sort;
} view_panes[VIEW_NPANES] = {
	[VIEW_PROCS] = { "processes", "Processes", 0, NULL, 0, 0 },
	[VIEW_DISKS] = { "disks", "Disks", MODEL_PANE_DISKS, view_disk_cols, DK_NCOLS, DK_UTIL },
	[VIEW_IFACES] = { "interfaces", "Interfaces", MODEL_PANE_IFACES, view_iface_cols, IF_NCOLS,
			  IF_RX },
	[VIEW_CONNS] = { "connections", "Connections", MODEL_PANE_CONNS, view_conn_cols, CN_NCOLS,
			 CN_RX },
	[VIEW_GROUPS] = { "groups", "Groups", MODEL_PANE_GROUPS, view_group_cols, GR_NCOLS,
			  GR_CPU },
};

const char *view_pane_name(enum view_pane p)
{
	return (int)p >= 0 && p < VIEW_NPANES ? view_panes[p].name : "?";
}

const char *view_pane_title(enum view_pane p)
{
	return (int)p >= 0 && p < VIEW_NPANES ? view_panes[p].title : "?";
}

int view_pane_parse(const char *name)
{
	size_t n = strlen(name);

	if (n == 1 && name[0] >= '1' && name[0] < '1' + VIEW_NPANES)
		return name[0] - '1';
	for (int p = 0; p < VIEW_NPANES; p++)
		if (n >= 3 && strncasecmp(view_panes[p].name, name, n) == 0)
			return p;
	return -1;
}

unsigned view_pane_bit(enum view_pane p)
{
	return (int)p >= 0 && p < VIEW_NPANES ? view_panes[p].bit : 0;
}

const struct view_col *view_cols(enum view_pane p, int *n)
{
	if ((int)p < 0 || p >= VIEW_NPANES) {
		*n = 0;
		return NULL;
	}
	*n = view_panes[p].ncols;
	return view_panes[p].cols;
}

int view_col_parse(enum view_pane p, const char *name)
{
	int n;
	const struct view_col *c = view_cols(p, &n);

	for (int i = 0; i < n; i++)
		if (strcasecmp(c[i].name, name) == 0 || strcasecmp(c[i].header, name) == 0)
			return i;
	return -1;
}

void view_init(struct view *v, enum view_pane p)
{
	int n;
	const struct view_col *c;

	memset(v, 0, sizeof(*v));
	v->pane = p;
	c = view_cols(p, &n);
	if (!c)
		return;
	v->sort_col = view_panes[p].default_sort;
	v->sort_desc = c && v->sort_col < n ? c[v->sort_col].default_desc : false;
}

void view_clear(struct view *v)
{
	if (!v)
		return;
	free(v->rows);
	v->rows = NULL;
	v->nrows = v->cap = v->sel = v->top = 0;
}

size_t view_count(const struct view *v, const struct sample *s)
{
	switch (v->pane) {
	case VIEW_DISKS:
		return s->ndisks;
	case VIEW_IFACES:
		return s->nifaces;
	case VIEW_CONNS:
		return s->nconns;
	case VIEW_GROUPS:
		return s->ngroups;
	default:
		return 0;
	}
}

void view_key(const struct view *v, const struct sample *s, size_t idx, char *buf, size_t sz)
{
	buf[0] = '\0';
	if (idx >= view_count(v, s))
		return;
	switch (v->pane) {
	case VIEW_DISKS:
		snprintf(buf, sz, "%s", s->disks[idx].name);
		break;
	case VIEW_IFACES:
		snprintf(buf, sz, "%s", s->ifaces[idx].name);
		break;
	case VIEW_CONNS:
		if (s->conns[idx].proto == CONN_P_TCP)
			snprintf(buf, sz, "%s %s", s->conns[idx].local, s->conns[idx].peer);
		else /* unnamed unix sockets share "" paths: the inode tells them apart */
			snprintf(buf, sz, "%s %s #%lu", s->conns[idx].local, s->conns[idx].peer,
				 s->conns[idx].inode);
		break;
	case VIEW_GROUPS:
		snprintf(buf, sz, "%s", s->groups[idx].path);
		break;
	default:
		break;
	}
}

/* view_tcp_state: a short name of a TCP state (netinet/tcp.h numbering). */
static const char *view_tcp_state(int st)
{
	static const char *const names[] = { "?",      "ESTAB",	 "SYNSNT", "SYNRCV",
					     "FINWT1", "FINWT2", "TIMEWT", "CLOSE",
					     "CLOSWT", "LASTAK", "LISTEN", "CLOSNG" };

	return st >= 0 && st < (int)(sizeof(names) / sizeof(names[0])) ? names[st] : "?";
}

/* view_num: a count or rate in at most 6 characters: "0.0", "12.5",
 * "1234", "12345k"; "-" when !have. */
static void view_num(char *buf, size_t sz, bool have, double x)
{
	if (!have)
		snprintf(buf, sz, "-");
	else if (x < 999.95)
		snprintf(buf, sz, "%.1f", x);
	else if (x < 99999.5)
		snprintf(buf, sz, "%.0f", x);
	else if (x < 99999.5e3)
		snprintf(buf, sz, "%.0fk", x / 1e3);
	else
		snprintf(buf, sz, "%.0fM", x / 1e6);
}

/* view_kb: bytes per second as kB/s in at most 8 characters. */
static void view_kb(char *buf, size_t sz, double bps)
{
	double kb = bps / 1024.0;

	if (kb < 99999.95)
		snprintf(buf, sz, "%.1f", kb);
	else if (kb < 99999999.5)
		snprintf(buf, sz, "%.0f", kb);
	else
		snprintf(buf, sz, "%.0fG", kb / (1024.0 * 1024.0));
}

/* view_ms: milliseconds in at most 7 characters; "-" when !have. */
static void view_ms(char *buf, size_t sz, bool have, double ms)
{
	if (!have)
		snprintf(buf, sz, "-");
	else if (ms < 999.995)
		snprintf(buf, sz, "%.2f", ms);
	else if (ms < 9999999.5)
		snprintf(buf, sz, "%.0f", ms);
	else
		snprintf(buf, sz, "%.0fk", ms / 1e3);
}

/* view_disk_cell: column c of disk row d. */
static void view_disk_cell(const struct disk_row *d, int c, char *buf, size_t sz)
{
	switch (c) {
	case DK_NAME:
		snprintf(buf, sz, "%s%s", d->partition ? " " : "", d->name);
		break;
	case DK_RPS:
		view_num(buf, sz, true, d->reads_ps);
		break;
	case DK_WPS:
		view_num(buf, sz, true, d->writes_ps);
		break;
	case DK_RKB:
		view_kb(buf, sz, d->read_bps);
		break;
	case DK_WKB:
		view_kb(buf, sz, d->write_bps);
		break;
	case DK_RAWAIT:
		view_ms(buf, sz, d->have_r_await, d->r_await_ms);
		break;
	case DK_WAWAIT:
		view_ms(buf, sz, d->have_w_await, d->w_await_ms);
		break;
	case DK_QUEUE:
		snprintf(buf, sz, d->queue < 99.995 ? "%.2f" : "%.0f", d->queue);
		break;
	case DK_UTIL:
		fmt_pct(buf, sz, true, d->util_pct);
		break;
	case DK_DISCARD:
		view_num(buf, sz, d->have_discard, d->discards_ps);
		break;
	case DK_FLUSH:
		view_num(buf, sz, d->have_flush, d->flushes_ps);
		break;
	case DK_SLAVES:
		snprintf(buf, sz, "%s", d->slaves);
		break;
	}
}

/* view_iface_cell: column c of interface row f. */
static void view_iface_cell(const struct iface_row *f, int c, char *buf, size_t sz)
{
	switch (c) {
	case IF_NAME:
		snprintf(buf, sz, "%s", f->name);
		break;
	case IF_RX:
		fmt_rate(buf, sz, true, f->rx_bps);
		break;
	case IF_TX:
		fmt_rate(buf, sz, true, f->tx_bps);
		break;
	case IF_RXPK:
		view_num(buf, sz, true, f->rx_pps);
		break;
	case IF_TXPK:
		view_num(buf, sz, true, f->tx_pps);
		break;
	case IF_RXERR:
		view_num(buf, sz, true, f->rx_errs_ps);
		break;
	case IF_TXERR:
		view_num(buf, sz, true, f->tx_errs_ps);
		break;
	case IF_RXDROP:
		view_num(buf, sz, true, f->rx_drops_ps);
		break;
	case IF_TXDROP:
		view_num(buf, sz, true, f->tx_drops_ps);
		break;
	}
}

/* view_conn_proto: "tcp", "udp", "u-str", "u-dgr", "u-seq". */
static const char *view_conn_proto(const struct conn_row *k)
{
	if (k->proto == CONN_P_UDP)
		return "udp";
	if (k->proto != CONN_P_UNIX)
		return "tcp";
	return k->type == SOCK_DGRAM ? "u-dgr" : k->type == SOCK_SEQPACKET ? "u-seq" : "u-str";
}

/* view_conn_peer: the peer cell: the address, and for a unix socket whose
 * peer's owner is known, "pid N comm" after its path. */
static void view_conn_peer(const struct conn_row *k, char *buf, size_t sz)
{
	if (k->proto == CONN_P_UNIX && k->peer_pid > 0)
		snprintf(buf, sz, "%s%spid %d %s", k->peer, k->peer[0] ? " " : "", k->peer_pid,
			 k->peer_comm[0] ? k->peer_comm : "?");
	else
		snprintf(buf, sz, "%s", k->peer);
}

/* view_conn_cell: column c of connection row k. */
static void view_conn_cell(const struct conn_row *k, int c, char *buf, size_t sz)
{
	switch (c) {
	case CN_PROTO:
		snprintf(buf, sz, "%s", view_conn_proto(k));
		break;
	case CN_LOCAL:
		snprintf(buf, sz, "%s", k->local);
		break;
	case CN_PEER:
		view_conn_peer(k, buf, sz);
		break;
	case CN_STATE:
		snprintf(buf, sz, "%s", view_tcp_state(k->state));
		break;
	case CN_RX:
		fmt_rate(buf, sz, k->have_rate, k->rx_bps);
		break;
	case CN_TX:
		fmt_rate(buf, sz, k->have_rate, k->tx_bps);
		break;
	case CN_RTT:
		view_ms(buf, sz, k->have_rtt, k->rtt_ms);
		break;
	case CN_RETRANS:
		if (k->have_retrans)
			snprintf(buf, sz, "%u", k->retrans);
		else
			snprintf(buf, sz, "-");
		break;
	case CN_SENDQ:
		fmt_bytes(buf, sz, k->wqueue);
		break;
	case CN_RECVQ:
		fmt_bytes(buf, sz, k->rqueue);
		break;
	case CN_PID:
		if (k->pid > 0)
			snprintf(buf, sz, "%d", k->pid);
		else
			snprintf(buf, sz, "-");
		break;
	case CN_COMMAND:
		snprintf(buf, sz, "%s", k->pid > 0 && k->comm[0] ? k->comm : "-");
		break;
	}
}

/* view_psi: a pressure average, "-" when the cgroup has none. */
static void view_psi(char *buf, size_t sz, bool have, double pct)
{
	fmt_pct(buf, sz, have, pct);
}

/* view_group_cell: column c of group row g. */
static void view_group_cell(const struct group_row *g, int c, char *buf, size_t sz)
{
	switch (c) {
	case GR_PROCS:
		snprintf(buf, sz, "%d", g->nprocs);
		break;
	case GR_CPU:
		fmt_pct(buf, sz, true, g->cpu_pct);
		break;
	case GR_DISK_R:
		fmt_rate(buf, sz, g->have_io, g->disk_read_bps);
		break;
	case GR_DISK_W:
		fmt_rate(buf, sz, g->have_io, g->disk_write_bps);
		break;
	case GR_NET_RX:
		fmt_rate(buf, sz, g->have_net, g->net_rx_bps);
		break;
	case GR_NET_TX:
		fmt_rate(buf, sz, g->have_net, g->net_tx_bps);
		break;
	case GR_WAIT:
		if (!g->have_wait)
			snprintf(buf, sz, "-");
		else
			snprintf(buf, sz, g->wait_threads < 99.95 ? "%s %.1f" : "%s %.0f",
				 model_wait_short(g->wait), g->wait_threads);
		break;
	case GR_PSI_CPU:
		view_psi(buf, sz, g->have_psi_cpu, g->psi_cpu_some);
		break;
	case GR_PSI_IO:
		view_psi(buf, sz, g->have_psi_io, g->psi_io_some);
		break;
	case GR_PSI_MEM:
		view_psi(buf, sz, g->have_psi_mem, g->psi_mem_some);
		break;
	case GR_MEM:
		if (g->have_mem)
			fmt_bytes(buf, sz, (double)g->mem_current_bytes);
		else
			snprintf(buf, sz, "-");
		break;
	case GR_PATH:
		snprintf(buf, sz, "%s", g->path);
		break;
	}
}

void view_cell(const struct view *v, const struct sample *s, size_t idx, int c, char *buf,
	       size_t sz)
{
	buf[0] = '\0';
	if (idx >= view_count(v, s))
		return;
	switch (v->pane) {
	case VIEW_DISKS:
		view_disk_cell(&s->disks[idx], c, buf, sz);
		break;
	case VIEW_IFACES:
		view_iface_cell(&s->ifaces[idx], c, buf, sz);
		break;
	case VIEW_CONNS:
		view_conn_cell(&s->conns[idx], c, buf, sz);
		break;
	case VIEW_GROUPS:
		view_group_cell(&s->groups[idx], c, buf, sz);
		break;
	default:
		break;
	}
}

/* A sort value: a number (have false: missing, sorted last) or a text. */
struct view_val {
	bool have;
	double num;
	const char *text; /* non-NULL: compare as text */
};

/* view_disk_val: the sort value of column c of d. */
static struct view_val view_disk_val(const struct disk_row *d, int c)
{
	switch (c) {
	case DK_NAME:
		return (struct view_val){ true, 0, d->name };
	case DK_RPS:
		return (struct view_val){ true, d->reads_ps, NULL };
	case DK_WPS:
		return (struct view_val){ true, d->writes_ps, NULL };
	case DK_RKB:
		return (struct view_val){ true, d->read_bps, NULL };
	case DK_WKB:
		return (struct view_val){ true, d->write_bps, NULL };
	case DK_RAWAIT:
		return (struct view_val){ d->have_r_await, d->r_await_ms, NULL };
	case DK_WAWAIT:
		return (struct view_val){ d->have_w_await, d->w_await_ms, NULL };
	case DK_QUEUE:
		return (struct view_val){ true, d->queue, NULL };
	case DK_UTIL:
		return (struct view_val){ true, d->util_pct, NULL };
	case DK_DISCARD:
		return (struct view_val){ d->have_discard, d->discards_ps, NULL };
	case DK_FLUSH:
		return (struct view_val){ d->have_flush, d->flushes_ps, NULL };
	default:
		return (struct view_val){ true, 0, d->slaves };
	}
}

/* view_iface_val: the sort value of column c of f. */
static struct view_val view_iface_val(const struct iface_row *f, int c)
{
	const double v[IF_NCOLS] = { 0,
				     f->rx_bps,
				     f->tx_bps,
				     f->rx_pps,
				     f->tx_pps,
				     f->rx_errs_ps,
				     f->tx_errs_ps,
				     f->rx_drops_ps,
				     f->tx_drops_ps };

	if (c == IF_NAME || c < 0 || c >= IF_NCOLS)
		return (struct view_val){ true, 0, f->name };
	return (struct view_val){ true, v[c], NULL };
}

/* view_conn_val: the sort value of column c of k. */
static struct view_val view_conn_val(const struct conn_row *k, int c)
{
	switch (c) {
	case CN_PROTO:
		return (struct view_val){ true, 0, view_conn_proto(k) };
	case CN_LOCAL:
		return (struct view_val){ true, 0, k->local };
	case CN_PEER:
		return (struct view_val){ true, 0, k->peer };
	case CN_STATE:
		return (struct view_val){ true, 0, view_tcp_state(k->state) };
	case CN_RX:
		return (struct view_val){ k->have_rate, k->rx_bps, NULL };
	case CN_TX:
		return (struct view_val){ k->have_rate, k->tx_bps, NULL };
	case CN_RTT:
		return (struct view_val){ k->have_rtt, k->rtt_ms, NULL };
	case CN_RETRANS:
		return (struct view_val){ k->have_retrans, k->retrans, NULL };
	case CN_SENDQ:
		return (struct view_val){ true, k->wqueue, NULL };
	case CN_RECVQ:
		return (struct view_val){ true, k->rqueue, NULL };
	case CN_PID:
		return (struct view_val){ k->pid > 0, k->pid, NULL };
	default:
		return (struct view_val){ k->pid > 0, 0, k->comm };
	}
}

/* view_group_val: the sort value of column c of g. */
static struct view_val view_group_val(const struct group_row *g, int c)
{
	switch (c) {
	case GR_PROCS:
		return (struct view_val){ true, g->nprocs, NULL };
	case GR_CPU:
		return (struct view_val){ true, g->cpu_pct, NULL };
	case GR_DISK_R:
		return (struct view_val){ g->have_io, g->disk_read_bps, NULL };
	case GR_DISK_W:
		return (struct view_val){ g->have_io, g->disk_write_bps, NULL };
	case GR_NET_RX:
		return (struct view_val){ g->have_net, g->net_rx_bps, NULL };
	case GR_NET_TX:
		return (struct view_val){ g->have_net, g->net_tx_bps, NULL };
	case GR_WAIT:
		return (struct view_val){ g->have_wait, g->wait_threads, NULL };
	case GR_PSI_CPU:
		return (struct view_val){ g->have_psi_cpu, g->psi_cpu_some, NULL };
	case GR_PSI_IO:
		return (struct view_val){ g->have_psi_io, g->psi_io_some, NULL };
	case GR_PSI_MEM:
		return (struct view_val){ g->have_psi_mem, g->psi_mem_some, NULL };
	case GR_MEM:
		return (struct view_val){ g->have_mem, (double)g->mem_current_bytes, NULL };
	default:
		return (struct view_val){ true, 0, g->path };
	}
}

/* view_val: the sort value of column c of the sample's row idx. */
static struct view_val view_val(const struct view *v, const struct sample *s, size_t idx, int c)
{
	switch (v->pane) {
	case VIEW_DISKS:
		return view_disk_val(&s->disks[idx], c);
	case VIEW_IFACES:
		return view_iface_val(&s->ifaces[idx], c);
	case VIEW_CONNS:
		return view_conn_val(&s->conns[idx], c);
	case VIEW_GROUPS:
		return view_group_val(&s->groups[idx], c);
	default:
		return (struct view_val){ false, 0, NULL };
	}
}

/* view_icontains: hay contains needle, any case. */
static bool view_icontains(const char *hay, const char *needle)
{
	return needle[0] == '\0' || strcasestr(hay, needle) != NULL;
}

/* view_matches: the row's name, addresses, path, slaves or owner contain needle. */
static bool view_matches(const struct view *v, const struct sample *s, size_t idx,
			 const char *needle)
{
	char key[VIEW_KEY_MAX], pid[16];

	view_key(v, s, idx, key, sizeof(key));
	if (view_icontains(key, needle))
		return true;
	if (v->pane == VIEW_DISKS)
		return view_icontains(s->disks[idx].slaves, needle);
	if (v->pane == VIEW_CONNS) {
		const struct conn_row *k = &s->conns[idx];

		snprintf(pid, sizeof(pid), "%d", k->pid);
		return view_icontains(k->comm, needle) ||
		       (k->pid > 0 && strcmp(pid, needle) == 0) ||
		       strcmp(view_conn_proto(k), needle) == 0 ||
		       view_icontains(k->peer_comm, needle) ||
		       view_icontains(view_tcp_state(k->state), needle);
	}
	return false;
}

/* view_keep: the row passes the pane's filters. */
static bool view_keep(const struct view *v, const struct sample *s, size_t idx)
{
	if (v->pane == VIEW_DISKS && s->disks[idx].partition && !v->all)
		return false;
	if (v->pane == VIEW_CONNS && s->conns[idx].proto != CONN_P_TCP && !v->all)
		return false;
	return !v->filter[0] || view_matches(v, s, idx, v->filter);
}

/* qsort has no context argument: the build in progress. */
static const struct view *view_sort_v;
static const struct sample *view_sort_s;

/* view_cmp_rows: by the sort column (missing last either way), then by key. */
static int view_cmp_rows(const void *a, const void *b)
{
	const struct view *v = view_sort_v;
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	struct view_val x = view_val(v, view_sort_s, ia, v->sort_col);
	struct view_val y = view_val(v, view_sort_s, ib, v->sort_col);
	char ka[VIEW_KEY_MAX], kb[VIEW_KEY_MAX];
	int r = 0;

	if (x.have != y.have)
		return x.have ? -1 : 1;
	if (x.have && x.text && y.text)
		r = strcasecmp(x.text, y.text);
	else if (x.have)
		r = (x.num > y.num) - (x.num < y.num);
	if (v->sort_desc)
		r = -r;
	if (r)
		return r;
	view_key(v, view_sort_s, ia, ka, sizeof(ka));
	view_key(v, view_sort_s, ib, kb, sizeof(kb));
	r = strcmp(ka, kb);
	return r ? r : (ia > ib) - (ia < ib);
}

int view_build(struct view *v, const struct sample *s)
{
	size_t n = view_count(v, s), old_sel = v->sel;
	char key[VIEW_KEY_MAX];

	if (n > v->cap) {
		size_t *r = realloc(v->rows, n * sizeof(*r));

		if (!r) {
			v->nrows = 0;
			return -1;
		}
		v->rows = r;
		v->cap = n;
	}
	v->nrows = 0;
	for (size_t i = 0; i < n; i++)
		if (view_keep(v, s, i))
			v->rows[v->nrows++] = i;
	view_sort_v = v;
	view_sort_s = s;
	if (v->nrows > 1)
		qsort(v->rows, v->nrows, sizeof(*v->rows), view_cmp_rows);
	v->sel = old_sel < v->nrows ? old_sel : (v->nrows ? v->nrows - 1 : 0);
	if (v->sel_key[0]) {
		for (size_t i = 0; i < v->nrows; i++) {
			view_key(v, s, v->rows[i], key, sizeof(key));
			if (strcmp(key, v->sel_key) == 0) {
				v->sel = i;
				break;
			}
		}
	}
	return 0;
}

void view_set_sort(struct view *v, int c)
{
	int n;
	const struct view_col *cols = view_cols(v->pane, &n);

	if (c < 0 || c >= n)
		return;
	if (c == v->sort_col) {
		v->sort_desc = !v->sort_desc;
		return;
	}
	v->sort_col = c;
	v->sort_desc = cols[c].default_desc;
}

void view_move(struct view *v, const struct sample *s, long delta, size_t height)
{
	long sel = (long)v->sel + delta;

	if (height == 0)
		height = 1;
	if (v->nrows == 0) {
		v->sel = v->top = 0;
		return;
	}
	if (sel < 0)
		sel = 0;
	if (sel >= (long)v->nrows)
		sel = (long)v->nrows - 1;
	v->sel = (size_t)sel;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + height)
		v->top = v->sel - height + 1;
	if (v->top + height > v->nrows)
		v->top = v->nrows > height ? v->nrows - height : 0;
	if (delta)
		view_key(v, s, v->rows[v->sel], v->sel_key, sizeof(v->sel_key));
}

void view_select(struct view *v, const struct sample *s, size_t i, size_t height)
{
	view_move(v, s, (long)i - (long)v->sel, height);
	if (v->nrows)
		view_key(v, s, v->rows[v->sel], v->sel_key, sizeof(v->sel_key));
}

long view_search(const struct view *v, const struct sample *s, const char *needle, size_t from)
{
	if (!needle[0] || v->nrows == 0)
		return -1;
	for (size_t k = 0; k < v->nrows; k++) {
		size_t i = (from + k) % v->nrows;

		if (view_matches(v, s, v->rows[i], needle))
			return (long)i;
	}
	return -1;
}

long view_selected(const struct view *v)
{
	return v->nrows && v->sel < v->nrows ? (long)v->rows[v->sel] : -1;
}

int view_layout(enum view_pane p, int width, int keep, int widths[VIEW_COLS_MAX])
{
	int n, used = 0, flex = -1, flex_min = 0;
	const struct view_col *c = view_cols(p, &n);

	for (int i = 0; i < VIEW_COLS_MAX; i++)
		widths[i] = 0;
	for (int i = 0; i < n; i++) {
		widths[i] = c[i].width;
		if (c[i].flex)
			flex = i, flex_min = c[i].width;
		else
			used += c[i].width + 1;
	}
	/* drop the highest rank (never the sort column) until the flex column fits */
	while (used + flex_min > width) {
		int drop = -1;

		for (int i = 0; i < n; i++)
			if (widths[i] && c[i].drop_rank && i != keep &&
			    (drop < 0 || c[i].drop_rank > c[drop].drop_rank))
				drop = i;
		if (drop < 0)
			break;
		used -= widths[drop] + 1;
		widths[drop] = 0;
	}
	if (flex < 0)
		return 0;
	widths[flex] = width - used > 0 ? width - used : 0;
	return widths[flex];
}
