/* table.h - the process pane's view-model: columns, sort, filter, search
 * and a selection that follows its PID across refreshes.  Pure: it reads
 * a struct sample and keeps indices; it never reads /proc and never draws.
 *
 * Thread rows (H): a view row is an index r into the sample's procs
 * followed by the table's own thread rows: r < s->nprocs is s->procs[r];
 * r >= s->nprocs is t->thr_rows[r - s->nprocs], a proc_row with
 * is_thread set, synthesised from s->threads (one per thread whose tid is
 * not the pid; the process row stands for the main thread and the sums).
 * A thread row copies its process's pid, ppid, uid, user and points at its
 * cmdline (not owned: valid while the sample is); it has no disk or
 * network figures (have_io and have_net false).  If the engine already put
 * is_thread rows in s->procs, those are used instead.  Always reach a row
 * through table_row(). */
#ifndef WAITTOP_TABLE_H
#define WAITTOP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

enum table_col {
	COL_PID,
	COL_USER,
	COL_STATE,
	COL_CPU,
	COL_WCHAN,
	COL_WAIT,
	COL_DISK_R,
	COL_DISK_W,
	COL_NET_RX,
	COL_NET_TX,
	COL_COMMAND,
	COL_WHY,
	COL_NCOLS
};

struct table_col_info {
	const char *name; /* for -s and the sort menu: "pid", "cpu", "disk_r"... */
	const char *header; /* "PID", "CPU%", "DISK R/s"... */
	int width; /* preferred width; COMMAND takes the rest */
	int drop_rank; /* narrow terminals drop the highest rank first; 0 never */
	bool right; /* right-aligned numbers */
	bool default_desc; /* numbers sort descending first */
	const char *help; /* one line for the sort menu and the man page */
};

/* table_col_info: static facts for a column (never NULL for a valid col). */
const struct table_col_info *table_col_info(enum table_col c);
/* table_col_parse: column from its -s name or its header, case-insensitive
 * ("cpu", "CPU%", "disk_w", "DISK W/s", "rx"...); -1 if unknown. */
int table_col_parse(const char *name);
/* table_layout: which columns fit in 'width' cells (one space between
 * columns): WCHAN only from TABLE_WCHAN_FROM cells (or when it is 'keep');
 * then dropping by drop_rank (the WAIT bar counts as a column between
 * DISK R/s and DISK W/s) but keeping 'keep' (the sort column) as long as
 * anything but PID and COMMAND is shown, until COMMAND has
 * table_cmd_min(width) and WHY table_why_min(width).  Fills shown[] and
 * returns the width left for COMMAND and WHY's extra (COMMAND's least
 * unless even the undroppable columns do not fit). */
int table_layout(int width, enum table_col keep, bool shown[COL_NCOLS]);
/* table_layout_full: table_layout, and *bar tells whether the WAIT bar
 * stays. */
int table_layout_full(int width, enum table_col keep, bool shown[COL_NCOLS], bool *bar);
/* table_layout_widths: table_layout, plus each column's width in widths[]
 * (0 when not shown; WAIT's includes its bar): what is left goes to WHY
 * up to TABLE_WHY_ROOMY, then COMMAND up to TABLE_CMD_ROOMY, then WCHAN up
 * to TABLE_WCHAN_WIDE, then WHY.  Returns widths[COL_COMMAND]. */
int table_layout_widths(int width, enum table_col keep, bool shown[COL_NCOLS],
			int widths[COL_NCOLS]);
#define TABLE_WCHAN_WIDE 22
#define TABLE_WCHAN_FROM 160
#define TABLE_CMD_ROOMY 20
#define TABLE_WHY_ROOMY 56 /* a whole "recvfrom() on TCP a:port -> b:port" */
#define TABLE_WAIT_TEXT 11 /* "disk-w 100%" */
#define TABLE_WAIT_BAR 8 /* cells of the WAIT bar */
/* table_cmd_min: the least COMMAND width worth dropping a column for: a
 * fifth of the width, from 10 to 16 (a whole 15-character comm). */
int table_cmd_min(int width);
/* table_why_min: the least WHY width worth dropping a column for: what
 * the width leaves after PID, CPU%, WAIT and its bar, the two DISK columns
 * and COMMAND, from 24 to TABLE_WHY_ROOMY. */
int table_why_min(int width);

#define TABLE_TREE_DEPTH 32 /* deeper rows are drawn at this depth */

struct table {
	enum table_col sort_col;
	bool sort_desc;
	bool show_threads; /* H */
	bool full_cmd; /* p: COMMAND is the command line, not comm (sorts by it too) */
	bool show_kthreads; /* K, --kernel-threads; -p shows the ones named anyway */
	size_t nkthreads_hidden; /* kernel threads left out by the last build */
	bool tree; /* t, F5: children under their parents */
	bool have_uid_filter; /* u */
	unsigned uid_filter;
	char filter[64]; /* \ : substring of comm or cmdline, any case; "" none */
	const int *pids; /* -p: only these (NULL = all) */
	size_t npids;
	bool have_only; /* a pane's filter (Enter on a group or disk): only */
	const int *only_pids; /* these, sorted ascending (not owned) */
	size_t nonly_pids;
	/* the view: indices as described above, sorted and filtered */
	size_t *rows;
	size_t nrows, rows_cap;
	/* tree view: tree_pfx[i] is view row i's indent, one byte per level:
	 * '|' an ancestor with later siblings, ' ' one without, then '+' a
	 * row with later siblings or '`' the last one; "" for a root */
	char (*tree_pfx)[TABLE_TREE_DEPTH + 1];
	size_t tree_cap;
	struct proc_row *thr_rows; /* synthesised thread rows (H) */
	size_t nthr_rows, thr_rows_cap;
	size_t nprocs; /* s->nprocs at the last build */
	/* selection, followed by identity across refreshes: sel_pid -1 means
	 * none chosen yet (the cursor sits on the first row and does not
	 * follow it); sel_tid is 0 for a process row, the tid for a thread row */
	int sel_pid, sel_tid;
	size_t sel; /* index into rows */
	size_t top; /* first visible row */
};

/* table_init: defaults (sort CPU descending, no filter, no selection). */
void table_init(struct table *t);
/* table_clear: free the view; NULL is a no-op. */
void table_clear(struct table *t);
/* table_build: rebuild rows from s (filter, then sort; ties by
 * table_activity_cmp, busiest first, then pid, then tid, ascending; in
 * tree view each row is followed by its children in that order), keeping the selection on the same
 * pid/tid if it is still shown, else on the same index (clamped).  0 or -1 (ENOMEM). */
int table_build(struct table *t, const struct sample *s);
/* table_row: the proc_row of view row i (i < t->nrows), as described above. */
const struct proc_row *table_row(const struct table *t, const struct sample *s, size_t i);
/* table_missing: true when p has no value for col (have_ flag false);
 * missing values sort after present ones in both directions. */
bool table_missing(const struct proc_row *p, enum table_col col);
/* table_cmp: <0, 0, >0 ordering of two rows for col, ascending, missing
 * values last; 0 on a tie (the caller breaks it). */
int table_cmp(const struct proc_row *a, const struct proc_row *b, enum table_col col);
/* table_wait_score: score[0] = the share (percent of the interval) of the
 * waits that slow a program down (model_wait_slows 2), score[1] that of net
 * and ipc (1); both 0 without a verdict.  WAIT sorts by them, in order. */
void table_wait_score(const struct proc_row *p, double score[2]);
/* table_activity_cmp: <0, 0, >0 as a is less active than b: CPU time,
 * then disk and network bytes, then the table_wait_score sum, then any
 * verdict but idle.  Ties on the sort key are ordered by it, busiest first. */
int table_activity_cmp(const struct proc_row *a, const struct proc_row *b);
/* table_set_sort: sort by col; the same column again inverts, a new one
 * starts in its default direction.  Call table_build after. */
void table_set_sort(struct table *t, enum table_col col);
/* table_search: index in rows of the next row from 'from' (wrapping) whose
 * comm or cmdline contains needle (any case); -1 if none or needle "". */
long table_search(const struct table *t, const struct sample *s, const char *needle, size_t from);
/* table_move: move the selection by delta rows (clamped), keeping it
 * visible in a window of 'height' rows; records the selected pid/tid so
 * later builds follow it.  delta 0 only fixes the window. */
void table_move(struct table *t, const struct sample *s, long delta, size_t height);
/* table_select: select view row i (clamped) and follow it. */
void table_select(struct table *t, const struct sample *s, size_t i, size_t height);

#endif
