/* engine.h - one refresh of the model: collect -> delta -> verdict, handed
 * out as a struct sample.  The only module that knows every collector; the
 * UI and batch output call it and draw what it returns. */
#ifndef WAITTOP_ENGINE_H
#define WAITTOP_ENGINE_H

#include "model.h"
#include "opts.h"

struct engine;

/* engine_new: collectors set up from o and primed with a first reading;
 * NULL with a message in err on failure. */
struct engine *engine_new(const struct opts *o, char *err, size_t errsz);
/* engine_free: NULL is a no-op. */
void engine_free(struct engine *e);
/* engine_tick: read everything now and fill *out (cleared first) with the
 * interval since the previous tick.  0, or -1 with a message in err. */
int engine_tick(struct engine *e, struct sample *out, char *err, size_t errsz);
/* engine_primed_at: CLOCK_MONOTONIC seconds of the reading engine_new took;
 * the first interval runs from there, so pace the first tick from it. */
double engine_primed_at(const struct engine *e);
/* engine_fast: take one between-refresh sample of the active threads
 * (call every ENGINE_FAST_PERIOD_S until the next tick). */
void engine_fast(struct engine *e);

#define ENGINE_FAST_PERIOD_S 0.1
#define ENGINE_RUNQ_LIMIT_PCT                                                                      \
	10.0 /* runqueue share that makes the cgroup's quota worth reading                         \
	      */

#endif
