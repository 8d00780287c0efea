/* ui-menu.c - the two pick lists drawn over the left of the process pane:
 * the sort menu (F6: every column, with what it shows) and the user menu
 * (u: "all users" and every user that owns a process now).  Arrows move,
 * Enter picks, Esc cancels; in the user menu a letter jumps to a name. */
#include "config.h"
#include "ui-priv.h"
#include "util.h"

#include <ctype.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ui_menu_add: append an item (the menu array grows). */
static struct ui_menu_item *ui_menu_add(struct ui *u, size_t *cap)
{
	if (u->nmenu == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		u->menu = xrealloc(u->menu, *cap * sizeof(*u->menu));
	}
	memset(&u->menu[u->nmenu], 0, sizeof(u->menu[0]));
	return &u->menu[u->nmenu++];
}

/* ui_menu_user_cmp: user items by name. */
static int ui_menu_user_cmp(const void *a, const void *b)
{
	const struct ui_menu_item *x = a, *y = b;

	return strcmp(x->label, y->label);
}

/* ui_menu_users: "all users" then the users of the shown sample. */
static void ui_menu_users(struct ui *u, size_t *cap)
{
	const struct sample *s = ui_shown(u);
	struct ui_menu_item *it = ui_menu_add(u, cap);

	snprintf(it->label, sizeof(it->label), "all users");
	for (size_t i = 0; i < s->nprocs; i++) {
		bool seen = false;

		for (size_t k = 1; k < u->nmenu && !seen; k++)
			seen = u->menu[k].uid == s->procs[i].uid;
		if (seen)
			continue;
		it = ui_menu_add(u, cap);
		it->have_uid = true;
		it->uid = s->procs[i].uid;
		snprintf(it->label, sizeof(it->label), "%s",
			 s->procs[i].user[0] ? s->procs[i].user : "?");
	}
	if (u->nmenu > 2)
		qsort(u->menu + 1, u->nmenu - 1, sizeof(*u->menu), ui_menu_user_cmp);
	for (size_t k = 1; k < u->nmenu; k++)
		if (u->t.have_uid_filter && u->menu[k].uid == u->t.uid_filter)
			u->menu_sel = k;
}

/* ui_menu_signals: the signals k/F9 can send, SIGTERM first (selected). */
static void ui_menu_signals(struct ui *u, size_t *cap)
{
	size_t n;
	const struct ui_action_sig *v = ui_action_sigs_list(&n);

	for (size_t i = 0; i < n; i++) {
		struct ui_menu_item *it = ui_menu_add(u, cap);

		it->sig = v[i].sig;
		snprintf(it->label, sizeof(it->label), "%2d %s", v[i].sig, v[i].name);
	}
}

void ui_menu_open(struct ui *u, enum ui_menu_kind kind)
{
	size_t cap = 0;

	free(u->menu);
	u->menu = NULL;
	u->nmenu = u->menu_sel = u->menu_top = 0;
	u->menu_kind = kind;
	if (kind == UI_MENU_SORT && u->pane != VIEW_PROCS) {
		int nc;
		const struct view_col *vc = view_cols(u->pane, &nc);

		for (int c = 0; c < nc; c++) {
			struct ui_menu_item *it = ui_menu_add(u, &cap);

			it->col = c;
			snprintf(it->label, sizeof(it->label), "%-9s %s", vc[c].header, vc[c].help);
			if (c == u->views[u->pane].sort_col)
				u->menu_sel = (size_t)c;
		}
	} else if (kind == UI_MENU_SORT) {
		for (int c = 0; c < COL_NCOLS; c++) {
			struct ui_menu_item *it = ui_menu_add(u, &cap);

			it->col = c;
			snprintf(it->label, sizeof(it->label), "%-9s %s",
				 table_col_info((enum table_col)c)->header,
				 table_col_info((enum table_col)c)->help);
			if (c == (int)u->t.sort_col)
				u->menu_sel = (size_t)c;
		}
	} else if (kind == UI_MENU_SIGNAL) {
		ui_menu_signals(u, &cap);
	} else {
		ui_menu_users(u, &cap);
	}
	u->menu_back = u->mode == UI_MODE_DRILL ? UI_MODE_DRILL : UI_MODE_MAIN;
	u->mode = UI_MODE_MENU;
}

/* ui_menu_close: back to the screen the menu was opened from. */
static void ui_menu_close(struct ui *u)
{
	free(u->menu);
	u->menu = NULL;
	u->nmenu = 0;
	u->mode = u->menu_back;
}

/* ui_menu_pick: apply the selected item. */
static void ui_menu_pick(struct ui *u)
{
	const struct ui_menu_item *it = &u->menu[u->menu_sel];

	if (u->menu_kind == UI_MENU_SORT && u->pane != VIEW_PROCS) {
		if (u->views[u->pane].sort_col != it->col)
			view_set_sort(&u->views[u->pane], it->col);
	} else if (u->menu_kind == UI_MENU_SORT) {
		if ((int)u->t.sort_col != it->col) {
			u->t.sort_col = (enum table_col)it->col;
			u->t.sort_desc = table_col_info(u->t.sort_col)->default_desc;
		}
	} else if (u->menu_kind == UI_MENU_SIGNAL) {
		int sig = it->sig;

		ui_menu_close(u);
		ui_action_ask(u, sig);
		return;
	} else {
		u->t.have_uid_filter = it->have_uid;
		u->t.uid_filter = it->uid;
	}
	ui_menu_close(u);
	ui_rebuild(u);
}

void ui_menu_key(struct ui *u, int key)
{
	long sel = (long)u->menu_sel, n = (long)u->nmenu;

	switch (key) {
	case KEY_UP:
		sel--;
		break;
	case KEY_DOWN:
		sel++;
		break;
	case KEY_PPAGE:
		sel -= 10;
		break;
	case KEY_NPAGE:
		sel += 10;
		break;
	case KEY_HOME:
		sel = 0;
		break;
	case KEY_END:
		sel = n - 1;
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		ui_menu_pick(u);
		return;
	case 27:
	case 'q':
	case KEY_F(10):
		ui_menu_close(u);
		return;
	default:
		if (u->menu_kind == UI_MENU_USER && key < 0x80 && isalnum(key)) {
			for (long k = 1; k <= n; k++) {
				long i = (sel + k) % n;

				if (tolower((unsigned char)u->menu[i].label[0]) == tolower(key)) {
					sel = i;
					break;
				}
			}
		}
	}
	if (sel < 0)
		sel = 0;
	if (sel >= n)
		sel = n - 1;
	u->menu_sel = (size_t)sel;
}

/* ui_menu_width: wide enough for the title and the longest item (with its
 * "* " mark) but leaving a quarter of a wide screen to the pane behind. */
static int ui_menu_width(const struct ui *u)
{
	int w = 40, cap = u->cols >= 64 ? u->cols * 3 / 4 : u->cols;

	for (size_t i = 0; i < u->nmenu; i++) {
		int cw = ui_text_cells(u->menu[i].label, u->o->unicode) + 3;

		if (cw > w)
			w = cw;
	}
	return w < cap ? w : cap;
}

void ui_menu_draw(struct ui *u, int y, int h)
{
	int w = ui_menu_width(u);
	size_t rows = h > 1 ? (size_t)h - 1 : 1;

	if (h < 2)
		return;
	if (u->menu_sel < u->menu_top)
		u->menu_top = u->menu_sel;
	if (u->menu_sel >= u->menu_top + rows)
		u->menu_top = u->menu_sel - rows + 1;
	attrset(ui_term_attr(UI_PAIR_HEADER, A_REVERSE | A_BOLD));
	ui_text_put(y, 0, w,
		    u->menu_kind == UI_MENU_SORT     ? "Sort by (Enter picks, Esc cancels)"
		    : u->menu_kind == UI_MENU_SIGNAL ? "Send signal (Enter picks, Esc cancels)"
						     : "Show user (Enter picks, Esc cancels)",
		    false, u->o->unicode);
	for (size_t r = 0; r < rows; r++) {
		size_t i = u->menu_top + r;
		bool cur;

		if (i >= u->nmenu) {
			attrset(A_NORMAL);
			ui_text_put(y + 1 + (int)r, 0, w, "", false, false);
			continue;
		}
		cur = u->menu_kind == UI_MENU_SIGNAL ? false
		      : u->menu_kind == UI_MENU_SORT
			  ? u->menu[i].col == (u->pane != VIEW_PROCS ? u->views[u->pane].sort_col
								     : (int)u->t.sort_col)
		      : u->t.have_uid_filter
			  ? (u->menu[i].have_uid && u->menu[i].uid == u->t.uid_filter)
			  : !u->menu[i].have_uid;
		attrset(i == u->menu_sel ? ui_term_attr(UI_PAIR_SEL, A_REVERSE) : (int)A_NORMAL);
		ui_text_printf(y + 1 + (int)r, 0, w, u->o->unicode, "%s%s", cur ? "* " : "  ",
			       u->menu[i].label);
	}
	attrset(A_NORMAL);
	/* a border between the menu and the pane behind it */
	if (w < u->cols)
		for (int r = y; r < y + h; r++)
			mvaddch(r, w, u->o->unicode ? ACS_VLINE : '|');
}
