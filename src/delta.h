/* delta.h - rates from two snapshots of processes (pure).  Rows are keyed
 * by (pid, start_ticks): a reused PID never yields a bogus rate.
 * A task without a previous reading of the same identity: if it started
 * after the previous snapshot (start_ticks >= prev->boot_s), everything it
 * consumed lies inside the interval, so its CPU% and run/runq% are its
 * lifetime totals over the interval (exact, not a guess).  Otherwise (the
 * first reading, or a task the previous scan did not cover) cpu_pct is 0
 * only because the row is new, and have_sched is false.  Disk rates need
 * two readings in any case (have_io false on a row's first interval). */
#ifndef WAITTOP_DELTA_H
#define WAITTOP_DELTA_H

#include "model.h"
#include "collect-proc.h"

/* delta_procs: fill s->procs/nprocs and s->threads/nthreads (which must be
 * empty) from cur, with rates over cur->mono_s - prev->mono_s.  prev may be
 * NULL (first reading: no rates).  hz is sysconf(_SC_CLK_TCK).  user names
 * are left "" (the engine fills them).  wait fields are left unset
 * (have_wait false).  0, or -1 on ENOMEM. */
int delta_procs(const struct proc_snap *prev, const struct proc_snap *cur, long hz,
		struct sample *s);
/* delta_counter: cur - prev as a rate over dt seconds; 0 when the counter
 * went backwards or dt <= 0. */
double delta_counter(unsigned long long prev, unsigned long long cur, double dt);

#endif
