/* ui-input.c - the bottom line: key hints, or the search or filter being
 * typed.  Search is incremental like htop's: each key moves the selection
 * to the first match at or after it; the filter rebuilds the table as it
 * is typed.  Only printable ASCII is accepted into either. */
#include "config.h"
#include "ui-priv.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

bool ui_search_next(struct ui *u, bool include_current)
{
	long i;

	if (u->pane != VIEW_PROCS) {
		struct view *v = &u->views[u->pane];

		if (!u->search[0] || v->nrows == 0)
			return false;
		i = view_search(v, ui_shown(u), u->search, v->sel + (include_current ? 0 : 1));
		if (i >= 0)
			view_select(v, ui_shown(u), (size_t)i, u->pane_height);
		return i >= 0;
	}
	if (!u->search[0] || u->t.nrows == 0)
		return false;
	i = table_search(&u->t, ui_shown(u), u->search, u->t.sel + (include_current ? 0 : 1));
	if (i < 0)
		return false;
	table_select(&u->t, ui_shown(u), (size_t)i, u->pane_height);
	return true;
}

/* ui_input_changed: the text changed: search again or refilter. */
static void ui_input_changed(struct ui *u)
{
	if (u->input == UI_INPUT_SEARCH) {
		snprintf(u->search, sizeof(u->search), "%s", u->inbuf);
		u->search_failed = u->search[0] && !ui_search_next(u, true);
	} else if (u->pane != VIEW_PROCS) {
		snprintf(u->views[u->pane].filter, sizeof(u->views[u->pane].filter), "%s",
			 u->inbuf);
		ui_rebuild(u);
	} else {
		snprintf(u->t.filter, sizeof(u->t.filter), "%s", u->inbuf);
		ui_rebuild(u);
	}
}

void ui_input_key(struct ui *u, int key)
{
	size_t n = strlen(u->inbuf);

	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		u->input = UI_INPUT_NONE;
		return;
	case 27: /* Esc: a search keeps its place; a filter is cleared */
		if (u->input == UI_INPUT_FILTER) {
			u->inbuf[0] = '\0';
			ui_input_changed(u);
		}
		u->input = UI_INPUT_NONE;
		return;
	case KEY_F(3):
		if (u->input == UI_INPUT_SEARCH)
			u->search_failed = !ui_search_next(u, false);
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (n == 0)
			return;
		u->inbuf[n - 1] = '\0';
		ui_input_changed(u);
		return;
	case 21: /* ^U */
		u->inbuf[0] = '\0';
		ui_input_changed(u);
		return;
	case KEY_UP:
	case KEY_DOWN:
	case KEY_PPAGE:
	case KEY_NPAGE:
		u->input = UI_INPUT_NONE;
		ui_keys_dispatch(u, key);
		return;
	}
	if (key >= 0x20 && key < 0x7f && n + 1 < sizeof(u->inbuf)) {
		u->inbuf[n] = (char)key;
		u->inbuf[n + 1] = '\0';
		ui_input_changed(u);
	}
}

/* ui_input_hints: the key hints, htop style: key bold, label plain. */
static void ui_input_hints(struct ui *u, int y)
{
	static const char *const hints[][2] = {
		{ "F1", "Help" }, { "/", "Search" },  { "\\", "Filter" }, { "F6", "Sort" },
		{ "P", "CPU" },	  { "D", "Disk" },    { "N", "Net" },	  { "W", "Wait" },
		{ "t", "Tree" },  { "K", "Kthr" },    { "H", "Threads" }, { "Z", "Pause" },
		{ "q", "Quit" },  { "Tab", "Panes" },
	};
	static const char *const pane_hints[][2] = {
		{ "F1", "Help" }, { "Tab", "Pane" }, { "/", "Search" }, { "\\", "Filter" },
		{ "F6", "Sort" }, { "I", "Invert" }, { "a", "All" },	{ "Enter", "Open" },
		{ "Z", "Pause" }, { "q", "Quit" },
	};
	bool other = u->pane != VIEW_PROCS;
	size_t nh =
	    other ? sizeof(pane_hints) / sizeof(pane_hints[0]) : sizeof(hints) / sizeof(hints[0]);
	int x = 0;

	for (size_t i = 0; i < nh; i++) {
		const char *const *h = other ? pane_hints[i] : hints[i];
		int kw = (int)strlen(h[0]), lw = (int)strlen(h[1]);

		if (x + kw + lw + 1 > u->cols)
			break;
		attrset(A_BOLD);
		ui_text_put(y, x, kw, h[0], false, false);
		attrset(ui_term_attr(UI_PAIR_HEADER, A_REVERSE));
		ui_text_put(y, x + kw, lw, h[1], false, false);
		attrset(A_NORMAL);
		x += kw + lw + 1;
	}
}

void ui_input_draw(struct ui *u, int y)
{
	char line[160];
	int w;

	move(y, 0);
	clrtoeol();
	if (u->input == UI_INPUT_NONE) {
		if (u->msg[0]) {
			attrset(ui_term_attr(UI_PAIR_BAD, A_BOLD));
			ui_text_put(y, 0, u->cols, u->msg, false, u->o->unicode);
			attrset(A_NORMAL);
		} else {
			ui_input_hints(u, y);
		}
		return;
	}
	const char *label = u->input == UI_INPUT_SEARCH ? "Search: " : "Filter: ";
	const char *text = u->inbuf;
	int room = u->cols - (int)strlen(label) - 1; /* one cell for the cursor */

	/* the end being typed stays in view: a long text loses its start,
	 * marked '<' */
	if ((int)strlen(text) > room && room > 1)
		snprintf(line, sizeof(line), "%s<%s", label, text + strlen(text) - (room - 1));
	else
		snprintf(line, sizeof(line), "%s%s", label, text);
	attrset(A_BOLD);
	w = ui_text_put(y, 0,
			ui_text_cells(line, false) < u->cols ? ui_text_cells(line, false) : u->cols,
			line, false, false);
	attrset(A_NORMAL);
	if (u->input == UI_INPUT_SEARCH && u->search_failed && w + 12 < u->cols) {
		attrset(ui_term_attr(UI_PAIR_BAD, A_BOLD));
		ui_text_put(y, w + 1, 10, "(no match)", false, false);
		attrset(A_NORMAL);
	}
	if (w < u->cols) {
		attrset(A_REVERSE);
		mvaddch(y, w, ' '); /* the cursor, drawn: the real one is hidden */
		attrset(A_NORMAL);
	}
}
