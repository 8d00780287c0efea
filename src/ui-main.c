/* ui-main.c - ui_run: the poll() loop that owns the pace: engine_tick
 * every o->delay_s, engine_fast every ENGINE_FAST_PERIOD_S in between,
 * keys as they come, quit signals through the self-pipe.  Lays out the
 * screen (strip, pane, bottom line) and routes keys to the screen in
 * front.  KEY_RESIZE is handled here and nowhere else.  -n N ends the
 * loop after the Nth refresh, as it does in batch mode. */
#include "config.h"
#include "ui.h"
#include "ui-priv.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <ncurses.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The first refresh comes sooner than delay_s so the screen fills fast. */
#define UI_FIRST_TICK_S 0.5

const struct sample *ui_shown(const struct ui *u)
{
	return u->paused ? &u->frozen : &u->cur;
}

void ui_rebuild(struct ui *u)
{
	ui_view_rebuild(u);
	if (table_build(&u->t, ui_shown(u)) < 0)
		snprintf(u->msg, sizeof(u->msg), "out of memory building the process list");
}

/* ui_main_over_drill: the drill-in is on screen (itself, or under the
 * signal menu or a confirmation opened from it). */
static bool ui_main_over_drill(const struct ui *u)
{
	return u->mode == UI_MODE_DRILL ||
	       (u->mode == UI_MODE_MENU && u->menu_back == UI_MODE_DRILL) ||
	       (u->mode == UI_MODE_CONFIRM && u->act.back == UI_MODE_DRILL);
}

/* ui_main_draw: the whole screen for the current mode and size. */
static void ui_main_draw(struct ui *u)
{
	int n;

	getmaxyx(stdscr, u->rows, u->cols);
	erase();
	if (u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS) {
		char line[80], now[32];

		snprintf(line, sizeof(line), "waittop needs at least %dx%d", UI_MIN_COLS,
			 UI_MIN_ROWS);
		snprintf(now, sizeof(now), "(now %dx%d)", u->cols, u->rows);
		if ((int)(strlen(line) + 1 + strlen(now)) <= u->cols) {
			snprintf(line + strlen(line), sizeof(line) - strlen(line), " %s", now);
			ui_text_put(0, 0, u->cols, line, false, false);
		} else { /* too narrow for one line: wrap rather than cut */
			ui_text_put(0, 0, u->cols, line, false, false);
			if (u->rows > 1)
				ui_text_put(1, 0, u->cols, now, false, false);
		}
		refresh();
		return;
	}
	if (u->mode == UI_MODE_HELP) {
		ui_help_draw(u);
		refresh();
		return;
	}
	if (ui_main_over_drill(u)) {
		ui_drill_draw(u);
		if (u->mode == UI_MODE_MENU)
			ui_menu_draw(u, 1, u->rows - 2);
		else if (u->mode == UI_MODE_CONFIRM)
			ui_action_confirm_draw(u, u->rows - 1);
		refresh();
		return;
	}
	n = ui_strip_draw(u, ui_strip_lines(u, u->rows));
	if (u->pane == VIEW_PROCS)
		ui_pane_draw(u, n, u->rows - 1 - n);
	else
		ui_view_draw(u, n, u->rows - 1 - n);
	if (u->mode == UI_MODE_MENU)
		ui_menu_draw(u, n, u->rows - 1 - n);
	if (u->mode == UI_MODE_CONFIRM)
		ui_action_confirm_draw(u, u->rows - 1);
	else
		ui_input_draw(u, u->rows - 1);
	refresh();
}

/* ui_main_key: route one key to the screen in front. */
static void ui_main_key(struct ui *u, int key)
{
	u->msg[0] = '\0';
	if (u->mode == UI_MODE_HELP)
		ui_help_key(u, key);
	else if (u->mode == UI_MODE_MENU)
		ui_menu_key(u, key);
	else if (u->mode == UI_MODE_DRILL)
		ui_drill_key(u, key);
	else if (u->mode == UI_MODE_CONFIRM)
		ui_action_confirm_key(u, key);
	else if (u->input != UI_INPUT_NONE)
		ui_input_key(u, key);
	else
		ui_keys_dispatch(u, key);
}

/* ui_main_tick: a new sample from the engine; shown unless paused. */
static void ui_main_tick(struct ui *u)
{
	char err[256];

	if (engine_tick(u->e, &u->cur, err, sizeof(err)) < 0) {
		snprintf(u->msg, sizeof(u->msg), "%s", err);
		return;
	}
	u->have_sample = true;
	u->ticks++;
	if (!u->paused)
		ui_rebuild(u);
}

/* ui_main_setup: the table as the command line asks for it. */
static void ui_main_setup(struct ui *u, const struct opts *o, struct engine *e)
{
	memset(u, 0, sizeof(*u));
	u->o = o;
	u->e = e;
	table_init(&u->t);
	if (o->sort_col >= 0 && o->sort_col < COL_NCOLS) {
		u->t.sort_col = (enum table_col)o->sort_col;
		u->t.sort_desc = table_col_info(u->t.sort_col)->default_desc;
	}
	u->t.show_threads = o->threads;
	u->t.full_cmd = o->full_cmd;
	u->t.show_kthreads = o->kthreads;
	if (o->npids) {
		u->t.pids = o->pids;
		u->t.npids = o->npids;
	}
	u->t.have_uid_filter = o->have_uid;
	u->t.uid_filter = o->uid;
	u->pane_height = 1;
	for (int p = 0; p < VIEW_NPANES; p++)
		view_init(&u->views[p], (enum view_pane)p);
	if (o->pane > VIEW_PROCS && o->pane < VIEW_NPANES) {
		u->pane = (enum view_pane)o->pane;
		if (o->pane_sort >= 0)
			view_set_sort(&u->views[u->pane], o->pane_sort);
	}
	engine_set_panes(e, ui_view_panes(u)); /* only the pane shown is collected */
}

/* ui_main_keys: read every pending key; true if any arrived. */
static bool ui_main_keys(struct ui *u)
{
	bool any = false;
	int key;

	while (!u->quit && (key = getch()) != ERR) {
		any = true;
		if (key != KEY_RESIZE) /* the redraw below reads the new size */
			ui_main_key(u, key);
	}
	return any;
}

/* ui_main_loop: until q or a quit signal. */
static void ui_main_loop(struct ui *u, int sigfd)
{
	double now, next_tick, next_fast;

	ui_main_draw(u); /* the glance: names, states, users */
	engine_prime(u->e); /* the full reading the first tick starts from */
	engine_first(u->e, &u->cur); /* now with wait sites and commands */
	engine_focus_now(u->e, &u->cur);
	ui_rebuild(u);
	ui_main_draw(u);
	now = util_mono_s();
	next_tick = now + (u->o->delay_s < UI_FIRST_TICK_S ? u->o->delay_s : UI_FIRST_TICK_S);
	next_fast = now + ENGINE_FAST_PERIOD_S;
	while (!u->quit) {
		struct pollfd pf[2] = { { STDIN_FILENO, POLLIN, 0 }, { sigfd, POLLIN, 0 } };
		double due = next_tick < next_fast ? next_tick : next_fast;
		int ms = (int)ceil((due - util_mono_s()) * 1000);
		bool dirty;

		if (poll(pf, 2, ms < 0 ? 0 : ms) < 0 && errno != EINTR)
			break;
		if ((pf[1].revents & POLLIN) && ui_term_signalled())
			break;
		if (pf[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break; /* the terminal is gone */
		dirty = ui_main_keys(u);
		now = util_mono_s();
		if (now >= next_tick) {
			ui_main_tick(u);
			if (u->o->iterations >= 0 && u->ticks >= u->o->iterations) {
				ui_main_draw(u); /* the last refresh, then -n ends it */
				break;
			}
			next_tick += engine_interval_s(u->e);
			/* late (stopped, a stalled box): pace from this refresh */
			if (next_tick < now + UTIL_PACE_MIN * engine_interval_s(u->e))
				next_tick = now + engine_interval_s(u->e);
			next_fast = now + ENGINE_FAST_PERIOD_S;
			dirty = true;
		} else if (now >= next_fast) {
			engine_fast(u->e);
			next_fast += ENGINE_FAST_PERIOD_S;
			if (next_fast <= now)
				next_fast = now + ENGINE_FAST_PERIOD_S;
		}
		if (dirty && !u->quit)
			ui_main_draw(u);
	}
}

int ui_run(const struct opts *o, struct engine *e)
{
	struct ui u;
	char err[128];
	int sigfd;

	ui_main_setup(&u, o, e);
	/* the first frame: the priming scan's processes, rates "-" until
	 * the first refresh */
	engine_first(e, &u.cur);
	u.have_sample = true;
	ui_rebuild(&u);
	if (o->drill)
		ui_drill_open(&u, o->pids[0], 0, 0);
	sigfd = ui_term_start(o, err, sizeof(err));
	if (sigfd < 0) {
		fprintf(stderr, "waittop: %s; try -b for batch output\n", err);
		table_clear(&u.t);
		return 1;
	}
	ui_main_loop(&u, sigfd);
	ui_term_stop();
	table_clear(&u.t);
	for (int p = 0; p < VIEW_NPANES; p++)
		view_clear(&u.views[p]);
	free(u.pf_pids);
	model_sample_clear(&u.cur);
	model_sample_clear(&u.frozen);
	free(u.menu);
	return 0;
}
