/* ui-keys.c - the main screen's key table, htop's keys where htop has
 * one: each entry names the key for the help screen, says in one line
 * what it does and points at its handler.  The help screen is generated
 * from this table, so a key cannot be bound without being documented. */
#include "config.h"
#include "ui-priv.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

/* ui_keys_delta: how far an arrow, page or Home/End key moves the
 * selection in a list of nrows rows shown on a pane of height rows. */
static long ui_keys_delta(int key, int height, size_t nrows)
{
	long page = height > 1 ? (long)height - 1 : 1;

	switch (key) {
	case KEY_UP:
		return -1;
	case KEY_DOWN:
		return 1;
	case KEY_PPAGE:
		return -page;
	case KEY_NPAGE:
		return page;
	case KEY_HOME:
		return -(long)nrows - 1;
	case KEY_END:
		return (long)nrows + 1;
	}
	return 0;
}

/* ui_keys_move: arrows, page and home/end keys move the selection. */
static void ui_keys_move(struct ui *u, int key)
{
	table_move(&u->t, ui_shown(u), ui_keys_delta(key, u->pane_height, u->t.nrows),
		   u->pane_height);
}

/* ui_keys_sort: set the sort column and rebuild. */
static void ui_keys_sort(struct ui *u, enum table_col c)
{
	table_set_sort(&u->t, c);
	ui_rebuild(u);
}

/* ui_keys_sort_step: < and > move the sort column left or right. */
static void ui_keys_sort_step(struct ui *u, int key)
{
	int step = (key == '<' || key == ',') ? COL_NCOLS - 1 : 1;

	ui_keys_sort(u, (enum table_col)(((int)u->t.sort_col + step) % COL_NCOLS));
}

/* ui_keys_invert: I reverses the order. */
static void ui_keys_invert(struct ui *u, int key)
{
	(void)key;
	u->t.sort_desc = !u->t.sort_desc;
	ui_rebuild(u);
}

/* ui_keys_sort_by: P, D, N, W: a column, or its pair on a second press. */
static void ui_keys_sort_by(struct ui *u, int key)
{
	enum table_col c = u->t.sort_col;

	switch (key) {
	case 'P':
		c = COL_CPU;
		break;
	case 'D':
		c = c == COL_DISK_R ? COL_DISK_W : COL_DISK_R;
		break;
	case 'N':
		c = c == COL_NET_RX ? COL_NET_TX : COL_NET_RX;
		break;
	case 'W':
		c = COL_WAIT;
		break;
	}
	if (c != u->t.sort_col || key == 'P' || key == 'W')
		ui_keys_sort(u, c);
}

/* ui_keys_sort_menu: F6 opens the list of columns. */
static void ui_keys_sort_menu(struct ui *u, int key)
{
	(void)key;
	ui_menu_open(u, UI_MENU_SORT);
}

/* ui_keys_user_menu: u opens the list of users present. */
static void ui_keys_user_menu(struct ui *u, int key)
{
	(void)key;
	ui_menu_open(u, UI_MENU_USER);
}

/* ui_keys_search: / starts an incremental search. */
static void ui_keys_search(struct ui *u, int key)
{
	(void)key;
	u->input = UI_INPUT_SEARCH;
	u->inbuf[0] = '\0';
	u->search_failed = false;
}

/* ui_keys_filter: \ edits the filter, starting from the current one; in
 * the Processes pane it first drops a group or disk filter. */
static void ui_keys_filter(struct ui *u, int key)
{
	(void)key;
	u->input = UI_INPUT_FILTER;
	if (u->pane != VIEW_PROCS) {
		snprintf(u->inbuf, sizeof(u->inbuf), "%s", u->views[u->pane].filter);
		return;
	}
	if (u->pf_kind != UI_PF_NONE)
		ui_view_pfilter_clear(u);
	snprintf(u->inbuf, sizeof(u->inbuf), "%s", u->t.filter);
}

/* ui_keys_next: n or F3: the next row matching the last search. */
static void ui_keys_next(struct ui *u, int key)
{
	(void)key;
	u->search_failed = !ui_search_next(u, false);
}

/* ui_keys_threads: H shows or hides thread rows. */
static void ui_keys_threads(struct ui *u, int key)
{
	(void)key;
	u->t.show_threads = !u->t.show_threads;
	ui_rebuild(u);
}

/* ui_keys_kthreads: K shows or hides kernel threads. */
static void ui_keys_kthreads(struct ui *u, int key)
{
	(void)key;
	u->t.show_kthreads = !u->t.show_kthreads;
	ui_rebuild(u);
}

/* ui_keys_tree: t or F5: the tree view on or off. */
static void ui_keys_tree(struct ui *u, int key)
{
	(void)key;
	u->t.tree = !u->t.tree;
	ui_rebuild(u);
}

/* ui_keys_scroll: Left and Right scroll COMMAND and WHY by 8 cells. */
static void ui_keys_scroll(struct ui *u, int key)
{
	if (key == KEY_RIGHT && u->hscroll < 4000)
		u->hscroll += 8;
	else if (key == KEY_LEFT)
		u->hscroll = u->hscroll > 8 ? u->hscroll - 8 : 0;
}

/* ui_keys_escape: Esc clears the filter, else the search, else nothing. */
static void ui_keys_escape(struct ui *u, int key)
{
	(void)key;
	if (u->pf_kind != UI_PF_NONE) {
		ui_view_pfilter_clear(u);
	} else if (u->t.filter[0]) {
		u->t.filter[0] = '\0';
		ui_rebuild(u);
	} else if (u->search[0]) {
		u->search[0] = '\0';
		u->search_failed = false;
	}
}

/* ui_keys_cmdline: p switches COMMAND between comm and the command line. */
static void ui_keys_cmdline(struct ui *u, int key)
{
	(void)key;
	u->t.full_cmd = !u->t.full_cmd;
	ui_rebuild(u);
}

/* ui_keys_pause: Z freezes the display (collection goes on). */
static void ui_keys_pause(struct ui *u, int key)
{
	(void)key;
	if (u->paused) {
		u->paused = false;
		model_sample_clear(&u->frozen);
	} else if (model_sample_copy(&u->frozen, &u->cur) == 0) {
		u->paused = true;
	} else {
		snprintf(u->msg, sizeof(u->msg), "cannot pause: out of memory");
	}
	ui_rebuild(u);
}

/* ui_keys_help: h, ? or F1. */
static void ui_keys_help(struct ui *u, int key)
{
	(void)key;
	u->mode = UI_MODE_HELP;
	u->help_from = UI_MODE_MAIN;
	u->help_top = 0;
}

/* ui_keys_redraw: Ctrl-L repaints the whole screen. */
static void ui_keys_redraw(struct ui *u, int key)
{
	(void)u;
	(void)key;
	clearok(curscr, TRUE);
}

/* ui_keys_drill: Enter opens the drill-in on the selected process (or thread). */
static void ui_keys_drill(struct ui *u, int key)
{
	const struct proc_row *p;

	(void)key;
	if (u->t.nrows == 0 || u->t.sel >= u->t.nrows)
		return;
	p = table_row(&u->t, ui_shown(u), u->t.sel);
	if (p->is_thread)
		ui_drill_open(u, p->pid, 0, p->tid);
	else
		ui_drill_open(u, p->pid, p->start_ticks, 0);
}

/* ui_keys_kill: k or F9: the signal menu for the selected process. */
static void ui_keys_kill(struct ui *u, int key)
{
	(void)key;
	if (ui_action_target(u))
		ui_menu_open(u, UI_MENU_SIGNAL);
}

/* ui_keys_nice: F7 lowers the nice value (higher priority), F8 raises it. */
static void ui_keys_nice(struct ui *u, int key)
{
	if (ui_action_target(u))
		ui_action_renice(u, u->act.pid, u->act.tid, u->act.start_ticks,
				 key == KEY_F(7) ? -1 : 1);
}

/* ui_keys_quit: q or F10. */
static void ui_keys_quit(struct ui *u, int key)
{
	(void)key;
	u->quit = true;
}

static const struct ui_key ui_key_table[] = {
	{ KEY_UP, "Up", "select the previous process", ui_keys_move, false },
	{ KEY_DOWN, "Down", "select the next process", ui_keys_move, false },
	{ KEY_PPAGE, "PgUp", "one page up", ui_keys_move, false },
	{ KEY_NPAGE, "PgDn", "one page down", ui_keys_move, false },
	{ KEY_HOME, "Home", "first process", ui_keys_move, false },
	{ KEY_END, "End", "last process", ui_keys_move, false },
	{ '<', "<", "sort by the column to the left", ui_keys_sort_step, false },
	{ ',', ",", NULL, ui_keys_sort_step, true },
	{ '>', ">", "sort by the column to the right", ui_keys_sort_step, false },
	{ '.', ".", NULL, ui_keys_sort_step, true },
	{ KEY_F(6), "F6", "sort menu: choose the sort column", ui_keys_sort_menu, false },
	{ 'I', "I", "invert the sort order", ui_keys_invert, false },
	{ 'P', "P", "sort by CPU% (again: invert)", ui_keys_sort_by, false },
	{ 'D', "D", "sort by DISK R/s; again: DISK W/s, and back", ui_keys_sort_by, false },
	{ 'N', "N", "sort by NET RX/s; again: NET TX/s, and back", ui_keys_sort_by, false },
	{ 'W', "W",
	  "sort by WAIT: share of runqueue, disk-read, disk-write, dirty-throttle and lock "
	  "waits, then of net and ipc (again: invert)",
	  ui_keys_sort_by, false },
	{ '/', "/", "search comm and command line as you type; Enter or Esc ends", ui_keys_search,
	  false },
	{ 'n', "n", "next search match", ui_keys_next, false },
	{ KEY_F(3), "F3", NULL, ui_keys_next, true },
	{ '\\', "\\", "filter: show only processes whose command contains the text; Esc clears",
	  ui_keys_filter, false },
	{ 'u', "u", "show only one user's processes (menu)", ui_keys_user_menu, false },
	{ 27, "Esc", "clear the filter, else the search", ui_keys_escape, false },
	{ 'H', "H", "show or hide threads", ui_keys_threads, false },
	{ 'K', "K", "show or hide kernel threads (hidden at start)", ui_keys_kthreads, false },
	{ 't', "t", "tree view: processes under their parents", ui_keys_tree, false },
	{ KEY_F(5), "F5", NULL, ui_keys_tree, true },
	{ KEY_RIGHT, "Right", "scroll COMMAND and WHY to the right when cut", ui_keys_scroll,
	  false },
	{ KEY_LEFT, "Left", "scroll them back", ui_keys_scroll, false },
	{ 'p', "p", "COMMAND: full command line or program name", ui_keys_cmdline, false },
	{ 'Z', "Z", "pause: freeze the display (collection continues)", ui_keys_pause, false },
	{ 'h', "h", "this help", ui_keys_help, false },
	{ '?', "?", NULL, ui_keys_help, true },
	{ KEY_F(1), "F1", NULL, ui_keys_help, true },
	{ 'k', "k", "send a signal to the selected process (menu, then y to confirm)", ui_keys_kill,
	  false },
	{ KEY_F(9), "F9", NULL, ui_keys_kill, true },
	{ KEY_F(7), "F7", "nice -1: higher priority (only root may lower nice)", ui_keys_nice,
	  false },
	{ KEY_F(8), "F8", "nice +1: lower priority", ui_keys_nice, false },
	{ 12, "^L", "redraw the screen", ui_keys_redraw, false },
	{ '\r', "Enter", "drill in: the selected process (or thread) in detail", ui_keys_drill,
	  false },
	{ '\n', "Enter", NULL, ui_keys_drill, true },
	{ KEY_ENTER, "Enter", NULL, ui_keys_drill, true },
	{ 'q', "q", "quit", ui_keys_quit, false },
	{ KEY_F(10), "F10", NULL, ui_keys_quit, true },
};

/* --- the panes: switching, and the keys of the panes but Processes ------ */

/* ui_keys_pane_step: Tab shows the next pane, Shift-Tab the previous. */
static void ui_keys_pane_step(struct ui *u, int key)
{
	int step = key == KEY_BTAB ? VIEW_NPANES - 1 : 1;

	ui_view_show(u, (enum view_pane)(((int)u->pane + step) % VIEW_NPANES));
}

/* ui_keys_pane_jump: 1-5 show that pane. */
static void ui_keys_pane_jump(struct ui *u, int key)
{
	ui_view_show(u, (enum view_pane)(key - '1'));
}

/* ui_keys_view: the view-model of the pane shown. */
static struct view *ui_keys_view(struct ui *u)
{
	return &u->views[u->pane];
}

/* ui_keys_view_move: the arrows and page keys in a pane. */
static void ui_keys_view_move(struct ui *u, int key)
{
	struct view *v = ui_keys_view(u);

	view_move(v, ui_shown(u), ui_keys_delta(key, u->pane_height, v->nrows), u->pane_height);
}

/* ui_keys_view_sort: < > in a pane: the column to the left or right. */
static void ui_keys_view_sort(struct ui *u, int key)
{
	struct view *v = ui_keys_view(u);
	int n;

	view_cols(v->pane, &n);
	view_set_sort(v, (v->sort_col + ((key == '<' || key == ',') ? n - 1 : 1)) % n);
	ui_rebuild(u);
}

/* ui_keys_view_invert: I in a pane. */
static void ui_keys_view_invert(struct ui *u, int key)
{
	(void)key;
	ui_keys_view(u)->sort_desc = !ui_keys_view(u)->sort_desc;
	ui_rebuild(u);
}

/* ui_keys_view_all: a: Disks shows partitions too; Connections: UDP
 * and unix sockets too, collected from the next refresh. */
static void ui_keys_view_all(struct ui *u, int key)
{
	(void)key;
	ui_keys_view(u)->all = !ui_keys_view(u)->all;
	if (u->pane == VIEW_CONNS) {
		engine_set_panes(u->e, ui_view_panes(u));
		snprintf(u->msg, sizeof(u->msg), "%s",
			 u->views[VIEW_CONNS].all
			     ? "UDP and unix sockets too, from the next refresh"
			     : "TCP connections only");
	}
	ui_rebuild(u);
}

/* ui_keys_view_escape: Esc in a pane clears its filter, else the search. */
static void ui_keys_view_escape(struct ui *u, int key)
{
	(void)key;
	if (ui_keys_view(u)->filter[0]) {
		ui_keys_view(u)->filter[0] = '\0';
		ui_rebuild(u);
	} else if (u->search[0]) {
		u->search[0] = '\0';
		u->search_failed = false;
	}
}

/* ui_keys_view_enter: a connection: the drill-in on its owner; a group:
 * the Processes pane with its processes; a disk: with the processes that
 * have files open on it, by disk writes (or reads, when the disk reads
 * more). */
static void ui_keys_view_enter(struct ui *u, int key)
{
	const struct sample *s = ui_shown(u);
	long i = view_selected(ui_keys_view(u));

	(void)key;
	if (i < 0)
		return;
	switch (u->pane) {
	case VIEW_CONNS:
		if (s->conns[i].pid > 0)
			ui_drill_open(u, s->conns[i].pid, 0, 0);
		else
			snprintf(u->msg, sizeof(u->msg), "no process owns this connection");
		break;
	case VIEW_GROUPS:
		ui_view_pfilter_set(u, UI_PF_GROUP, s->groups[i].path);
		break;
	case VIEW_DISKS: /* sorted by the disk's busier direction */
		table_set_sort(&u->t, s->disks[i].write_bps >= s->disks[i].read_bps ? COL_DISK_W
										    : COL_DISK_R);
		u->t.sort_desc = true;
		ui_view_pfilter_set(u, UI_PF_DISK, s->disks[i].name);
		break;
	default:
		break;
	}
}

/* The panes' keys: the first UI_KEYS_SWITCH switch panes everywhere; the
 * rest act in the panes but Processes (whose own table is above). */
#define UI_KEYS_SWITCH 7
static const struct ui_key ui_view_key_table[] = {
	{ '\t', "Tab", "show the next pane: Processes, Disks, Interfaces, Connections, Groups",
	  ui_keys_pane_step, false },
	{ KEY_BTAB, "S-Tab", "show the previous pane", ui_keys_pane_step, false },
	{ '1', "1", "Processes pane", ui_keys_pane_jump, false },
	{ '2', "2", "Disks pane (a: partitions too; Enter: processes with files on it)",
	  ui_keys_pane_jump, false },
	{ '3', "3", "Interfaces pane", ui_keys_pane_jump, false },
	{ '4', "4", "Connections pane (Enter: drill into the owner)", ui_keys_pane_jump, false },
	{ '5', "5", "Groups pane (Enter: its processes)", ui_keys_pane_jump, false },
	{ KEY_UP, "Up", "in a pane: select the previous row", ui_keys_view_move, false },
	{ KEY_DOWN, "Down", "in a pane: select the next row", ui_keys_view_move, false },
	{ KEY_PPAGE, "PgUp", "in a pane: one page up", ui_keys_view_move, false },
	{ KEY_NPAGE, "PgDn", "in a pane: one page down", ui_keys_view_move, false },
	{ KEY_HOME, "Home", "in a pane: first row", ui_keys_view_move, false },
	{ KEY_END, "End", "in a pane: last row", ui_keys_view_move, false },
	{ '<', "<", "in a pane: sort by the column to the left", ui_keys_view_sort, false },
	{ ',', ",", NULL, ui_keys_view_sort, true },
	{ '>', ">", "in a pane: sort by the column to the right", ui_keys_view_sort, false },
	{ '.', ".", NULL, ui_keys_view_sort, true },
	{ KEY_F(6), "F6", "in a pane: choose its sort column", ui_keys_sort_menu, false },
	{ 'I', "I", "in a pane: invert its sort order", ui_keys_view_invert, false },
	{ '\\', "\\", "in a pane: show only rows whose name contains the text", ui_keys_filter,
	  false },
	{ '/', "/", "in a pane: search its rows", ui_keys_search, false },
	{ 'n', "n", "in a pane: next search match", ui_keys_next, false },
	{ KEY_F(3), "F3", NULL, ui_keys_next, true },
	{ 27, "Esc", "in a pane: clear its filter, else the search", ui_keys_view_escape, false },
	{ 'a', "a", "Disks: partitions too; Connections: UDP and unix sockets too",
	  ui_keys_view_all, false },
	{ '\r', "Enter", "Connections: drill into the owner; Groups, Disks: their processes",
	  ui_keys_view_enter, false },
	{ '\n', "Enter", NULL, ui_keys_view_enter, true },
	{ KEY_ENTER, "Enter", NULL, ui_keys_view_enter, true },
};

const struct ui_key *ui_view_keys(size_t *n)
{
	*n = sizeof(ui_view_key_table) / sizeof(ui_view_key_table[0]);
	return ui_view_key_table;
}

/* ui_keys_common: keys of the Processes table that act the same in every
 * pane (quit, help, pause, redraw). */
static bool ui_keys_common(void (*fn)(struct ui *, int))
{
	return fn == ui_keys_quit || fn == ui_keys_help || fn == ui_keys_pause ||
	       fn == ui_keys_redraw;
}

bool ui_view_dispatch(struct ui *u, int key)
{
	size_t n = sizeof(ui_view_key_table) / sizeof(ui_view_key_table[0]);

	for (size_t i = 0; i < n; i++) {
		if (ui_view_key_table[i].key != key ||
		    (i >= UI_KEYS_SWITCH && u->pane == VIEW_PROCS))
			continue;
		ui_view_key_table[i].fn(u, key);
		return true;
	}
	if (u->pane == VIEW_PROCS)
		return false;
	for (size_t i = 0; i < sizeof(ui_key_table) / sizeof(ui_key_table[0]); i++)
		if (ui_key_table[i].key == key && ui_keys_common(ui_key_table[i].fn)) {
			ui_key_table[i].fn(u, key);
			return true;
		}
	return true; /* the other Processes keys do nothing here */
}

const struct ui_key *ui_keys(size_t *n)
{
	*n = sizeof(ui_key_table) / sizeof(ui_key_table[0]);
	return ui_key_table;
}

bool ui_keys_dispatch(struct ui *u, int key)
{
	if (ui_view_dispatch(u, key))
		return true;
	for (size_t i = 0; i < sizeof(ui_key_table) / sizeof(ui_key_table[0]); i++) {
		if (ui_key_table[i].key == key) {
			ui_key_table[i].fn(u, key);
			return true;
		}
	}
	return false;
}
