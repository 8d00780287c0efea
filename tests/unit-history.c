/* unit-history.c - the timeline ring: points from process rows, order
 * oldest first, the 120-interval bound, pid reuse and forgetting. */
#include "config.h"
#include "history.h"
#include "test.h"

#include <stdlib.h>

/* one_proc: a sample of one process (pid, start) waiting in c. */
static void one_proc(struct sample *s, struct proc_row *p, int pid, unsigned long long start,
		     enum wait_cat c)
{
	memset(s, 0, sizeof(*s));
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->start_ticks = start;
	p->have_wait = true;
	p->wait = c;
	p->wait_share[c] = 90.4;
	p->wait_share[WAIT_CPU] += 9.6;
	s->procs = p;
	s->nprocs = 1;
}

int main(void)
{
	struct history *h = history_new();
	struct hist_point pts[MODEL_HIST_LEN];
	struct sample s;
	struct proc_row p;
	size_t n;

	history_point(&(struct proc_row){ .have_wait = false }, &pts[0]);
	CHECK(!pts[0].have);
	for (int i = 0; i < 3; i++) {
		one_proc(&s, &p, 42, 1000, WAIT_CPU);
		history_add(h, &s, 0);
	}
	for (int i = 0; i < 2; i++) {
		one_proc(&s, &p, 42, 1000, WAIT_SLEEP);
		history_add(h, &s, 0);
	}
	n = history_get(h, 42, 1000, pts, MODEL_HIST_LEN);
	CHECK_INT(n, 5);
	CHECK_INT(pts[0].wait, WAIT_CPU);
	CHECK_INT(pts[2].wait, WAIT_CPU);
	CHECK_INT(pts[3].wait, WAIT_SLEEP);
	CHECK_INT(pts[4].share_pct[WAIT_SLEEP], 90);
	CHECK_INT(pts[4].share_pct[WAIT_CPU], 10);
	CHECK_INT(history_get(h, 42, 999, pts, MODEL_HIST_LEN), 0); /* another start: not ours */
	for (int i = 0; i < 200; i++) {
		one_proc(&s, &p, 42, 1000, i < 150 ? WAIT_NET : WAIT_DISK_WRITE);
		history_add(h, &s, 0);
	}
	n = history_get(h, 42, 1000, pts, MODEL_HIST_LEN);
	CHECK_INT(n, MODEL_HIST_LEN);
	CHECK_INT(pts[0].wait, WAIT_NET); /* the oldest kept: interval 85 of 205 */
	CHECK_INT(pts[MODEL_HIST_LEN - 1].wait, WAIT_DISK_WRITE);
	CHECK_INT(pts[MODEL_HIST_LEN - 50].wait, WAIT_DISK_WRITE);
	CHECK_INT(pts[MODEL_HIST_LEN - 51].wait, WAIT_NET);
	/* a reused pid starts afresh */
	one_proc(&s, &p, 42, 2000, WAIT_LOCK);
	history_add(h, &s, 0);
	CHECK_INT(history_get(h, 42, 1000, pts, MODEL_HIST_LEN), 0);
	CHECK_INT(history_get(h, 42, 2000, pts, MODEL_HIST_LEN), 1);
	/* a process missing from a sample is forgotten; memory stays bounded */
	{
		struct proc_row *many = calloc(HISTORY_MAX_PROCS + 100, sizeof(*many));
		struct sample big = { .procs = many, .nprocs = HISTORY_MAX_PROCS + 100 };

		for (size_t i = 0; i < big.nprocs; i++)
			many[i].pid = (int)i + 100;
		history_add(h, &big, 0);
		CHECK_INT(history_nprocs(h), HISTORY_MAX_PROCS);
		CHECK_INT(history_get(h, 42, 2000, pts, MODEL_HIST_LEN), 0);
		/* past the bound: the tracked keep their place, the focus gets one */
		history_add(h, &big, (int)big.nprocs + 99);
		CHECK_INT(history_get(h, 100, 0, pts, MODEL_HIST_LEN), 2);
		CHECK_INT(history_get(h, (int)big.nprocs + 98, 0, pts, MODEL_HIST_LEN), 0);
		CHECK_INT(history_get(h, (int)big.nprocs + 99, 0, pts, MODEL_HIST_LEN), 1);
		CHECK_INT(history_nprocs(h), HISTORY_MAX_PROCS + 1);
		CHECK(history_bytes(h) < (size_t)HISTORY_MAX_PROCS * 2200 + 100000);
		free(many);
	}
	history_free(h);

	/* a timeline that does not change is one run: a tracked sleeper
	 * costs well under the 2 KB a fixed ring of 120 points took, and
	 * reads back the same; one that changes every interval reads back in
	 * order, oldest first */
	h = history_new();
	{
		struct proc_row *many = calloc(HISTORY_MAX_PROCS, sizeof(*many));
		struct sample big = { .procs = many, .nprocs = HISTORY_MAX_PROCS };

		for (size_t i = 0; i < big.nprocs; i++) {
			many[i].pid = (int)i + 100;
			many[i].have_wait = true;
			many[i].wait = WAIT_SLEEP;
			many[i].wait_share[WAIT_SLEEP] = 100;
		}
		for (int t = 0; t < MODEL_HIST_LEN + 10; t++) {
			many[0].wait = t % 2 ? WAIT_CPU : WAIT_NET; /* changes every time */
			history_add(h, &big, 0);
		}
		CHECK(history_bytes(h) < (size_t)HISTORY_MAX_PROCS * 200 + 100000);
		n = history_get(h, 101, 0, pts, MODEL_HIST_LEN);
		CHECK_INT(n, MODEL_HIST_LEN);
		CHECK(pts[0].have && pts[n - 1].have);
		CHECK_INT(pts[n - 1].share_pct[WAIT_SLEEP], 100);
		n = history_get(h, 100, 0, pts, 7);
		CHECK_INT(n, 7);
		/* the last of 130 intervals (t = 129) was cpu; the newest 7 */
		for (size_t k = 0; k < n; k++)
			CHECK_INT(pts[k].wait, (k % 2) ? WAIT_NET : WAIT_CPU);
		CHECK_INT(pts[n - 1].wait, WAIT_CPU);
		free(many);
	}
	history_free(h);
	return test_done("unit-history");
}
