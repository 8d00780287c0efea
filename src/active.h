/* active.h - the load average explained: the sample's R and D threads
 * split by what they did over the interval, from the thread rows' wait
 * shares (schedstat for cpu/runqueue, the sampler's looks for the rest).
 * Pure: a sample in, an active_row out; reads nothing. */
#ifndef WAITTOP_ACTIVE_H
#define WAITTOP_ACTIVE_H

#include "model.h"

/* cpu and runqueue come from schedstat (run_pct, runq_pct) where the
 * thread has it, else from cpu_pct and the looks; the storage terms are
 * the verdict's shares. */
/* active_compute: s->threads and s->procs into *out (zeroed first). */
void active_compute(const struct sample *s, struct active_row *out);
/* active_name: the JSON key of c ("cpu", "runqueue", "disk-read",
 * "disk-write", "dirty-throttle", "other-d"); NULL out of range. */
const char *active_name(int c);
/* active_short: the strip's short name of c ("cpu", "runq", "disk-r",
 * "disk-w", "dirty", "other-d"); NULL out of range. */
const char *active_short(int c);
/* active_format: "ACTIVE 3.2: cpu 1.0 runq 0.4 disk-w 1.1 (top: 1234 dd)"
 * in at most width cells (width < 0: no limit): terms under 0.05 are left
 * out, and when narrow the top part, then the smallest terms, are dropped
 * whole, never cut in the middle.  "ACTIVE n/a" without data.  Returns buf. */
char *active_format(const struct active_row *a, char *buf, size_t sz, int width);

#endif
