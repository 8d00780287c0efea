/* sampler.h - between refreshes, look at the threads that were active in
 * the last interval (CPU time or context switches moved, or state R/D) at
 * ENGINE_FAST_PERIOD_S, classify each look, and tally it per thread.
 * Threads idle for the whole interval keep their one reading per refresh. */
#ifndef WAITTOP_SAMPLER_H
#define WAITTOP_SAMPLER_H

#include "model.h"
#include "collect-proc.h"
#include "collect-net.h"

struct sampler;

/* sampler_new: cn may be NULL (no socket evidence). */
struct sampler *sampler_new(struct collect_proc *cp, struct collect_net *cn);
/* sampler_free: NULL is a no-op. */
void sampler_free(struct sampler *sm);
/* sampler_prime: after the first scan (before any sampler_finish): look
 * at the threads of snap in R or D state during the first interval. */
void sampler_prime(struct sampler *sm, const struct proc_snap *snap);
/* sampler_tick: one look at every thread chosen by the last sampler_finish. */
void sampler_tick(struct sampler *sm);
/* sampler_finish: at a refresh: add the scan's own reading of every thread
 * in snap, then fill wait/wait_share/why of s->threads and s->procs, and
 * choose the active threads (thread_row.active) for the next interval.
 * Resets the tallies. */
void sampler_finish(struct sampler *sm, const struct proc_snap *snap, struct sample *s);
/* sampler_active: how many threads sampler_tick looks at now. */
size_t sampler_active(const struct sampler *sm);
/* sampler_looks: looks taken since sampler_new (ticks x threads, plus one
 * per thread per finish): for benchmarks and tests. */
unsigned long long sampler_looks(const struct sampler *sm);

/* Limits that bound the sampler's cost. */
#define SAMPLER_MAX_ACTIVE 512 /* threads looked at per tick */
#define SAMPLER_EVIDENCE_TTL_S 5.0 /* re-resolve a blocked syscall's fd after this */
#define SAMPLER_PEER_MAX_FDS 512 /* fds read per pipe-peer search */
#define SAMPLER_FOLLOW_MAX_FDS 16384 /* fd links read per refresh by a socket-owner search */
#define SAMPLER_FOLLOW_MISS_TTL_S 30.0 /* a search that found no owner is not redone sooner */
#define SAMPLER_FOLLOW_LOCKS 1024 /* /proc/locks lines kept */

#endif
