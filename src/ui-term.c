/* ui-term.c - owning the terminal: curses setup and teardown, colours,
 * the self-pipe that SIGINT/SIGTERM/SIGHUP write to, and the crash
 * handler that puts the terminal back with async-signal-safe calls only.
 * It draws nothing. */
#include "config.h"
#include "ui-priv.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <ncurses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static struct termios ui_term_saved;
static bool ui_term_have_saved;
static char ui_term_leave[256]; /* rmcup + show cursor, captured at start */
static size_t ui_term_leave_len;
static int ui_term_pipe[2] = { -1, -1 };
static bool ui_term_active;
static bool ui_term_color;

static const int ui_term_quit_sigs[] = { SIGINT, SIGTERM, SIGHUP };
static const int ui_term_crash_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

/* ui_term_on_quit: SIGINT/SIGTERM/SIGHUP: one byte to the self-pipe. */
static void ui_term_on_quit(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (write(ui_term_pipe[1], &c, 1) < 0) {
		/* the pipe is full: a quit is already pending */
	}
	errno = saved;
}

/* ui_term_on_crash: restore termios, leave the alternate screen, re-raise. */
static void ui_term_on_crash(int sig)
{
	if (ui_term_have_saved)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &ui_term_saved);
	if (ui_term_leave_len && write(STDOUT_FILENO, ui_term_leave, ui_term_leave_len) < 0) {
		/* nothing more can be done in a crashing process */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* ui_term_fatal: util_fatal_hook: the screen back before fatal() prints. */
static void ui_term_fatal(void)
{
	ui_term_stop();
}

/* ui_term_capture_leave: the bytes that leave keypad-transmit mode (or
 * arrow keys would send ESC O A to the shell) and the alternate screen
 * and show the cursor, kept for the crash handler. */
static void ui_term_capture_leave(void)
{
	static const char *const caps[] = { "rmkx", "rmcup" };
	const char *tail = "\033[0m\033[?25h";
	size_t n = 0;

	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		const char *v = tigetstr(caps[i]);

		if (v && v != (char *)-1 && n + strlen(v) < sizeof(ui_term_leave) - 16) {
			memcpy(ui_term_leave + n, v, strlen(v));
			n += strlen(v);
		}
	}
	memcpy(ui_term_leave + n, tail, strlen(tail));
	ui_term_leave_len = n + strlen(tail);
}

/* ui_term_colors: the colour pairs of enum ui_pair. */
static void ui_term_colors(void)
{
	start_color();
	use_default_colors();
	init_pair(UI_PAIR_HEADER, COLOR_BLACK, COLOR_GREEN);
	init_pair(UI_PAIR_SORT, COLOR_BLACK, COLOR_CYAN);
	init_pair(UI_PAIR_SEL, COLOR_BLACK, COLOR_CYAN);
	init_pair(UI_PAIR_OK, COLOR_GREEN, -1);
	init_pair(UI_PAIR_WARN, COLOR_YELLOW, -1);
	init_pair(UI_PAIR_BAD, COLOR_RED, -1);
	init_pair(UI_PAIR_DIM, COLOR_BLUE, -1);
	init_pair(UI_PAIR_LABEL, COLOR_CYAN, -1);
	init_pair(UI_PAIR_BAR_GREEN, COLOR_BLACK, COLOR_GREEN);
	init_pair(UI_PAIR_BAR_YELLOW, COLOR_BLACK, COLOR_YELLOW);
	init_pair(UI_PAIR_BAR_MAGENTA, COLOR_BLACK, COLOR_MAGENTA);
	init_pair(UI_PAIR_BAR_RED, COLOR_BLACK, COLOR_RED);
	init_pair(UI_PAIR_BAR_CYAN, COLOR_BLACK, COLOR_CYAN);
	init_pair(UI_PAIR_BAR_BLUE, COLOR_WHITE, COLOR_BLUE);
	init_pair(UI_PAIR_BAR_WHITE, COLOR_BLACK, COLOR_WHITE);
	ui_term_color = true;
}

/* ui_term_handlers: install the quit and crash handlers. */
static void ui_term_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_term_on_quit; /* no SA_RESTART: poll() wakes up */
	for (size_t i = 0; i < sizeof(ui_term_quit_sigs) / sizeof(ui_term_quit_sigs[0]); i++)
		sigaction(ui_term_quit_sigs[i], &sa, NULL);
	sa.sa_handler = ui_term_on_crash;
	for (size_t i = 0; i < sizeof(ui_term_crash_sigs) / sizeof(ui_term_crash_sigs[0]); i++)
		sigaction(ui_term_crash_sigs[i], &sa, NULL);
}

/* ui_term_can_address: true when TERM is known and can move the cursor
 * (TERM=dumb cannot draw a full screen); else a message in err. */
static bool ui_term_can_address(char *err, size_t errsz)
{
	const char *term = getenv("TERM");
	TERMINAL *saved = cur_term;
	char *cup;
	int errret = 0;

	if (setupterm(NULL, STDOUT_FILENO, &errret) != OK) {
		snprintf(err, errsz, "unknown terminal type TERM=%.40s", term ? term : "");
		return false;
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	cur_term = saved;
	if (!cup || cup == (char *)-1) {
		snprintf(err, errsz, "TERM=%.40s cannot move the cursor", term ? term : "");
		return false;
	}
	return true;
}

int ui_term_start(const struct opts *o, char *err, size_t errsz)
{
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errsz, "standard input and output must be a terminal");
		return -1;
	}
	if (ui_term_pipe[0] < 0 && pipe2(ui_term_pipe, O_NONBLOCK | O_CLOEXEC) < 0) {
		snprintf(err, errsz, "pipe: %s", strerror(errno));
		return -1;
	}
	if (!ui_term_can_address(err, errsz))
		return -1;
	ui_term_have_saved = tcgetattr(STDIN_FILENO, &ui_term_saved) == 0;
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		snprintf(err, errsz, "unknown terminal type TERM=%.40s",
			 getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	set_term(scr);
	ui_term_active = true;
	util_fatal_hook = ui_term_fatal;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_term_color = false;
	if (o->color && has_colors())
		ui_term_colors();
	ui_term_capture_leave();
	ui_term_handlers(); /* after newterm, which installs its own for SIGINT/SIGTERM */
	return ui_term_pipe[0];
}

void ui_term_stop(void)
{
	if (!ui_term_active)
		return;
	ui_term_active = false;
	curs_set(1);
	endwin();
	util_fatal_hook = NULL;
}

bool ui_term_signalled(void)
{
	char buf[16];
	bool got = false;

	while (read(ui_term_pipe[0], buf, sizeof(buf)) > 0)
		got = true;
	return got;
}

int ui_term_attr(enum ui_pair pair, int mono)
{
	if (!ui_term_color)
		return mono;
	switch (pair) {
	case UI_PAIR_SORT:
		return COLOR_PAIR(pair) | A_BOLD;
	default:
		return COLOR_PAIR(pair);
	}
}
