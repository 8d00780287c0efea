/* table.c - the process pane's view-model: the column table, filtering,
 * a deterministic sort (ties by pid, then tid), the selection that follows
 * a pid/tid across refreshes, search and cursor movement.
 * It does not draw and does not format numbers: ui-pane.c and batch.c do. */
#include "config.h"
#include "table.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct table_col_info table_cols[COL_NCOLS] = {
	[COL_PID] = { "pid", "PID", 7, 0, true, false, "process id" },
	[COL_USER] = { "user", "USER", 8, 8, false, false, "user name of the real uid" },
	[COL_STATE] = { "state", "S", 1, 3, false, false,
			"R running, S sleeping, D uninterruptible, T stopped, Z zombie, I idle" },
	[COL_CPU] = { "cpu", "CPU%", 5, 2, true, true,
		      "CPU use over the interval, 100 = one core" },
	[COL_WCHAN] = { "wchan", "WCHAN", 16, 9, false, false,
			"kernel function the task sleeps in" },
	[COL_WAIT] = { "wait", "WAIT", 14, 1, false, false,
		       "what the process waits on (categories in help)" },
	[COL_DISK_R] = { "disk_r", "DISK R/s", 8, 5, true, true,
			 "bytes read from storage per second" },
	[COL_DISK_W] = { "disk_w", "DISK W/s", 8, 4, true, true,
			 "bytes written to storage per second" },
	[COL_NET_RX] = { "net_rx", "NET RX/s", 8, 6, true, true,
			 "bytes received on its sockets per second" },
	[COL_NET_TX] = { "net_tx", "NET TX/s", 8, 7, true, true,
			 "bytes sent on its sockets per second" },
	[COL_COMMAND] = { "command", "COMMAND", 0, 0, false, false,
			  "comm, or the command line (p)" },
};

/* Extra names accepted by table_col_parse besides name and header. */
static const struct {
	const char *alias;
	enum table_col col;
} table_aliases[] = {
	{ "s", COL_STATE },	      { "cpu_pct", COL_CPU },  { "%cpu", COL_CPU },
	{ "read", COL_DISK_R },	      { "write", COL_DISK_W }, { "disk_read", COL_DISK_R },
	{ "disk_write", COL_DISK_W }, { "rx", COL_NET_RX },    { "tx", COL_NET_TX },
	{ "comm", COL_COMMAND },      { "cmd", COL_COMMAND },
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

/* table_layout_used: cells taken by the shown columns other than COMMAND,
 * each followed by one space. */
static int table_layout_used(const bool shown[COL_NCOLS])
{
	int used = 0;

	for (int c = 0; c < COL_NCOLS; c++)
		if (shown[c] && c != COL_COMMAND)
			used += table_cols[c].width + 1;
	return used;
}

int table_cmd_min(int width)
{
	int m = width / 5;

	return m < 10 ? 10 : m > 16 ? 16 : m;
}

int table_layout(int width, enum table_col keep, bool shown[COL_NCOLS])
{
	int min = table_cmd_min(width);

	for (int c = 0; c < COL_NCOLS; c++)
		shown[c] = true;
	while (width - table_layout_used(shown) < min) {
		int worst = -1;

		for (int c = 0; c < COL_NCOLS; c++) {
			if (!shown[c] || table_cols[c].drop_rank == 0 || (int)keep == c)
				continue;
			if (worst < 0 || table_cols[c].drop_rank > table_cols[worst].drop_rank)
				worst = c;
		}
		if (worst < 0 && shown[keep] && table_cols[keep].drop_rank)
			worst = (int)keep; /* only the sort column is left to drop */
		if (worst < 0)
			break;
		shown[worst] = false;
	}
	return width - table_layout_used(shown);
}

int table_layout_widths(int width, enum table_col keep, bool shown[COL_NCOLS],
			int widths[COL_NCOLS])
{
	int cmd = table_layout(width, keep, shown);
	int extra = TABLE_WCHAN_WIDE - table_cols[COL_WCHAN].width;

	for (int c = 0; c < COL_NCOLS; c++)
		widths[c] = !shown[c] ? 0 : c == COL_COMMAND ? cmd : table_cols[c].width;
	if (shown[COL_WCHAN] && cmd - extra >= TABLE_CMD_ROOMY) {
		widths[COL_WCHAN] += extra;
		widths[COL_COMMAND] -= extra;
	}
	return widths[COL_COMMAND];
}

bool table_missing(const struct proc_row *p, enum table_col col)
{
	switch (col) {
	case COL_WCHAN:
		return !p->have_wchan;
	case COL_WAIT:
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

/* table_command: the text COMMAND shows and sorts by. */
static const char *table_command(const struct proc_row *p, bool full)
{
	if (full && p->cmdline && p->cmdline[0])
		return p->cmdline;
	return p->comm;
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
		return strcmp(a->wchan, b->wchan);
	case COL_WAIT:
		/* category in man-page order; within one, the larger share first */
		if (a->wait != b->wait)
			return (a->wait > b->wait) - (a->wait < b->wait);
		if ((int)a->wait >= 0 && a->wait < WAIT_NCAT)
			return -table_dcmp(a->wait_share[a->wait], b->wait_share[b->wait]);
		return 0;
	case COL_DISK_R:
		return table_dcmp(a->disk_read_bps, b->disk_read_bps);
	case COL_DISK_W:
		return table_dcmp(a->disk_write_bps, b->disk_write_bps);
	case COL_NET_RX:
		return table_dcmp(a->net_rx_bps, b->net_rx_bps);
	case COL_NET_TX:
		return table_dcmp(a->net_tx_bps, b->net_tx_bps);
	case COL_COMMAND:
		return strcmp(table_command(a, full), table_command(b, full));
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
			r->have_wchan = th->have_wchan;
			memcpy(r->wchan, th->wchan, sizeof(r->wchan));
			r->have_wait = th->have_wait;
			r->wait = th->wait;
			memcpy(r->wait_share, th->wait_share, sizeof(r->wait_share));
			memcpy(r->why, th->why, sizeof(r->why));
			r->why_pid = th->why_pid;
			memcpy(r->comm, th->comm, sizeof(r->comm));
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
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];

		if (p->is_thread && !t->show_threads)
			continue;
		if (table_keep(t, p) && !table_push(t, i))
			return -1;
	}
	for (size_t i = 0; i < t->nthr_rows; i++)
		if (table_keep(t, &t->thr_rows[i]) && !table_push(t, s->nprocs + i))
			return -1;
	qsort_r(t->rows, t->nrows, sizeof(*t->rows), table_sort_cmp, &ctx);

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
