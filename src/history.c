/* history.c - per-process timelines of wait verdicts for the drill-in.
 * Entries live in an array sorted by pid (one bsearch per process per
 * refresh); a process missing from a sample is forgotten.  A timeline is
 * kept as runs of equal points, oldest first: most processes sleep in the
 * same wait interval after interval, and a run costs 20 bytes where a
 * fixed ring cost 2 KB per process.  Does not read the kernel and does not
 * know about the screen. */
#include "config.h"
#include "history.h"
#include "util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* n intervals in a row with the same point */
struct history_run {
	struct hist_point pt;
	unsigned char n; /* 1..MODEL_HIST_LEN */
};

struct history_ent {
	int pid;
	unsigned long long start_ticks;
	size_t count; /* points held, at most MODEL_HIST_LEN */
	bool taken; /* carried into the new array by history_add */
	unsigned nruns, cap;
	struct history_run *runs; /* owned; oldest first */
};

struct history {
	struct history_ent **ents; /* sorted by pid */
	size_t n, cap;
	struct history_ent **scratch;
	size_t scratch_cap;
};

struct history *history_new(void)
{
	return xcalloc(1, sizeof(struct history));
}

/* history_ent_free: an entry and its runs. */
static void history_ent_free(struct history_ent *e)
{
	if (e)
		free(e->runs);
	free(e);
}

void history_free(struct history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		history_ent_free(h->ents[i]);
	free(h->ents);
	free(h->scratch);
	free(h);
}

void history_point(const struct proc_row *p, struct hist_point *out)
{
	memset(out, 0, sizeof(*out));
	if (!p->have_wait)
		return;
	out->have = true;
	out->wait = (unsigned char)p->wait;
	for (int c = 0; c < WAIT_NCAT; c++) {
		double v = p->wait_share[c];

		out->share_pct[c] = v <= 0 ? 0 : v >= 100 ? 100 : (unsigned char)(v + 0.5);
	}
}

/* history_find: the entry index for pid in h, or -1. */
static long history_find(const struct history *h, int pid)
{
	size_t lo = 0, hi = h->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (h->ents[mid]->pid == pid)
			return (long)mid;
		if (h->ents[mid]->pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* history_cmp: by pid. */
static int history_cmp(const void *a, const void *b)
{
	const struct history_ent *x = *(struct history_ent *const *)a;
	const struct history_ent *y = *(struct history_ent *const *)b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* history_take_old: the entry of p if h has one (marked taken), else NULL. */
static struct history_ent *history_take_old(struct history *h, const struct proc_row *p)
{
	long i = history_find(h, p->pid);
	struct history_ent *e;

	if (i < 0 || h->ents[i]->taken || h->ents[i]->start_ticks != p->start_ticks)
		return NULL;
	e = h->ents[i];
	e->taken = true;
	return e;
}

/* history_push: append p's point to e and e to the scratch list. */
static void history_push(struct history *h, struct history_ent *e, const struct proc_row *p,
			 size_t *n)
{
	struct hist_point pt;

	history_point(p, &pt);
	if (e->nruns && e->runs[e->nruns - 1].n < MODEL_HIST_LEN &&
	    memcmp(&e->runs[e->nruns - 1].pt, &pt, sizeof(pt)) == 0) {
		e->runs[e->nruns - 1].n++;
	} else {
		if (e->nruns == e->cap) {
			e->cap = e->cap ? e->cap * 2 : 1;
			e->runs = xrealloc(e->runs, e->cap * sizeof(*e->runs));
		}
		e->runs[e->nruns].pt = pt;
		e->runs[e->nruns].n = 1;
		e->nruns++;
	}
	if (++e->count > MODEL_HIST_LEN) { /* the oldest point goes */
		e->count--;
		if (--e->runs[0].n == 0)
			memmove(e->runs, e->runs + 1, --e->nruns * sizeof(*e->runs));
	}
	if (e->cap > 4 && e->nruns < e->cap / 4) { /* a busy spell has passed */
		e->cap /= 2;
		e->runs = xrealloc(e->runs, e->cap * sizeof(*e->runs));
	}
	h->scratch[(*n)++] = e;
}

void history_add(struct history *h, const struct sample *s, int focus_pid)
{
	size_t n = 0;

	if (s->nprocs + 1 > h->scratch_cap) {
		h->scratch_cap = s->nprocs * 2 + 1;
		h->scratch = xrealloc(h->scratch, h->scratch_cap * sizeof(*h->scratch));
	}
	/* processes already tracked keep their timelines; then new ones while
	 * there is room; the focus always */
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];
		struct history_ent *e = p->is_thread ? NULL : history_take_old(h, p);

		if (e)
			history_push(h, e, p, &n);
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];
		struct history_ent *e;
		long k;

		if (p->is_thread || (n >= HISTORY_MAX_PROCS && p->pid != focus_pid))
			continue;
		k = history_find(h, p->pid);
		if (k >= 0 && h->ents[k]->taken && h->ents[k]->start_ticks == p->start_ticks)
			continue; /* done in the first pass */
		e = xcalloc(1, sizeof(*e));
		e->pid = p->pid;
		e->start_ticks = p->start_ticks;
		e->taken = true;
		history_push(h, e, p, &n);
	}
	for (size_t i = 0; i < h->n; i++)
		if (!h->ents[i]->taken)
			history_ent_free(h->ents[i]); /* the processes this sample no longer has */
	for (size_t i = 0; i < n; i++)
		h->scratch[i]->taken = false;
	if (n > h->cap) {
		h->cap = n * 2;
		h->ents = xrealloc(h->ents, h->cap * sizeof(*h->ents));
	}
	memcpy(h->ents, h->scratch, n * sizeof(*h->ents));
	h->n = n;
	qsort(h->ents, n, sizeof(*h->ents), history_cmp);
}

size_t history_get(const struct history *h, int pid, unsigned long long start_ticks,
		   struct hist_point *out, size_t max)
{
	long i = history_find(h, pid);
	const struct history_ent *e;
	size_t n, skip, k = 0;

	if (i < 0 || h->ents[i]->start_ticks != start_ticks)
		return 0;
	e = h->ents[i];
	n = e->count < max ? e->count : max;
	skip = e->count - n; /* the newest n points */
	for (unsigned r = 0; r < e->nruns; r++)
		for (unsigned j = 0; j < e->runs[r].n; j++) {
			if (skip) {
				skip--;
				continue;
			}
			out[k++] = e->runs[r].pt;
		}
	return n;
}

size_t history_nprocs(const struct history *h)
{
	return h->n;
}

size_t history_bytes(const struct history *h)
{
	size_t b = sizeof(*h) + h->n * sizeof(struct history_ent) +
		   (h->cap + h->scratch_cap) * sizeof(struct history_ent *);

	for (size_t i = 0; i < h->n; i++)
		b += h->ents[i]->cap * sizeof(struct history_run);
	return b;
}
