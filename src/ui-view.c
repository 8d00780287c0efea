/* ui-view.c - drawing the Disks, Interfaces, Connections and Groups panes
 * from their view-model (view.c), and the pane line that names the pane
 * shown and the keys of the others.  It only lays out and draws: order,
 * filter, selection and the cells' text are view.c's; the rows are the
 * shown sample's. */
#include "config.h"
#include "fmt.h"
#include "ui-priv.h"
#include "util.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ui_view_tabs_text: "1:Processes [2:Disks] 3:Interfaces..." for the pane
 * line, else "1:Procs [2:Disks]...", else "1 [2] 3 4 5 Tab": the longest
 * that fits in room. */
static void ui_view_tabs_text(const struct ui *u, int room, char *buf, size_t sz)
{
	static const char *const shrt[VIEW_NPANES] = { "Procs", "Disks", "Ifaces", "Conns",
						       "Groups" };

	for (int pass = 0; pass < 3; pass++) {
		size_t n = 0;

		buf[0] = '\0';
		for (int p = 0; p < VIEW_NPANES && n < sz; p++) {
			const char *name = pass == 0   ? view_pane_title((enum view_pane)p)
					   : pass == 1 ? shrt[p]
						       : "";
			bool cur = p == (int)u->pane;

			n += (size_t)snprintf(buf + n, sz - n, "%s%s%d%s%s%s", p ? " " : "",
					      cur ? "[" : "", p + 1, name[0] ? ":" : "", name,
					      cur ? "]" : "");
		}
		if (pass == 2 && n < sz)
			snprintf(buf + n, sz - n, " Tab");
		if ((int)strlen(buf) <= room)
			return;
	}
}

int ui_view_tabs_draw(struct ui *u, int y, int used)
{
	char tabs[160];
	int room = u->cols - used - 1, w;

	ui_view_tabs_text(u, room, tabs, sizeof(tabs));
	w = (int)strlen(tabs);
	if (w > room)
		return 0;
	attrset(ui_term_attr(UI_PAIR_LABEL, A_NORMAL));
	ui_text_put(y, u->cols - w, w, tabs, false, false);
	attrset(A_NORMAL);
	return w;
}

/* ui_view_title: the pane's own line: what it shows, counters of the
 * Interfaces pane, the filter, what a hides. */
static void ui_view_title(const struct ui *u, const struct view *v, const struct sample *s,
			  char *buf, size_t sz)
{
	size_t n = 0;

	n += (size_t)snprintf(buf, sz, "%s", view_pane_title(v->pane));
	if (!u->have_sample || !s->sys.interval_s || u->ticks == u->pane_tick)
		n += (size_t)snprintf(buf + n, sz - n, ": from the next refresh...");
	else if (!(s->panes & view_pane_bit(v->pane)))
		n += (size_t)snprintf(buf + n, sz - n, ": not readable here");
	else
		n += (size_t)snprintf(buf + n, sz - n, v->filter[0] ? " %zu of %zu" : " %zu",
				      v->nrows, view_count(v, s));
	if (v->pane == VIEW_IFACES && n < sz) {
		if (s->netstat.have)
			n += (size_t)snprintf(
			    buf + n, sz - n, " ListenOverflows %.1f/s ListenDrops %.1f/s",
			    s->netstat.listen_overflows_ps, s->netstat.listen_drops_ps);
		if (s->sys.have_retrans && n < sz)
			n += (size_t)snprintf(buf + n, sz - n, " retrans %.1f/s",
					      s->sys.tcp_retrans_ps);
	}
	if (v->pane == VIEW_DISKS && !v->all && n < sz)
		n += (size_t)snprintf(buf + n, sz - n, "  (a: partitions)");
	if (v->filter[0] && n < sz)
		snprintf(buf + n, sz - n, "  filter \"%s\" (Esc clears)", v->filter);
}

/* ui_view_header: column headers on row y, the sort column marked. */
static void ui_view_header(struct ui *u, const struct view *v, int y, const int *widths)
{
	int n, x = 0, hattr = ui_term_attr(UI_PAIR_HEADER, A_REVERSE);
	const struct view_col *c = view_cols(v->pane, &n);

	attrset(hattr);
	move(y, 0);
	for (int i = 0; i < u->cols; i++)
		addch(' ');
	for (int i = 0; i < n; i++) {
		char text[32];
		int w = widths[i];

		if (!w)
			continue;
		if (i == v->sort_col) {
			const char *mk = u->o->unicode ? (v->sort_desc ? "\u25bc" : "\u25b2")
						       : (v->sort_desc ? "v" : "^");

			if (c[i].right)
				snprintf(text, sizeof(text), "%s%s", mk, c[i].header);
			else
				snprintf(text, sizeof(text), "%s%s", c[i].header, mk);
			attrset(ui_term_attr(UI_PAIR_SORT, A_REVERSE | A_BOLD));
		} else {
			snprintf(text, sizeof(text), "%s", c[i].header);
		}
		{ /* a marked header one cell too long takes the gap beside it */
			int tx = x, tw = w;

			if (ui_text_cells(text, u->o->unicode) > w)
				tw++, tx -= c[i].right && x > 0 ? 1 : 0;
			if (tx < u->cols)
				ui_text_put(y, tx, tx + tw > u->cols ? u->cols - tx : tw, text,
					    c[i].right, u->o->unicode);
		}
		attrset(hattr);
		x += w + 1;
	}
	attrset(A_NORMAL);
}

/* ui_view_row: view row i on screen row y. */
static void ui_view_row(struct ui *u, const struct view *v, const struct sample *s, int y, size_t i,
			const int *widths)
{
	int n, x = 0;
	const struct view_col *c = view_cols(v->pane, &n);
	bool sel = i == v->sel;
	int base = sel ? ui_term_attr(UI_PAIR_SEL, A_REVERSE) : (int)A_NORMAL;

	attrset(base);
	move(y, 0);
	for (int k = 0; k < u->cols; k++)
		addch(' ');
	for (int k = 0; k < n && x < u->cols; k++) {
		char buf[512], cut[512];
		int w = widths[k];

		if (!w)
			continue;
		if (x + w > u->cols)
			w = u->cols - x;
		view_cell(v, s, v->rows[i], k, buf, sizeof(buf));
		if (c[k].right) {
			ui_text_put(y, x, w, buf, true, u->o->unicode);
		} else {
			fmt_cut(cut, sizeof(cut), buf, 0, w, u->o->unicode);
			ui_text_put(y, x, w, cut, false, u->o->unicode);
		}
		x += widths[k] + 1;
	}
	attrset(A_NORMAL);
}

void ui_view_draw(struct ui *u, int y, int h)
{
	const struct sample *s = ui_shown(u);
	struct view *v = &u->views[u->pane];
	int widths[VIEW_COLS_MAX], end = y + h, tw;
	char title[320], cut[640];

	if (h <= 0)
		return;
	move(y, 0);
	clrtoeol();
	ui_view_title(u, v, s, title, sizeof(title));
	tw = (int)strlen(title);
	tw = ui_view_tabs_draw(u, y, tw < u->cols - 18 ? tw + 1 : u->cols - 18);
	attrset(A_BOLD);
	fmt_cut(cut, sizeof(cut), title, 0, u->cols - tw - (tw ? 1 : 0), u->o->unicode);
	ui_text_put(y, 0, u->cols - tw - (tw ? 1 : 0), cut, false, u->o->unicode);
	attrset(A_NORMAL);
	if (++y >= end)
		return;
	view_layout(v->pane, u->cols, v->sort_col, widths);
	ui_view_header(u, v, y++, widths);
	u->pane_height = end > y ? (size_t)(end - y) : 1;
	view_move(v, s, 0, u->pane_height);
	for (int r = y; r < end; r++) {
		size_t i = v->top + (size_t)(r - y);

		move(r, 0);
		clrtoeol();
		if (i < v->nrows)
			ui_view_row(u, v, s, r, i, widths);
		else if (i == 0 && r == y && (s->panes & view_pane_bit(v->pane)))
			ui_text_put(r, 0, u->cols, v->filter[0] ? "  no row matches" : "  none",
				    false, false);
	}
}

unsigned ui_view_panes(const struct ui *u)
{
	unsigned bits = view_pane_bit(u->pane);

	if (u->pane == VIEW_CONNS && u->views[VIEW_CONNS].all)
		bits |= MODEL_PANE_SOCKETS; /* a: UDP and unix sockets too */
	return bits | (u->pf_kind == UI_PF_GROUP ? MODEL_PANE_GROUPS : 0);
}

void ui_view_show(struct ui *u, enum view_pane p)
{
	if ((int)p < 0 || p >= VIEW_NPANES)
		return;
	if (p != u->pane)
		u->pane_tick = u->ticks;
	u->pane = p;
	engine_set_panes(u->e, ui_view_panes(u));
	ui_rebuild(u);
}

void ui_view_pfilter_set(struct ui *u, enum ui_pfilter kind, const char *key)
{
	u->pf_kind = kind;
	snprintf(u->pf_key, sizeof(u->pf_key), "%s", key);
	engine_set_open_disk(u->e, kind == UI_PF_DISK ? key : NULL);
	u->t.sel_pid = -1; /* the first row of the new list */
	u->t.sel = u->t.top = 0;
	ui_view_show(u, VIEW_PROCS);
}

void ui_view_pfilter_clear(struct ui *u)
{
	if (u->pf_kind == UI_PF_DISK)
		engine_set_open_disk(u->e, NULL);
	u->pf_kind = UI_PF_NONE;
	u->pf_key[0] = '\0';
	engine_set_panes(u->e, ui_view_panes(u));
	ui_rebuild(u);
}

void ui_view_pfilter_note(const struct ui *u, char *buf, size_t sz)
{
	const struct sample *s = ui_shown(u);

	buf[0] = '\0';
	if (u->pf_kind == UI_PF_GROUP)
		snprintf(buf, sz, "group %s (Esc clears)", u->pf_key);
	else if (u->pf_kind == UI_PF_DISK && (!s->have_open || strcmp(s->open_disk, u->pf_key)))
		snprintf(buf, sz, "files on %s: looking (Esc clears)", u->pf_key);
	else if (u->pf_kind == UI_PF_DISK)
		snprintf(buf, sz, "files on %s%s%s (Esc clears)", u->pf_key,
			 s->open_complete ? "" : ", still looking",
			 s->root ? "" : ", your processes only: root sees all");
}

/* ui_view_pfilter_pids: u->pf_pids for the shown sample. */
static void ui_view_pfilter_pids(struct ui *u, const struct sample *s)
{
	int row = 0;

	free(u->pf_pids);
	u->pf_pids = NULL;
	u->npf_pids = 0;
	if (u->pf_kind == UI_PF_NONE)
		return;
	u->pf_pids = xmalloc((s->nprocs + s->nopen_pids + 1) * sizeof(*u->pf_pids));
	if (u->pf_kind == UI_PF_DISK) {
		if (s->have_open && strcmp(s->open_disk, u->pf_key) == 0) {
			memcpy(u->pf_pids, s->open_pids, s->nopen_pids * sizeof(*u->pf_pids));
			u->npf_pids = s->nopen_pids;
		}
		return;
	}
	for (size_t g = 0; g < s->ngroups && !row; g++)
		if (strcmp(s->groups[g].path, u->pf_key) == 0)
			row = (int)g + 1;
	for (size_t i = 0; i < s->nprocs && row; i++)
		if (!s->procs[i].is_thread && s->procs[i].group == row)
			u->pf_pids[u->npf_pids++] = s->procs[i].pid;
	qsort(u->pf_pids, u->npf_pids, sizeof(*u->pf_pids), util_int_cmp);
}

void ui_view_rebuild(struct ui *u)
{
	const struct sample *s = ui_shown(u);

	ui_view_pfilter_pids(u, s);
	u->t.have_only = u->pf_kind != UI_PF_NONE;
	u->t.only_pids = u->pf_pids;
	u->t.nonly_pids = u->npf_pids;
	/* only the pane shown: a hidden one has no rows collected, and is
	 * built again when it is shown (ui_view_show) */
	if (u->pane != VIEW_PROCS && view_build(&u->views[u->pane], s) < 0)
		snprintf(u->msg, sizeof(u->msg), "out of memory building the %s pane",
			 view_pane_name(u->pane));
}
