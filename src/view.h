/* view.h - the view-model of the Disks, Interfaces, Connections and Groups
 * panes: per pane its columns, sort column and direction, text filter,
 * selection kept by a stable key (disk name, interface name, local+peer
 * pair, cgroup path) and scroll, over the rows arrays of a struct sample.
 * Pure: no curses, no /proc; the cells' text is made here too so the
 * drawing (ui-view.c) only lays it out.  The Processes pane keeps its own
 * view-model, table.c. */
#ifndef WAITTOP_VIEW_H
#define WAITTOP_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

/* The panes, in the order Tab and the digits 1-5 reach them. */
enum view_pane { VIEW_PROCS, VIEW_DISKS, VIEW_IFACES, VIEW_CONNS, VIEW_GROUPS, VIEW_NPANES };

/* A column of a pane. */
struct view_col {
	const char *name; /* for --pane NAME:COLUMN: "util", "rx"... */
	const char *header; /* "%UTIL" */
	int width; /* cells; the pane's flex column takes what is left */
	int drop_rank; /* narrow terminals drop the highest first; 0 never */
	bool right; /* right-aligned number */
	bool default_desc; /* numbers sort descending first */
	bool flex; /* the text column that takes the rest (one per pane, last) */
	const char *help; /* one line for the sort menu and the man page */
};

#define VIEW_KEY_MAX (2 * MODEL_ADDR_MAX + 2)
#define VIEW_COLS_MAX 16

struct view {
	enum view_pane pane;
	int sort_col;
	bool sort_desc;
	char filter[64]; /* \ : rows whose key text contains it, any case */
	bool all; /* a: Disks shows partitions; Connections: other protocols (when collected) */
	size_t *rows; /* indices into the sample's array, filtered and sorted */
	size_t nrows, cap;
	char sel_key[VIEW_KEY_MAX]; /* "" none chosen: the cursor stays on row 0 */
	size_t sel, top;
};

/* view_pane_name: "processes", "disks", "interfaces", "connections", "groups". */
const char *view_pane_name(enum view_pane p);
/* view_pane_title: "Processes", "Disks"... for the header line. */
const char *view_pane_title(enum view_pane p);
/* view_pane_parse: a pane from its name or a prefix of at least 3 letters
 * (or its digit "1"-"5"); -1 if unknown. */
int view_pane_parse(const char *name);
/* view_pane_bit: the MODEL_PANE_* bit that collects pane p's rows (0 for processes). */
unsigned view_pane_bit(enum view_pane p);
/* view_cols: the columns of pane p (not VIEW_PROCS) and their count. */
const struct view_col *view_cols(enum view_pane p, int *n);
/* view_col_parse: a column of pane p from its name or header, any case; -1 if unknown. */
int view_col_parse(enum view_pane p, const char *name);

/* view_init: pane p, sorted by its default column, no filter, no selection. */
void view_init(struct view *v, enum view_pane p);
/* view_clear: free the rows; NULL is a no-op. */
void view_clear(struct view *v);
/* view_count: the rows s has for v's pane (before filtering). */
size_t view_count(const struct view *v, const struct sample *s);
/* view_key: the stable key of the sample's row idx (name, path, "local peer"). */
void view_key(const struct view *v, const struct sample *s, size_t idx, char *buf, size_t sz);
/* view_cell: the text of column c of the sample's row idx ("-" when unknown). */
void view_cell(const struct view *v, const struct sample *s, size_t idx, int c, char *buf,
	       size_t sz);
/* view_build: rows from s: the filter (and, for Disks, partitions only
 * with all), then the sort (missing values last, ties by key); the
 * selection stays on the same key when it is still shown, else on the
 * same index, clamped.  0, or -1 on ENOMEM (rows emptied). */
int view_build(struct view *v, const struct sample *s);
/* view_set_sort: sort by column c; the same column again inverts, a new
 * one starts in its default direction.  Call view_build after. */
void view_set_sort(struct view *v, int c);
/* view_move: move the selection by delta rows (clamped), keeping it in a
 * window of height rows, and remember its key; delta 0 only fixes the window. */
void view_move(struct view *v, const struct sample *s, long delta, size_t height);
/* view_select: select view row i (clamped) and follow it. */
void view_select(struct view *v, const struct sample *s, size_t i, size_t height);
/* view_search: the view row from 'from' (wrapping) whose key text or
 * command contains needle, any case; -1 if none or needle "". */
long view_search(const struct view *v, const struct sample *s, const char *needle, size_t from);
/* view_selected: the sample's index of the selected row; -1 when the view is empty. */
long view_selected(const struct view *v);
/* view_layout: which columns of pane p fit in width cells (one space
 * between): highest drop_rank dropped first, never the sort column while
 * another can go, until the flex column has at least flex_min cells;
 * widths[c] 0 for a dropped column.  Returns the flex column's width. */
int view_layout(enum view_pane p, int width, int keep, int widths[VIEW_COLS_MAX]);

#endif
