/* delta.c - process and thread rows with rates, from two snapshots of the
 * per-process reader (pure: snapshots in, struct sample rows out).
 * Rows are matched by (pid, start_ticks) and (tid, start_ticks), so a
 * reused pid never yields a rate.  No /proc access, no user names, no
 * verdicts: those are the engine's and verdict.c's. */
#include "config.h"
#include "delta.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DELTA_PF_KTHREAD 0x00200000UL

double delta_counter(unsigned long long prev, unsigned long long cur, double dt)
{
	if (dt <= 0 || cur < prev)
		return 0;
	return (double)(cur - prev) / dt;
}

/* delta_strcpy: copy src into dst (size dsz), cut to fit (snprintf "%s"
 * without the format parsing, twice per process per refresh). */
static void delta_strcpy(char *dst, size_t dsz, const char *src)
{
	size_t n = strnlen(src, dsz - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* delta_born_within: whether a task that started at start_ticks began
 * after the previous snapshot was taken, so that everything it has
 * consumed falls inside the interval. */
static bool delta_born_within(const struct proc_snap *prev, unsigned long long start_ticks, long hz)
{
	return prev && prev->boot_s > 0 && (double)start_ticks / (double)hz >= prev->boot_s;
}

/* delta_cpu: user and system CPU of a task over the interval, in percent of
 * one core.  Without a previous reading, a task born inside the interval
 * is charged its whole lifetime (exact: all of it is in the interval); an
 * older task seen for the first time gets 0. */
static void delta_cpu(const struct task_raw *p, const struct task_raw *c, bool born, long hz,
		      double dt, double *user_pct, double *sys_pct)
{
	unsigned long long pu = 0, ps = 0;

	*user_pct = *sys_pct = 0;
	if (!p && !born)
		return;
	if (p) {
		pu = p->utime_ticks;
		ps = p->stime_ticks;
	}
	*user_pct = delta_counter(pu, c->utime_ticks, dt) / (double)hz * 100.0;
	*sys_pct = delta_counter(ps, c->stime_ticks, dt) / (double)hz * 100.0;
}

/* delta_cpu_clamp: scale user+sys down to at most limit percent.  Tick
 * counts are sampled at tick granularity, so one busy thread can read as
 * 101%; no task runs on more CPUs than it has threads. */
static void delta_cpu_clamp(double *user_pct, double *sys_pct, double limit)
{
	double sum = *user_pct + *sys_pct;

	if (sum > limit && sum > 0) {
		*user_pct *= limit / sum;
		*sys_pct *= limit / sum;
	}
}

/* delta_thread: one thread row from its current and previous (or NULL) reading. */
static void delta_thread(const struct task_raw *p, const struct task_raw *c, bool born, long hz,
			 double dt, struct thread_row *r)
{
	double u, sy;
	bool moved;

	memset(r, 0, sizeof(*r));
	r->pid = c->pid;
	r->tid = c->tid;
	r->state = c->state ? c->state : '?';
	delta_strcpy(r->comm, sizeof(r->comm), c->comm);
	delta_cpu(p, c, born, hz, dt, &u, &sy);
	delta_cpu_clamp(&u, &sy, 100.0);
	r->cpu_pct = u + sy;
	r->have_cpu = dt > 0;
	if (c->have_sched && ((p && p->have_sched) || (!p && born)) && dt > 0) {
		unsigned long long prun = p ? p->run_ns : 0, pwait = p ? p->wait_ns : 0;

		r->have_sched = true;
		r->run_pct = delta_counter(prun, c->run_ns, dt) / 1e9 * 100.0;
		r->runq_pct = delta_counter(pwait, c->wait_ns, dt) / 1e9 * 100.0;
	}
	if (p)
		moved = c->utime_ticks + c->stime_ticks != p->utime_ticks + p->stime_ticks ||
			(c->have_sched && p->have_sched &&
			 (c->slices != p->slices || c->run_ns != p->run_ns));
	else
		moved = born &&
			(c->utime_ticks + c->stime_ticks > 0 || (c->have_sched && c->slices > 0));
	r->active = moved || c->state == 'R' || c->state == 'D';
	r->have_wchan = c->have_wchan;
	r->wchan = c->wchan;
	/* "running" (-2) names no syscall */
	r->have_syscall = c->have_syscall && c->syscall_nr != -2;
	r->syscall_nr = r->have_syscall ? c->syscall_nr : -1;
	r->have_wait = false;
	/* delayacct_blkio_ticks only move when kernel.task_delayacct is on */
	if (p && c->blkio_ticks > p->blkio_ticks && dt > 0) {
		r->have_blkio = true;
		r->blkio_pct =
		    delta_counter(p->blkio_ticks, c->blkio_ticks, dt) / (double)hz * 100.0;
		if (r->blkio_pct > 100)
			r->blkio_pct = 100;
	}
}

/* delta_proc: one process row (threads are filled by the caller). */
static void delta_proc(const struct proc_snap_entry *pe, const struct proc_snap_entry *ce,
		       bool born, long hz, double dt, struct proc_row *r)
{
	const struct task_raw *p = pe ? &pe->task : NULL, *c = &ce->task;

	memset(r, 0, sizeof(*r));
	r->pid = c->pid;
	r->ppid = c->ppid;
	r->start_ticks = c->start_ticks;
	r->uid = c->uid;
	r->state = c->state ? c->state : '?';
	r->nthreads = c->nthreads;
	r->kthread = (c->flags & DELTA_PF_KTHREAD) != 0;
	r->is_thread = false;
	r->tid = c->pid;
	delta_cpu(p, c, born, hz, dt, &r->cpu_user_pct, &r->cpu_sys_pct);
	delta_cpu_clamp(&r->cpu_user_pct, &r->cpu_sys_pct,
			100.0 * (c->nthreads > 1 ? c->nthreads : 1));
	r->cpu_pct = r->cpu_user_pct + r->cpu_sys_pct;
	r->have_cpu = dt > 0;
	r->have_wchan = c->have_wchan;
	r->wchan = c->wchan;
	if (p && c->have_io && p->have_io && dt > 0) {
		r->have_io = true;
		r->disk_read_bps = delta_counter(p->read_bytes, c->read_bytes, dt);
		r->disk_write_bps = delta_counter(p->write_bytes, c->write_bytes, dt);
	}
	delta_strcpy(r->comm, sizeof(r->comm), c->comm);
	r->cmdline = xstrdup(ce->cmdline ? ce->cmdline : "");
	r->cmdline_why = ce->cmdline_why;
}

int delta_procs(const struct proc_snap *prev, const struct proc_snap *cur, long hz,
		struct sample *s)
{
	double dt = prev ? cur->mono_s - prev->mono_s : 0;
	size_t i, j;

	if (hz <= 0)
		hz = 100;
	size_t nthr = 0;

	for (i = 0; i < cur->nprocs; i++)
		nthr += proc_snap_nthr(&cur->procs[i]);
	s->procs = xcalloc(cur->nprocs, sizeof(*s->procs));
	s->threads = xcalloc(nthr ? nthr : 1, sizeof(*s->threads));
	s->nprocs = s->nthreads = 0;
	for (i = 0; i < cur->nprocs; i++) {
		const struct proc_snap_entry *ce = &cur->procs[i];
		const struct proc_snap_entry *pe =
		    prev ? proc_snap_find(prev, ce->task.pid, ce->task.start_ticks) : NULL;
		struct proc_row *r = &s->procs[s->nprocs++];

		delta_proc(pe, ce, !pe && delta_born_within(prev, ce->task.start_ticks, hz), hz, dt,
			   r);
		if (!ce->task.have_io)
			s->any_denied = true;
		r->thr_first = s->nthreads;
		for (j = 0; j < proc_snap_nthr(ce); j++) {
			const struct task_raw *ct = proc_snap_thread(cur, ce, j);
			const struct task_raw *pt =
			    pe ? proc_snap_find_thread(prev, pe, ct->tid, ct->start_ticks) : NULL;
			bool born = !pt && delta_born_within(prev, ct->start_ticks, hz);

			delta_thread(pt, ct, born, hz, dt, &s->threads[s->nthreads++]);
		}
		r->thr_count = s->nthreads - r->thr_first;
	}
	return 0;
}
