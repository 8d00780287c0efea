/* strip.c - pure arithmetic of the system strip (see strip.h): no
 * curses, no reading; ui-strip.c draws what these decide. */
#include "config.h"
#include "strip.h"

#include <math.h>
#include <stdio.h>

/* strip_cell_of: the bar position (in cells, fractional) of v bytes. */
static double strip_cell_of(double v, double bg, double hard, int w)
{
	double full = hard * 1.25;

	if (v <= 0)
		return 0;
	if (v <= bg)
		return v / bg * STRIP_BG_AT * w;
	if (v <= hard)
		return (STRIP_BG_AT + (v - bg) / (hard - bg) * (STRIP_HARD_AT - STRIP_BG_AT)) * w;
	if (v >= full)
		return w;
	return (STRIP_HARD_AT + (v - hard) / (full - hard) * (1 - STRIP_HARD_AT)) * w;
}

void strip_dirty_scale(double dirty, double wb, double bg, double hard, int w,
		       struct strip_bar *out)
{
	double cd, cdw;

	out->dirty_cells = out->wb_cells = 0;
	out->bg_mark = out->hard_mark = -1;
	if (w <= 0)
		return;
	if (bg > 0 && hard > bg) {
		cd = strip_cell_of(dirty, bg, hard, w);
		cdw = strip_cell_of(dirty + wb, bg, hard, w);
		out->bg_mark = (int)(STRIP_BG_AT * w);
		out->hard_mark = (int)(STRIP_HARD_AT * w);
		if (out->hard_mark >= w)
			out->hard_mark = w - 1;
		if (out->bg_mark == out->hard_mark && out->bg_mark > 0)
			out->bg_mark--;
	} else {
		/* thresholds unknown or odd (hard <= bg): linear to what is there */
		double full = hard > 0 ? hard * 1.25 : dirty + wb;

		if (full <= 0)
			full = 1;
		cd = dirty / full * w;
		cdw = (dirty + wb) / full * w;
	}
	out->dirty_cells = (int)(cd + 0.5);
	out->wb_cells = (int)(cdw + 0.5) - out->dirty_cells;
	if (dirty > 0 && out->dirty_cells == 0)
		out->dirty_cells = 1;
	if (wb > 0 && out->wb_cells <= 0 && out->dirty_cells < w)
		out->wb_cells = 1;
	if (out->dirty_cells > w)
		out->dirty_cells = w;
	if (out->wb_cells < 0)
		out->wb_cells = 0;
	if (out->dirty_cells + out->wb_cells > w)
		out->wb_cells = w - out->dirty_cells;
}

const char *strip_pct_of(char *buf, size_t sz, double v, double of)
{
	double pct;

	if (of <= 0) {
		snprintf(buf, sz, "-");
		return buf;
	}
	pct = 100.0 * v / of;
	if (pct <= 0)
		snprintf(buf, sz, "0%%");
	else if (pct < 0.1)
		snprintf(buf, sz, "<0.1%%");
	else if (pct < 9.95)
		snprintf(buf, sz, "%.1f%%", pct);
	else
		snprintf(buf, sz, "%.0f%%", pct);
	return buf;
}

double strip_flush_eta_s(const struct sys_row *y)
{
	double eta;

	if (!y->have_mem || !y->have_dirty_expire || !y->have_dirty_since)
		return -1;
	if (y->dirtied_bps >= STRIP_IDLE_DIRTIED_BPS || y->dirty_bytes < STRIP_ETA_MIN_BYTES)
		return -1;
	if (y->dirty_bg_thresh_bytes > 0 && y->dirty_bytes >= y->dirty_bg_thresh_bytes)
		return -1;
	eta = y->dirty_since_s + y->dirty_expire_s - y->time_s;
	return eta > 0 ? eta : 0;
}

const char *strip_fmt_eta(char *buf, size_t sz, double eta_s)
{
	if (eta_s <= 0)
		snprintf(buf, sz, "due");
	else if (eta_s < 100)
		snprintf(buf, sz, "%.0fs", ceil(eta_s));
	else if (eta_s < 6000)
		snprintf(buf, sz, "%.0fm", ceil(eta_s / 60));
	else
		snprintf(buf, sz, "%.0fh", ceil(eta_s / 3600));
	return buf;
}

int strip_fit(struct strip_field *f, size_t n, int cols)
{
	int used = 0, spare;

	for (size_t i = 0; i < n; i++) {
		f[i].keep = true;
		f[i].cells = f[i].width;
		used += f[i].width;
	}
	while (used > cols) {
		int drop = -1;

		for (size_t i = 0; i < n; i++)
			if (f[i].keep && f[i].prio > 0 && (drop < 0 || f[i].prio >= f[drop].prio))
				drop = (int)i;
		if (drop < 0)
			break;
		f[drop].keep = false;
		used -= f[drop].width;
		f[drop].cells = 0;
	}
	spare = cols - used;
	for (size_t i = 0; i < n && spare > 0; i++) {
		int grow;

		if (!f[i].keep || f[i].flex_max <= f[i].width)
			continue;
		grow = f[i].flex_max - f[i].width;
		if (grow > spare)
			grow = spare;
		f[i].cells += grow;
		used += grow;
		spare -= grow;
	}
	return used;
}
