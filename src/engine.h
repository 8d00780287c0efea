/* engine.h - one refresh of the model: collect -> delta -> verdict, handed
 * out as a struct sample.  The only module that knows every collector; the
 * UI and batch output call it and draw what it returns. */
#ifndef WAITTOP_ENGINE_H
#define WAITTOP_ENGINE_H

#include "model.h"
#include "opts.h"

struct engine;

/* engine_new: collectors set up from o and a glance at the processes
 * (names, states, users: collect_proc_glance) for engine_first; NULL with
 * a message in err on failure (no /proc, none of -p's pids). */
struct engine *engine_new(const struct opts *o, char *err, size_t errsz);
/* engine_prime: the full first reading every rate of the first tick
 * starts from (at 10,000 processes about four times the glance's cost);
 * call it after the first frame is drawn.  engine_tick calls it when the
 * caller has not, then its first interval is only as long as the tick. */
void engine_prime(struct engine *e);
/* engine_free: NULL is a no-op. */
void engine_free(struct engine *e);
/* engine_tick: read everything now and fill *out (cleared first) with the
 * interval since the previous tick.  0, or -1 with a message in err. */
int engine_tick(struct engine *e, struct sample *out, char *err, size_t errsz);
/* engine_primed_at: CLOCK_MONOTONIC seconds of engine_prime's reading;
 * the first interval runs from there, so pace the first tick from it. */
double engine_primed_at(const struct engine *e);
/* engine_first: fill *out (cleared first) from the last reading, before
 * any interval: processes with names, states and users (and wait sites
 * and command lines once primed), and the strip's levels (load,
 * pressure); every rate (CPU, I/O, network, WAIT, the strip's) is unknown
 * ("-").  Lets the first frame come before the first refresh. */
void engine_first(struct engine *e, struct sample *out);
/* engine_fast: take one between-refresh sample of the active threads
 * (call every ENGINE_FAST_PERIOD_S until the next tick). */
void engine_fast(struct engine *e);

/* engine_set_focus: from the next tick, sample.drill carries the detail
 * of (pid, start_ticks) (start_ticks 0: whichever process has pid now),
 * with tid's kernel stack (0: the main thread's).  pid 0 drops the focus:
 * no detail is read any more.  A focus that exits keeps its last detail,
 * marked exited. */
void engine_set_focus(struct engine *e, int pid, unsigned long long start_ticks, int tid);
/* engine_focus_drill: the detail now (read at once, rates unknown until
 * the next tick) into s->drill, replacing what was there; for a screen
 * that opens on a process between ticks.  No-op without a focus. */
void engine_focus_now(struct engine *e, struct sample *s);

/* engine_set_panes: from the next tick, collect the rows of the panes
 * in bits (MODEL_PANE_*) and no others: the full-screen view asks for the
 * pane it shows.  A pane turned on starts its rates from a reading now. */
void engine_set_panes(struct engine *e, unsigned bits);
/* engine_set_open_disk: from the next tick, sample.open_pids lists the
 * processes with files open on disk NAME's filesystems (collect-open.h,
 * a bounded step per tick); NULL or "" stops it (nothing read). */
void engine_set_open_disk(struct engine *e, const char *name);

#define ENGINE_FAST_PERIOD_S 0.1
/* runqueue share (%) that makes the cgroup's CPU quota worth reading */
#define ENGINE_RUNQ_LIMIT_PCT 10.0
#define ENGINE_CPU_BUDGET 0.25 /* share of one CPU waittop allows itself */
#define ENGINE_STRETCH_MAX 20.0 /* stretch -d at most this many times */

/* engine_interval_s: seconds from one refresh to the next: -d, or longer
 * when the last refreshes cost more than ENGINE_CPU_BUDGET of a CPU. */
double engine_interval_s(const struct engine *e);
/* engine_stretch: the interval that keeps cpu_s of CPU per refresh within
 * budget (a share of one CPU): delay_s, or cpu_s / budget when that is
 * longer, at most ENGINE_STRETCH_MAX * delay_s.  Pure. */
double engine_stretch(double delay_s, double cpu_s, double budget);

#endif
