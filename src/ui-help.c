/* ui-help.c - the help screen: every key of the key table (so it cannot
 * drift from the bindings), the columns, and the WAIT categories with
 * verdict_explain()'s one-line meaning.  Arrows and PgUp/PgDn scroll; any
 * other key goes back. */
#include "config.h"
#include "ui-priv.h"
#include "verdict.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

#define UI_HELP_MAXLINES 192

/* ui_help_lines: the help text, one line per entry; returns the count.
 * attrs[i] is the line's attribute, indent[i] where its text starts
 * (continuation lines of a wrapped entry start there). */
static int ui_help_lines(char lines[][320], int *attrs, int *indent, int max, bool unicode,
			 bool drill)
{
	size_t nk;
	const struct ui_key *k = drill ? ui_drill_keys(&nk) : ui_keys(&nk);
	int n = 0;

#define UI_HELP_ADD(attr, ...)                                                                     \
	do {                                                                                       \
		if (n < max) {                                                                     \
			snprintf(lines[n], 320, __VA_ARGS__);                                      \
			indent[n] = ind;                                                           \
			attrs[n++] = (attr);                                                       \
		}                                                                                  \
	} while (0)
	int ind = 0;

	UI_HELP_ADD(A_BOLD, "%s",
		    drill ? "waittop drill-in: one process in detail.   Keys:"
			  : "waittop: why is this program slow?   Keys:");
	ind = 13;
	for (size_t i = 0; i < nk; i++) {
		char names[48];
		size_t j;

		if (k[i].same_as_prev)
			continue;
		snprintf(names, sizeof(names), "%s", k[i].name);
		for (j = i + 1; j < nk && k[j].same_as_prev; j++)
			if (strcmp(k[j].name, k[j - 1].name) != 0) /* Enter: \r \n KEY_ENTER */
				snprintf(names + strlen(names), sizeof(names) - strlen(names),
					 " %s", k[j].name);
		UI_HELP_ADD(A_NORMAL, "  %-10s %s", names, k[i].help);
	}
	if (!drill) { /* the panes' keys, from their table too */
		size_t nv;
		const struct ui_key *vk = ui_view_keys(&nv);

		UI_HELP_ADD(A_NORMAL, "%s", "");
		ind = 0;
		UI_HELP_ADD(A_BOLD, "Panes: Processes, Disks, Interfaces, Connections, Groups:");
		ind = 13;
		for (size_t i = 0; i < nv; i++)
			if (!vk[i].same_as_prev && vk[i].help)
				UI_HELP_ADD(A_NORMAL, "  %-10s %s", vk[i].name, vk[i].help);
	}
	UI_HELP_ADD(A_NORMAL, "%s", "");
	ind = 0;
	UI_HELP_ADD(A_BOLD, "Columns (sort names for -s):");
	ind = 21;
	for (int c = 0; c < COL_NCOLS; c++) {
		const struct table_col_info *ci = table_col_info((enum table_col)c);

		UI_HELP_ADD(A_NORMAL, "  %-9s %-8s %s", ci->header, ci->name, ci->help);
	}
	ind = 2;
	UI_HELP_ADD(
	    A_NORMAL,
	    "  \"-\" means the value could not be read (permissions, or no previous reading).");
	UI_HELP_ADD(A_NORMAL, "%s", "");
	ind = 0;
	UI_HELP_ADD(A_BOLD, "WAIT categories: name, short name, bar letter, colour, meaning");
	ind = 36;
	for (int c = 0; c < WAIT_NCAT; c++) {
		const char *ex = verdict_explain((enum wait_cat)c);

		UI_HELP_ADD(A_NORMAL, "  %-15s %-6s %c %-7s %s", model_wait_name((enum wait_cat)c),
			    model_wait_short((enum wait_cat)c), model_wait_letter((enum wait_cat)c),
			    ui_pane_bar_colour((enum wait_cat)c), ex ? ex : "");
	}
	ind = 2;
	UI_HELP_ADD(A_NORMAL, "%s",
		    "  WAIT shows the verdict and its share of the interval, then a bar of "
		    "every share: one letter a cell, '.' where none applies.  W sorts by the "
		    "share of runqueue, disk-read, disk-write, dirty-throttle and lock waits, "
		    "then of net and ipc: the programs being slowed down come first.");
	ind = 0;
	UI_HELP_ADD(A_NORMAL, "%s", "");
	/* the glyphs the bar uses in this mode */
	UI_HELP_ADD(A_BOLD,
		    "System strip: DIRTY bar = dirty ('%s') and writeback ('%s') pages; '%s' marks",
		    ui_strip_bar_char(unicode, 1), ui_strip_bar_char(unicode, 2),
		    ui_strip_bar_char(unicode, 3));
	UI_HELP_ADD(
	    A_BOLD,
	    "the background threshold (flushing starts), '%s' the hard one (writers throttled).",
	    ui_strip_bar_char(unicode, 4));
#undef UI_HELP_ADD
	return n;
}

/* A screen row of the help text: a piece of one entry. */
struct ui_help_row {
	const char *text; /* into the entry */
	int len, pad, attr; /* bytes, leading spaces */
};

/* ui_help_wrap: cut the entries into rows of at most cols cells, at spaces
 * where possible; returns the row count. */
static int ui_help_wrap(char lines[][320], const int *attrs, const int *indent, int n, int cols,
			struct ui_help_row *rows, int max)
{
	int nr = 0;

	for (int i = 0; i < n && nr < max; i++) {
		const char *p = lines[i];
		int pad = 0;

		do {
			int room = cols - pad, len = (int)strlen(p);

			if (room < 10)
				room = 10;
			if (len > room) {
				int cut = room;

				while (cut > room / 2 && p[cut] != ' ')
					cut--;
				len = p[cut] == ' ' ? cut : room;
			}
			rows[nr++] = (struct ui_help_row){ p, len, pad, attrs[i] };
			p += len;
			while (*p == ' ')
				p++;
			pad = indent[i];
		} while (*p && nr < max);
	}
	return nr;
}

void ui_help_draw(struct ui *u)
{
	static char lines[UI_HELP_MAXLINES][320];
	static struct ui_help_row rows[UI_HELP_MAXLINES * 4];
	int attrs[UI_HELP_MAXLINES], indent[UI_HELP_MAXLINES];
	int n = ui_help_lines(lines, attrs, indent, UI_HELP_MAXLINES, u->o->unicode,
			      u->help_from == UI_MODE_DRILL);
	int body = u->rows - 1;

	n = ui_help_wrap(lines, attrs, indent, n, u->cols, rows, UI_HELP_MAXLINES * 4);
	if (body < 1)
		body = 1;
	if ((int)u->help_top > n - body)
		u->help_top = n - body > 0 ? (size_t)(n - body) : 0;
	erase();
	for (int r = 0; r < body && (int)u->help_top + r < n; r++) {
		const struct ui_help_row *hr = &rows[u->help_top + (size_t)r];
		char buf[400];

		snprintf(buf, sizeof(buf), "%*s%.*s", hr->pad, "", hr->len, hr->text);
		attrset(hr->attr);
		ui_text_put(r, 0, u->cols, buf, false, u->o->unicode);
	}
	attrset(ui_term_attr(UI_PAIR_HEADER, A_REVERSE));
	ui_text_printf(u->rows - 1, 0, u->cols, u->o->unicode,
		       "Help %d-%d of %d: arrows/PgUp/PgDn scroll, any other key returns",
		       (int)u->help_top + 1, (int)u->help_top + (body < n ? body : n), n);
	attrset(A_NORMAL);
}

void ui_help_key(struct ui *u, int key)
{
	int page = u->rows > 3 ? u->rows - 2 : 1;

	switch (key) {
	case KEY_UP:
		if (u->help_top)
			u->help_top--;
		break;
	case KEY_DOWN:
		u->help_top++;
		break;
	case KEY_PPAGE:
		u->help_top = u->help_top > (size_t)page ? u->help_top - (size_t)page : 0;
		break;
	case KEY_NPAGE:
	case ' ':
		u->help_top += (size_t)page;
		break;
	case KEY_HOME:
		u->help_top = 0;
		break;
	case KEY_END:
		u->help_top = UI_HELP_MAXLINES * 4;
		break;
	default:
		u->mode = u->help_from == UI_MODE_DRILL ? UI_MODE_DRILL : UI_MODE_MAIN;
	}
}
