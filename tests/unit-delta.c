/* unit-delta.c - tests of delta_procs on hand-built snapshots: a normal
 * interval, pid reuse, a counter reset, a first reading, a process born
 * inside the interval, and threads' schedstat shares. */
#include "config.h"
#include "delta.h"
#include "engine.h"
#include "test.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define HZ 100

/* snap_one: a snapshot of one single-threaded process. */
static void snap_one(struct proc_snap *s, double mono, double boot, int pid,
		     unsigned long long start, unsigned long long ut, unsigned long long st,
		     unsigned long long rb, unsigned long long wb, unsigned long long run_ns,
		     unsigned long long wait_ns, unsigned long long slices, char state)
{
	struct task_raw *t;

	memset(s, 0, sizeof(*s));
	s->mono_s = mono;
	s->boot_s = boot;
	s->procs = calloc(1, sizeof(*s->procs));
	s->threads = calloc(1, sizeof(*s->threads));
	s->nprocs = s->nthreads = 1;
	t = &s->procs[0].task;
	t->pid = t->tid = pid;
	t->ppid = 1;
	t->start_ticks = start;
	t->state = state;
	t->nthreads = 1;
	t->utime_ticks = ut;
	t->stime_ticks = st;
	t->have_io = true;
	t->read_bytes = rb;
	t->write_bytes = wb;
	t->have_sched = true;
	t->run_ns = run_ns;
	t->wait_ns = wait_ns;
	t->slices = slices;
	t->have_wchan = true;
	t->wchan = state == 'S' ? "hrtimer_nanosleep" : "";
	t->have_syscall = true;
	t->syscall_nr = state == 'R' ? -2 : 230;
	strcpy(t->comm, "worker");
	s->procs[0].cmdline = "worker --fast";
	s->procs[0].thr_first = 0;
	s->procs[0].thr_count = 1;
	s->threads[0] = *t;
}

static void test_normal(void)
{
	struct proc_snap a, b;
	struct sample s = { 0 };

	snap_one(&a, 10.0, 1000.0, 42, 5000, 100, 50, 0, 0, 1000000000ULL, 0, 10, 'R');
	/* 2 s later: +150 user ticks, +50 sys ticks = 100% of one core; 4 MB read, 2 MB written */
	snap_one(&b, 12.0, 1002.0, 42, 5000, 250, 100, 4000000, 2000000, 2600000000ULL,
		 200000000ULL, 30, 'R');
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK_INT(s.nprocs, 1);
	CHECK_INT(s.nthreads, 1);
	CHECK_NEAR(s.procs[0].cpu_pct, 100.0, 1e-9);
	CHECK_NEAR(s.procs[0].cpu_user_pct, 75.0, 1e-9);
	CHECK_NEAR(s.procs[0].cpu_sys_pct, 25.0, 1e-9);
	CHECK(s.procs[0].have_io);
	CHECK_NEAR(s.procs[0].disk_read_bps, 2000000.0, 1e-6);
	CHECK_NEAR(s.procs[0].disk_write_bps, 1000000.0, 1e-6);
	CHECK(!s.procs[0].is_thread);
	CHECK(!s.procs[0].have_wait);
	CHECK_STR(s.procs[0].cmdline, "worker --fast");
	CHECK_STR(s.procs[0].comm, "worker");
	CHECK_INT(s.procs[0].thr_first, 0);
	CHECK_INT(s.procs[0].thr_count, 1);
	CHECK_INT(s.threads[0].tid, 42);
	CHECK_NEAR(s.threads[0].cpu_pct, 100.0, 1e-9);
	CHECK(s.threads[0].have_sched);
	CHECK_NEAR(s.threads[0].run_pct, 80.0, 1e-9);
	CHECK_NEAR(s.threads[0].runq_pct, 10.0, 1e-9);
	CHECK(s.threads[0].active);
	CHECK(!s.threads[0].have_syscall); /* "running" names no syscall */
	model_sample_clear(&s);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
}

/* One thread cannot use more than one core: a tick that lands at the edge
 * of the interval must not show 101%. */
static void test_clamp(void)
{
	struct proc_snap a, b;
	struct sample s = { 0 };

	snap_one(&a, 10.0, 1000.0, 42, 5000, 100, 0, 0, 0, 0, 0, 0, 'R');
	/* 1 s later, 101 ticks of user and 1 of system time */
	snap_one(&b, 11.0, 1001.0, 42, 5000, 201, 1, 0, 0, 0, 0, 0, 'R');
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK_NEAR(s.procs[0].cpu_pct, 100.0, 1e-9);
	CHECK(s.procs[0].cpu_user_pct > 98.0 && s.procs[0].cpu_sys_pct > 0.9);
	CHECK_NEAR(s.threads[0].cpu_pct, 100.0, 1e-9);
	model_sample_clear(&s);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
}

/* delayacct_blkio_ticks (stat field 42) only move with delay accounting
 * on: a move is the thread's block I/O delay in the interval. */
static void test_blkio(void)
{
	struct proc_snap a, b;
	struct sample s = { 0 };

	snap_one(&a, 10.0, 1000.0, 42, 5000, 0, 0, 0, 0, 0, 0, 0, 'D');
	snap_one(&b, 12.0, 1002.0, 42, 5000, 0, 0, 0, 0, 0, 0, 0, 'D');
	a.threads[0].blkio_ticks = 100;
	b.threads[0].blkio_ticks = 250; /* 1.5 s of 2 s */
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK(s.threads[0].have_blkio);
	CHECK_NEAR(s.threads[0].blkio_pct, 75.0, 1e-9);
	model_sample_clear(&s);
	b.threads[0].blkio_ticks = 100; /* no move: nothing to say */
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK(!s.threads[0].have_blkio);
	model_sample_clear(&s);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
}

static void test_reuse_reset_first(void)
{
	struct proc_snap a, b;
	struct sample s = { 0 };

	/* same pid, different start: a different process, no rate */
	snap_one(&a, 10.0, 1000.0, 42, 5000, 100, 50, 1000, 1000, 5, 5, 5, 'S');
	snap_one(&b, 11.0, 1001.0, 42, 4000, 900, 300, 9000, 9000, 9, 9, 9, 'S');
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK_NEAR(s.procs[0].cpu_pct, 0.0, 1e-12);
	CHECK(!s.procs[0].have_io);
	CHECK(!s.threads[0].have_sched);
	CHECK(!s.threads[0].active);
	CHECK_INT(s.procs[0].start_ticks, 4000);
	model_sample_clear(&s);
	proc_snap_clear(&b);

	/* counters going backwards give 0, not a huge rate */
	snap_one(&b, 11.0, 1001.0, 42, 5000, 90, 40, 500, 500, 4, 4, 4, 'S');
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK_NEAR(s.procs[0].cpu_pct, 0.0, 1e-12);
	CHECK(s.procs[0].have_io);
	CHECK_NEAR(s.procs[0].disk_read_bps, 0.0, 1e-12);
	CHECK_NEAR(s.threads[0].run_pct, 0.0, 1e-12);
	CHECK_NEAR(delta_counter(10, 5, 1.0), 0.0, 1e-12);
	CHECK_NEAR(delta_counter(5, 10, 0.0), 0.0, 1e-12);
	CHECK_NEAR(delta_counter(5, 10, 0.5), 10.0, 1e-12);
	model_sample_clear(&s);

	/* first reading: no rates at all */
	CHECK_INT(delta_procs(NULL, &b, HZ, &s), 0);
	CHECK_NEAR(s.procs[0].cpu_pct, 0.0, 1e-12);
	CHECK(!s.procs[0].have_io);
	CHECK(!s.threads[0].have_sched);
	CHECK(!s.threads[0].active); /* S and nothing known to have moved */
	model_sample_clear(&s);
	proc_snap_clear(&a);
	proc_snap_clear(&b);

	/* unreadable io stays unreadable */
	snap_one(&a, 10.0, 1000.0, 42, 5000, 100, 50, 0, 0, 5, 5, 5, 'D');
	snap_one(&b, 11.0, 1001.0, 42, 5000, 100, 50, 0, 0, 5, 5, 5, 'D');
	b.procs[0].task.have_io = false;
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK(!s.procs[0].have_io);
	CHECK(s.any_denied);
	CHECK(s.threads[0].active); /* D counts as active though nothing moved */
	model_sample_clear(&s);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
}

static void test_born_within(void)
{
	struct proc_snap a, b;
	struct sample s = { 0 };

	/* previous snapshot at boot time 1000.0 s; pid 77 started at 1000.5 s
	 * (start_ticks 100050) and used 40 ticks by the next, 1 s later:
	 * all 0.4 s of it fall in the interval, so 40% is exact. */
	snap_one(&a, 10.0, 1000.0, 42, 5000, 100, 50, 0, 0, 5, 5, 5, 'S');
	snap_one(&b, 11.0, 1001.0, 77, 100050, 30, 10, 0, 0, 400000000ULL, 0, 3, 'S');
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK_NEAR(s.procs[0].cpu_pct, 40.0, 1e-9);
	CHECK(!s.procs[0].have_io);
	CHECK(s.threads[0].have_sched);
	CHECK_NEAR(s.threads[0].run_pct, 40.0, 1e-9);
	CHECK(s.threads[0].active);
	model_sample_clear(&s);
	proc_snap_clear(&b);

	/* started before the previous snapshot but not in it (e.g. -p changed): 0 */
	snap_one(&b, 11.0, 1001.0, 77, 99000, 30, 10, 0, 0, 400000000ULL, 0, 3, 'S');
	CHECK_INT(delta_procs(&a, &b, HZ, &s), 0);
	CHECK_NEAR(s.procs[0].cpu_pct, 0.0, 1e-12);
	CHECK(!s.threads[0].have_sched);
	model_sample_clear(&s);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
}

/* test_stretch: the CPU budget's interval (engine_stretch). */
static void test_stretch(void)
{
	/* within budget: -d as asked */
	CHECK_NEAR(engine_stretch(1.0, 0.1, 0.25), 1.0, 1e-9);
	CHECK_NEAR(engine_stretch(0.1, 0.025, 0.25), 0.1, 1e-9);
	/* 60 ms a refresh at -d 0.1 is 60%: stretch to 0.24 s (25%) */
	CHECK_NEAR(engine_stretch(0.1, 0.06, 0.25), 0.24, 1e-9);
	/* never more than ENGINE_STRETCH_MAX times -d */
	CHECK_NEAR(engine_stretch(0.1, 100, 0.25), 0.1 * ENGINE_STRETCH_MAX, 1e-9);
	/* nonsense in, -d out */
	CHECK_NEAR(engine_stretch(0.5, 0, 0.25), 0.5, 1e-9);
	CHECK_NEAR(engine_stretch(0.5, -1, 0.25), 0.5, 1e-9);
	CHECK_NEAR(engine_stretch(0.5, 1, 0), 0.5, 1e-9);
	CHECK_NEAR(engine_stretch(0.5, 0.0 / 0.0, 0.25), 0.5, 1e-9);
}

/* test_first: without a previous snapshot (the first frame) a row has its
 * names and state but no rates: "-", never 0. */
static void test_first(void)
{
	struct proc_snap b;
	struct sample s = { 0 };

	snap_one(&b, 11.0, 1001.0, 77, 99000, 30, 10, 0, 0, 400000000ULL, 0, 3, 'S');
	CHECK_INT(delta_procs(NULL, &b, HZ, &s), 0);
	CHECK_INT(s.nprocs, 1);
	CHECK(!s.procs[0].have_cpu);
	CHECK(!s.threads[0].have_cpu);
	CHECK(!s.procs[0].have_io);
	CHECK(!s.procs[0].have_wait);
	CHECK(!s.threads[0].have_sched);
	CHECK_STR(s.procs[0].comm, "worker");
	CHECK_STR(s.procs[0].cmdline, "worker --fast");
	CHECK_INT(s.procs[0].state, 'S');
	model_sample_clear(&s);
	proc_snap_clear(&b);
}

/* test_engine_first: engine_first on the live box gives this process's
 * row without rates; the first tick then has them. */
static void test_engine_first(void)
{
	char pid[16], err[256];
	char *argv[] = { "unit-delta", "-p", pid, NULL };
	struct opts o;
	struct engine *e;
	struct sample s = { 0 };
	bool found = false;

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	CHECK_INT(opts_parse(&o, 3, argv), 0);
	e = engine_new(&o, err, sizeof(err));
	CHECK(e != NULL);
	if (!e)
		return;
	engine_first(e, &s);
	for (size_t i = 0; i < s.nprocs; i++)
		if (s.procs[i].pid == getpid()) {
			found = true;
			CHECK(!s.procs[i].have_cpu);
			CHECK(!s.procs[i].have_io);
			CHECK(!s.procs[i].have_wait);
			CHECK(s.procs[i].comm[0] != '\0');
		}
	CHECK(found);
	CHECK(!s.sys.have_cpu);
	engine_prime(e);
	usleep(50000);
	CHECK_INT(engine_tick(e, &s, err, sizeof(err)), 0);
	CHECK_INT(s.nprocs, 1);
	CHECK(s.procs[0].have_cpu);
	CHECK(s.sys.have_cpu);
	model_sample_clear(&s);
	engine_free(e);
}

static void *test_lone_block(void *arg)
{
	(void)arg;
	pause();
	return NULL;
}

/* test_lone_child: a sleeping child with nthr threads (1 or 2). */
static pid_t test_lone_child(int nthr)
{
	pid_t pid = fork();
	pthread_t th;

	if (pid == 0) {
		if (nthr > 1 && pthread_create(&th, NULL, test_lone_block, NULL) != 0)
			_exit(1);
		pause();
		_exit(0);
	}
	return pid;
}

/* test_engine_lone: after a tick a one-thread process keeps no thread row
 * and a drill-in opened before the next tick rebuilds it from the process
 * row; the two-thread process listed after it keeps both rows, moved down
 * and found by thr_first. */
static void test_engine_lone(void)
{
	char p1[16], p2[16], err[256];
	char *argv[] = { "unit-delta", "-p", p1, "-p", p2, NULL };
	pid_t lone = test_lone_child(1), two = test_lone_child(2);
	struct opts o;
	struct engine *e;
	struct sample s = { 0 };

	snprintf(p1, sizeof(p1), "%d", (int)lone);
	snprintf(p2, sizeof(p2), "%d", (int)two);
	CHECK_INT(opts_parse(&o, 5, argv), 0);
	e = engine_new(&o, err, sizeof(err));
	CHECK(e != NULL);
	if (e) {
		engine_prime(e);
		usleep(100000);
		CHECK_INT(engine_tick(e, &s, err, sizeof(err)), 0);
		CHECK_INT(s.nprocs, 2);
		CHECK_INT(s.nthreads, 2);
		for (size_t i = 0; i < s.nprocs; i++) {
			const struct proc_row *p = &s.procs[i];

			CHECK_INT(p->thr_count, p->pid == lone ? 0 : 2);
			CHECK(p->thr_first + p->thr_count <= s.nthreads);
			for (size_t k = 0; k < p->thr_count && p->thr_first + k < s.nthreads; k++)
				CHECK_INT(s.threads[p->thr_first + k].pid, two);
		}
		engine_set_focus(e, lone, 0, 0);
		engine_focus_now(e, &s);
		CHECK(s.drill != NULL);
		if (s.drill) {
			const struct thread_row *t = &s.drill->threads[0];

			CHECK_INT(s.drill->nthreads, 1);
			CHECK_INT(t->tid, lone);
			CHECK_INT(t->state, 'S');
			CHECK(t->have_wait && t->have_syscall && t->have_sched);
			CHECK(t->have_syscall && t->syscall_nr >= 0); /* in pause() */
			CHECK(strncmp(t->comm, s.drill->proc.comm, 15) == 0);
			CHECK(t->why == NULL || t->why != s.drill->proc.why); /* owned */
		}
		model_sample_clear(&s);
		engine_free(e);
	}
	kill(lone, SIGKILL);
	kill(two, SIGKILL);
	waitpid(lone, NULL, 0);
	waitpid(two, NULL, 0);
}

int main(void)
{
	test_first();
	test_engine_first();
	test_engine_lone();
	test_stretch();
	test_normal();
	test_clamp();
	test_blkio();
	test_reuse_reset_first();
	test_born_within();
	return test_done("unit-delta");
}
