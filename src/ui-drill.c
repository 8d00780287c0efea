/* ui-drill.c - the drill-in screen: one process in detail, drawn from the
 * sample's struct drill (which the engine fills for its focus) and never
 * from /proc.  The screen is a document of lines in sections (header,
 * wait and timeline, threads, kernel stack, sockets, files, I/O and
 * memory) scrolled as a whole; Up/Down select a thread (its stack is
 * shown), Tab jumps between sections.  Its keys live in the table below,
 * from which the help screen is generated. */
#include "config.h"
#include "fmt.h"
#include "ui-priv.h"
#include "verdict.h"

#include <fcntl.h>
#include <ncurses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum ui_drill_sec {
	SEC_HEADER,
	SEC_WAIT,
	SEC_THREADS,
	SEC_STACK,
	SEC_SOCKETS,
	SEC_FILES,
	SEC_IOMEM,
	SEC_N
};

enum ui_drill_sort { DSORT_TID, DSORT_CPU, DSORT_RUNQ, DSORT_WAIT, DSORT_N };

#define UI_DRILL_LINE 512

/* One line of the document. */
struct ui_drill_line {
	char text[UI_DRILL_LINE];
	int attr;
	int sec;
	int tid; /* a thread's line: its tid (selection) */
	bool timeline; /* letters coloured by category */
};

struct ui_drill_doc {
	struct ui_drill_line *l;
	size_t n, cap;
	int sec; /* the section being added */
};

/* ui_drill_add: append a formatted line to the document. */
static struct ui_drill_line *ui_drill_add(struct ui_drill_doc *doc, int attr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static struct ui_drill_line *ui_drill_add(struct ui_drill_doc *doc, int attr, const char *fmt, ...)
{
	struct ui_drill_line *l;
	va_list ap;

	if (doc->n == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 128;
		doc->l = realloc(doc->l, doc->cap * sizeof(*doc->l));
		if (!doc->l)
			abort();
	}
	l = &doc->l[doc->n++];
	memset(l, 0, sizeof(*l));
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof(l->text), fmt, ap);
	va_end(ap);
	l->attr = attr;
	l->sec = doc->sec;
	return l;
}

/* ui_drill_title: start a section with its bold title. */
static void ui_drill_title(struct ui_drill_doc *doc, int sec, const char *title)
{
	doc->sec = sec;
	ui_drill_add(doc, ui_term_attr(UI_PAIR_LABEL, A_BOLD), "%s", title);
}

/* ui_drill_when: local time of unix seconds t as HH:MM:SS (with the date
 * when it is not today). */
static void ui_drill_when(double t, char *buf, size_t bufsz)
{
	time_t tt = (time_t)t, now = time(NULL);
	struct tm tm, tn;

	localtime_r(&tt, &tm);
	localtime_r(&now, &tn);
	strftime(buf, bufsz,
		 tm.tm_yday == tn.tm_yday && tm.tm_year == tn.tm_year ? "%H:%M:%S"
								      : "%Y-%m-%d %H:%M:%S",
		 &tm);
}

/* ui_drill_wrap: add text wrapped at width cells (never splitting a UTF-8
 * sequence), the first line after prefix, the rest indented to match. */
static void ui_drill_wrap(struct ui_drill_doc *doc, const char *prefix, const char *text, int width)
{
	int ind = (int)strlen(prefix), room = width - ind;
	const char *p = text;
	bool first = true;

	if (room < 10)
		room = 10;
	do {
		const char *q = p;
		int cells = 0;

		while (*q && cells < room) {
			q++;
			while ((*q & 0xc0) == 0x80)
				q++;
			cells++;
		}
		ui_drill_add(doc, A_NORMAL, "%-*s%.*s", ind, first ? prefix : "", (int)(q - p), p);
		first = false;
		p = q;
	} while (*p);
}

/* ui_drill_header: pid, parent, user, state, times, scheduling, cgroup,
 * netns and the command line. */
static void ui_drill_header(struct ui_drill_doc *doc, const struct drill *d, int width)
{
	const struct proc_row *p = &d->proc;
	char start[32] = "-", el[32] = "-";

	doc->sec = SEC_HEADER;
	if (d->start_time_s > 0) {
		long s =
		    (long)((d->exited ? d->exit_time_s : (double)time(NULL)) - d->start_time_s);

		ui_drill_when(d->start_time_s, start, sizeof(start));
		if (s < 0)
			s = 0;
		snprintf(el, sizeof(el), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	}
	ui_drill_add(doc, A_NORMAL, "PID %d  PPID %d (%s)  USER %s  STATE %c  THREADS %d", p->pid,
		     p->ppid, d->parent_comm[0] ? d->parent_comm : "-", p->user, p->state,
		     p->nthreads);
	if (d->have_sched)
		ui_drill_add(doc, A_NORMAL, "started %s (elapsed %s)  nice %d  policy %s", start,
			     el, d->nice, model_policy_name(d->policy));
	else
		ui_drill_add(doc, A_NORMAL, "started %s (elapsed %s)  nice -  policy -", start, el);
	ui_drill_add(doc, A_NORMAL, "cgroup %s%s", d->cgroup[0] ? d->cgroup : "-",
		     !d->have_netns ? "  netns -" : "");
	if (d->have_netns && !d->netns_host)
		ui_drill_add(doc, A_NORMAL, "netns net:[%lu] (not the host's)", d->netns_ino);
	ui_drill_wrap(doc, "command ", p->cmdline && p->cmdline[0] ? p->cmdline : p->comm, width);
}

/* ui_drill_shares: "net 98% cpu 2%": categories of sh (percent) largest first. */
static void ui_drill_shares(const float *sh, char *buf, size_t bufsz)
{
	bool used[WAIT_NCAT] = { false };
	size_t o = 0;

	buf[0] = '\0';
	for (int k = 0; k < WAIT_NCAT; k++) {
		int best = -1;

		for (int c = 0; c < WAIT_NCAT; c++)
			if (!used[c] && sh[c] >= 0.5 && (best < 0 || sh[c] > sh[best]))
				best = c;
		if (best < 0 || o >= bufsz)
			break;
		used[best] = true;
		o += (size_t)snprintf(buf + o, bufsz - o, "%s%s %.0f%%", o ? "  " : "",
				      model_wait_name((enum wait_cat)best), sh[best]);
	}
	if (!buf[0])
		snprintf(buf, bufsz, "-");
}

/* ui_drill_timeline: the letters of the timeline in rows of width cells,
 * the legend and the shares over the last interval and the whole timeline. */
static void ui_drill_timeline(struct ui_drill_doc *doc, const struct drill *d, double interval_s,
			      int width)
{
	float tot[WAIT_NCAT] = { 0 };
	bool seen[WAIT_NCAT] = { false };
	char buf[UI_DRILL_LINE];
	size_t nhave = 0, per = (size_t)(width > 12 ? width - 2 : 10);

	ui_drill_add(doc, ui_term_attr(UI_PAIR_DIM, A_NORMAL),
		     "timeline: %zu of %d intervals of %.1fs, oldest left, newest right",
		     d->ntimeline, MODEL_HIST_LEN, interval_s);
	if (per > MODEL_HIST_LEN)
		per = MODEL_HIST_LEN;
	for (size_t i = 0; i < d->ntimeline || i == 0; i += per) {
		size_t k = 0;

		buf[k++] = ' ';
		buf[k++] = ' ';
		for (size_t j = i; j < d->ntimeline && j < i + per; j++) {
			const struct hist_point *h = &d->timeline[j];

			buf[k++] = h->have ? model_wait_letter((enum wait_cat)h->wait) : ' ';
			if (h->have)
				seen[h->wait] = true;
		}
		buf[k] = '\0';
		ui_drill_add(doc, A_NORMAL, "%s", buf)->timeline = true;
	}
	for (size_t j = 0; j < d->ntimeline; j++) {
		if (!d->timeline[j].have)
			continue;
		nhave++;
		for (int c = 0; c < WAIT_NCAT; c++)
			tot[c] += d->timeline[j].share_pct[c];
	}
	buf[0] = '\0';
	for (int c = 0, o = 0; c < WAIT_NCAT; c++)
		if (seen[c])
			o += snprintf(buf + o, sizeof(buf) - (size_t)o, "%s%c %s", o ? "  " : "",
				      model_wait_letter((enum wait_cat)c),
				      model_wait_name((enum wait_cat)c));
	if (buf[0])
		ui_drill_add(doc, ui_term_attr(UI_PAIR_DIM, A_NORMAL), "  %s", buf);
	for (int c = 0; c < WAIT_NCAT && nhave; c++)
		tot[c] /= (float)nhave;
	ui_drill_shares(d->proc.wait_share, buf, sizeof(buf));
	ui_drill_add(doc, A_NORMAL, "last interval:  %s", d->proc.have_wait ? buf : "-");
	ui_drill_shares(tot, buf, sizeof(buf));
	ui_drill_add(doc, A_NORMAL, "whole timeline: %s", nhave ? buf : "-");
}

/* ui_drill_wait: the verdict, why, where it leads, and the timeline. */
static void ui_drill_wait(struct ui_drill_doc *doc, const struct drill *d, double interval_s,
			  int width)
{
	const struct proc_row *p = &d->proc;

	ui_drill_title(doc, SEC_WAIT, "WAIT");
	if (p->have_wait)
		ui_drill_add(doc, A_BOLD, "%s %.0f%%  %s", model_wait_name(p->wait),
			     p->wait_share[p->wait], model_str(p->why));
	else
		ui_drill_add(doc, A_NORMAL, "- (no verdict: %s)",
			     p->state == 'Z' ? "zombie" : "not readable, or no interval yet");
	if (p->why_pid > 0)
		ui_drill_add(doc, A_NORMAL, "waits on pid %d: press f (or Enter) to follow it",
			     p->why_pid);
	ui_drill_timeline(doc, d, interval_s, width);
}

/* ui_drill_thr_key: the value a thread sorts by. */
static double ui_drill_thr_key(const struct thread_row *t, int sort)
{
	switch (sort) {
	case DSORT_CPU:
		return t->cpu_pct;
	case DSORT_RUNQ:
		return t->have_sched ? t->runq_pct : -1;
	case DSORT_WAIT:
		return t->have_wait ? (double)t->wait : WAIT_NCAT;
	default:
		return t->tid;
	}
}

static int ui_drill_sort_by; /* for qsort's comparator */
static bool ui_drill_sort_desc;

/* ui_drill_thr_cmp: threads by the chosen key, then tid. */
static int ui_drill_thr_cmp(const void *a, const void *b)
{
	const struct thread_row *x = *(const struct thread_row *const *)a;
	const struct thread_row *y = *(const struct thread_row *const *)b;
	double kx = ui_drill_thr_key(x, ui_drill_sort_by),
	       ky = ui_drill_thr_key(y, ui_drill_sort_by);
	int c = (kx > ky) - (kx < ky);

	if (ui_drill_sort_desc)
		c = -c;
	return c ? c : (x->tid > y->tid) - (x->tid < y->tid);
}

/* ui_drill_sorted: the threads of d in the screen's order (caller frees). */
static const struct thread_row **ui_drill_sorted(const struct ui *u, const struct drill *d)
{
	const struct thread_row **v = calloc(d->nthreads ? d->nthreads : 1, sizeof(*v));

	if (!v)
		abort();
	for (size_t i = 0; i < d->nthreads; i++)
		v[i] = &d->threads[i];
	ui_drill_sort_by = u->drill.sort;
	ui_drill_sort_desc = u->drill.sort_desc;
	qsort(v, d->nthreads, sizeof(*v), ui_drill_thr_cmp);
	return v;
}

/* ui_drill_threads: one line per thread, the selected one highlighted. */
static void ui_drill_threads(struct ui_drill_doc *doc, const struct ui *u, const struct drill *d)
{
	static const char *const sorts[DSORT_N] = { "TID", "CPU%", "RUNQ%", "WAIT" };
	const struct thread_row **v = ui_drill_sorted(u, d);

	ui_drill_title(doc, SEC_THREADS, "THREADS");
	ui_drill_add(doc, ui_term_attr(UI_PAIR_HEADER, A_REVERSE),
		     "    TID NAME            S  CPU%% RUNQ%% WAIT         SHARE WHY (syscall, fd) "
		     "- sorted by %s%s",
		     sorts[u->drill.sort], u->drill.sort_desc ? " desc" : "");
	for (size_t i = 0; i < d->nthreads; i++) {
		const struct thread_row *t = v[i];
		char runq[16];
		const char *sc = t->have_syscall && t->syscall_nr >= 0
				     ? verdict_syscall_name(t->syscall_nr)
				     : NULL;
		struct ui_drill_line *l;

		fmt_pct(runq, sizeof(runq), t->have_sched, t->runq_pct);
		l = ui_drill_add(doc, A_NORMAL, "%7d %-15.15s %c %5.1f %5s %-12.12s %4.0f%% %s%s%s",
				 t->tid, t->comm, t->state, t->cpu_pct, runq,
				 t->have_wait ? model_wait_name(t->wait) : "-",
				 t->have_wait ? t->wait_share[t->wait] : 0.0,
				 model_str(t->why)[0]	  ? t->why
				 : sc			  ? sc
				 : model_str(t->wchan)[0] ? t->wchan
							  : "-",
				 model_str(t->why)[0] && t->have_wchan && model_str(t->wchan)[0]
				     ? "  wchan "
				     : "",
				 model_str(t->why)[0] && t->have_wchan ? model_str(t->wchan) : "");
		l->tid = t->tid;
	}
	free(v);
}

/* ui_drill_stack: the kernel stack of the selected thread. */
static void ui_drill_stack(struct ui_drill_doc *doc, const struct drill *d)
{
	char title[64];

	snprintf(title, sizeof(title), "KERNEL STACK of thread %d", d->stack_tid);
	ui_drill_title(doc, SEC_STACK, title);
	if (d->have_stack) {
		const char *p = d->stack;

		if (!p || !*p)
			ui_drill_add(doc, A_NORMAL, "  (empty: running in user space)");
		while (p && *p) {
			const char *nl = strchr(p, '\n');
			int len = nl ? (int)(nl - p) : (int)strlen(p);

			ui_drill_add(doc, A_NORMAL, "  %.*s", len, p);
			p = nl ? nl + 1 : NULL;
		}
	} else {
		ui_drill_add(doc, ui_term_attr(UI_PAIR_DIM, A_NORMAL), "  %s",
			     d->stack_denied ? "n/a: reading a kernel stack needs root"
					     : "n/a: not readable");
	}
}

/* ui_drill_sockets: two lines per socket: endpoints, then queues and TCP facts. */
static void ui_drill_sockets(struct ui_drill_doc *doc, const struct drill *d)
{
	ui_drill_title(doc, SEC_SOCKETS, "SOCKETS");
	if (d->nsocks == 0)
		ui_drill_add(doc, A_NORMAL, "  %s",
			     d->fds_denied ? "n/a: the fds are not readable" : "none");
	for (size_t i = 0; i < d->nsocks; i++) {
		const struct drill_sock *s = &d->socks[i];
		char rx[16], tx[16], rate[16];

		if (!strcmp(s->proto, "unix")) {
			ui_drill_add(doc, A_NORMAL, "  fd %-4d unix %s %s", s->fd,
				     s->local[0] ? s->local : "(unnamed)", s->state);
			if (s->peer_pid > 0)
				ui_drill_add(doc, A_NORMAL,
					     "          peer pid %d %s  recv-q %u send-q %u",
					     s->peer_pid, s->peer_comm, s->rqueue, s->wqueue);
			else
				ui_drill_add(doc, A_NORMAL, "          recv-q %u send-q %u",
					     s->rqueue, s->wqueue);
			continue;
		}
		ui_drill_add(doc, A_NORMAL, "  fd %-4d %-4s %s%s%s %s", s->fd, s->proto, s->local,
			     s->peer[0] ? " -> " : "", s->peer, s->state);
		if (s->peer_pid > 0)
			ui_drill_add(doc, A_NORMAL, "          peer: pid %d %s (local)",
				     s->peer_pid, s->peer_comm);
		if (s->listener) {
			ui_drill_add(doc, A_NORMAL, "          accept-q %u/%u", s->rqueue,
				     s->wqueue);
			continue;
		}
		fmt_rate(rx, sizeof(rx), s->have_rate, s->rx_bps);
		fmt_rate(tx, sizeof(tx), s->have_rate, s->tx_bps);
		fmt_rate(rate, sizeof(rate), s->have_tcpi, s->delivery_bps);
		if (s->have_tcpi)
			ui_drill_add(
			    doc, A_NORMAL,
			    "          recv-q %u send-q %u  rx %s/s tx %s/s  rtt %.3gms cwnd "
			    "%u retrans %u rate %s/s",
			    s->rqueue, s->wqueue, rx, tx, s->rtt_ms, s->cwnd_segs, s->retrans,
			    rate);
		else if (s->have_drops)
			ui_drill_add(doc, A_NORMAL, "          recv-q %u send-q %u  drops %u",
				     s->rqueue, s->wqueue, s->drops);
		else
			ui_drill_add(doc, A_NORMAL, "          recv-q %u send-q %u", s->rqueue,
				     s->wqueue);
	}
}

/* ui_drill_flags: "r", "w", "rw" and the open flags that explain a wait. */
static void ui_drill_flags(unsigned f, char *buf, size_t bufsz)
{
	int acc = (int)(f & O_ACCMODE);

	snprintf(buf, bufsz, "%s%s%s%s%s",
		 acc == O_RDONLY   ? "r"
		 : acc == O_WRONLY ? "w"
				   : "rw",
		 f & O_APPEND ? ",append" : "", f & O_DIRECT ? ",direct" : "",
		 (f & O_SYNC) == O_SYNC ? ",sync"
		 : f & O_DSYNC		? ",dsync"
					: "",
		 f & O_NONBLOCK ? ",nonblock" : "");
}

/* ui_drill_files: one line per fd: kind, position, size, flags, path. */
static void ui_drill_files(struct ui_drill_doc *doc, const struct drill *d)
{
	ui_drill_title(doc, SEC_FILES, "FILES");
	if (d->fds_denied) {
		ui_drill_add(doc, ui_term_attr(UI_PAIR_DIM, A_NORMAL),
			     "  n/a: the fds of another user's process need root");
		return;
	}
	ui_drill_add(doc, ui_term_attr(UI_PAIR_HEADER, A_REVERSE),
		     "    FD TYPE        POS     SIZE    %% FLAGS        PATH");
	for (size_t i = 0; i < d->nfds; i++) {
		const struct drill_fd *f = &d->fds[i];
		char pos[16] = "-", size[16] = "-", pct[8] = "-", fl[48] = "-";

		if (f->have_pos) {
			fmt_bytes(pos, sizeof(pos), (double)f->pos_bytes);
			ui_drill_flags(f->flags, fl, sizeof(fl));
		}
		if (f->have_size) {
			fmt_bytes(size, sizeof(size), (double)f->size_bytes);
			if (f->have_pos && f->size_bytes)
				snprintf(pct, sizeof(pct), "%.0f",
					 100.0 * (double)f->pos_bytes / (double)f->size_bytes);
		}
		ui_drill_add(doc, A_NORMAL, "  %4d %-8s %7s %8s %4s %-12s %s%s%s", f->fd, f->kind,
			     pos, size, pct, fl, f->path, f->watch[0] ? "  watches " : "",
			     f->watch);
		if (f->peer_pid > 0)
			ui_drill_add(doc, A_NORMAL, "  %4s %s: pid %d %s", "",
				     (f->flags & O_ACCMODE) == O_RDONLY ? "writer" : "reader",
				     f->peer_pid, f->peer_comm);
	}
}

/* ui_drill_iomem: /proc/PID/io and memory, totals and rates. */
static void ui_drill_iomem(struct ui_drill_doc *doc, const struct drill *d)
{
	const struct drill_io *io = &d->io;
	const struct drill_mem *m = &d->mem;
	struct {
		const char *name;
		unsigned long long total;
		double rate;
		bool bytes;
	} rows[] = {
		{ "rchar", io->rchar, io->rchar_bps, true },
		{ "wchar", io->wchar, io->wchar_bps, true },
		{ "syscr", io->syscr, io->syscr_ps, false },
		{ "syscw", io->syscw, io->syscw_ps, false },
		{ "read_bytes", io->read_bytes, io->read_bps, true },
		{ "write_bytes", io->write_bytes, io->write_bps, true },
		{ "cancelled_write_bytes", io->cancelled_bytes, io->cancelled_bps, true },
	};
	char a[16], b[16], c[16], e[16];

	ui_drill_title(doc, SEC_IOMEM, "I/O AND MEMORY");
	if (!io->have)
		ui_drill_add(doc, ui_term_attr(UI_PAIR_DIM, A_NORMAL),
			     "  I/O n/a: /proc/PID/io of another user's process needs root");
	for (size_t i = 0; io->have && i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].bytes) {
			fmt_bytes(a, sizeof(a), (double)rows[i].total);
			fmt_rate(b, sizeof(b), io->have_rate, rows[i].rate);
			ui_drill_add(doc, A_NORMAL, "  %-22s %10s  %10s/s", rows[i].name, a, b);
		} else if (io->have_rate) {
			ui_drill_add(doc, A_NORMAL, "  %-22s %10llu  %10.0f/s", rows[i].name,
				     rows[i].total, rows[i].rate);
		} else {
			ui_drill_add(doc, A_NORMAL, "  %-22s %10llu  %10s/s", rows[i].name,
				     rows[i].total, "-");
		}
	}
	if (!m->have) {
		ui_drill_add(doc, ui_term_attr(UI_PAIR_DIM, A_NORMAL), "  memory n/a");
		return;
	}
	fmt_bytes(a, sizeof(a), (double)m->rss_kb * 1024);
	if (m->have_swap)
		fmt_bytes(b, sizeof(b), (double)m->swap_kb * 1024);
	else
		snprintf(b, sizeof(b), "-");
	ui_drill_add(doc, A_NORMAL, "  RSS %s  swap %s", a, b);
	fmt_pct(a, sizeof(a), false, 0);
	if (m->have_rate) {
		snprintf(a, sizeof(a), "%.0f", m->minflt_ps);
		snprintf(b, sizeof(b), "%.0f", m->majflt_ps);
		snprintf(c, sizeof(c), "%.0f", m->vctx_ps);
		snprintf(e, sizeof(e), "%.0f", m->ivctx_ps);
	} else {
		snprintf(a, sizeof(a), "-");
		snprintf(b, sizeof(b), "-");
		snprintf(c, sizeof(c), "-");
		snprintf(e, sizeof(e), "-");
	}
	ui_drill_add(doc, A_NORMAL,
		     "  faults/s minor %s major %s   ctx switches/s voluntary %s "
		     "involuntary %s",
		     a, b, c, e);
}

/* ui_drill_build: the whole document for drill d at width cells. */
static void ui_drill_build(struct ui_drill_doc *doc, const struct ui *u, const struct drill *d,
			   double interval_s, int width)
{
	ui_drill_header(doc, d, width);
	ui_drill_wait(doc, d, interval_s, width);
	ui_drill_threads(doc, u, d);
	ui_drill_stack(doc, d);
	ui_drill_sockets(doc, d);
	ui_drill_files(doc, d);
	ui_drill_iomem(doc, d);
}

/* ui_drill_cur: the drill of the shown sample when it is the one we want. */
static const struct drill *ui_drill_cur(const struct ui *u)
{
	const struct drill *d = u->cur.drill;

	if (!d || d->pid != u->drill.pid ||
	    (u->drill.start_ticks && d->start_ticks != u->drill.start_ticks))
		return NULL;
	return d;
}

/* ui_drill_tl_attr: the colour of a timeline letter: its category's, as
 * in the WAIT bar. */
static int ui_drill_tl_attr(char ch)
{
	for (int c = 0; c < WAIT_NCAT; c++)
		if (model_wait_letter((enum wait_cat)c) == ch)
			return ui_pane_bar_attr((enum wait_cat)c);
	return A_NORMAL;
}

/* ui_drill_put: draw one document line on row y. */
static void ui_drill_put(const struct ui *u, int y, const struct ui_drill_line *l, bool sel)
{
	if (l->timeline && u->o->color) {
		move(y, 0);
		for (int x = 0; l->text[x] && x < u->cols; x++) {
			attrset(ui_drill_tl_attr(l->text[x]));
			addch((unsigned char)l->text[x]);
		}
		attrset(A_NORMAL);
		return;
	}
	attrset(sel ? ui_term_attr(UI_PAIR_SEL, A_REVERSE) : l->attr);
	ui_text_put(y, 0, u->cols, l->text, false, u->o->unicode);
	attrset(A_NORMAL);
}

/* ui_drill_sel_line: the document line of the selected thread, or -1. */
static long ui_drill_sel_line(const struct ui_drill_doc *doc, int tid)
{
	for (size_t i = 0; i < doc->n; i++)
		if (doc->l[i].tid && doc->l[i].tid == tid)
			return (long)i;
	return -1;
}

/* ui_drill_fix_top: clamp the scroll and keep the selected thread in view. */
static void ui_drill_fix_top(struct ui *u, const struct ui_drill_doc *doc, size_t body)
{
	struct ui_drill *v = &u->drill;
	long sl = ui_drill_sel_line(doc, v->sel_tid);

	if (v->follow_sel && sl >= 0) {
		if ((size_t)sl < v->top)
			v->top = (size_t)sl;
		else if ((size_t)sl >= v->top + body)
			v->top = (size_t)sl - body + 1;
	}
	v->follow_sel = false;
	if (doc->n <= body)
		v->top = 0;
	else if (v->top > doc->n - body)
		v->top = doc->n - body;
	v->body = body;
}

/* ui_drill_topline: row 0: which process, whether it is gone, the keys. */
static void ui_drill_topline(struct ui *u, const struct drill *d)
{
	char when[32], chain[64] = "";

	if (u->drill.nchain)
		snprintf(chain, sizeof(chain), " [chain %zu: Bksp back]", u->drill.nchain);
	if (d && d->exited) {
		ui_drill_when(d->exit_time_s, when, sizeof(when));
		attrset(ui_term_attr(UI_PAIR_BAD, A_REVERSE | A_BOLD));
		ui_text_printf(0, 0, u->cols, u->o->unicode,
			       "EXITED at %s: pid %d %s (last data shown)%s  Esc list", when,
			       d->pid, d->proc.comm, chain);
	} else {
		attrset(ui_term_attr(UI_PAIR_HEADER, A_REVERSE));
		ui_text_printf(0, 0, u->cols, u->o->unicode,
			       "DRILL pid %d %s%s  Esc list  Tab section  f follow  h help",
			       u->drill.pid, d ? d->proc.comm : "", chain);
	}
	attrset(A_NORMAL);
}

void ui_drill_draw(struct ui *u)
{
	const struct drill *d = ui_drill_cur(u);
	struct ui_drill_doc doc = { 0 };
	size_t body = u->rows > 2 ? (size_t)u->rows - 2 : 1;

	ui_drill_topline(u, d);
	if (!d) {
		ui_text_printf(2, 0, u->cols, u->o->unicode, "pid %d: %s", u->drill.pid,
			       u->have_sample ? "reading..." : "waiting for the first sample...");
		return;
	}
	if (!u->drill.sel_tid && d->nthreads)
		u->drill.sel_tid = d->pid;
	if (!u->drill.start_ticks)
		u->drill.start_ticks = d->start_ticks; /* --drill: adopt it once seen */
	ui_drill_build(&doc, u, d, u->o->delay_s, u->cols);
	ui_drill_fix_top(u, &doc, body);
	for (size_t r = 0; r < body && u->drill.top + r < doc.n; r++) {
		const struct ui_drill_line *l = &doc.l[u->drill.top + r];

		ui_drill_put(u, (int)r + 1, l, l->tid && l->tid == u->drill.sel_tid);
	}
	attrset(ui_term_attr(UI_PAIR_DIM, A_NORMAL));
	ui_text_printf(
	    u->rows - 1, 0, u->cols, u->o->unicode,
	    "lines %zu-%zu of %zu  Up/Down thread  PgUp/PgDn scroll  P W < > sort  q quit",
	    u->drill.top + 1, u->drill.top + body < doc.n ? u->drill.top + body : doc.n, doc.n);
	attrset(A_NORMAL);
	if (u->msg[0]) {
		attrset(ui_term_attr(UI_PAIR_WARN, A_BOLD));
		ui_text_put(u->rows - 1, 0, u->cols, u->msg, false, u->o->unicode);
		attrset(A_NORMAL);
	}
	free(doc.l);
}

/* ui_drill_focus: point the engine at the process and thread shown. */
static void ui_drill_focus(struct ui *u)
{
	engine_set_focus(u->e, u->drill.pid, u->drill.start_ticks, u->drill.sel_tid);
}

void ui_drill_open(struct ui *u, int pid, unsigned long long start_ticks, int tid)
{
	struct ui_drill *v = &u->drill;

	v->pid = pid;
	v->start_ticks = start_ticks;
	v->sel_tid = tid;
	v->top = 0;
	v->follow_sel = tid != 0;
	u->mode = UI_MODE_DRILL;
	ui_drill_focus(u);
	engine_focus_now(u->e, &u->cur); /* on screen now, not at the next tick */
	if (u->cur.drill && !v->start_ticks && u->cur.drill->pid == pid)
		v->start_ticks = u->cur.drill->start_ticks;
}

/* ui_drill_close: back to the list, which was left as it was. */
static void ui_drill_close(struct ui *u)
{
	u->drill.nchain = 0;
	u->mode = UI_MODE_MAIN;
	engine_set_focus(u->e, 0, 0, 0);
	model_drill_free(u->cur.drill);
	u->cur.drill = NULL;
}

/* ui_drill_back: Esc and Left: the list. */
static void ui_drill_back(struct ui *u, int key)
{
	(void)key;
	ui_drill_close(u);
}

/* ui_drill_pop: Backspace: the process f came from, or the list. */
static void ui_drill_pop(struct ui *u, int key)
{
	struct ui_drill *v = &u->drill;

	(void)key;
	if (!v->nchain) {
		ui_drill_close(u);
		return;
	}
	v->nchain--;
	ui_drill_open(u, v->chain[v->nchain].pid, v->chain[v->nchain].start_ticks, 0);
}

/* ui_drill_follow: f or Enter: the process this one waits on. */
static void ui_drill_follow(struct ui *u, int key)
{
	const struct drill *d = ui_drill_cur(u);
	struct ui_drill *v = &u->drill;
	int to = 0;

	(void)key;
	if (d) {
		to = d->proc.why_pid;
		for (size_t i = 0; !to && i < d->nthreads; i++)
			if (d->threads[i].tid == v->sel_tid)
				to = d->threads[i].why_pid;
	}
	if (to <= 0 || to == v->pid) {
		snprintf(u->msg, sizeof(u->msg), "f: this process waits on no other local process");
		return;
	}
	if (v->nchain == UI_DRILL_CHAIN_MAX) {
		memmove(v->chain, v->chain + 1, (UI_DRILL_CHAIN_MAX - 1) * sizeof(v->chain[0]));
		v->nchain--;
	}
	v->chain[v->nchain].pid = v->pid;
	v->chain[v->nchain].start_ticks = v->start_ticks;
	v->nchain++;
	ui_drill_open(u, to, 0, 0);
}

/* ui_drill_select: Up/Down: the previous or next thread in the screen's order. */
static void ui_drill_select(struct ui *u, int key)
{
	const struct drill *d = ui_drill_cur(u);
	const struct thread_row **v;
	size_t i = 0;

	if (!d || !d->nthreads)
		return;
	v = ui_drill_sorted(u, d);
	while (i < d->nthreads && v[i]->tid != u->drill.sel_tid)
		i++;
	if (i == d->nthreads)
		i = 0;
	else if (key == KEY_UP && i > 0)
		i--;
	else if (key == KEY_DOWN && i + 1 < d->nthreads)
		i++;
	u->drill.sel_tid = v[i]->tid;
	u->drill.follow_sel = true;
	free(v);
	ui_drill_focus(u);
}

/* ui_drill_scroll: PgUp/PgDn/Space/Home/End scroll the document. */
static void ui_drill_scroll(struct ui *u, int key)
{
	struct ui_drill *v = &u->drill;
	size_t page = v->body > 1 ? v->body - 1 : 1;

	if (key == KEY_PPAGE)
		v->top = v->top > page ? v->top - page : 0;
	else if (key == KEY_NPAGE || key == ' ')
		v->top += page;
	else if (key == KEY_HOME)
		v->top = 0;
	else if (key == KEY_END)
		v->top = (size_t)-1 / 2;
}

/* ui_drill_section: Tab / Shift-Tab: the next or previous section at the top. */
static void ui_drill_section(struct ui *u, int key)
{
	const struct drill *d = ui_drill_cur(u);
	struct ui_drill_doc doc = { 0 };
	struct ui_drill *v = &u->drill;
	long target = -1;

	if (!d)
		return;
	ui_drill_build(&doc, u, d, u->o->delay_s, u->cols);
	if (key == '\t') {
		for (size_t i = v->top + 1; i < doc.n && target < 0; i++)
			if (doc.l[i].sec != doc.l[i - 1].sec)
				target = (long)i;
		if (target < 0)
			target = 0; /* wrap to the top */
	} else {
		int cur = v->top < doc.n ? doc.l[v->top].sec : SEC_N;

		for (long i = (long)(v->top < doc.n ? v->top : doc.n) - 1; i >= 0; i--)
			if (doc.l[i].sec < cur && (i == 0 || doc.l[i - 1].sec != doc.l[i].sec)) {
				target = i;
				break;
			}
		if (target < 0)
			target = 0;
	}
	v->top = (size_t)target;
	free(doc.l);
}

/* ui_drill_sort: P cpu, W wait (again: invert), < > the previous/next key, I invert. */
static void ui_drill_sort(struct ui *u, int key)
{
	struct ui_drill *v = &u->drill;
	int want = v->sort;

	switch (key) {
	case 'P':
		want = DSORT_CPU;
		break;
	case 'W':
		want = DSORT_WAIT;
		break;
	case '<':
		want = (v->sort + DSORT_N - 1) % DSORT_N;
		break;
	case '>':
		want = (v->sort + 1) % DSORT_N;
		break;
	case 'I':
		v->sort_desc = !v->sort_desc;
		return;
	}
	if (want == v->sort && (key == 'P' || key == 'W')) {
		v->sort_desc = !v->sort_desc;
		return;
	}
	v->sort = want;
	v->sort_desc = want == DSORT_CPU || want == DSORT_RUNQ;
	v->follow_sel = true;
}

/* ui_drill_help: h, ? or F1: the help screen with this table's keys. */
static void ui_drill_help(struct ui *u, int key)
{
	(void)key;
	u->mode = UI_MODE_HELP;
	u->help_from = UI_MODE_DRILL;
	u->help_top = 0;
}

/* ui_drill_redraw: Ctrl-L. */
static void ui_drill_redraw(struct ui *u, int key)
{
	(void)u;
	(void)key;
	clearok(curscr, TRUE);
}

/* ui_drill_quit: q or F10. */
static void ui_drill_quit(struct ui *u, int key)
{
	(void)key;
	u->quit = true;
}

/* ui_drill_kill: k or F9: the signal menu for the viewed process. */
static void ui_drill_kill(struct ui *u, int key)
{
	const struct drill *d = ui_drill_cur(u);

	(void)key;
	if (!d || d->exited) {
		snprintf(u->msg, sizeof(u->msg), "no live process to signal");
		return;
	}
	ui_action_target_proc(u, &d->proc);
	ui_menu_open(u, UI_MENU_SIGNAL);
}

/* ui_drill_renice: F7 (nice -1) or F8 (nice +1) on the viewed process. */
static void ui_drill_renice(struct ui *u, int key)
{
	const struct drill *d = ui_drill_cur(u);

	if (!d || d->exited) {
		snprintf(u->msg, sizeof(u->msg), "no live process to renice");
		return;
	}
	ui_action_renice(u, d->pid, 0, d->start_ticks, key == KEY_F(7) ? -1 : 1);
}

static const struct ui_key ui_drill_key_table[] = {
	{ 27, "Esc", "back to the process list (selection, sort, filter kept)", ui_drill_back,
	  false },
	{ KEY_LEFT, "Left", NULL, ui_drill_back, true },
	{ KEY_BACKSPACE, "Bksp", "back to the process f came from, else to the list", ui_drill_pop,
	  false },
	{ 127, "Bksp", NULL, ui_drill_pop, true },
	{ 8, "Bksp", NULL, ui_drill_pop, true },
	{ 'f', "f", "follow the wait: open the process this one waits on", ui_drill_follow, false },
	{ '\r', "Enter", NULL, ui_drill_follow, true },
	{ '\n', "Enter", NULL, ui_drill_follow, true },
	{ KEY_ENTER, "Enter", NULL, ui_drill_follow, true },
	{ KEY_UP, "Up", "select the previous thread (its kernel stack is shown)", ui_drill_select,
	  false },
	{ KEY_DOWN, "Down", "select the next thread", ui_drill_select, false },
	{ KEY_PPAGE, "PgUp", "scroll one page up", ui_drill_scroll, false },
	{ KEY_NPAGE, "PgDn", "scroll one page down", ui_drill_scroll, false },
	{ ' ', "Space", NULL, ui_drill_scroll, true },
	{ KEY_HOME, "Home", "top of the page", ui_drill_scroll, false },
	{ KEY_END, "End", "bottom of the page", ui_drill_scroll, false },
	{ '\t', "Tab", "next section (header, wait, threads, stack, sockets, files, I/O)",
	  ui_drill_section, false },
	{ KEY_BTAB, "S-Tab", "previous section", ui_drill_section, false },
	{ 'P', "P", "sort threads by CPU% (again: invert)", ui_drill_sort, false },
	{ 'W', "W", "sort threads by WAIT category (again: invert)", ui_drill_sort, false },
	{ '<', "<", "sort threads by the previous key (TID, CPU%, RUNQ%, WAIT)", ui_drill_sort,
	  false },
	{ '>', ">", "sort threads by the next key", ui_drill_sort, false },
	{ 'I', "I", "invert the thread order", ui_drill_sort, false },
	{ 'k', "k", "send a signal to this process (menu, then confirm)", ui_drill_kill, false },
	{ KEY_F(9), "F9", NULL, ui_drill_kill, true },
	{ KEY_F(7), "F7", "nice -1: higher priority (root only)", ui_drill_renice, false },
	{ KEY_F(8), "F8", "nice +1: lower priority", ui_drill_renice, false },
	{ 'h', "h", "this help", ui_drill_help, false },
	{ '?', "?", NULL, ui_drill_help, true },
	{ KEY_F(1), "F1", NULL, ui_drill_help, true },
	{ 12, "^L", "redraw the screen", ui_drill_redraw, false },
	{ 'q', "q", "quit", ui_drill_quit, false },
	{ KEY_F(10), "F10", NULL, ui_drill_quit, true },
};

const struct ui_key *ui_drill_keys(size_t *n)
{
	*n = sizeof(ui_drill_key_table) / sizeof(ui_drill_key_table[0]);
	return ui_drill_key_table;
}

void ui_drill_key(struct ui *u, int key)
{
	for (size_t i = 0; i < sizeof(ui_drill_key_table) / sizeof(ui_drill_key_table[0]); i++) {
		if (ui_drill_key_table[i].key == key) {
			ui_drill_key_table[i].fn(u, key);
			return;
		}
	}
}
