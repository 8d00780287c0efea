/* delta.h - rates from two snapshots of processes (pure).  Rows are keyed
 * by (pid, start_ticks): a reused PID never yields a bogus rate, and a new
 * process has no rate until its second reading (have_io false, cpu 0 with
 * the first interval measured from its own start is not guessed). */
#ifndef WAITTOP_DELTA_H
#define WAITTOP_DELTA_H

#include "model.h"
#include "collect-proc.h"

/* delta_procs: fill s->procs/nprocs and s->threads/nthreads (which must be
 * empty) from cur, with rates over cur->mono_s - prev->mono_s.  prev may be
 * NULL (first reading: no rates).  hz is sysconf(_SC_CLK_TCK).  user names
 * are left "" (the engine fills them).  wait fields are left unset
 * (have_wait false).  0, or -1 on ENOMEM. */
int delta_procs(const struct proc_snap *prev, const struct proc_snap *cur, long hz, struct sample *s);
/* delta_counter: cur - prev as a rate over dt seconds; 0 when the counter
 * went backwards or dt <= 0. */
double delta_counter(unsigned long long prev, unsigned long long cur, double dt);

#endif
