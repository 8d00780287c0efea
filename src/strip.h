/* strip.h - the arithmetic of the system strip, apart from curses so it
 * can be unit-tested: the Dirty bar's scale, Dirty as a share of the
 * background threshold, when the oldest dirty data will be written, and
 * which fields of a strip line fit a width (whole fields only, the least
 * useful dropped first). */
#ifndef WAITTOP_STRIP_H
#define WAITTOP_STRIP_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

/* Where the background threshold sits on the Dirty bar, and the hard one:
 * fractions of its width, whatever the thresholds are. */
#define STRIP_BG_AT 0.5
#define STRIP_HARD_AT 0.8

/* The Dirty bar's cells. */
struct strip_bar {
	int dirty_cells, wb_cells; /* Dirty, then Writeback after it */
	int bg_mark, hard_mark; /* cell of each threshold's mark, -1 none */
};

/* strip_dirty_scale: the cells of a w-cell bar for Dirty and Writeback
 * (bytes) against the background and hard thresholds: 0..bg fills the
 * first STRIP_BG_AT of the bar, bg..hard up to STRIP_HARD_AT, the rest
 * reaches 1.25 x hard; any Dirty above zero is at least one cell. */
void strip_dirty_scale(double dirty, double wb, double bg, double hard, int w,
		       struct strip_bar *out);
/* strip_pct_of: v as a percent of of into buf: "0.8%", "12%", "<0.1%",
 * "-" when of is 0.  Returns buf. */
const char *strip_pct_of(char *buf, size_t sz, double v, double of);
/* strip_flush_eta_s: seconds until the oldest dirty data expires and the
 * flusher writes it (vm.dirty_expire_centisecs after Dirty started
 * growing from about zero), 0 when already due; -1 when it does not
 * apply: Dirty under STRIP_ETA_MIN_BYTES, still being dirtied, or over
 * the background threshold (written anyway).  When Dirty was not seen
 * about zero (y->dirty_since_exact false) it is an upper bound. */
double strip_flush_eta_s(const struct sys_row *y);
/* strip_fmt_eta: "25s", "4m", "due" (eta 0) into buf; returns buf. */
const char *strip_fmt_eta(char *buf, size_t sz, double eta_s);

/* Dirtying below this rate counts as "no writer any more"; less Dirty
 * than STRIP_ETA_MIN_BYTES is the box's usual trickle, not worth a word. */
#define STRIP_IDLE_DIRTIED_BPS (64.0 * 1024.0)
#define STRIP_ETA_MIN_BYTES (4ULL * 1024ULL * 1024ULL)

/* One field of a strip line. */
struct strip_field {
	int width; /* cells; for a flexible field, its minimum */
	int prio; /* 0: never dropped; higher: dropped sooner */
	int flex_max; /* > width: may grow up to this with spare room */
	bool keep; /* out */
	int cells; /* out: width given (grown for a flexible field) */
};

/* strip_fit: keep whole fields in cols cells, dropping the one with the
 * highest prio (the rightmost on ties) until the rest fit; then give the
 * spare cells to flexible fields in order.  Fields of prio 0 are kept
 * even when they alone do not fit.  Returns the cells used. */
int strip_fit(struct strip_field *f, size_t n, int cols);

#endif
