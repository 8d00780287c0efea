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
 * columns), dropping by drop_rank but keeping 'keep' (the sort column)
 * as long as anything but PID and COMMAND is shown.  Fills shown[] and
 * returns the width left for COMMAND: at least table_cmd_min(width)
 * unless even the undroppable columns do not fit. */
int table_layout(int width, enum table_col keep, bool shown[COL_NCOLS]);
/* table_layout_widths: table_layout, plus each column's width in widths[]
 * (0 when not shown): on a wide terminal WCHAN grows to TABLE_WCHAN_WIDE
 * cells, as in batch output, while COMMAND keeps TABLE_CMD_ROOMY or more.
 * Returns widths[COL_COMMAND]. */
int table_layout_widths(int width, enum table_col keep, bool shown[COL_NCOLS],
			int widths[COL_NCOLS]);
#define TABLE_WCHAN_WIDE 22
#define TABLE_CMD_ROOMY 20
/* table_cmd_min: the least COMMAND width worth dropping a column for: a
 * fifth of the width, from 10 to 16 (a whole 15-character comm). */
int table_cmd_min(int width);

struct table {
	enum table_col sort_col;
	bool sort_desc;
	bool show_threads; /* H */
	bool full_cmd; /* p: COMMAND is the command line, not comm (sorts by it too) */
	bool have_uid_filter; /* u */
	unsigned uid_filter;
	char filter[64]; /* \ : substring of comm or cmdline, any case; "" none */
	const int *pids; /* -p: only these (NULL = all) */
	size_t npids;
	/* the view: indices as described above, sorted and filtered */
	size_t *rows;
	size_t nrows, rows_cap;
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
/* table_build: rebuild rows from s (filter, then sort; ties by pid, then
 * tid, ascending), keeping the selection on the same pid/tid if it is
 * still shown, else on the same index (clamped).  0 or -1 (ENOMEM). */
int table_build(struct table *t, const struct sample *s);
/* table_row: the proc_row of view row i (i < t->nrows), as described above. */
const struct proc_row *table_row(const struct table *t, const struct sample *s, size_t i);
/* table_missing: true when p has no value for col (have_ flag false);
 * missing values sort after present ones in both directions. */
bool table_missing(const struct proc_row *p, enum table_col col);
/* table_cmp: <0, 0, >0 ordering of two rows for col, ascending, missing
 * values last; 0 on a tie (the caller breaks it). */
int table_cmp(const struct proc_row *a, const struct proc_row *b, enum table_col col);
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
