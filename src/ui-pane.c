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
	for (int c = 0; c < COL_NCOLS; c++) {
		const struct table_col_info *ci = table_col_info((enum table_col)c);
		int w = widths[c];
		char text[32];

		if (!shown[c])
			continue;
		if (c == (int)u->t.sort_col) {
			/* the marker sits next to the text: before a right-aligned
			 * header, after a left-aligned one */
			if (ci->right)
				snprintf(text, sizeof(text), "%s%s", ui_pane_marker(u), ci->header);
			else
				snprintf(text, sizeof(text), "%s%s", ci->header, ui_pane_marker(u));
			attrset(ui_term_attr(UI_PAIR_SORT, A_REVERSE | A_BOLD));
			if (ci->right && ui_text_cells(text, u->o->unicode) > w && x > 0)
				ui_text_put(y, x - 1, w + 1, text, true,
					    u->o->unicode); /* into the gap */
			else if (!ci->right && ui_text_cells(text, u->o->unicode) > w)
				ui_text_put(y, x, w + 1, text, false, u->o->unicode);
			else
				ui_text_put(y, x, w, text, ci->right, u->o->unicode);
			attrset(hattr);
		} else {
			ui_text_put(y, x, w, ci->header, ci->right, u->o->unicode);
		}
		x += w + 1;
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
		fmt_pct(buf, sz, true, p->cpu_pct);
		break;
	case COL_WCHAN:
		/* "-" when unreadable and while running (the kernel's wchan is
		 * empty then), as in batch output */
		snprintf(buf, sz, "%s", p->have_wchan && p->wchan[0] ? p->wchan : "-");
		break;
	case COL_WAIT:
		snprintf(buf, sz, "%s",
			 p->have_wait && model_wait_name(p->wait) ? model_wait_name(p->wait) : "-");
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
	case COL_COMMAND:
		if (p->is_thread)
			snprintf(buf, sz, "{%s}", p->comm);
		else if (u->t.full_cmd && p->cmdline && p->cmdline[0])
			snprintf(buf, sz, "%s", p->cmdline);
		else if (u->t.full_cmd && p->kthread)
			snprintf(buf, sz, "[%s]", p->comm);
		else if (u->t.full_cmd && p->cmdline_why)
			snprintf(buf, sz, "%s (cmdline -: %s)", p->comm, p->cmdline_why);
		else
			snprintf(buf, sz, "%s", p->comm);
		break;
	default:
		buf[0] = '\0';
	}
	return buf;
}

/* ui_pane_row: view row i on screen row y. */
static void ui_pane_row(struct ui *u, int y, size_t i, const bool shown[COL_NCOLS],
			const int widths[COL_NCOLS])
{
	const struct proc_row *p = table_row(&u->t, ui_shown(u), i);
	bool sel = i == u->t.sel;
	int base = sel ? ui_term_attr(UI_PAIR_SEL, A_REVERSE) : (int)A_NORMAL;
	char buf[4096];
	int x = 0;

	attrset(base);
	move(y, 0);
	for (int k = 0; k < u->cols; k++)
		addch(' ');
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
		ui_text_put(y, x, w, ui_pane_cell(u, p, c, buf, sizeof(buf)), ci->right,
			    u->o->unicode);
		x += w + 1;
	}
	attrset(A_NORMAL);
}

void ui_pane_draw(struct ui *u, int y, int h)
{
	const struct sample *s = ui_shown(u);
	bool shown[COL_NCOLS];
	int widths[COL_NCOLS], end = y + h;

	if (h <= 0)
		return;
	if (u->have_sample && !s->root && s->any_denied && h > 2) {
		move(y, 0);
		clrtoeol();
		attrset(ui_term_attr(UI_PAIR_WARN, A_BOLD));
		ui_text_put(y, 0, u->cols, "some values hidden: run as root to see more", false,
			    u->o->unicode);
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
