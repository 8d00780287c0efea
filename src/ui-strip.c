/* ui-strip.c - the system strip above the process pane, dstat-like: one
 * line each for the title, CPU, dirty pages (a bar against the background
 * and hard dirty thresholds), write-back rates, disks and network, with
 * the matching pressure (PSI) at the end of its line.  Lines are dropped
 * by priority on short terminals; within a line, whole fields are dropped
 * (least useful first, strip_fit), never a number cut in half.  Values
 * without a have_ flag show "n/a". */
#include "config.h"
#include "active.h"
#include "fmt.h"
#include "strip.h"
#include "ui-priv.h"

#include <ncurses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define UI_STRIP_PIECES 32
#define UI_STRIP_FIELDS 16

/* A piece of text of a recorded line, in its field. */
struct ui_strip_piece {
	char text[96];
	int attr;
	int field;
	bool bar; /* the Dirty bar, drawn at the width strip_fit gives */
};

/* A cursor along one strip line.  A recording pen collects fields and
 * draws the ones that fit at ui_strip_flush. */
struct ui_strip_pen {
	int y, x, cols;
	bool unicode;
	bool whole; /* a piece that does not fit whole is left out (the title) */
	bool record;
	struct ui_strip_piece piece[UI_STRIP_PIECES];
	int npieces;
	struct strip_field field[UI_STRIP_FIELDS];
	int nfields;
	const struct sys_row *bar_row;
};

/* ui_strip_field: start a field of priority prio (0: always kept; the
 * highest is dropped first when the line is too narrow). */
static void ui_strip_field(struct ui_strip_pen *p, int prio)
{
	if (!p->record || p->nfields >= UI_STRIP_FIELDS)
		return;
	memset(&p->field[p->nfields], 0, sizeof(p->field[0]));
	p->field[p->nfields++].prio = prio;
}

/* ui_strip_record: add text to the current field of a recording pen. */
static void ui_strip_record(struct ui_strip_pen *p, int attr, const char *text, bool bar, int w)
{
	struct ui_strip_piece *pc;

	if (p->nfields == 0)
		ui_strip_field(p, 0);
	if (p->npieces >= UI_STRIP_PIECES)
		return;
	pc = &p->piece[p->npieces++];
	snprintf(pc->text, sizeof(pc->text), "%s", text);
	pc->attr = attr;
	pc->field = p->nfields - 1;
	pc->bar = bar;
	p->field[pc->field].width += w;
}

/* ui_strip_put: draw formatted text at the pen with attr and advance. */
__attribute__((format(printf, 3, 4))) static void ui_strip_put(struct ui_strip_pen *p, int attr,
							       const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int w;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	w = ui_text_cells(buf, p->unicode);
	if (p->record) {
		ui_strip_record(p, attr, buf, false, w);
		return;
	}
	if (w > p->cols - p->x && p->whole) {
		p->x = p->cols; /* nothing after it either */
		return;
	}
	if (w > p->cols - p->x)
		w = p->cols - p->x;
	if (w <= 0)
		return;
	attrset(attr);
	ui_text_put(p->y, p->x, w, buf, false, p->unicode);
	attrset(A_NORMAL);
	p->x += w;
}

/* ui_strip_label: the 6-cell line label. */
static void ui_strip_label(struct ui_strip_pen *p, const char *label)
{
	ui_strip_put(p, ui_term_attr(UI_PAIR_LABEL, A_BOLD), "%-6s", label);
}

/* ui_strip_rate: "1.5M/s" or "-" into buf. */
static const char *ui_strip_rate(char *buf, size_t sz, bool have, double bps)
{
	char b[16];

	if (!have)
		return snprintf(buf, sz, "-"), buf;
	snprintf(buf, sz, "%s/s", fmt_bytes(b, sizeof(b), bps));
	return buf;
}

/* ui_strip_pct_attr: warn/bad colouring of a percentage over thresholds. */
static int ui_strip_pct_attr(double v, double warn, double bad)
{
	if (v >= bad)
		return ui_term_attr(UI_PAIR_BAD, A_BOLD);
	if (v >= warn)
		return ui_term_attr(UI_PAIR_WARN, A_NORMAL);
	return A_NORMAL;
}

/* ui_strip_title: program, time, interval, load, tasks, delayacct, state. */
static void ui_strip_title(struct ui *u, struct ui_strip_pen *p)
{
	const struct sys_row *y = &ui_shown(u)->sys;
	char tbuf[16] = "--:--:--";

	ui_strip_put(p, A_BOLD, "waittop");
	if (u->have_sample) {
		time_t t = (time_t)y->time_s;
		struct tm tm;

		if (localtime_r(&t, &tm))
			strftime(tbuf, sizeof(tbuf), "%H:%M:%S", &tm);
	}
	ui_strip_put(p, A_NORMAL, " %s %.1fs", tbuf, u->o->delay_s);
	if (u->have_sample && y->stretch_s > 0) /* over its CPU budget */
		ui_strip_put(p, ui_term_attr(UI_PAIR_WARN, A_BOLD), "->%.*fs(cpu)",
			     y->stretch_s < 1 ? 2 : 1, y->stretch_s);
	if (!u->have_sample)
		return;
	if (y->have_load) {
		ui_strip_put(p, A_NORMAL, " load %.2f %.2f %.2f", y->load[0], y->load[1],
			     y->load[2]);
		ui_strip_put(p, A_NORMAL, " running %d ", y->procs_running);
		ui_strip_put(p,
			     y->procs_blocked ? ui_term_attr(UI_PAIR_WARN, A_BOLD) : (int)A_NORMAL,
			     "blocked %d", y->procs_blocked);
	} else {
		ui_strip_put(p, A_NORMAL, " load n/a running n/a blocked n/a");
	}
	ui_strip_put(p, A_NORMAL, " delayacct %s",
		     y->delayacct == 1	 ? "on"
		     : y->delayacct == 0 ? "off"
					 : "n/a");
}

/* ui_strip_status_text: PAUSED, filters and threads for the right of the
 * title into buf ("" when none); returns its width in cells. */
static int ui_strip_status_text(struct ui *u, char *buf, size_t sz)
{
	size_t n = 0;

	buf[0] = '\0';
	if (u->t.show_threads)
		n += (size_t)snprintf(buf + n, sz - n, " threads ");
	if (u->t.filter[0])
		n += (size_t)snprintf(buf + n, sz - n, " filter: %.30s ", u->t.filter);
	if (u->t.have_uid_filter && n < sz) {
		const struct sample *s = ui_shown(u);
		const char *name = NULL;

		for (size_t i = 0; i < s->nprocs && !name; i++)
			if (s->procs[i].uid == u->t.uid_filter && s->procs[i].user[0])
				name = s->procs[i].user;
		if (name)
			n += (size_t)snprintf(buf + n, sz - n, " user: %s ", name);
		else
			n += (size_t)snprintf(buf + n, sz - n, " uid: %u ", u->t.uid_filter);
	}
	if (u->paused && n < sz)
		n += (size_t)snprintf(buf + n, sz - n, " PAUSED ");
	return ui_text_cells(buf, false);
}

/* ui_strip_status: the status text at the right of the title row y. */
static void ui_strip_status(struct ui *u, int y, const char *buf, int w)
{
	if (!buf[0])
		return;
	if (w > u->cols)
		w = u->cols;
	attrset(A_REVERSE | A_BOLD);
	ui_text_put(y, u->cols - w, w, buf, false, false);
	attrset(A_NORMAL);
}

/* ui_strip_psi: " psi some" or " psi some/full" (avg10), or n/a. */
static void ui_strip_psi(struct ui_strip_pen *p, const struct sys_row *y, const char *what,
			 double some, double full, bool has_full)
{
	ui_strip_field(p, 6);
	ui_strip_put(p, ui_term_attr(UI_PAIR_LABEL, A_NORMAL), "   psi%s%s ", what[0] ? " " : "",
		     what);
	if (!y->have_psi) {
		ui_strip_put(p, A_NORMAL, "n/a");
		return;
	}
	ui_strip_put(p, ui_strip_pct_attr(some, 10, 40), "%.1f", some);
	if (has_full)
		ui_strip_put(p, ui_strip_pct_attr(full, 5, 20), "/%.1f", full);
}

/* ui_strip_cpu: user/system/iowait/steal/idle and CPU pressure. */
static void ui_strip_cpu(struct ui *u, struct ui_strip_pen *p)
{
	const struct sys_row *y = &ui_shown(u)->sys;

	ui_strip_label(p, "CPU");
	if (!y->have_cpu) {
		ui_strip_put(p, A_NORMAL, "n/a");
	} else {
		ui_strip_field(p, 1);
		ui_strip_put(p, A_NORMAL, "usr %5.1f", y->cpu_user_pct);
		ui_strip_field(p, 1);
		ui_strip_put(p, A_NORMAL, "  sys %5.1f", y->cpu_system_pct);
		ui_strip_field(p, 1);
		ui_strip_put(p, ui_strip_pct_attr(y->cpu_iowait_pct, 10, 30), "  wait %5.1f",
			     y->cpu_iowait_pct);
		ui_strip_field(p, 5);
		ui_strip_put(p, ui_strip_pct_attr(y->cpu_steal_pct, 5, 20), "  steal %4.1f",
			     y->cpu_steal_pct);
		ui_strip_field(p, 4);
		ui_strip_put(p, A_NORMAL, "  idle %5.1f", y->cpu_idle_pct);
	}
	ui_strip_psi(p, y, "", y->psi_cpu_some, 0, false);
}

const char *ui_strip_bar_char(bool unicode, int kind)
{
	static const char *const ascii[] = { " ", "=", "~", "|", "!" };
	static const char *const uni[] = { "\u00b7", "\u2588", "\u2592", "\u2502", "\u2503" };

	return unicode ? uni[kind] : ascii[kind];
}

/* ui_strip_bar: Dirty ('=') and Writeback ('~') with marks at the
 * background ('|') and hard ('!') thresholds, on strip_dirty_scale's
 * scale (the background mark always at the same place, any Dirty at least
 * one cell); coloured by where Dirty stands when colour is on. */
static void ui_strip_bar(struct ui_strip_pen *p, const struct sys_row *y, int w)
{
	double bg = (double)y->dirty_bg_thresh_bytes, hard = (double)y->dirty_thresh_bytes;
	double d = (double)y->dirty_bytes, wb = (double)y->writeback_bytes;
	struct strip_bar sb;
	int nd, nw, mbg, mhard, fill_attr;

	strip_dirty_scale(d, wb, bg, hard, w, &sb);
	nd = sb.dirty_cells;
	nw = sb.wb_cells;
	mbg = sb.bg_mark;
	mhard = sb.hard_mark;
	fill_attr = d >= hard && hard > 0 ? ui_term_attr(UI_PAIR_BAD, A_BOLD)
		    : d >= bg && bg > 0	  ? ui_term_attr(UI_PAIR_WARN, A_BOLD)
					  : ui_term_attr(UI_PAIR_OK, A_NORMAL);
	ui_strip_put(p, A_NORMAL, "[");
	for (int i = 0; i < w; i++) {
		int kind = i < nd ? 1 : i < nd + nw ? 2 : 0;
		int attr = kind ? fill_attr : ui_term_attr(UI_PAIR_DIM, A_NORMAL);

		if (i == mbg)
			kind = 3, attr = A_BOLD;
		if (i == mhard)
			kind = 4, attr = A_BOLD;
		ui_strip_put(p, attr, "%s", ui_strip_bar_char(p->unicode, kind));
	}
	ui_strip_put(p, A_NORMAL, "]");
}

/* ui_strip_bar_field: the Dirty bar as a flexible field of the line: at
 * least UI_STRIP_BAR_MIN cells, grown into spare room up to _MAX. */
#define UI_STRIP_BAR_MIN 8
#define UI_STRIP_BAR_MAX 50
static void ui_strip_bar_field(struct ui_strip_pen *p, int prio, const struct sys_row *y)
{
	ui_strip_field(p, prio);
	p->bar_row = y;
	ui_strip_record(p, A_NORMAL, "", true, UI_STRIP_BAR_MIN + 3);
	p->field[p->nfields - 1].flex_max = UI_STRIP_BAR_MAX + 3;
}

/* ui_strip_dirty: Dirty (and as a share of the background threshold),
 * when the oldest dirty data will be written, Writeback, the bar and the
 * thresholds. */
static void ui_strip_dirty(struct ui *u, struct ui_strip_pen *p)
{
	const struct sys_row *y = &ui_shown(u)->sys;
	char a[16], b[16], c[16], d[16], pct[16];
	double eta;

	ui_strip_label(p, "DIRTY");
	if (!y->have_mem) {
		ui_strip_put(p, A_NORMAL, "n/a");
		return;
	}
	ui_strip_put(p, A_NORMAL, "%5s", fmt_bytes(a, sizeof(a), (double)y->dirty_bytes));
	ui_strip_field(p, 1);
	ui_strip_put(p, A_NORMAL, " %s of bg",
		     strip_pct_of(pct, sizeof(pct), (double)y->dirty_bytes,
				  (double)y->dirty_bg_thresh_bytes));
	eta = strip_flush_eta_s(y);
	if (eta >= 0) {
		ui_strip_field(p, 1);
		ui_strip_put(p, ui_term_attr(UI_PAIR_WARN, A_BOLD), " flush %s%s%s",
			     eta > 0 ? "in " : "",
			     eta > 0 && !y->dirty_since_exact ? (p->unicode ? "\u2264" : "<=") : "",
			     strip_fmt_eta(d, sizeof(d), eta));
	}
	ui_strip_field(p, 3);
	ui_strip_put(p, A_NORMAL, "  wback %s",
		     fmt_bytes(b, sizeof(b), (double)y->writeback_bytes));
	ui_strip_bar_field(p, 2, y);
	fmt_bytes(c, sizeof(c), (double)y->dirty_bg_thresh_bytes);
	fmt_bytes(d, sizeof(d), (double)y->dirty_thresh_bytes);
	ui_strip_field(p, 4);
	ui_strip_put(p, A_NORMAL, " bg ");
	ui_strip_put(p, A_BOLD, "%s", c);
	ui_strip_field(p, 5);
	ui_strip_put(p, A_NORMAL, " hard ");
	ui_strip_put(p, A_BOLD, "%s", d);
}

/* ui_strip_writeback: pages dirtied and written per second, memory pressure. */
static void ui_strip_writeback(struct ui *u, struct ui_strip_pen *p)
{
	const struct sys_row *y = &ui_shown(u)->sys;
	char a[24], b[24];

	ui_strip_label(p, "");
	ui_strip_field(p, 1);
	ui_strip_put(p, A_NORMAL, "dirtied %7s",
		     ui_strip_rate(a, sizeof(a), y->have_mem, y->dirtied_bps));
	ui_strip_field(p, 1);
	ui_strip_put(p, A_NORMAL, "  written %7s",
		     ui_strip_rate(b, sizeof(b), y->have_mem, y->written_bps));
	ui_strip_psi(p, y, "mem", y->psi_mem_some, y->psi_mem_full, true);
}

/* ui_strip_disk: whole-disk throughput, the busiest disk, I/O pressure. */
static void ui_strip_disk(struct ui *u, struct ui_strip_pen *p)
{
	const struct sys_row *y = &ui_shown(u)->sys;
	char a[24], b[24];

	ui_strip_label(p, "DISK");
	if (!y->have_disk) {
		ui_strip_put(p, A_NORMAL, "n/a");
	} else {
		ui_strip_field(p, 1);
		ui_strip_put(p, A_NORMAL, "read %7s",
			     ui_strip_rate(a, sizeof(a), true, y->disk_read_bps));
		ui_strip_field(p, 1);
		ui_strip_put(p, A_NORMAL, "  write %7s",
			     ui_strip_rate(b, sizeof(b), true, y->disk_write_bps));
		if (y->busiest_disk[0]) {
			ui_strip_field(p, 2);
			ui_strip_put(p, A_NORMAL, "  busiest %s ", y->busiest_disk);
			ui_strip_put(p, ui_strip_pct_attr(y->busiest_util_pct, 60, 90), "%.0f%%",
				     y->busiest_util_pct);
		}
	}
	ui_strip_psi(p, y, "io", y->psi_io_some, y->psi_io_full, true);
}

/* ui_strip_net: interfaces but lo, lo when busy, TCP retransmits. */
static void ui_strip_net(struct ui *u, struct ui_strip_pen *p)
{
	const struct sys_row *y = &ui_shown(u)->sys;
	char a[24], b[24];

	ui_strip_label(p, "NET");
	ui_strip_field(p, 1);
	ui_strip_put(p, A_NORMAL, "rx %7s",
		     ui_strip_rate(a, sizeof(a), y->have_net, y->net_rx_bps));
	ui_strip_field(p, 1);
	ui_strip_put(p, A_NORMAL, "  tx %7s",
		     ui_strip_rate(b, sizeof(b), y->have_net, y->net_tx_bps));
	ui_strip_field(p, 2);
	ui_strip_put(p, A_NORMAL, "  retrans ");
	if (y->have_retrans)
		ui_strip_put(p, ui_strip_pct_attr(y->tcp_retrans_ps, 1, 50), "%.1f/s",
			     y->tcp_retrans_ps);
	else
		ui_strip_put(p, A_NORMAL, "n/a");
	ui_strip_field(p, 3);
	if (y->have_net && y->lo_rx_bps + y->lo_tx_bps >= 1024)
		ui_strip_put(p, A_NORMAL, "  lo rx %s tx %s",
			     ui_strip_rate(a, sizeof(a), true, y->lo_rx_bps),
			     ui_strip_rate(b, sizeof(b), true, y->lo_tx_bps));
}

/* ui_strip_flush: draw the fields of a recorded line that fit (strip_fit),
 * in their order. */
static void ui_strip_flush(struct ui_strip_pen *p)
{
	strip_fit(p->field, (size_t)p->nfields, p->cols - p->x);
	p->record = false;
	p->whole = true; /* a prio 0 field wider than the line: no half value */
	for (int i = 0; i < p->npieces; i++) {
		const struct ui_strip_piece *pc = &p->piece[i];
		const struct strip_field *f = &p->field[pc->field];

		if (!f->keep)
			continue;
		if (!pc->bar) {
			ui_strip_put(p, pc->attr, "%s", pc->text);
			continue;
		}
		ui_strip_put(p, A_NORMAL, " ");
		ui_strip_bar(p, p->bar_row, f->cells - 3);
	}
}

/* ui_strip_active: the load average explained (active.c), whole terms
 * dropped when narrow, never a number cut in half. */
static void ui_strip_active(struct ui *u, struct ui_strip_pen *p)
{
	const struct active_row *a = &ui_shown(u)->active;
	char buf[256];
	int w;

	ui_strip_label(p, "ACTIVE");
	if (!a->have) {
		ui_strip_put(p, A_NORMAL, " n/a");
		return;
	}
	/* the formatter's own "ACTIVE" is the label drawn above */
	w = p->cols - p->x;
	active_format(a, buf, sizeof(buf), w < 0 ? 0 : w + 6);
	if (strncmp(buf, "ACTIVE ", 7) == 0)
		ui_strip_put(p, A_NORMAL, "%s", buf + 6);
}

/* The strip's lines in screen order, with the priority deciding which
 * stay on a short terminal (0 is kept longest). */
static const struct {
	void (*draw)(struct ui *u, struct ui_strip_pen *p);
	int prio;
} ui_strip_line_tab[] = {
	{ ui_strip_title, 0 },	   { ui_strip_cpu, 1 },	 { ui_strip_dirty, 2 },
	{ ui_strip_writeback, 5 }, { ui_strip_disk, 3 }, { ui_strip_net, 4 },
	{ ui_strip_active, 6 },
};
#define UI_STRIP_NLINES ((int)(sizeof(ui_strip_line_tab) / sizeof(ui_strip_line_tab[0])))

int ui_strip_lines(const struct ui *u, int rows)
{
	int n = rows - 6; /* leave the pane header and a few rows */

	(void)u;
	if (n > UI_STRIP_NLINES)
		n = UI_STRIP_NLINES;
	return n < 1 ? 1 : n;
}

int ui_strip_draw(struct ui *u, int maxlines)
{
	int y = 0;

	for (int i = 0; i < UI_STRIP_NLINES; i++) {
		struct ui_strip_pen p;
		char status[160];
		int sw = 0;

		if (ui_strip_line_tab[i].prio >= maxlines)
			continue;
		memset(&p, 0, sizeof(p));
		p.y = y;
		p.cols = u->cols;
		p.unicode = u->o->unicode;
		move(y, 0);
		clrtoeol();
		if (i == 0) {
			/* the title leaves out whole pieces, never half of one
			 * ("delayacct of"), and makes room for the status and
			 * a gap before it */
			sw = ui_strip_status_text(u, status, sizeof(status));
			p.whole = true;
			if (sw)
				p.cols = u->cols - sw - 1;
		}
		if (i > 0 && u->ticks == 0) { /* none, or the first frame's */
			if (i == 1)
				ui_strip_put(&p, A_NORMAL,
					     "      collecting the first interval...");
		} else if (i > 0 && ui_strip_line_tab[i].draw != ui_strip_active) {
			/* ACTIVE fits its terms itself (active_format) */
			p.record = true;
			ui_strip_line_tab[i].draw(u, &p);
			ui_strip_flush(&p);
		} else {
			ui_strip_line_tab[i].draw(u, &p);
		}
		if (i == 0)
			ui_strip_status(u, y, status, sw);
		y++;
	}
	return y;
}
