/* unit-active.c - the load average explained: thread shares summed into
 * average threads per category, other-d only for D threads, the top
 * process of the largest term, and the strip line dropping whole terms
 * (never half a number) when narrow. */
#include "config.h"
#include "active.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* thr: a thread with a verdict and one share set. */
static struct thread_row thr(int pid, char state, enum wait_cat c, double pct)
{
	struct thread_row t;

	memset(&t, 0, sizeof(t));
	t.pid = t.tid = pid;
	t.state = state;
	t.have_wait = true;
	t.wait = c;
	t.wait_share[c] = pct;
	return t;
}

int main(void)
{
	struct thread_row th[6];
	struct proc_row pr[3];
	struct sample s;
	struct active_row a;
	char buf[256];

	memset(&s, 0, sizeof(s));
	memset(pr, 0, sizeof(pr));
	/* pid 10: two spinners sharing a CPU; pid 20: a writer; pid 30: a
	 * sleeper (not in the load) and a D thread on a lock */
	th[0] = thr(10, 'R', WAIT_CPU, 50);
	th[0].wait_share[WAIT_RUNQUEUE] = 50;
	th[0].have_sched = true, th[0].run_pct = 50, th[0].runq_pct = 50;
	/* every look saw it R: the verdict's shares say 100%, schedstat 100 */
	th[1] = thr(10, 'R', WAIT_CPU, 50);
	th[1].wait_share[WAIT_RUNQUEUE] = 50;
	th[1].have_sched = true, th[1].run_pct = 60, th[1].runq_pct = 60;
	th[2] = thr(20, 'D', WAIT_DISK_WRITE, 90);
	th[2].wait_share[WAIT_CPU] = 10;
	th[2].cpu_pct = 10; /* no schedstat: cpu_pct */
	th[3] = thr(30, 'S', WAIT_SLEEP, 100);
	th[4] = thr(30, 'D', WAIT_LOCK, 40);
	th[5] = thr(30, 'S', WAIT_LOCK, 100); /* a futex: S, not load */
	pr[0].pid = 10, pr[0].thr_first = 0, pr[0].thr_count = 2;
	strcpy(pr[0].comm, "spin");
	pr[1].pid = 20, pr[1].thr_first = 2, pr[1].thr_count = 1;
	strcpy(pr[1].comm, "dd");
	pr[2].pid = 30, pr[2].thr_first = 3, pr[2].thr_count = 3;
	strcpy(pr[2].comm, "app");
	s.threads = th, s.nthreads = 6, s.procs = pr, s.nprocs = 3;

	active_compute(&s, &a);
	CHECK(a.have);
	CHECK_NEAR(a.threads[ACTIVE_CPU], 1.1, 1e-9);
	CHECK_NEAR(a.threads[ACTIVE_RUNQUEUE], 1.0, 1e-9);
	CHECK_NEAR(a.threads[ACTIVE_DISK_WRITE], 0.9, 1e-9);
	CHECK_NEAR(a.threads[ACTIVE_DISK_READ], 0, 1e-9);
	CHECK_NEAR(a.threads[ACTIVE_OTHER_D], 0.4, 1e-9);
	CHECK_NEAR(a.total, 3.4, 1e-9);
	CHECK_INT(a.top_cat, ACTIVE_CPU);
	CHECK_INT(a.top_pid, 10);
	CHECK_STR(a.top_comm, "spin");

	CHECK_STR(active_format(&a, buf, sizeof(buf), -1),
		  "ACTIVE 3.4: cpu 1.1 runq 1.0 disk-w 0.9 other-d 0.4 (top: 10 spin)");
	/* narrow: the top goes first, then the smallest terms, whole */
	CHECK_STR(active_format(&a, buf, sizeof(buf), 51),
		  "ACTIVE 3.4: cpu 1.1 runq 1.0 disk-w 0.9 other-d 0.4");
	CHECK_STR(active_format(&a, buf, sizeof(buf), 40),
		  "ACTIVE 3.4: cpu 1.1 runq 1.0 disk-w 0.9");
	CHECK_STR(active_format(&a, buf, sizeof(buf), 20), "ACTIVE 3.4: cpu 1.1");
	CHECK_STR(active_format(&a, buf, sizeof(buf), 12), "ACTIVE 3.4:");
	CHECK_STR(active_format(&a, buf, sizeof(buf), 5), "");
	for (int w = 0; w < 80; w++)
		CHECK((int)strlen(active_format(&a, buf, sizeof(buf), w)) <= w);

	/* a thread that ran 2% of the interval and was R at every look is
	 * 0.02 threads, not the verdict's 100% */
	th[0].run_pct = 2, th[0].runq_pct = 0, th[0].wait_share[WAIT_CPU] = 100;
	active_compute(&s, &a);
	CHECK_NEAR(a.threads[ACTIVE_CPU], 0.02 + 0.5 + 0.1, 1e-9);
	th[0].run_pct = 50, th[0].runq_pct = 50;

	/* the largest term picks the top process */
	th[2].wait_share[WAIT_DISK_WRITE] = 300; /* as if three writer threads */
	active_compute(&s, &a);
	CHECK_INT(a.top_cat, ACTIVE_DISK_WRITE);
	CHECK_INT(a.top_pid, 20);

	/* nothing on a CPU, queued or in D: "idle", not a bare label */
	{
		struct active_row z = { .have = true, .top_cat = -1 };

		CHECK_STR(active_format(&z, buf, sizeof(buf), -1), "ACTIVE 0.0: idle");
		CHECK_STR(active_format(&z, buf, sizeof(buf), 12), "ACTIVE 0.0:");
		z.threads[ACTIVE_CPU] = 0.04, z.total = 0.04;
		CHECK_STR(active_format(&z, buf, sizeof(buf), -1), "ACTIVE 0.0: idle");
		/* small terms that add up are not idle */
		z.threads[ACTIVE_DISK_READ] = 0.04, z.threads[ACTIVE_OTHER_D] = 0.04;
		z.total = 0.12;
		CHECK_STR(active_format(&z, buf, sizeof(buf), -1), "ACTIVE 0.1:");
	}

	/* no verdicts: n/a, not zeros */
	for (int i = 0; i < 6; i++)
		th[i].have_wait = false;
	active_compute(&s, &a);
	CHECK(!a.have);
	CHECK_INT(a.top_cat, -1);
	CHECK_STR(active_format(&a, buf, sizeof(buf), -1), "ACTIVE n/a");
	CHECK_STR(active_name(ACTIVE_DIRTY_THROTTLE), "dirty-throttle");
	CHECK(active_name(ACTIVE_NCAT) == NULL);
	return test_done("unit-active");
}
