/* history.h - the wait timeline of every process: (pid, start_ticks) ->
 * its last MODEL_HIST_LEN per-interval verdicts (largest category and the
 * share of each, in whole percent).  Filled by the engine from each sample;
 * read by the drill-in (through struct drill) and nothing else.  Memory is
 * bounded: at most HISTORY_MAX_PROCS processes, each a fixed ring. */
#ifndef WAITTOP_HISTORY_H
#define WAITTOP_HISTORY_H

#include <stddef.h>
#include "model.h"

#define HISTORY_MAX_PROCS 2048 /* processes tracked (plus the focus) */

struct history;

/* history_new: an empty history; never NULL (fatal on ENOMEM). */
struct history *history_new(void);
/* history_free: NULL is a no-op. */
void history_free(struct history *h);
/* history_point: the timeline point of one process row (pure). */
void history_point(const struct proc_row *p, struct hist_point *out);
/* history_add: one interval: append a point for every process row of s
 * (thread rows are skipped) and forget processes s no longer has.  Past
 * HISTORY_MAX_PROCS, processes already tracked keep their place and new
 * ones get none, except focus_pid (the drill-in's; 0 none), always. */
void history_add(struct history *h, const struct sample *s, int focus_pid);
/* history_get: the timeline of (pid, start_ticks), oldest first, into
 * out (at most max points); returns how many (0 when unknown). */
size_t history_get(const struct history *h, int pid, unsigned long long start_ticks,
		   struct hist_point *out, size_t max);
/* history_nprocs: processes tracked now. */
size_t history_nprocs(const struct history *h);
/* history_bytes: heap bytes held now (for DESIGN and the tests). */
size_t history_bytes(const struct history *h);

#endif
