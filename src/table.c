/* table.c - the process pane's view-model: the column table, filtering,
 * a deterministic sort (ties by activity, then pid, then tid), the tree
 * order, the selection that follows
 * a pid/tid across refreshes, search and cursor movement.
 * It does not draw and does not format numbers: ui-pane.c and batch.c do. */
#include "config.h"
#include "table.h"
#include "fmt.h"
#include "util.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct table_col_info table_cols[COL_NCOLS] = {
	[COL_PID] = { "pid", "PID", 7, 0, true, false, "process id" },
	[COL_USER] = { "user", "USER", 8, 10, false, false, "user name of the real uid" },
	[COL_STATE] = { "state", "S", 1, 11, false, false,
			"R running, S sleeping, D uninterruptible, T stopped, Z zombie, I idle" },
	[COL_CPU] = { "cpu", "CPU%", 5, 3, true, true,
		      "CPU use over the interval, 100 = one core" },
	[COL_WCHAN] = { "wchan", "WCHAN", 16, 12, false, false,
			"kernel function the task sleeps in (wide terminals)" },
	[COL_WAIT] = { "wait", "WAIT", TABLE_WAIT_TEXT, 2, false, true,
		       "verdict and its share; a bar of all shares" },
	[COL_DISK_R] = { "disk_r", "DISK R/s", 8, 7, true, true,
			 "bytes read from storage per second" },
	[COL_DISK_W] = { "disk_w", "DISK W/s", 8, 5, true, true,
			 "bytes written to storage per second" },
	[COL_NET_RX] = { "net_rx", "NET RX/s", 8, 8, true, true,
			 "bytes received on its sockets per second" },
	[COL_NET_TX] = { "net_tx", "NET TX/s", 8, 9, true, true,
			 "bytes sent on its sockets per second" },
	[COL_COMMAND] = { "command", "COMMAND", 0, 0, false, false,
			  "program, or interpreter and script (p: all)" },
	[COL_WHY] = { "why", "WHY", 0, 4, false, false,
		      "evidence: the syscall and what it waits on" },
};

/* Extra names accepted by table_col_parse besides name and header. */
static const struct {
	const char *alias;
	enum table_col col;
} table_aliases[] = {
	{ "s", COL_STATE },	      { "cpu_pct", COL_CPU },  { "%cpu", COL_CPU },
	{ "read", COL_DISK_R },	      { "write", COL_DISK_W }, { "disk_read", COL_DISK_R },
	{ "disk_write", COL_DISK_W }, { "rx", COL_NET_RX },    { "tx", COL_NET_TX },
	{ "comm", COL_COMMAND },      { "cmd", COL_COMMAND },  { "evidence", COL_WHY },
};

const struct table_col_info *table_col_info(enum table_col c)
{
	assert((int)c >= 0 && c < COL_NCOLS);
	return &table_cols[c];
}

int table_col_parse(const char *name)
{
	if (!name)
		return -1;
	for (int c = 0; c < COL_NCOLS; c++)
		if (strcasecmp(name, table_cols[c].name) == 0 ||
		    strcasecmp(name, table_cols[c].header) == 0)
			return c;
	for (size_t i = 0; i < sizeof(table_aliases) / sizeof(table_aliases[0]); i++)
		if (strcasecmp(name, table_aliases[i].alias) == 0)
			return (int)table_aliases[i].col;
	return -1;
}

/* The WAIT bar: a virtual column for the drop order (rank between DISK R
 * and DISK W), TABLE_WAIT_BAR cells and a space after the text. */
#define TABLE_BAR_RANK 6
#define TABLE_BAR_SLOT COL_NCOLS

/* table_layout_used: cells taken by the shown columns other than COMMAND
 * and WHY (each followed by one space), the WAIT bar when bar, and WHY's
 * least width when it is shown. */
static int table_layout_used(int width, const bool shown[COL_NCOLS], bool bar)
{
	int used = 0;

	for (int c = 0; c < COL_NCOLS; c++)
		if (shown[c] && c != COL_COMMAND && c != COL_WHY)
			used += table_cols[c].width + 1;
	if (shown[COL_WAIT] && bar)
		used += TABLE_WAIT_BAR + 1;
	if (shown[COL_WHY])
		used += table_why_min(width) + 1;
	return used;
}

int table_cmd_min(int width)
{
	int m = width / 5;

	return m < 10 ? 10 : m > 16 ? 16 : m;
}

int table_why_min(int width)
{
	int m = width - 64;

	return m < 24 ? 24 : m > TABLE_WHY_ROOMY ? TABLE_WHY_ROOMY : m;
}

/* table_layout_drop: the next thing to drop (a column, or TABLE_BAR_SLOT
 * for the WAIT bar): the highest drop_rank, never 'keep'; -1 if none. */
static int table_layout_drop(const bool shown[COL_NCOLS], bool bar, enum table_col keep)
{
	int worst = -1, worst_rank = 0;

	for (int c = 0; c < COL_NCOLS; c++) {
		if (!shown[c] || table_cols[c].drop_rank == 0 || (int)keep == c)
			continue;
		if (table_cols[c].drop_rank > worst_rank)
			worst = c, worst_rank = table_cols[c].drop_rank;
	}
	if (bar && shown[COL_WAIT] && TABLE_BAR_RANK > worst_rank)
		worst = TABLE_BAR_SLOT;
	return worst;
}

int table_layout_full(int width, enum table_col keep, bool shown[COL_NCOLS], bool *bar)
{
	int min = table_cmd_min(width);

	for (int c = 0; c < COL_NCOLS; c++)
		shown[c] = true;
	shown[COL_WCHAN] = width >= TABLE_WCHAN_FROM || keep == COL_WCHAN;
	*bar = true;
	while (width - table_layout_used(width, shown, *bar) < min) {
		int worst = table_layout_drop(shown, *bar, keep);

		if (worst < 0 && shown[keep] && table_cols[keep].drop_rank)
			worst = (int)keep; /* only the sort column is left to drop */
		if (worst < 0)
			break;
		if (worst == TABLE_BAR_SLOT)
			*bar = false;
		else
			shown[worst] = false;
	}
	return width - table_layout_used(width, shown, *bar);
}

int table_layout(int width, enum table_col keep, bool shown[COL_NCOLS])
{
	bool bar;

	return table_layout_full(width, keep, shown, &bar);
}

int table_layout_widths(int width, enum table_col keep, bool shown[COL_NCOLS],
			int widths[COL_NCOLS])
{
	bool bar;
	int rest = table_layout_full(width, keep, shown, &bar);
	int why = shown[COL_WHY] ? table_why_min(width) : 0;
	int cmd = rest, extra;

	for (int c = 0; c < COL_NCOLS; c++)
		widths[c] = shown[c] ? table_cols[c].width : 0;
	if (shown[COL_WAIT] && bar)
		widths[COL_WAIT] += TABLE_WAIT_BAR + 1;
	/* what is left over goes to COMMAND up to a roomy width, then to a
	 * wide WCHAN, then to WHY */
	if (shown[COL_WHY]) {
		int min = table_cmd_min(width);

		extra = cmd - min;
		cmd = min;
		if (extra > 0 && why < TABLE_WHY_ROOMY) {
			int k = extra < TABLE_WHY_ROOMY - why ? extra : TABLE_WHY_ROOMY - why;

			why += k;
			extra -= k;
		}
		if (extra > 0 && cmd < TABLE_CMD_ROOMY) {
			int k = extra < TABLE_CMD_ROOMY - cmd ? extra : TABLE_CMD_ROOMY - cmd;

			cmd += k;
			extra -= k;
		}
		if (extra > 0 && shown[COL_WCHAN] && widths[COL_WCHAN] < TABLE_WCHAN_WIDE) {
			int k = TABLE_WCHAN_WIDE - widths[COL_WCHAN];

			k = extra < k ? extra : k;
			widths[COL_WCHAN] += k;
			extra -= k;
		}
		why += extra > 0 ? extra : 0;
	} else if (shown[COL_WCHAN] && cmd - (TABLE_WCHAN_WIDE - 16) >= TABLE_CMD_ROOMY) {
		widths[COL_WCHAN] = TABLE_WCHAN_WIDE;
		cmd -= TABLE_WCHAN_WIDE - 16;
	}
	widths[COL_COMMAND] = cmd;
	widths[COL_WHY] = why;
	return widths[COL_COMMAND];
}

bool table_missing(const struct proc_row *p, enum table_col col)
{
	switch (col) {
	case COL_WCHAN:
		return !p->have_wchan;
	case COL_WAIT:
	case COL_WHY:
		return !p->have_wait;
	case COL_DISK_R:
	case COL_DISK_W:
		return !p->have_io;
	case COL_NET_RX:
	case COL_NET_TX:
		return !p->have_net;
	default:
		return false;
	}
}

/* table_dcmp: three-way compare of two doubles. */
static int table_dcmp(double a, double b)
{
	return (a > b) - (a < b);
}

/* table_command: the text COMMAND shows and sorts by, in buf when made. */
static const char *table_command(const struct proc_row *p, bool full, char *buf, size_t sz)
{
	if (p->is_thread)
		return p->comm;
	if (full && p->cmdline && p->cmdline[0])
		return p->cmdline;
	return fmt_command(buf, sz, p->comm, p->cmdline);
}

void table_wait_score(const struct proc_row *p, double score[2])
{
	score[0] = score[1] = 0;
	if (!p->have_wait)
		return;
	for (int c = 0; c < WAIT_NCAT; c++) {
		int k = model_wait_slows((enum wait_cat)c);

		if (k == 2)
			score[0] += p->wait_share[c];
		else if (k == 1)
			score[1] += p->wait_share[c];
	}
}

int table_activity_cmp(const struct proc_row *a, const struct proc_row *b)
{
	double ia = 0, ib = 0, sa[2], sb[2];
	int r = table_dcmp(a->cpu_pct, b->cpu_pct);

	if (r)
		return r;
	if (a->have_io)
		ia += a->disk_read_bps + a->disk_write_bps;
	if (a->have_net)
		ia += a->net_rx_bps + a->net_tx_bps;
	if (b->have_io)
		ib += b->disk_read_bps + b->disk_write_bps;
	if (b->have_net)
		ib += b->net_rx_bps + b->net_tx_bps;
	if ((r = table_dcmp(ia, ib)) != 0)
		return r;
	table_wait_score(a, sa);
	table_wait_score(b, sb);
	if ((r = table_dcmp(sa[0] + sa[1], sb[0] + sb[1])) != 0)
		return r;
	/* any wait at all beats an idle kernel thread or an unreadable row */
	return (int)(a->have_wait && a->wait != WAIT_IDLE) -
	       (int)(b->have_wait && b->wait != WAIT_IDLE);
}

/* table_cmp_full: table_cmp, with COMMAND comparing command lines when full. */
static int table_cmp_full(const struct proc_row *a, const struct proc_row *b, enum table_col col,
			  bool full)
{
	bool ma = table_missing(a, col), mb = table_missing(b, col);

	if (ma || mb)
		return (int)ma - (int)mb;
	switch (col) {
	case COL_PID:
		return (a->pid > b->pid) - (a->pid < b->pid);
	case COL_USER: {
		int r = strcmp(a->user, b->user);
		return r ? r : (a->uid > b->uid) - (a->uid < b->uid);
	}
	case COL_STATE:
		return (unsigned char)a->state - (unsigned char)b->state;
	case COL_CPU:
		return table_dcmp(a->cpu_pct, b->cpu_pct);
	case COL_WCHAN:
		return strcmp(model_str(a->wchan), model_str(b->wchan));
	case COL_WAIT: {
		/* the share of waits that slow a program down, then of net and ipc */
		double sa[2], sb[2];

		table_wait_score(a, sa);
		table_wait_score(b, sb);
		return sa[0] != sb[0] ? table_dcmp(sa[0], sb[0]) : table_dcmp(sa[1], sb[1]);
	}
	case COL_WHY:
		return strcmp(model_str(a->why), model_str(b->why));
	case COL_DISK_R:
		return table_dcmp(a->disk_read_bps, b->disk_read_bps);
	case COL_DISK_W:
		return table_dcmp(a->disk_write_bps, b->disk_write_bps);
	case COL_NET_RX:
		return table_dcmp(a->net_rx_bps, b->net_rx_bps);
	case COL_NET_TX:
		return table_dcmp(a->net_tx_bps, b->net_tx_bps);
	case COL_COMMAND: {
		char ba[256], bb[256];

		return strcmp(table_command(a, full, ba, sizeof(ba)),
			      table_command(b, full, bb, sizeof(bb)));
	}
	default:
		assert(0);
		return 0;
	}
}

int table_cmp(const struct proc_row *a, const struct proc_row *b, enum table_col col)
{
	return table_cmp_full(a, b, col, false);
}

void table_init(struct table *t)
{
	memset(t, 0, sizeof(*t));
	t->sort_col = COL_CPU;
	t->sort_desc = true;
	t->sel_pid = -1;
}

void table_clear(struct table *t)
{
	if (!t)
		return;
	free(t->rows);
	free(t->thr_rows);
	free(t->tree_pfx);
	t->tree_pfx = NULL;
	t->tree_cap = 0;
	t->rows = NULL;
	t->thr_rows = NULL;
	t->nrows = t->rows_cap = t->nthr_rows = t->thr_rows_cap = 0;
}

void table_set_sort(struct table *t, enum table_col col)
{
	if (t->sort_col == col) {
		t->sort_desc = !t->sort_desc;
	} else {
		t->sort_col = col;
		t->sort_desc = table_cols[col].default_desc;
	}
}

const struct proc_row *table_row(const struct table *t, const struct sample *s, size_t i)
{
	size_t r;

	assert(i < t->nrows);
	r = t->rows[i];
	if (r < s->nprocs)
		return &s->procs[r];
	assert(r - s->nprocs < t->nthr_rows);
	return &t->thr_rows[r - s->nprocs];
}

/* table_row_tid: the selection key's tid: 0 for a process row. */
static int table_row_tid(const struct proc_row *p)
{
	return p->is_thread ? p->tid : 0;
}

/* table_icontains: hay contains needle, ignoring ASCII case. */
static bool table_icontains(const char *hay, const char *needle)
{
	return hay && strcasestr(hay, needle) != NULL;
}

/* table_row_matches: comm or cmdline contains needle (any case). */
static bool table_row_matches(const struct proc_row *p, const char *needle)
{
	return table_icontains(p->comm, needle) || table_icontains(p->cmdline, needle);
}

/* table_keep: the -p, uid and text filters accept p. */
static bool table_keep(const struct table *t, const struct proc_row *p)
{
	if (t->pids) {
		bool found = false;

		for (size_t i = 0; i < t->npids && !found; i++)
			found = t->pids[i] == p->pid;
		if (!found)
			return false;
	}
	if (t->have_only && !(t->nonly_pids && bsearch(&p->pid, t->only_pids, t->nonly_pids,
						       sizeof(int), util_int_cmp)))
		return false;
	if (p->kthread && !t->show_kthreads && !t->pids)
		return false;
	if (t->have_uid_filter && p->uid != t->uid_filter)
		return false;
	if (t->filter[0] && !table_row_matches(p, t->filter))
		return false;
	return true;
}

/* table_make_threads: synthesise thread rows from s->threads (see table.h);
 * false on ENOMEM. */
static bool table_make_threads(struct table *t, const struct sample *s)
{
	t->nthr_rows = 0;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];

		if (p->is_thread)
			continue;
		for (size_t k = 0; k < p->thr_count; k++) {
			const struct thread_row *th;
			struct proc_row *r;

			if (p->thr_first + k >= s->nthreads)
				break;
			th = &s->threads[p->thr_first + k];
			if (th->tid == p->pid)
				continue;
			if (t->nthr_rows == t->thr_rows_cap) {
				size_t cap = t->thr_rows_cap ? 2 * t->thr_rows_cap : 64;
				struct proc_row *n = realloc(t->thr_rows, cap * sizeof(*n));

				if (!n)
					return false;
				t->thr_rows = n;
				t->thr_rows_cap = cap;
			}
			r = &t->thr_rows[t->nthr_rows++];
			memset(r, 0, sizeof(*r));
			r->pid = p->pid;
			r->ppid = p->ppid;
			r->start_ticks = p->start_ticks;
			r->uid = p->uid;
			memcpy(r->user, p->user, sizeof(r->user));
			r->state = th->state;
			r->nthreads = p->nthreads;
			r->kthread = p->kthread;
			r->is_thread = true;
			r->tid = th->tid;
			r->cpu_pct = th->cpu_pct;
			r->have_cpu = th->have_cpu;
			r->have_wchan = th->have_wchan;
			r->wchan = th->wchan;
			r->have_wait = th->have_wait;
			r->wait = th->wait;
			memcpy(r->wait_share, th->wait_share, sizeof(r->wait_share));
			r->why = th->why; /* borrowed from the sample, like cmdline */
			r->why_pid = th->why_pid;
			snprintf(r->comm, sizeof(r->comm), "%s", th->comm);
			r->cmdline = p->cmdline;
		}
	}
	return true;
}

/* Sort context: qsort_r's third argument. */
struct table_sort_ctx {
	const struct table *t;
	const struct sample *s;
};

/* table_sort_cmp: the view order: missing last, the column in the chosen
 * direction, then pid and tid ascending, so equal keys never swap. */
static int table_sort_cmp(const void *pa, const void *pb, void *arg)
{
	const struct table_sort_ctx *c = arg;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const struct proc_row *a =
	    ia < c->s->nprocs ? &c->s->procs[ia] : &c->t->thr_rows[ia - c->s->nprocs];
	const struct proc_row *b =
	    ib < c->s->nprocs ? &c->s->procs[ib] : &c->t->thr_rows[ib - c->s->nprocs];
	enum table_col col = c->t->sort_col;
	bool ma = table_missing(a, col), mb = table_missing(b, col);
	int r;

	if (ma != mb)
		return ma ? 1 : -1;
	r = ma ? 0 : table_cmp_full(a, b, col, c->t->full_cmd);
	if (r && c->t->sort_desc)
		r = -r;
	if (!r)
		r = -table_activity_cmp(a, b);
	if (!r)
		r = (a->pid > b->pid) - (a->pid < b->pid);
	if (!r)
		r = table_row_tid(a) - table_row_tid(b);
	if (!r)
		r = (ia > ib) - (ia < ib);
	return r;
}

/* table_push: append view row r; false on ENOMEM. */
static bool table_push(struct table *t, size_t r)
{
	if (t->nrows == t->rows_cap) {
		size_t cap = t->rows_cap ? 2 * t->rows_cap : 256;
		size_t *n = realloc(t->rows, cap * sizeof(*n));

		if (!n)
			return false;
		t->rows = n;
		t->rows_cap = cap;
	}
	t->rows[t->nrows++] = r;
	return true;
}

/* A row's place while the tree is built. */
struct table_node {
	int pid; /* a process row's pid; -1 for a thread row (never a parent) */
	size_t view; /* its index in the sorted view */
};

/* table_node_cmp: bsearch/qsort order of nodes by pid. */
static int table_node_cmp(const void *pa, const void *pb)
{
	const struct table_node *a = pa, *b = pb;

	return (a->pid > b->pid) - (a->pid < b->pid);
}

/* table_tree_parent: the view index of row i's parent among the view
 * rows, or -1: a thread row's process, else the row of its ppid. */
static long table_tree_parent(const struct table *t, const struct sample *s,
			      const struct table_node *byp, size_t n, size_t i)
{
	const struct proc_row *p = table_row(t, s, i);
	struct table_node key = { p->is_thread ? p->pid : p->ppid, 0 }, *hit;

	if (!p->is_thread && p->ppid == p->pid)
		return -1;
	hit = bsearch(&key, byp, n, sizeof(*byp), table_node_cmp);
	return hit && hit->view != i ? (long)hit->view : -1;
}

/* table_tree_walk: append row i and then its children (in view order) to
 * out, with their indents; pfx is i's ancestors' part. */
static void table_tree_walk(struct table *t, const long *parent, const long *first,
			    const long *next, size_t i, const char *pfx, int depth,
			    size_t *out_rows, size_t *nout, bool *done)
{
	/* iterative over siblings, recursive over depth (bounded by the tree) */
	size_t k = *nout;
	char mine[TABLE_TREE_DEPTH + 1];

	done[i] = true;
	out_rows[k] = t->rows[i];
	snprintf(t->tree_pfx[k], sizeof(t->tree_pfx[k]), "%s", pfx);
	(*nout)++;
	for (long c = first[i]; c >= 0; c = next[c]) {
		bool last = next[c] < 0;

		snprintf(mine, sizeof(mine), "%s", pfx);
		if (depth > 0 &&
		    depth <= TABLE_TREE_DEPTH) /* the parent's own mark becomes | or ' ' */
			mine[depth - 1] = mine[depth - 1] == '+' ? '|' : ' ';
		if (depth < TABLE_TREE_DEPTH) {
			mine[depth] = last ? '`' : '+';
			mine[depth + 1] = '\0';
		}
		if (!done[c])
			table_tree_walk(t, parent, first, next, (size_t)c, mine,
					depth < TABLE_TREE_DEPTH ? depth + 1 : depth, out_rows,
					nout, done);
	}
}

/* table_tree: reorder the sorted view so that children follow their parent
 * (siblings keep the sort order) and fill tree_pfx.  0 or -1 (ENOMEM). */
static int table_tree(struct table *t, const struct sample *s)
{
	size_t n = t->nrows, nout = 0, nb = 0;
	struct table_node *byp = calloc(n + 1, sizeof(*byp));
	long *parent = calloc(n + 1, sizeof(long)), *first = calloc(n + 1, sizeof(long));
	long *next = calloc(n + 1, sizeof(long)), *last = calloc(n + 1, sizeof(long));
	size_t *out = calloc(n + 1, sizeof(size_t));
	bool *done = calloc(n + 1, sizeof(bool));
	int rc = -1;

	if (!byp || !parent || !first || !next || !last || !out || !done)
		goto out;
	if (t->tree_cap < n + 1) {
		void *p = realloc(t->tree_pfx, (n + 1) * sizeof(*t->tree_pfx));

		if (!p)
			goto out;
		t->tree_pfx = p;
		t->tree_cap = n + 1;
	}
	for (size_t i = 0; i < n; i++)
		if (!table_row(t, s, i)->is_thread)
			byp[nb++] = (struct table_node){ table_row(t, s, i)->pid, i };
	qsort(byp, nb, sizeof(*byp), table_node_cmp);
	for (size_t i = 0; i < n; i++)
		first[i] = last[i] = next[i] = -1;
	for (size_t i = 0; i < n; i++) {
		long p = table_tree_parent(t, s, byp, nb, i);

		parent[i] = p;
		if (p < 0)
			continue;
		if (last[p] < 0)
			first[p] = (long)i;
		else
			next[last[p]] = (long)i;
		last[p] = (long)i;
	}
	for (size_t i = 0; i < n; i++)
		if (parent[i] < 0 && !done[i])
			table_tree_walk(t, parent, first, next, i, "", 0, out, &nout, done);
	for (size_t i = 0; i < n; i++) /* a cycle (pid reuse): rows left over are roots */
		if (!done[i])
			table_tree_walk(t, parent, first, next, i, "", 0, out, &nout, done);
	memcpy(t->rows, out, n * sizeof(*out));
	rc = 0;
out:
	free(byp);
	free(parent);
	free(first);
	free(next);
	free(last);
	free(out);
	free(done);
	return rc;
}

int table_build(struct table *t, const struct sample *s)
{
	bool engine_threads = false;
	struct table_sort_ctx ctx = { t, s };

	for (size_t i = 0; i < s->nprocs && !engine_threads; i++)
		engine_threads = s->procs[i].is_thread;
	t->nthr_rows = 0;
	if (t->show_threads && !engine_threads && !table_make_threads(t, s))
		return -1;
	t->nprocs = s->nprocs;
	t->nrows = 0;
	t->nkthreads_hidden = 0;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];

		if (p->is_thread && !t->show_threads)
			continue;
		if (p->kthread && !p->is_thread && !t->show_kthreads && !t->pids)
			t->nkthreads_hidden++;
		if (table_keep(t, p) && !table_push(t, i))
			return -1;
	}
	for (size_t i = 0; i < t->nthr_rows; i++)
		if (table_keep(t, &t->thr_rows[i]) && !table_push(t, s->nprocs + i))
			return -1;
	qsort_r(t->rows, t->nrows, sizeof(*t->rows), table_sort_cmp, &ctx);
	if (t->tree && table_tree(t, s) < 0)
		return -1;

	if (t->sel_pid >= 0) {
		for (size_t i = 0; i < t->nrows; i++) {
			const struct proc_row *p = table_row(t, s, i);

			if (p->pid == t->sel_pid && table_row_tid(p) == t->sel_tid) {
				t->sel = i;
				return 0;
			}
		}
	}
	/* gone (or never chosen): stay at the same place */
	if (t->sel >= t->nrows)
		t->sel = t->nrows ? t->nrows - 1 : 0;
	if (t->sel_pid >= 0 && t->nrows) {
		const struct proc_row *p = table_row(t, s, t->sel);

		t->sel_pid = p->pid;
		t->sel_tid = table_row_tid(p);
	}
	return 0;
}

long table_search(const struct table *t, const struct sample *s, const char *needle, size_t from)
{
	if (!needle || !needle[0] || t->nrows == 0)
		return -1;
	for (size_t k = 0; k < t->nrows; k++) {
		size_t i = (from + k) % t->nrows;

		if (table_row_matches(table_row(t, s, i), needle))
			return (long)i;
	}
	return -1;
}

void table_select(struct table *t, const struct sample *s, size_t i, size_t height)
{
	if (t->nrows == 0) {
		t->sel = t->top = 0;
		return;
	}
	if (i >= t->nrows)
		i = t->nrows - 1;
	t->sel = i;
	t->sel_pid = table_row(t, s, i)->pid;
	t->sel_tid = table_row_tid(table_row(t, s, i));
	table_move(t, s, 0, height);
}

void table_move(struct table *t, const struct sample *s, long delta, size_t height)
{
	long sel = (long)t->sel + delta;

	if (t->nrows == 0) {
		t->sel = t->top = 0;
		return;
	}
	if (sel < 0)
		sel = 0;
	if (sel >= (long)t->nrows)
		sel = (long)t->nrows - 1;
	t->sel = (size_t)sel;
	if (delta) {
		t->sel_pid = table_row(t, s, t->sel)->pid;
		t->sel_tid = table_row_tid(table_row(t, s, t->sel));
	}
	if (height == 0)
		height = 1;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + height)
		t->top = t->sel - height + 1;
	/* no empty space below the last row when the list could fill it */
	if (t->nrows >= height && t->top + height > t->nrows)
		t->top = t->nrows - height;
	if (t->nrows < height)
		t->top = 0;
}
