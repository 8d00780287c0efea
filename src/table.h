/* table.h - the process pane's view-model: columns, sort, filter, search
 * and a selection that follows its PID across refreshes.  Pure: it reads
 * a struct sample and keeps indices; it never reads /proc and never draws. */
#ifndef WAITTOP_TABLE_H
#define WAITTOP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

enum table_col {
	COL_PID, COL_USER, COL_STATE, COL_CPU, COL_WCHAN, COL_WAIT,
	COL_DISK_R, COL_DISK_W, COL_NET_RX, COL_NET_TX, COL_COMMAND,
	COL_NCOLS
};

struct table_col_info {
	const char *name;     /* for -s and the sort menu: "pid", "cpu", "disk_r"... */
	const char *header;   /* "PID", "CPU%", "DISK R/s"... */
	int width;            /* preferred width; COMMAND takes the rest */
	int drop_rank;        /* narrow terminals drop the highest rank first; 0 never */
	bool right;           /* right-aligned numbers */
	bool default_desc;    /* numbers sort descending first */
};

/* table_col_info: static facts for a column (never NULL for a valid col). */
const struct table_col_info *table_col_info(enum table_col c);
/* table_col_parse: column from its -s name (case-insensitive); -1 if unknown. */
int table_col_parse(const char *name);

struct table {
	enum table_col sort_col;
	bool sort_desc;
	bool show_threads;    /* H */
	bool have_uid_filter; /* u */
	unsigned uid_filter;
	char filter[64];      /* \ : substring of comm or cmdline; "" none */
	const int *pids;      /* -p: only these (NULL = all) */
	size_t npids;
	/* the view: indices into sample->procs, sorted and filtered */
	size_t *rows;
	size_t nrows, rows_cap;
	/* selection, followed by identity across refreshes */
	int sel_pid, sel_tid;
	size_t sel;           /* index into rows */
	size_t top;           /* first visible row */
};

/* table_init: defaults (sort CPU descending). */
void table_init(struct table *t);
/* table_clear: free the view; NULL is a no-op. */
void table_clear(struct table *t);
/* table_build: rebuild rows from s (filter, then stable sort), keeping the
 * selection on the same pid/tid if it is still shown.  0 or -1 (ENOMEM). */
int table_build(struct table *t, const struct sample *s);
/* table_cmp: <0, 0, >0 ordering of two rows for col, ascending. */
int table_cmp(const struct proc_row *a, const struct proc_row *b, enum table_col col);
/* table_search: index in rows of the next row from 'from' (wrapping) whose
 * comm or cmdline contains needle; -1 if none. */
long table_search(const struct table *t, const struct sample *s, const char *needle, size_t from);
/* table_move: move the selection by delta rows (clamped), keeping it
 * visible in a window of 'height' rows. */
void table_move(struct table *t, const struct sample *s, long delta, size_t height);

#endif
