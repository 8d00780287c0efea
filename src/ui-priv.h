/* ui-priv.h - what the ui-*.c files share: the UI state, the screens'
 * draw/key entry points and the text helpers.  Not for other modules:
 * they see ui.h only.  Every screen draws from struct ui alone. */
#ifndef WAITTOP_UI_PRIV_H
#define WAITTOP_UI_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include "engine.h"
#include "model.h"
#include "opts.h"
#include "table.h"
#include "view.h"

#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10

enum ui_mode { UI_MODE_MAIN, UI_MODE_HELP, UI_MODE_MENU, UI_MODE_DRILL, UI_MODE_CONFIRM };
enum ui_input { UI_INPUT_NONE, UI_INPUT_SEARCH, UI_INPUT_FILTER };
enum ui_menu_kind { UI_MENU_SORT, UI_MENU_USER, UI_MENU_SIGNAL };

/* Colour pairs (used only when o->color). */
enum ui_pair {
	UI_PAIR_HEADER = 1,
	UI_PAIR_SORT,
	UI_PAIR_SEL,
	UI_PAIR_OK,
	UI_PAIR_WARN,
	UI_PAIR_BAD,
	UI_PAIR_DIM,
	UI_PAIR_LABEL,
	/* the WAIT bar's cells: a background per group of categories */
	UI_PAIR_BAR_GREEN,
	UI_PAIR_BAR_YELLOW,
	UI_PAIR_BAR_MAGENTA,
	UI_PAIR_BAR_RED,
	UI_PAIR_BAR_CYAN,
	UI_PAIR_BAR_BLUE,
	UI_PAIR_BAR_WHITE
};

struct ui_menu_item {
	char label[80];
	bool have_uid; /* user menu: false is "all users" */
	unsigned uid;
	int col; /* sort menu: the column */
	int sig; /* signal menu: the signal */
};

/* The process k, F7 and F8 act on, taken when the key was pressed. */
struct ui_action_target {
	int pid, tid; /* tid 0: the whole process */
	unsigned long long start_ticks; /* its identity, checked before acting */
	char cmd[64]; /* for the confirmation */
	int sig; /* chosen in the menu */
	enum ui_mode back; /* the screen the confirmation returns to */
};

/* One entry of the signal menu. */
struct ui_action_sig {
	int sig;
	const char *name;
};

#define UI_DRILL_CHAIN_MAX 32

/* The drill-in's state: which process, the chain walked with f, the
 * thread selection and sort, the scroll position. */
struct ui_drill {
	int pid;
	unsigned long long start_ticks; /* 0: adopt the process that has pid */
	struct {
		int pid;
		unsigned long long start_ticks;
	} chain[UI_DRILL_CHAIN_MAX]; /* the processes f left, oldest first */
	size_t nchain;
	int sel_tid; /* 0: the first thread */
	int sort; /* enum in ui-drill.c */
	bool sort_desc;
	size_t top; /* first document line shown */
	size_t body; /* lines shown, for paging */
	bool follow_sel; /* keep the selected thread's line in view */
};

struct ui {
	const struct opts *o;
	struct engine *e;
	struct sample cur; /* the latest sample */
	struct sample frozen; /* a copy while paused */
	bool paused;
	bool have_sample;
	long ticks; /* refreshes so far, for -n */
	struct table t;
	int rows, cols; /* screen size */
	size_t pane_height; /* process rows on screen, for paging */
	enum ui_mode mode;
	enum ui_input input;
	char inbuf[64]; /* the search or filter being typed */
	char search[64]; /* the last search, for n / F3 */
	bool search_failed;
	enum ui_menu_kind menu_kind;
	struct ui_menu_item *menu;
	size_t nmenu, menu_sel, menu_top;
	size_t help_top; /* first line of the help screen shown */
	enum ui_mode help_from; /* the screen the help returns to */
	struct ui_drill drill;
	int hscroll; /* Left/Right: cells COMMAND and WHY are scrolled by */
	bool quit;
	char msg[256]; /* a one-line status (engine errors, action results) */
	struct ui_action_target act;
	enum ui_mode menu_back; /* the screen a menu returns to */
	/* the panes: which is shown, and each one's view-model (views[VIEW_PROCS]
	 * unused: the Processes pane is t) */
	enum view_pane pane;
	struct view views[VIEW_NPANES];
	/* the Processes pane narrowed by Enter on a group or a disk: the
	 * group's path or the disk's name, and the pids it gives now */
	enum ui_pfilter { UI_PF_NONE, UI_PF_GROUP, UI_PF_DISK } pf_kind;
	char pf_key[MODEL_CGROUP_MAX];
	int *pf_pids; /* sorted; owned */
	size_t npf_pids;
	long pane_tick; /* u->ticks when the pane shown was chosen */
};

/* ui_shown: the sample on screen (the frozen copy while paused). */
const struct sample *ui_shown(const struct ui *u);
/* ui_rebuild: rebuild the table from the shown sample (after a key
 * changed sort or filter, or a new sample arrived). */
void ui_rebuild(struct ui *u);

/* ui-term.c: terminal ownership. */
/* ui_term_start: save termios, take the screen, set up colours and the
 * signal handlers; the read end of the signal self-pipe, or -1 with the
 * reason in err (nothing taken). */
int ui_term_start(const struct opts *o, char *err, size_t errsz);
/* ui_term_stop: give the terminal back (endwin); safe to call twice. */
void ui_term_stop(void);
/* ui_term_signalled: drain the self-pipe; true if a quit signal came. */
bool ui_term_signalled(void);
/* ui_term_attr: the attribute for a colour pair, or 'mono' without colour. */
int ui_term_attr(enum ui_pair pair, int mono);

/* ui-text.c: drawing text that never sends control bytes. */
/* ui_text_put: draw s at (y, x) in exactly w cells (truncate or pad),
 * right-aligned if right; control bytes and invalid UTF-8 become '?',
 * non-ASCII too when !unicode.  Returns the cells drawn. */
int ui_text_put(int y, int x, int w, const char *s, bool right, bool unicode);
/* ui_text_printf: ui_text_put of a formatted string, left-aligned. */
int ui_text_printf(int y, int x, int w, bool unicode, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* ui_text_cells: display width of s as ui_text_put would draw it. */
int ui_text_cells(const char *s, bool unicode);

/* The screens: each draws the whole area it owns. */
/* ui_strip_draw: the system strip from row 0, at most maxlines; rows used. */
int ui_strip_draw(struct ui *u, int maxlines);
/* ui_strip_lines: how many strip lines fit when rows are available. */
int ui_strip_lines(const struct ui *u, int rows);
/* ui_strip_bar_char: the DIRTY bar's glyph for kind 0 empty, 1 dirty,
 * 2 writeback, 3 background threshold, 4 hard threshold. */
const char *ui_strip_bar_char(bool unicode, int kind);
/* ui_pane_draw: the process pane header and rows in rows [y, y+h). */
void ui_pane_draw(struct ui *u, int y, int h);
/* ui_pane_bar_attr: the attribute of a WAIT bar cell of category c (its
 * colour, or A_NORMAL without colour: the letter alone tells it then). */
int ui_pane_bar_attr(enum wait_cat c);
/* ui_pane_bar_colour: the name of category c's bar colour, for the help. */
const char *ui_pane_bar_colour(enum wait_cat c);
/* ui_help_draw: the help screen (keys from the key table, wait categories). */
void ui_help_draw(struct ui *u);
/* ui_help_key: a key on the help screen. */
void ui_help_key(struct ui *u, int key);
/* ui_menu_open: open the sort or user menu over the pane. */
void ui_menu_open(struct ui *u, enum ui_menu_kind kind);
/* ui_menu_draw: the open menu, in rows [y, y+h) at the left. */
void ui_menu_draw(struct ui *u, int y, int h);
/* ui_menu_key: a key while a menu is open. */
void ui_menu_key(struct ui *u, int key);
/* ui_input_key: a key while the search or filter line is open. */
void ui_input_key(struct ui *u, int key);
/* ui_input_draw: the search or filter line on row y. */
void ui_input_draw(struct ui *u, int y);
/* ui_search_next: select the next row matching u->search after the
 * current one (wrapping); false if none. */
bool ui_search_next(struct ui *u, bool include_current);

/* ui-drill.c: the drill-in screen. */
/* ui_drill_open: show (pid, start_ticks; 0: whatever has pid) with tid
 * selected (0: none), focusing the engine on it; the list is kept. */
void ui_drill_open(struct ui *u, int pid, unsigned long long start_ticks, int tid);
/* ui_drill_draw: the whole screen, from the sample's drill. */
void ui_drill_draw(struct ui *u);
/* ui_drill_key: a key on the drill-in screen. */
void ui_drill_key(struct ui *u, int key);
/* ui-action.c: signals and renice, from the list or the drill-in. */
/* ui_action_sigs_list: the signal menu's entries, SIGTERM first. */
const struct ui_action_sig *ui_action_sigs_list(size_t *n);
/* ui_action_target: take the selected row as u->act; false if none. */
bool ui_action_target(struct ui *u);
/* ui_action_target_proc: take process p (the drill-in's) as u->act. */
void ui_action_target_proc(struct ui *u, const struct proc_row *p);
/* ui_action_signal: send sig to pid if it still started at start_ticks;
 * the result (or EPERM/ESRCH) as the status line.  0 or -errno. */
int ui_action_signal(struct ui *u, int pid, unsigned long long start_ticks, int sig);
/* ui_action_renice: nice += delta (F7: -1, F8: +1) for pid (tid alone
 * when tid > 0); the result as the status line.  0 or -errno. */
int ui_action_renice(struct ui *u, int pid, int tid, unsigned long long start_ticks, int delta);
/* ui_action_ask: ask "Send SIG to pid N (command)? y/N" for u->act. */
void ui_action_ask(struct ui *u, int sig);
/* ui_action_confirm_key: y sends, any other key cancels. */
void ui_action_confirm_key(struct ui *u, int key);
/* ui_action_confirm_draw: the question on row y. */
void ui_action_confirm_draw(struct ui *u, int y);

/* ui-view.c: the Disks, Interfaces, Connections and Groups panes. */
/* ui_view_draw: the pane shown (not Processes) in rows [y, y+h). */
void ui_view_draw(struct ui *u, int y, int h);
/* ui_view_tabs_draw: the panes' names and digits at the right of row y,
 * the one shown in brackets, if they fit beside 'used' cells; the cells drawn. */
int ui_view_tabs_draw(struct ui *u, int y, int used);
/* ui_view_show: show pane p, telling the engine which rows to collect. */
void ui_view_show(struct ui *u, enum view_pane p);
/* ui_view_panes: the MODEL_PANE_* bits the screen needs collected now. */
unsigned ui_view_panes(const struct ui *u);
/* ui_view_pfilter_set: show the Processes pane narrowed to group path
 * (UI_PF_GROUP) or to the processes with files open on disk name (UI_PF_DISK). */
void ui_view_pfilter_set(struct ui *u, enum ui_pfilter kind, const char *key);
/* ui_view_pfilter_clear: drop the group or disk filter of the Processes pane. */
void ui_view_pfilter_clear(struct ui *u);
/* ui_view_pfilter_note: the filter's words for the Processes pane's
 * header ("" when none). */
void ui_view_pfilter_note(const struct ui *u, char *buf, size_t sz);
/* ui_view_rebuild: the pids of the Processes pane's group or disk filter
 * (into u->t) and every pane's rows, from the shown sample. */
void ui_view_rebuild(struct ui *u);

/* ui-keys.c: the key table. */
struct ui_key {
	int key; /* a character or a KEY_* code */
	const char *name; /* for the help screen: "q", "F10", "Up"... */
	const char *help; /* one line */
	void (*fn)(struct ui *u, int key);
	bool same_as_prev; /* another key for the entry above: help shows them on one line */
};
/* ui_keys: the main screen's key table and its length. */
const struct ui_key *ui_keys(size_t *n);
/* ui_keys_dispatch: run the main screen's handler for key; false if unbound. */
bool ui_keys_dispatch(struct ui *u, int key);
/* ui_view_keys: the keys of the panes (Tab, digits, and in the other
 * panes their sort, filter, selection and Enter) and its length. */
const struct ui_key *ui_view_keys(size_t *n);
/* ui_view_dispatch: run the panes' handler for key; false if unbound
 * (then the Processes pane's table applies, when it is shown). */
bool ui_view_dispatch(struct ui *u, int key);
/* ui_drill_keys: the drill-in's key table and its length (ui-drill.c). */
const struct ui_key *ui_drill_keys(size_t *n);

#endif
