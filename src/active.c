/* active.c - the load average explained.  Linux's load average counts
 * threads that are runnable (R) or in uninterruptible sleep (D); the
 * sample already knows, per thread, what share of the interval it spent
 * on a CPU, in the run queue and in each storage wait, so their sum over
 * threads is the average number of threads in each.  Nothing is read
 * here: it costs one pass over the thread rows. */
#include "config.h"
#include "active.h"

#include <stdio.h>
#include <string.h>

static const char *const active_names[ACTIVE_NCAT] = {
	"cpu", "runqueue", "disk-read", "disk-write", "dirty-throttle", "other-d",
};
static const char *const active_shorts[ACTIVE_NCAT] = {
	"cpu", "runq", "disk-r", "disk-w", "dirty", "other-d",
};

const char *active_name(int c)
{
	return c >= 0 && c < ACTIVE_NCAT ? active_names[c] : NULL;
}

const char *active_short(int c)
{
	return c >= 0 && c < ACTIVE_NCAT ? active_shorts[c] : NULL;
}

/* active_clamp01: v within [0, 1]. */
static double active_clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* active_thread: th's average threads per active category into t[]
 * (fractions of the interval, 1.0 = the whole interval). */
static void active_thread(const struct thread_row *th, double t[ACTIVE_NCAT])
{
	memset(t, 0, sizeof(double) * ACTIVE_NCAT);
	if (!th->have_wait)
		return;
	if (th->have_sched) {
		/* schedstat's own fractions of the interval: the verdict's
		 * shares stretch them to 100% when every look saw R */
		double run = active_clamp01(th->run_pct / 100.0);
		double rq = active_clamp01(th->runq_pct / 100.0);

		if (run + rq > 1) {
			run /= run + rq;
			rq = 1 - run;
		}
		t[ACTIVE_CPU] = run;
		t[ACTIVE_RUNQUEUE] = rq;
	} else {
		t[ACTIVE_CPU] = active_clamp01(th->cpu_pct / 100.0);
		t[ACTIVE_RUNQUEUE] = th->wait_share[WAIT_RUNQUEUE] / 100.0;
	}
	t[ACTIVE_DISK_READ] = th->wait_share[WAIT_DISK_READ] / 100.0;
	t[ACTIVE_DISK_WRITE] = th->wait_share[WAIT_DISK_WRITE] / 100.0;
	t[ACTIVE_DIRTY_THROTTLE] = th->wait_share[WAIT_DIRTY_THROTTLE] / 100.0;
	/* lock and unknown sites are D only sometimes (a mutex, a page
	 * lock): counted for threads seen in D at the refresh */
	if (th->state == 'D')
		t[ACTIVE_OTHER_D] =
		    (th->wait_share[WAIT_LOCK] + th->wait_share[WAIT_OTHER]) / 100.0;
}

/* active_top: the process with the most of category c, into out. */
static void active_top(const struct sample *s, int c, struct active_row *out)
{
	double best = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];
		double sum = 0, t[ACTIVE_NCAT];

		for (size_t k = 0; k < p->thr_count && p->thr_first + k < s->nthreads; k++) {
			active_thread(&s->threads[p->thr_first + k], t);
			sum += t[c];
		}
		if (sum > best) {
			best = sum;
			out->top_pid = p->pid;
			snprintf(out->top_comm, sizeof(out->top_comm), "%s", p->comm);
		}
	}
}

void active_compute(const struct sample *s, struct active_row *out)
{
	double t[ACTIVE_NCAT];

	memset(out, 0, sizeof(*out));
	out->top_cat = -1;
	for (size_t i = 0; i < s->nthreads; i++) {
		const struct thread_row *th = &s->threads[i];

		if (th->have_wait)
			out->have = true;
		active_thread(th, t);
		for (int c = 0; c < ACTIVE_NCAT; c++)
			out->threads[c] += t[c];
	}
	for (int c = 0; c < ACTIVE_NCAT; c++) {
		out->total += out->threads[c];
		if (out->threads[c] >= 0.05 &&
		    (out->top_cat < 0 || out->threads[c] > out->threads[out->top_cat]))
			out->top_cat = c;
	}
	if (out->top_cat >= 0)
		active_top(s, out->top_cat, out);
}

/* active_render: the line with the terms in keep[] and the top part when
 * with_top; returns its length. */
static int active_render(const struct active_row *a, const bool keep[ACTIVE_NCAT], bool with_top,
			 char *buf, size_t sz)
{
	size_t n = 0;

	n += (size_t)snprintf(buf, sz, "ACTIVE %.1f:", a->total);
	for (int c = 0; c < ACTIVE_NCAT && n < sz; c++)
		if (keep[c])
			n += (size_t)snprintf(buf + n, sz - n, " %s %.1f", active_shorts[c],
					      a->threads[c]);
	if (with_top && n < sz)
		n += (size_t)snprintf(buf + n, sz - n, " (top: %d %s)", a->top_pid, a->top_comm);
	return (int)n;
}

char *active_format(const struct active_row *a, char *buf, size_t sz, int width)
{
	bool keep[ACTIVE_NCAT];
	bool with_top = a->top_pid > 0;

	if (!a->have) {
		snprintf(buf, sz, "ACTIVE n/a");
		return buf;
	}
	for (int c = 0; c < ACTIVE_NCAT; c++)
		keep[c] = a->threads[c] >= 0.05;
	/* no thread on a CPU, queued or in D: say so, not a bare label */
	if (a->total < 0.05) {
		snprintf(buf, sz, "ACTIVE %.1f: idle", a->total);
		if (width < 0 || (int)strlen(buf) <= width)
			return buf;
	}
	for (;;) {
		int n = active_render(a, keep, with_top, buf, sz), drop = -1;

		if (width < 0 || n <= width)
			return buf;
		if (with_top) {
			with_top = false;
			continue;
		}
		for (int c = 0; c < ACTIVE_NCAT; c++)
			if (keep[c] && (drop < 0 || a->threads[c] < a->threads[drop]))
				drop = c;
		if (drop < 0) { /* even "ACTIVE 3.2:" is too wide: nothing */
			buf[0] = '\0';
			return buf;
		}
		keep[drop] = false;
	}
}
