/* ui-action.c - acting on a process from any screen: the signal list of
 * the k/F9 menu (htop's, SIGTERM first), the y/N confirmation naming the
 * process, and the result of a signal or a renice as one status line.
 * The work itself (identity check, pidfd, setpriority) is action.c's;
 * nothing here reads /proc. */
#include "config.h"
#include "action.h"
#include "ui-priv.h"

#include <errno.h>
#include <ncurses.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* SIGTERM first, then the ones people send, then the rest (htop's list). */
static const struct ui_action_sig ui_action_sigs[] = {
	{ SIGTERM, "SIGTERM" },	    { SIGKILL, "SIGKILL" }, { SIGHUP, "SIGHUP" },
	{ SIGINT, "SIGINT" },	    { SIGQUIT, "SIGQUIT" }, { SIGSTOP, "SIGSTOP" },
	{ SIGCONT, "SIGCONT" },	    { SIGTSTP, "SIGTSTP" }, { SIGUSR1, "SIGUSR1" },
	{ SIGUSR2, "SIGUSR2" },	    { SIGABRT, "SIGABRT" }, { SIGALRM, "SIGALRM" },
	{ SIGPIPE, "SIGPIPE" },	    { SIGSEGV, "SIGSEGV" }, { SIGBUS, "SIGBUS" },
	{ SIGILL, "SIGILL" },	    { SIGFPE, "SIGFPE" },   { SIGTRAP, "SIGTRAP" },
	{ SIGCHLD, "SIGCHLD" },	    { SIGTTIN, "SIGTTIN" }, { SIGTTOU, "SIGTTOU" },
	{ SIGURG, "SIGURG" },	    { SIGXCPU, "SIGXCPU" }, { SIGXFSZ, "SIGXFSZ" },
	{ SIGVTALRM, "SIGVTALRM" }, { SIGPROF, "SIGPROF" }, { SIGWINCH, "SIGWINCH" },
	{ SIGIO, "SIGIO" },	    { SIGPWR, "SIGPWR" },   { SIGSYS, "SIGSYS" },
};

const struct ui_action_sig *ui_action_sigs_list(size_t *n)
{
	*n = sizeof(ui_action_sigs) / sizeof(ui_action_sigs[0]);
	return ui_action_sigs;
}

/* ui_action_sig_name: "SIGTERM" for 15, "signal N" when not listed. */
static const char *ui_action_sig_name(int sig)
{
	static char buf[24];

	for (size_t i = 0; i < sizeof(ui_action_sigs) / sizeof(ui_action_sigs[0]); i++)
		if (ui_action_sigs[i].sig == sig)
			return ui_action_sigs[i].name;
	snprintf(buf, sizeof(buf), "signal %d", sig);
	return buf;
}

/* ui_action_errname: "EPERM"... for the errors an action meets. */
static const char *ui_action_errname(int e)
{
	switch (e) {
	case EPERM:
		return "EPERM";
	case EACCES:
		return "EACCES";
	case ESRCH:
		return "ESRCH";
	case EINVAL:
		return "EINVAL";
	default:
		return "error";
	}
}

bool ui_action_target(struct ui *u)
{
	if (u->t.nrows == 0 || u->t.sel >= u->t.nrows)
		return false;
	ui_action_target_proc(u, table_row(&u->t, ui_shown(u), u->t.sel));
	return true;
}

void ui_action_target_proc(struct ui *u, const struct proc_row *p)
{
	memset(&u->act, 0, sizeof(u->act));
	u->act.pid = p->pid;
	u->act.tid = p->is_thread ? p->tid : 0;
	u->act.start_ticks = p->start_ticks;
	snprintf(u->act.cmd, sizeof(u->act.cmd), "%s",
		 p->cmdline && p->cmdline[0] ? p->cmdline : p->comm);
}

int ui_action_signal(struct ui *u, int pid, unsigned long long start_ticks, int sig)
{
	int rc = action_signal(pid, start_ticks, sig);
	const char *name = ui_action_sig_name(sig);

	if (rc == 0)
		snprintf(u->msg, sizeof(u->msg), "sent %s to pid %d", name, pid);
	else if (rc == -EPERM)
		snprintf(u->msg, sizeof(u->msg),
			 "%s to pid %d: not permitted (EPERM): not your process", name, pid);
	else if (rc == -ESRCH)
		snprintf(u->msg, sizeof(u->msg), "%s to pid %d: no such process (ESRCH): it exited",
			 name, pid);
	else
		snprintf(u->msg, sizeof(u->msg), "%s to pid %d: %s (%s)", name, pid, strerror(-rc),
			 ui_action_errname(-rc));
	return rc;
}

int ui_action_renice(struct ui *u, int pid, int tid, unsigned long long start_ticks, int delta)
{
	int old_nice = 0, new_nice = 0;
	int rc = action_renice(pid, tid, start_ticks, delta, &old_nice, &new_nice);
	int id = tid > 0 ? tid : pid;

	if (rc == 0 && new_nice == old_nice)
		snprintf(u->msg, sizeof(u->msg), "pid %d: nice already %d", id, old_nice);
	else if (rc == 0)
		snprintf(u->msg, sizeof(u->msg), "pid %d: nice %d -> %d", id, old_nice, new_nice);
	else if (rc == -EACCES || rc == -EPERM)
		snprintf(u->msg, sizeof(u->msg), "renice pid %d to %d: permission denied (%s): %s",
			 id, new_nice, ui_action_errname(-rc),
			 delta < 0 ? "only root may raise priority" : "not your process");
	else if (rc == -ESRCH)
		snprintf(u->msg, sizeof(u->msg),
			 "renice pid %d: no such process (ESRCH): it exited", id);
	else
		snprintf(u->msg, sizeof(u->msg), "renice pid %d: %s (%s)", id, strerror(-rc),
			 ui_action_errname(-rc));
	return rc;
}

void ui_action_ask(struct ui *u, int sig)
{
	u->act.sig = sig;
	u->act.back = u->mode == UI_MODE_MENU ? u->menu_back : u->mode;
	u->mode = UI_MODE_CONFIRM;
}

void ui_action_confirm_key(struct ui *u, int key)
{
	u->mode = u->act.back;
	if (key == 'y' || key == 'Y')
		ui_action_signal(u, u->act.pid, u->act.start_ticks, u->act.sig);
	else
		snprintf(u->msg, sizeof(u->msg), "%s not sent", ui_action_sig_name(u->act.sig));
}

void ui_action_confirm_draw(struct ui *u, int y)
{
	char line[256];

	snprintf(line, sizeof(line), "Send %s to pid %d (%s)? y/N", ui_action_sig_name(u->act.sig),
		 u->act.pid, u->act.cmd);
	move(y, 0);
	clrtoeol();
	attrset(ui_term_attr(UI_PAIR_WARN, A_REVERSE | A_BOLD));
	ui_text_put(y, 0, u->cols, line, false, u->o->unicode);
	attrset(A_NORMAL);
}
