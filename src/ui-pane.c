/* ui-pane.c - the process pane: the permission hint, the column header
 * (sort column marked with its direction) and one line per view row of
 * the table, selection highlighted.  Columns come from table_layout_widths, so
 * narrow terminals lose the least useful ones first.  It only draws: the
 * order, filter and selection are table.c's. */
#include "config.h"
#include "fmt.h"
#include "ui-priv.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

/* ui_pane_marker: the sort direction marker. */
static const char *ui_pane_marker(const struct ui *u)
{
	if (u->o->unicode)
		return u->t.sort_desc ? "\u25bc" : "\u25b2";
	return u->t.sort_desc ? "v" : "^";
}

/* ui_pane_spare: blank cells at the left of the header of the column
 * shown after c (a right-aligned header shorter than its column). */
static int ui_pane_spare(const bool shown[COL_NCOLS], const int widths[COL_NCOLS], int c)
{
	for (int k = c + 1; k < COL_NCOLS; k++) {
		const struct table_col_info *ci;

		if (!shown[k])
			continue;
		ci = table_col_info((enum table_col)k);
		return ci->right ? widths[k] - (int)strlen(ci->header) : 0;
	}
	return 0;
}

/* ui_pane_sort_text: the marked header of the sort column into text, and
 * where it goes (*x, *w).  The glyph of UTF-8 mode sits next to the name
 * and may take the gap before a right-aligned column.  The ASCII marker
 * is a letter, so it stands apart by a space ("v CPU", "WAIT v") and
 * never touches a name: a right-aligned name that does not fit loses its
 * unit ("/s", "%"); a left-aligned one may take the gap and the blank
 * cells of the next header (spare). */
static void ui_pane_sort_text(const struct ui *u, const struct table_col_info *ci, char *text,
			      size_t sz, int *x, int *w, int spare)
{
	bool uni = u->o->unicode;
	const char *sep = uni ? "" : " ";
	char name[32];
	size_t n;

	snprintf(name, sizeof(name), "%s", ci->header);
	if (!ci->right) {
		snprintf(text, sz, "%s%s%s", name, sep, ui_pane_marker(u));
		if (ui_text_cells(text, uni) > *w)
			*w += 1 + (spare > 0 ? spare : 0);
		return;
	}
	snprintf(text, sz, "%s%s%s", ui_pane_marker(u), sep, name);
	if (uni) {
		if (ui_text_cells(text, uni) > *w && *x > 0)
			(*x)--, (*w)++; /* into the gap */
		return;
	}
	n = strlen(name);
	if (ui_text_cells(text, uni) > *w && n > 2 && strcmp(name + n - 2, "/s") == 0)
		name[n -= 2] = '\0';
	else if (ui_text_cells(text, uni) > *w && n > 1 && name[n - 1] == '%')
		name[--n] = '\0';
	snprintf(text, sz, "%s%s%s", ui_pane_marker(u), sep, name);
}

/* ui_pane_header: column headers on row y, the sort column marked. */
static void ui_pane_header(struct ui *u, int y, const bool shown[COL_NCOLS],
			   const int widths[COL_NCOLS])
{
	int hattr = ui_term_attr(UI_PAIR_HEADER, A_REVERSE);
	int x = 0;

	attrset(hattr);
	move(y, 0);
	for (int i = 0; i < u->cols; i++)
		addch(' ');
	/* the marked header last: it may spill into its neighbours' blanks */
	for (int pass = 0; pass < 2; pass++) {
		x = 0;
		for (int c = 0; c < COL_NCOLS; c++) {
			const struct table_col_info *ci = table_col_info((enum table_col)c);
			int w = widths[c];
			bool marked = c == (int)u->t.sort_col;
			char text[48];
			int tx = x, tw = w;

			if (!shown[c])
				continue;
			x += w + 1;
			if (marked != (pass == 1))
				continue;
			if (!marked) {
				ui_text_put(y, tx, w, ci->header, ci->right, u->o->unicode);
				continue;
			}
			ui_pane_sort_text(u, ci, text, sizeof(text), &tx, &tw,
					  ui_pane_spare(shown, widths, c));
			if (tx + tw > u->cols)
				tw = u->cols - tx;
			attrset(ui_term_attr(UI_PAIR_SORT, A_REVERSE | A_BOLD));
			ui_text_put(y, tx, tw, text, ci->right, u->o->unicode);
			attrset(hattr);
		}
	}
	attrset(A_NORMAL);
}

/* ui_pane_wait_attr: colour for a WAIT value: blocking categories stand out. */
static int ui_pane_wait_attr(const struct proc_row *p)
{
	if (!p->have_wait)
		return A_NORMAL;
	switch (p->wait) {
	case WAIT_CPU:
		return ui_term_attr(UI_PAIR_OK, A_NORMAL);
	case WAIT_RUNQUEUE:
	case WAIT_DISK_READ:
	case WAIT_DISK_WRITE:
	case WAIT_DIRTY_THROTTLE:
	case WAIT_LOCK:
		return ui_term_attr(UI_PAIR_WARN, A_BOLD);
	case WAIT_STOPPED:
	case WAIT_ZOMBIE:
		return ui_term_attr(UI_PAIR_BAD, A_NORMAL);
	default:
		return A_NORMAL;
	}
}

/* ui_pane_cell: the text of column c for row p into buf. */
static const char *ui_pane_cell(const struct ui *u, const struct proc_row *p, int c, char *buf,
				size_t sz)
{
	switch (c) {
	case COL_PID:
		snprintf(buf, sz, "%d", p->is_thread ? p->tid : p->pid);
		break;
	case COL_USER:
		snprintf(buf, sz, "%s", p->user);
		break;
	case COL_STATE:
		snprintf(buf, sz, "%c", p->state ? p->state : '?');
		break;
	case COL_CPU:
		fmt_pct(buf, sz, p->have_cpu, p->cpu_pct);
		break;
	case COL_WCHAN:
		/* "-" when unreadable and while running (the kernel's wchan is
		 * empty then), as in batch output */
		snprintf(buf, sz, "%s", p->have_wchan && model_str(p->wchan)[0] ? p->wchan : "-");
		break;
	case COL_WAIT:
		fmt_wait_short(buf, sz, p->have_wait, p->wait, p->wait_share);
		break;
	case COL_WHY:
		snprintf(buf, sz, "%s", p->have_wait && model_str(p->why)[0] ? p->why : "-");
		break;
	case COL_DISK_R:
		fmt_rate(buf, sz, p->have_io, p->disk_read_bps);
		break;
	case COL_DISK_W:
		fmt_rate(buf, sz, p->have_io, p->disk_write_bps);
		break;
	case COL_NET_RX:
		fmt_rate(buf, sz, p->have_net, p->net_rx_bps);
		break;
	case COL_NET_TX:
		fmt_rate(buf, sz, p->have_net, p->net_tx_bps);
		break;
	case COL_COMMAND: {
		char cmd[256];

		if (p->is_thread)
			snprintf(buf, sz, "{%s}", p->comm);
		else if (u->t.full_cmd && p->cmdline && p->cmdline[0])
			snprintf(buf, sz, "%s", p->cmdline);
		else if (p->kthread)
			snprintf(buf, sz, "[%s]", p->comm);
		else if (u->t.full_cmd && p->cmdline_why)
			snprintf(buf, sz, "%s (cmdline -: %s)", p->comm, p->cmdline_why);
		else
			snprintf(buf, sz, "%s", fmt_command(cmd, sizeof(cmd), p->comm, p->cmdline));
		break;
	}
	default:
		buf[0] = '\0';
	}
	return buf;
}

/* The WAIT bar's colour for each category: one per group that a user acts
 * on alike; the letter (model_wait_letter) tells them apart. */
static const struct {
	enum ui_pair pair;
	const char *name;
} ui_pane_bar[WAIT_NCAT] = {
	[WAIT_CPU] = { UI_PAIR_BAR_GREEN, "green" },
	[WAIT_RUNQUEUE] = { UI_PAIR_BAR_YELLOW, "yellow" },
	[WAIT_DISK_READ] = { UI_PAIR_BAR_MAGENTA, "magenta" },
	[WAIT_DISK_WRITE] = { UI_PAIR_BAR_MAGENTA, "magenta" },
	[WAIT_DIRTY_THROTTLE] = { UI_PAIR_BAR_RED, "red" },
	[WAIT_NET] = { UI_PAIR_BAR_CYAN, "cyan" },
	[WAIT_LOCK] = { UI_PAIR_BAR_RED, "red" },
	[WAIT_IPC] = { UI_PAIR_BAR_BLUE, "blue" },
	[WAIT_POLL] = { UI_PAIR_BAR_WHITE, "white" },
	[WAIT_SLEEP] = { UI_PAIR_BAR_WHITE, "white" },
	[WAIT_TTY] = { UI_PAIR_BAR_WHITE, "white" },
	[WAIT_CHILD] = { UI_PAIR_BAR_WHITE, "white" },
	[WAIT_STOPPED] = { UI_PAIR_BAR_RED, "red" },
	[WAIT_ZOMBIE] = { UI_PAIR_BAR_RED, "red" },
	[WAIT_IDLE] = { UI_PAIR_BAR_WHITE, "white" },
	[WAIT_OTHER] = { UI_PAIR_BAR_WHITE, "white" },
};

int ui_pane_bar_attr(enum wait_cat c)
{
	if ((int)c < 0 || c >= WAIT_NCAT)
		return A_NORMAL;
	return ui_term_attr(ui_pane_bar[c].pair, A_NORMAL);
}

const char *ui_pane_bar_colour(enum wait_cat c)
{
	return (int)c < 0 || c >= WAIT_NCAT ? "" : ui_pane_bar[c].name;
}

/* ui_pane_draw_bar: the WAIT bar of p at (y, x), TABLE_WAIT_BAR cells:
 * each cell its category's letter on its colour; '.' where no category
 * covers the interval. */
static void ui_pane_draw_bar(int y, int x, const struct proc_row *p, int base)
{
	int cells[TABLE_WAIT_BAR];

	if (!p->have_wait)
		return;
	fmt_wait_bar(cells, TABLE_WAIT_BAR, p->wait_share);
	for (int i = 0; i < TABLE_WAIT_BAR; i++) {
		char ch[2] = { cells[i] < 0 ? '.' : model_wait_letter((enum wait_cat)cells[i]), 0 };

		attrset(cells[i] < 0 ? base : ui_pane_bar_attr((enum wait_cat)cells[i]));
		mvaddstr(y, x + i, ch);
	}
	attrset(base);
}

/* ui_pane_tree: the tree view's indent of view row i, two cells a level. */
static void ui_pane_tree(const struct ui *u, size_t i, char *buf, size_t sz)
{
	const char *pfx = u->t.tree && u->t.tree_pfx ? u->t.tree_pfx[i] : "";
	size_t n = 0;

	buf[0] = '\0';
	for (; *pfx && n + 8 < sz; pfx++) {
		const char *piece;

		switch (*pfx) {
		case '|':
			piece = u->o->unicode ? "\u2502 " : "| ";
			break;
		case '+':
			piece = u->o->unicode ? "\u251c\u2500" : "|-";
			break;
		case '`':
			piece = u->o->unicode ? "\u2514\u2500" : "`-";
			break;
		default:
			piece = "  ";
		}
		n += (size_t)snprintf(buf + n, sz - n, "%s", piece);
	}
}

/* ui_pane_scrolled: COMMAND or WHY text s (tree indent in front) cut to w
 * cells after the horizontal scroll, with ellipses where cut. */
static void ui_pane_scrolled(const struct ui *u, int y, int x, int w, const char *indent,
			     const char *s)
{
	char joined[4200], cut[4200];

	snprintf(joined, sizeof(joined), "%s%s", indent, s);
	fmt_cut(cut, sizeof(cut), joined, u->hscroll, w, u->o->unicode);
	ui_text_put(y, x, w, cut, false, u->o->unicode);
}

/* ui_pane_row: view row i on screen row y. */
static void ui_pane_row(struct ui *u, int y, size_t i, const bool shown[COL_NCOLS],
			const int widths[COL_NCOLS])
{
	const struct proc_row *p = table_row(&u->t, ui_shown(u), i);
	bool sel = i == u->t.sel;
	int base = sel ? ui_term_attr(UI_PAIR_SEL, A_REVERSE) : (int)A_NORMAL;
	char buf[4096], indent[4 * TABLE_TREE_DEPTH + 8];
	int x = 0;

	attrset(base);
	move(y, 0);
	for (int k = 0; k < u->cols; k++)
		addch(' ');
	ui_pane_tree(u, i, indent, sizeof(indent));
	for (int c = 0; c < COL_NCOLS; c++) {
		const struct table_col_info *ci = table_col_info((enum table_col)c);
		int w = widths[c];
		int attr = base;

		if (!shown[c])
			continue;
		if (!sel && c == COL_WAIT)
			attr = ui_pane_wait_attr(p);
		if (!sel && c == COL_STATE && (p->state == 'D' || p->state == 'R'))
			attr = A_BOLD;
		if (!sel && p->is_thread && c == COL_COMMAND)
			attr = ui_term_attr(UI_PAIR_DIM, A_NORMAL);
		attrset(attr);
		ui_pane_cell(u, p, c, buf, sizeof(buf));
		if (c == COL_COMMAND || c == COL_WHY) {
			ui_pane_scrolled(u, y, x, w, c == COL_COMMAND ? indent : "", buf);
		} else if (c == COL_WAIT && w > TABLE_WAIT_TEXT) {
			ui_text_put(y, x, TABLE_WAIT_TEXT, buf, false, u->o->unicode);
			ui_pane_draw_bar(y, x + w - TABLE_WAIT_BAR, p, base);
		} else {
			ui_text_put(y, x, w, buf, ci->right, u->o->unicode);
		}
		x += w + 1;
	}
	attrset(A_NORMAL);
}

/* ui_pane_notes: the line above the header: kernel threads hidden, values
 * hidden from this user, the horizontal scroll; "" when none. */
static void ui_pane_notes(const struct ui *u, const struct sample *s, char *buf, size_t sz)
{
	bool denied = u->have_sample && !s->root && s->any_denied;
	size_t n = 0;

	buf[0] = '\0';
	ui_view_pfilter_note(u, buf, sz); /* Enter on a group or disk: what is shown */
	n = strlen(buf);
	if (n && denied)
		n += (size_t)snprintf(buf + n, sz - n, "; ");
	/* the permission hint first: the kernel threads' note is the one cut */
	if (denied && n < sz)
		n += (size_t)snprintf(buf + n, sz - n,
				      "some values hidden: run as root to see more");
	if (u->have_sample && !u->t.show_kthreads && u->t.nkthreads_hidden && n < sz)
		n += (size_t)snprintf(buf + n, sz - n, "%s%zu kernel threads hidden (K%s)",
				      n ? "; " : "", u->t.nkthreads_hidden,
				      denied ? "" : " shows them");
	if (u->hscroll && n < sz)
		snprintf(buf + n, sz - n, "%sscrolled %d (Left/Right)", n ? "; " : "", u->hscroll);
}

void ui_pane_draw(struct ui *u, int y, int h)
{
	const struct sample *s = ui_shown(u);
	bool shown[COL_NCOLS];
	int widths[COL_NCOLS], end = y + h;
	char notes[256];

	if (h <= 0)
		return;
	ui_pane_notes(u, s, notes, sizeof(notes));
	if (h > 2) { /* the notes, and the panes' names at the right when they fit */
		int nw = ui_text_cells(notes, u->o->unicode), tw;

		move(y, 0);
		clrtoeol();
		tw = ui_view_tabs_draw(u, y, nw + 2);
		attrset(ui_term_attr(UI_PAIR_WARN, A_BOLD));
		ui_text_put(y, 0, u->cols - (tw ? tw + 1 : 0), notes, false, u->o->unicode);
		attrset(A_NORMAL);
		y++;
	}
	table_layout_widths(u->cols, u->t.sort_col, shown, widths);
	ui_pane_header(u, y++, shown, widths);
	u->pane_height = end > y ? (size_t)(end - y) : 1;
	table_move(&u->t, s, 0, u->pane_height);
	for (int r = y; r < end; r++) {
		size_t i = u->t.top + (size_t)(r - y);

		move(r, 0);
		clrtoeol();
		if (i < u->t.nrows)
			ui_pane_row(u, r, i, shown, widths);
		else if (i == 0 && u->have_sample && r == y)
			ui_text_put(r, 0, u->cols, "  no process matches", false, false);
	}
}
