/* unit-proc.c - tests of the /proc parsers on texts captured from a 6.18
 * kernel, and of the live reader: a spinning child's CPU, a sleeping
 * thread's wchan, a kernel thread, -p selection and the fast re-read.
 * Run with --unprivileged to check what a non-root reader sees (as nobody). */
#include "config.h"
#include "collect-proc.h"
#include "delta.h"
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* comm "a) b", a sleeping process (captured). */
static const char stat_paren[] =
    "14243 (a) b) S 14242 14239 3230 0 -1 4194304 131 0 0 0 0 0 0 0 20 0 1 0 54650 2990080 412 "
    "18446744073709551615 94253648257024 94253648274953 140728119847616 0 0 0 0 6 0 1 0 0 17 1 0 0 "
    "0 "
    "0 0 94253648289040 94253648290304 94254678605824 140728119855771 140728119855782 "
    "140728119855782 "
    "140728119857137 0\n";
/* kthreadd. */
static const char stat_kthread[] = "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 24 "
				   "0 0 18446744073709551615 0 0 0 0 0 "
				   "0 0 2147483647 0 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
/* a zombie python child. */
static const char stat_zombie[] =
    "14296 (python3) Z 14255 14239 3230 0 -1 4227148 219 0 0 0 0 0 0 0 20 0 1 0 54714 0 0 "
    "18446744073709551615 0 0 0 0 0 0 0 16781312 2 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
/* a busy process with delay accounting on (fields edited: utime 216, stime 79, blkio 122). */
static const char stat_busy[] =
    "5120 (m2 cpu) R 5100 5100 3230 34816 5100 4194304 2731 0 3 0 216 79 0 0 20 0 4 0 61234 "
    "25000000 3000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 122 0 0 0 0 0 0 0 0 0 0\n";

static void test_stat(void)
{
	struct task_raw t;

	CHECK_INT(parse_proc_stat(stat_paren, &t), 0);
	CHECK_STR(t.comm, "a) b");
	CHECK_INT(t.pid, 14243);
	CHECK_INT(t.state, 'S');
	CHECK_INT(t.ppid, 14242);
	CHECK_INT(t.flags, 4194304);
	CHECK_INT(t.minflt, 131);
	CHECK_INT(t.nthreads, 1);
	CHECK_INT(t.start_ticks, 54650);
	CHECK_INT(t.processor, 1);
	CHECK_INT(t.blkio_ticks, 0);

	CHECK_INT(parse_proc_stat(stat_kthread, &t), 0);
	CHECK_STR(t.comm, "kthreadd");
	CHECK(t.flags & 0x00200000);
	CHECK_INT(t.start_ticks, 24);

	CHECK_INT(parse_proc_stat(stat_zombie, &t), 0);
	CHECK_INT(t.state, 'Z');
	CHECK_INT(t.start_ticks, 54714);
	CHECK(!(t.flags & 0x00200000));

	CHECK_INT(parse_proc_stat(stat_busy, &t), 0);
	CHECK_STR(t.comm, "m2 cpu");
	CHECK_INT(t.state, 'R');
	CHECK_INT(t.majflt, 3);
	CHECK_INT(t.utime_ticks, 216);
	CHECK_INT(t.stime_ticks, 79);
	CHECK_INT(t.nthreads, 4);
	CHECK_INT(t.start_ticks, 61234);
	CHECK_INT(t.blkio_ticks, 122);

	/* control characters and an escape sequence in comm never survive */
	CHECK_INT(parse_proc_stat("7 (\x1b[2Jx\ty) S 1 1 1 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 99 0 0 "
				  "0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0\n",
				  &t),
		  0);
	CHECK_STR(t.comm, "?[2Jx?y");
	CHECK_INT(t.start_ticks, 99);
	CHECK_INT(t.blkio_ticks, 0);

	/* malformed */
	CHECK_INT(parse_proc_stat("", &t), -1);
	CHECK_INT(parse_proc_stat("12 (x S 1 2", &t), -1);
	CHECK_INT(parse_proc_stat("12 (x) S 1 2 3\n", &t), -1);

	/* the most negative and the largest unsigned value parse without
	 * overflow (found by fuzzing: UB negating -9223372036854775808);
	 * 2^64 and more is malformed */
	CHECK_INT(parse_proc_stat("7 (x) S -9223372036854775808 0 0 0 -1 0 0 0 0 0 "
				  "18446744073709551615 2 0 0 20 0 1 0 99 0 0 "
				  "0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 5\n",
				  &t),
		  0);
	CHECK_INT(t.utime_ticks, 18446744073709551615ull);
	CHECK_INT(t.ppid, 0);
	CHECK_INT(
	    parse_proc_stat("7 (x) S 1 0 0 0 -1 0 0 0 0 0 18446744073709551616 2 0 0 20 0 1 0 "
			    "99 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 5\n",
			    &t),
	    -1);
	CHECK_INT(parse_proc_syscall("-9223372036854775808 0x1 0x2\n", &t), -1);
}

static void test_io(void)
{
	struct task_raw t = { 0 };

	CHECK_INT(parse_proc_io("rchar: 6976\nwchar: 0\nsyscr: 10\nsyscw: 0\nread_bytes: 4096\n"
				"write_bytes: 721424384\ncancelled_write_bytes: 1234173952\n",
				&t),
		  0);
	CHECK(t.have_io);
	CHECK_INT(t.rchar, 6976);
	CHECK_INT(t.read_bytes, 4096);
	CHECK_INT(t.write_bytes, 721424384);
	CHECK_INT(t.cancelled_write_bytes, 1234173952);
	CHECK_INT(parse_proc_io("rchar: 1\nwchar: 2\n", &t), -1);
	CHECK_INT(parse_proc_io("", &t), -1);
}

static void test_schedstat(void)
{
	struct task_raw t = { 0 };

	CHECK_INT(parse_proc_schedstat("1186022 401296 1\n", &t), 0);
	CHECK(t.have_sched);
	CHECK_INT(t.run_ns, 1186022);
	CHECK_INT(t.wait_ns, 401296);
	CHECK_INT(t.slices, 1);
	CHECK_INT(parse_proc_schedstat("10840553 6257814\n", &t), -1);
}

static void test_syscall(void)
{
	struct task_raw t = { 0 };

	CHECK_INT(
	    parse_proc_syscall("230 0x0 0x0 0x7ffdd197e8d0 0x7ffdd197e910 0x0 0x0 0x7ffdd197e8b8 "
			       "0x7ff57bf51503\n",
			       &t),
	    0);
	CHECK(t.have_syscall);
	CHECK_INT(t.syscall_nr, 230);
	CHECK_INT(t.syscall_args[2], 0x7ffdd197e8d0ULL);
	CHECK_INT(t.syscall_args[3], 0x7ffdd197e910ULL);
	/* six arguments or it is not a syscall line */
	CHECK_INT(parse_proc_syscall("230 0x0 0x0 0x1 0x2 0x0\n", &t), -1);
	CHECK_INT(
	    parse_proc_syscall("232 0x6 0x7ffd1000 0x1 0x1f40 0x0 0x64 0x7ffd0ff0 0x7f00aa\n", &t),
	    0);
	CHECK_INT(t.syscall_nr, 232);
	CHECK_INT(t.syscall_args[0], 6);
	CHECK_INT(t.syscall_args[3], 8000);
	CHECK_INT(parse_proc_syscall("running\n", &t), 0);
	CHECK_INT(t.syscall_nr, -2);
	CHECK_INT(parse_proc_syscall("-1 0x0 0x0\n", &t), 0);
	CHECK_INT(t.syscall_nr, -1);
	/* kernel thread: looks like read(); the parser cannot know, the reader masks it */
	CHECK_INT(parse_proc_syscall("0 0x0 0x0 0x0 0x0 0x0 0x0 0x0 0x0\n", &t), 0);
	CHECK_INT(t.syscall_nr, 0);
	CHECK_INT(parse_proc_syscall("", &t), -1);
	CHECK_INT(parse_proc_syscall("7 0x1\n", &t), -1);
}

static void test_cmdline(void)
{
	char dst[32];
	static const char args[] = "python3\0-c\0print(1)\0";
	static const char evil[] = "sh\0\x1b]0;pwned\x07\0\xc2\x9b"
				   "31m\0caf\xc3\xa9\0";

	CHECK_INT(parse_proc_cmdline(args, sizeof(args) - 1, dst, sizeof(dst)), 19);
	CHECK_STR(dst, "python3 -c print(1)");
	parse_proc_cmdline(evil, sizeof(evil) - 1, dst, sizeof(dst));
	CHECK_STR(dst, "sh ?]0;pwned? ??31m caf\xc3\xa9");
	/* truncation never splits a UTF-8 sequence */
	CHECK_INT(parse_proc_cmdline("caf\xc3\xa9", 5, dst, 5), 3);
	CHECK_STR(dst, "caf");
	CHECK_INT(parse_proc_cmdline("", 0, dst, sizeof(dst)), 0);
	CHECK_STR(dst, "");
	/* setproctitle padding */
	CHECK_INT(parse_proc_cmdline("nginx: worker   \0\0\0", 19, dst, sizeof(dst)), 13);
}

/* live_spin: a child that burns CPU until killed. */
static pid_t live_child(bool spin)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec ts = { 100, 0 };
		volatile unsigned long n = 0;

		if (spin)
			for (;;)
				n++;
		for (;;)
			nanosleep(&ts, NULL);
	}
	return pid;
}

/* live_sleeper: a second thread of this process, asleep in nanosleep. */
static void *live_sleeper(void *arg)
{
	struct timespec ts = { 100, 0 };

	(void)arg;
	for (;;)
		nanosleep(&ts, NULL);
	return NULL;
}

/* live_find: the row of pid in s, or NULL. */
static const struct proc_row *live_find(const struct sample *s, int pid)
{
	size_t i;

	for (i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

/* live_wait_asleep: scan until pid's main thread sleeps in wchan (5 s at most). */
static bool live_wait_asleep(struct collect_proc *cp, int pid, int tid, const char *wchan)
{
	int i;

	for (i = 0; i < 100; i++) {
		struct task_raw t;
		struct timespec ts = { 0, 50000000 };

		if (collect_proc_read_thread(cp, pid, tid, &t) == 0 && t.state == 'S' &&
		    strcmp(t.wchan, wchan) == 0)
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

static void test_live(void)
{
	int me = getpid();
	pid_t spin = live_child(true), sleeper = live_child(false);
	int only[4] = { me, spin, sleeper, 2 };
	struct collect_proc_opts o = { .threads = true, .only_pids = only, .n_only_pids = 4 };
	struct collect_proc *cp = collect_proc_new(&o);
	struct proc_snap a = { 0 }, b = { 0 };
	struct sample s = { 0 };
	struct timespec ts = { 0, 300000000 };
	const struct proc_row *r;
	struct task_raw t;
	pthread_t th;
	size_t i, held;
	int sleeper_tid = -1;

	CHECK(spin > 0 && sleeper > 0 && cp != NULL);
	if (spin <= 0 || sleeper <= 0 || !cp)
		return;
	CHECK_INT(pthread_create(&th, NULL, live_sleeper, NULL), 0);
	CHECK(live_wait_asleep(cp, sleeper, sleeper, "hrtimer_nanosleep"));

	CHECK_INT(collect_proc_scan(cp, &a), 0);
	nanosleep(&ts, NULL);
	CHECK_INT(collect_proc_scan(cp, &b), 0);
	CHECK(b.mono_s - a.mono_s >= 0.29);
	CHECK_INT(delta_procs(&a, &b, sysconf(_SC_CLK_TCK), &s), 0);
	CHECK_INT(s.nprocs, 4);

	r = live_find(&s, spin);
	CHECK(r != NULL);
	if (r) {
		/* one core is 100; a loaded 2-CPU box still gives it a share */
		CHECK(r->cpu_pct > 10 && r->cpu_pct < 150);
		CHECK(r->cpu_user_pct > r->cpu_sys_pct);
		CHECK(r->have_io);
		CHECK_INT(r->thr_count, 1);
		CHECK(s.threads[r->thr_first].active);
		CHECK(s.threads[r->thr_first].have_sched);
		CHECK(s.threads[r->thr_first].run_pct > 10);
		CHECK_INT(r->ppid, me);
		CHECK_INT(r->uid, getuid());
	}
	r = live_find(&s, sleeper);
	CHECK(r != NULL);
	if (r) {
		CHECK(r->have_wchan);
		CHECK_STR(r->wchan, "hrtimer_nanosleep");
		CHECK_NEAR(r->cpu_pct, 0, 1e-9);
		CHECK_INT(r->state, 'S');
		CHECK(!s.threads[r->thr_first].active);
		CHECK(s.threads[r->thr_first].have_syscall);
		CHECK_INT(s.threads[r->thr_first].syscall_nr, 230); /* clock_nanosleep on x86_64 */
	}
	r = live_find(&s, me);
	CHECK(r != NULL);
	if (r) {
		/* this thread, the sleeper, and the deadline worker the
		 * cmdline reads started (waiting on its condition variable) */
		CHECK_INT(r->nthreads, 3);
		CHECK_INT(r->thr_count, 3);
		CHECK(r->cmdline && strstr(r->cmdline, "unit-proc") != NULL);
		for (i = r->thr_first; i < r->thr_first + r->thr_count; i++) {
			CHECK_INT(s.threads[i].pid, me);
			if (s.threads[i].tid != me &&
			    strcmp(s.threads[i].wchan, "hrtimer_nanosleep") == 0)
				sleeper_tid = s.threads[i].tid;
		}
		CHECK(sleeper_tid > 0);
	}
	r = live_find(&s, 2);
	CHECK(r != NULL);
	if (r) {
		CHECK(r->kthread);
		CHECK_STR(r->cmdline, "");
		CHECK(!s.threads[r->thr_first].have_syscall);
		CHECK_INT(r->ppid, 0);
	}

	/* the fast re-read: held fds, same identity */
	CHECK_INT(collect_proc_read_thread(cp, spin, spin, &t), 0);
	CHECK_INT(t.tid, spin);
	CHECK(t.have_sched);
	CHECK(proc_snap_find(&b, spin, t.start_ticks) != NULL);
	CHECK(t.utime_ticks > 0);
	if (sleeper_tid > 0) {
		CHECK_INT(collect_proc_read_thread(cp, me, sleeper_tid, &t), 0);
		CHECK_STR(t.wchan, "hrtimer_nanosleep");
		CHECK_INT(t.pid, me);
	}

	/* a reaped process is gone: no row, and its held fds are closed */
	held = collect_proc_held_fds(cp);
	CHECK(held >= 6);
	kill(spin, SIGKILL);
	waitpid(spin, NULL, 0);
	CHECK_INT(collect_proc_read_thread(cp, spin, spin, &t), -1);
	model_sample_clear(&s);
	proc_snap_clear(&a);
	CHECK_INT(collect_proc_scan(cp, &a), 0);
	CHECK_INT(a.nprocs, 3);
	CHECK(proc_snap_find(&a, spin, b.procs[0].task.start_ticks) == NULL);
	CHECK(collect_proc_held_fds(cp) < held);

	kill(sleeper, SIGKILL);
	waitpid(sleeper, NULL, 0);
	pthread_cancel(th);
	pthread_join(th, NULL);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
	collect_proc_free(cp);
}

/* test_switch_race: catch children in the act of falling asleep, many
 * times.  A reading taken while a task is still switching out says "S"
 * with wchan "0"; it must not be cached, so once the child sleeps its
 * wchan must be right on the next read, whatever the first one saw. */
static void test_switch_race(void)
{
	struct collect_proc *cp = collect_proc_new(NULL);
	int round, bad = 0;

	for (round = 0; round < 100; round++) {
		pid_t c = live_child(false);
		struct timespec ts = { 0, 20000000 };
		struct task_raw t;
		int i;

		for (i = 0; i < 20000; i++)
			if (collect_proc_read_thread(cp, c, c, &t) < 0 || t.state != 'R')
				break;
		nanosleep(&ts, NULL);
		if (collect_proc_read_thread(cp, c, c, &t) < 0 ||
		    strcmp(t.wchan, "hrtimer_nanosleep") != 0)
			bad++;
		kill(c, SIGKILL);
		waitpid(c, NULL, 0);
	}
	CHECK_INT(bad, 0);
	collect_proc_free(cp);
}

/* test_exec_and_comm: the cached cmdline follows an exec, and a comm set to
 * an escape sequence reaches the snapshot defused. */
static void test_exec_and_comm(void)
{
	int fds[2], i;
	pid_t c;
	struct collect_proc_opts o = { .threads = true };
	struct collect_proc *cp;
	struct proc_snap a = { 0 };
	bool before = false, after = false, defused = false;

	CHECK_INT(pipe(fds), 0);
	c = fork();
	if (c == 0) {
		char ch;

		close(fds[1]);
		prctl(PR_SET_NAME, "\x1b[31mred\x07");
		if (read(fds[0], &ch, 1) == 1)
			execl("/bin/sleep", "sleep", "100", (char *)NULL);
		_exit(1);
	}
	close(fds[0]);
	o.only_pids = &c;
	o.n_only_pids = 1;
	cp = collect_proc_new(&o);
	for (i = 0; i < 250 && !defused; i++) {
		struct timespec ts = { 0, 20000000 };

		CHECK_INT(collect_proc_scan(cp, &a), 0);
		if (a.nprocs == 1 && strstr(a.procs[0].task.comm, "red")) {
			defused =
			    strcmp(a.procs[0].task.comm, "?[31mred?") == 0 &&
			    strcmp(proc_snap_thread(&a, &a.procs[0], 0)->comm, "?[31mred?") == 0;
			before = strstr(a.procs[0].cmdline, "unit-proc") != NULL;
		} else {
			nanosleep(&ts, NULL);
		}
	}
	CHECK(defused);
	CHECK(before);
	CHECK_INT(write(fds[1], "x", 1), 1);
	for (i = 0; i < 250 && !after; i++) {
		struct timespec ts = { 0, 20000000 };

		CHECK_INT(collect_proc_scan(cp, &a), 0);
		after = a.nprocs == 1 && strcmp(a.procs[0].task.comm, "sleep") == 0 &&
			strcmp(a.procs[0].cmdline, "sleep 100") == 0;
		if (!after)
			nanosleep(&ts, NULL);
	}
	CHECK(after);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	close(fds[1]);
	proc_snap_clear(&a);
	collect_proc_free(cp);
}

/* live_spinner: a thread that burns CPU until the process is killed. */
static void *live_spinner(void *arg)
{
	volatile unsigned long n = 0;

	(void)arg;
	for (;;)
		n++;
	return NULL;
}

/* test_thread_cpu: a child whose second thread spins while its main thread
 * sleeps: the CPU lands on the right thread row, the process row is their
 * sum, and its wait site is the main thread's. */
static void test_thread_cpu(void)
{
	pid_t c = fork();
	struct collect_proc_opts o = { .threads = true, .only_pids = &c, .n_only_pids = 1 };
	struct collect_proc *cp;
	struct proc_snap a = { 0 }, b = { 0 };
	struct sample s = { 0 };
	struct timespec ts = { 0, 300000000 };
	double sum = 0;
	size_t i;
	int tries;

	if (c == 0) {
		struct timespec lng = { 100, 0 };
		pthread_t th;

		pthread_create(&th, NULL, live_spinner, NULL);
		for (;;)
			nanosleep(&lng, NULL);
	}
	cp = collect_proc_new(&o);
	for (tries = 0; tries < 100; tries++) {
		struct timespec w = { 0, 20000000 };

		CHECK_INT(collect_proc_scan(cp, &a), 0);
		if (a.nprocs == 1 && a.procs[0].thr_count == 2 &&
		    strcmp(a.threads[a.procs[0].thr_first].wchan, "hrtimer_nanosleep") == 0)
			break;
		nanosleep(&w, NULL);
	}
	nanosleep(&ts, NULL);
	CHECK_INT(collect_proc_scan(cp, &b), 0);
	CHECK_INT(delta_procs(&a, &b, sysconf(_SC_CLK_TCK), &s), 0);
	CHECK_INT(s.nprocs, 1);
	if (s.nprocs == 1) {
		const struct proc_row *r = &s.procs[0];

		CHECK_INT(r->thr_count, 2);
		CHECK_STR(r->wchan, "hrtimer_nanosleep");
		CHECK(r->cpu_pct > 10);
		for (i = r->thr_first; i < r->thr_first + r->thr_count; i++) {
			const struct thread_row *t = &s.threads[i];

			sum += t->cpu_pct;
			if (t->tid == c) {
				CHECK(t->cpu_pct < 5);
				CHECK(!t->active);
				CHECK_STR(t->wchan, "hrtimer_nanosleep");
			} else {
				CHECK(t->cpu_pct > 10);
				CHECK(t->active);
				CHECK(t->have_sched && t->run_pct > 10);
				CHECK_INT(t->state, 'R');
			}
		}
		CHECK_NEAR(r->cpu_pct, sum, 0.2 * r->cpu_pct + 2);
	}
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	model_sample_clear(&s);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
	collect_proc_free(cp);
}

/* test_io_gate: io of a process that sleeps is served from the cache, and
 * is read again as soon as the process has run: a child blocked on a pipe
 * wakes, writes 4096 bytes to /dev/null and blocks again. */
static void test_io_gate(void)
{
	int fds[2], i;
	pid_t child;
	struct collect_proc_opts o = { .threads = true };
	struct collect_proc *cp;
	struct proc_snap a = { 0 };
	const struct proc_snap_entry *e = NULL;
	unsigned long long wchar0 = 0, start = 0;
	bool seen = false;

	CHECK_INT(pipe(fds), 0);
	child = fork();
	if (child == 0) {
		static char page[4096];
		int null = open("/dev/null", O_WRONLY);
		char c;

		close(fds[1]);
		while (read(fds[0], &c, 1) == 1)
			if (write(null, page, sizeof(page)) < 0)
				_exit(1);
		_exit(0);
	}
	close(fds[0]);
	o.only_pids = &child;
	o.n_only_pids = 1;
	cp = collect_proc_new(&o);
	/* wait until it sleeps in the pipe, then take two quiet readings */
	for (i = 0; i < 100; i++) {
		struct timespec ts = { 0, 20000000 };

		CHECK_INT(collect_proc_scan(cp, &a), 0);
		if (a.nprocs == 1 && a.procs[0].task.state == 'S' && a.procs[0].task.have_io &&
		    strcmp(a.procs[0].task.wchan, "anon_pipe_read") == 0)
			break;
		nanosleep(&ts, NULL);
	}
	CHECK_INT(collect_proc_scan(cp, &a), 0);
	CHECK_INT(a.nprocs, 1);
	if (a.nprocs == 1) {
		CHECK(a.procs[0].task.have_io);
		wchar0 = a.procs[0].task.wchar;
		start = a.procs[0].task.start_ticks;
	}
	CHECK_INT(write(fds[1], "x", 1), 1);
	for (i = 0; i < 250 && !seen; i++) {
		struct timespec ts = { 0, 20000000 };

		CHECK_INT(collect_proc_scan(cp, &a), 0);
		e = proc_snap_find(&a, child, start);
		seen = e && e->task.have_io && e->task.wchar >= wchar0 + 4096;
		if (!seen)
			nanosleep(&ts, NULL);
	}
	CHECK(seen);
	/* asleep again: later scans keep the new value from the cache */
	CHECK_INT(collect_proc_scan(cp, &a), 0);
	e = proc_snap_find(&a, child, start);
	CHECK(e && e->task.have_io && e->task.wchar >= wchar0 + 4096);
	close(fds[1]);
	waitpid(child, NULL, 0);
	proc_snap_clear(&a);
	collect_proc_free(cp);
}

/* test_all_and_budget: a whole-system scan, and one with a 1-fd budget. */
static void test_all_and_budget(void)
{
	struct collect_proc_opts o = { .threads = true };
	struct collect_proc *cp = collect_proc_new(&o);
	struct proc_snap a = { 0 }, b = { 0 };
	size_t i;

	CHECK(cp != NULL);
	if (!cp)
		return;
	CHECK_INT(collect_proc_scan(cp, &a), 0);
	CHECK(a.nprocs > 3);
	{
		size_t nthr = 0;

		/* thread entries only for multi-threaded processes, sorted by tid */
		for (i = 0; i < a.nprocs; i++) {
			const struct proc_snap_entry *e = &a.procs[i];

			for (size_t k = 1; k < e->thr_count; k++)
				CHECK(a.threads[e->thr_first + k].tid >
				      a.threads[e->thr_first + k - 1].tid);
			nthr += e->thr_count;
		}
		CHECK_INT(nthr, a.nthreads);
	}
	CHECK(proc_snap_find(&a, getpid(), 0) == NULL); /* wrong start: not found */
	for (i = 1; i < a.nprocs; i++)
		CHECK(a.procs[i].task.pid > a.procs[i - 1].task.pid);
	/* first sight holds no per-task fd: only tasks seen running do */
	CHECK(collect_proc_held_fds(cp) < a.nprocs);
	collect_proc_free(cp);

	/* threads off: one row per process, from the process's own files */
	o.threads = false;
	cp = collect_proc_new(&o);
	CHECK_INT(collect_proc_scan(cp, &b), 0);
	/* threads off: each process is its own only thread, no thread entries */
	CHECK_INT(b.nthreads, 0);
	for (i = 0; i < b.nprocs; i++) {
		CHECK_INT(b.procs[i].thr_count, 0);
		CHECK_INT(proc_snap_nthr(&b.procs[i]), 1);
		CHECK_INT(proc_snap_thread(&b, &b.procs[i], 0)->tid, b.procs[i].task.pid);
	}
	collect_proc_free(cp);
	proc_snap_clear(&b);

	o.threads = true;
	o.fd_budget = 1;
	cp = collect_proc_new(&o);
	CHECK_INT(collect_proc_scan(cp, &b), 0);
	CHECK_INT(collect_proc_scan(cp, &b), 0);
	CHECK(collect_proc_held_fds(cp) <= 1);
	CHECK(b.nprocs > 3);
	for (i = 0; i < a.nprocs; i++)
		if (a.procs[i].task.pid == 1)
			CHECK(proc_snap_find(&b, 1, a.procs[i].task.start_ticks) != NULL);
	collect_proc_free(cp);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
}

/* cmdlines_read: processes of s (kernel threads aside) whose cmdline
 * was read, and into *yet those left "not read yet". */
static size_t cmdlines_read(const struct proc_snap *s, size_t *yet)
{
	size_t n = 0;

	*yet = 0;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_snap_entry *e = &s->procs[i];

		if (e->task.flags & 0x00200000UL)
			continue;
		if (!e->cmdline_why)
			n++;
		else if (strcmp(e->cmdline_why, "not read yet") == 0)
			(*yet)++;
	}
	return n;
}

/* test_cmdline_share: the first scan reads at most
 * COLLECT_PROC_CMDLINES_FIRST cmdlines (the first frame at 10,000
 * processes must not wait for them); the next scan reads the rest. */
static void test_cmdline_share(void)
{
	enum { EXTRA = COLLECT_PROC_CMDLINES_FIRST + 50 };
	struct collect_proc_opts o = { .threads = true };
	struct collect_proc *cp;
	struct proc_snap a = { 0 }, b = { 0 };
	pid_t kids[EXTRA];
	size_t yet, read_a, read_b, total;

	for (int i = 0; i < EXTRA; i++)
		kids[i] = live_child(false);
	cp = collect_proc_new(&o);
	CHECK(cp != NULL);
	if (cp) {
		CHECK_INT(collect_proc_scan(cp, &a), 0);
		read_a = cmdlines_read(&a, &yet);
		total = read_a + yet;
		CHECK(total >= EXTRA);
		CHECK(read_a <= COLLECT_PROC_CMDLINES_FIRST);
		CHECK(yet >= total - COLLECT_PROC_CMDLINES_FIRST);
		CHECK_INT(collect_proc_scan(cp, &b), 0);
		read_b = cmdlines_read(&b, &yet);
		CHECK(read_b >=
		      (total < COLLECT_PROC_CMDLINES_FIRST + COLLECT_PROC_CMDLINES_PER_SCAN
			   ? total - 5 /* a few may have come or gone */
			   : COLLECT_PROC_CMDLINES_FIRST + COLLECT_PROC_CMDLINES_PER_SCAN - 5));
		collect_proc_free(cp);
	}
	proc_snap_clear(&a);
	proc_snap_clear(&b);
	for (int i = 0; i < EXTRA; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < EXTRA; i++)
		waitpid(kids[i], NULL, 0);
}

/* test_unprivileged: as a non-root user, other users' processes must read
 * as unknown (have_io/have_syscall false, no "running" from a "0" wchan),
 * our own as known. */
static int test_unprivileged(void)
{
	struct collect_proc_opts o = { .threads = true };
	struct collect_proc *cp;
	struct proc_snap a = { 0 };
	size_t i, others = 0;

	if (geteuid() == 0) {
		fprintf(stderr, "--unprivileged needs a non-root user\n");
		return 77;
	}
	cp = collect_proc_new(&o);
	CHECK_INT(collect_proc_scan(cp, &a), 0);
	for (i = 0; i < a.nprocs; i++) {
		const struct proc_snap_entry *e = &a.procs[i];
		size_t j;

		if (e->task.pid == getpid()) {
			CHECK(e->task.have_io);
			CHECK(e->task.have_syscall);
			CHECK(e->task.have_wchan);
			continue;
		}
		if (e->task.uid == getuid())
			continue;
		others++;
		CHECK(!e->task.have_io);
		CHECK(!e->task.have_syscall);
		for (j = 0; j < proc_snap_nthr(e); j++) {
			const struct task_raw *th = proc_snap_thread(&a, e, j);

			CHECK(!th->have_syscall);
			/* "0" from a task we may not inspect is not "running" */
			CHECK(!th->have_wchan || model_str(th->wchan)[0] != '\0');
		}
	}
	CHECK(others > 0);
	proc_snap_clear(&a);
	collect_proc_free(cp);
	return test_done("unit-proc --unprivileged");
}

static void test_status_uids(void)
{
	static const char status[] = "Name:\tdaemon\nUmask:\t0022\nState:\tS (sleeping)\n"
				     "Tgid:\t42\nPid:\t42\nPPid:\t1\nTracerPid:\t0\n"
				     "Uid:\t65534\t65534\t65534\t65534\n"
				     "Gid:\t65534\t65534\t65534\t65534\nFDSize:\t64\n";
	static const char mixed[] = "Name:\tsu\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n";
	unsigned r = 7, e = 7;

	CHECK_INT(parse_proc_status_uids(status, &r, &e), 0);
	CHECK_INT(r, 65534);
	CHECK_INT(e, 65534);
	CHECK_INT(parse_proc_status_uids(mixed, &r, &e), 0);
	CHECK_INT(r, 1000);
	CHECK_INT(e, 0);
	CHECK_INT(parse_proc_status_uids("Uid:\t4294967295\t4294967294\t0\t0\n", &r, &e), 0);
	CHECK_INT(e, 4294967294u);
	/* malformed: no line, a line not at a line start, junk, overflow */
	CHECK_INT(parse_proc_status_uids("", &r, &e), -1);
	CHECK_INT(parse_proc_status_uids("Name:\tx Uid:\t1\t2\n", &r, &e), -1);
	CHECK_INT(parse_proc_status_uids("Uid:\t1\n", &r, &e), -1);
	CHECK_INT(parse_proc_status_uids("Uid:\t1x\t2\n", &r, &e), -1);
	CHECK_INT(parse_proc_status_uids("Uid:\t-1\t2\n", &r, &e), -1);
	CHECK_INT(parse_proc_status_uids("Uid:\t1\t4294967296\n", &r, &e), -1);
	CHECK_INT(parse_proc_status_uids("Uid:", &r, &e), -1);
}

/* test_idle_policy: which tasks keep fds (collect_proc_idle_next). */
static void test_idle_policy(void)
{
	struct task_raw a = { .state = 'S', .have_sched = true, .run_ns = 5, .slices = 2 };
	struct task_raw b = a;
	const unsigned k = COLLECT_PROC_IDLE_SCANS;

	CHECK_INT(collect_proc_idle_next(NULL, &a, 0), k); /* first sight: cold */
	CHECK_INT(collect_proc_idle_next(&a, &b, 0), 1);
	CHECK_INT(collect_proc_idle_next(&a, &b, k - 1), k); /* idle long enough: close */
	b.slices = 3; /* ran briefly, under a tick */
	CHECK_INT(collect_proc_idle_next(&a, &b, k + 5), 0);
	b = a;
	b.stime_ticks = 1;
	CHECK_INT(collect_proc_idle_next(&a, &b, k), 0);
	b = a;
	b.state = 'T';
	CHECK_INT(collect_proc_idle_next(&a, &b, k), 0);
	/* runnable, in D, or without schedstat: never cold */
	a.state = b.state = 'R';
	CHECK_INT(collect_proc_idle_next(&a, &b, k), 0);
	a.state = b.state = 'D';
	CHECK_INT(collect_proc_idle_next(&a, &b, k), 0);
	a.state = b.state = 'S';
	a.have_sched = b.have_sched = false;
	CHECK_INT(collect_proc_idle_next(&a, &b, k), 0);
}

/* test_idle_wake: a child asleep long enough holds no fds; when it wakes
 * and spins it is seen running with its CPU at the next scan, and holds
 * its fds again. */
static void test_idle_wake(void)
{
	int fds[2], only[1];
	pid_t child;
	struct collect_proc_opts o = { .threads = true, .n_only_pids = 1 };
	struct collect_proc *cp;
	struct proc_snap a = { 0 }, b = { 0 };
	struct sample s = { 0 };
	struct timespec ts = { 0, 400000000 };
	const struct proc_row *r;
	char c;
	int i;

	CHECK_INT(pipe(fds), 0);
	child = fork();
	if (child == 0) {
		volatile unsigned long n = 0;

		close(fds[1]);
		if (read(fds[0], &c, 1) == 1)
			for (;;)
				n++;
		_exit(0);
	}
	close(fds[0]);
	only[0] = child;
	o.only_pids = only;
	cp = collect_proc_new(&o);
	CHECK(cp != NULL && child > 0);
	if (!cp || child <= 0)
		return;
	CHECK(live_wait_asleep(cp, child, child, "pipe_read") ||
	      live_wait_asleep(cp, child, child, "anon_pipe_read"));
	/* each scan after the one before, as the engine scans: once idle,
	 * the reading is the previous one's (only schedstat is read) */
	CHECK_INT(collect_proc_scan(cp, &a), 0);
	for (i = 0; i < COLLECT_PROC_IDLE_SCANS + 2; i++) {
		struct proc_snap t;

		CHECK_INT(collect_proc_scan_after(cp, &a, &b), 0);
		t = a;
		a = b;
		b = t;
	}
	CHECK_INT(a.nprocs, 1);
	CHECK_INT(collect_proc_held_fds(cp), 0);
	CHECK_INT(collect_proc_probed(cp), 1); /* the child, from a */
	if (a.nprocs == 1 && b.nprocs == 1) {
		CHECK_INT(a.procs[0].task.state, 'S');
		CHECK_INT(a.procs[0].task.pid, child);
		CHECK(a.procs[0].task.start_ticks == b.procs[0].task.start_ticks);
		CHECK_STR(a.procs[0].task.comm, b.procs[0].task.comm);
		CHECK(a.procs[0].task.have_sched);
		CHECK_INT(proc_snap_nthr(&a.procs[0]), 1);
		CHECK_STR(model_str(a.procs[0].task.wchan), model_str(b.procs[0].task.wchan));
	}

	CHECK_INT(write(fds[1], "x", 1), 1);
	nanosleep(&ts, NULL);
	CHECK_INT(collect_proc_scan_after(cp, &a, &b), 0);
	CHECK_INT(delta_procs(&a, &b, sysconf(_SC_CLK_TCK), &s), 0);
	r = live_find(&s, child);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(r->state, 'R');
		CHECK(r->cpu_pct > 10);
		CHECK(s.threads[r->thr_first].active);
		CHECK(s.threads[r->thr_first].run_pct > 10);
		CHECK_STR(r->wchan, "");
	}
	CHECK(collect_proc_held_fds(cp) >= 2); /* running: held again */
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(fds[1]);
	model_sample_clear(&s);
	proc_snap_clear(&a);
	proc_snap_clear(&b);
	collect_proc_free(cp);
}

/* glance_find: pid's entry in s, or NULL. */
static const struct proc_snap_entry *glance_find(const struct proc_snap *s, int pid)
{
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].task.pid == pid)
			return &s->procs[i];
	return NULL;
}

/* test_glance: collect_proc_glance lists every process with its stat and
 * owner (a non-dumpable process's uid from status, as root), holds no fd,
 * reads no cmdline, and leaves the reader as new: the first scan after
 * it still reads the first scan's share of cmdlines. */
static void test_glance(void)
{
	struct collect_proc_opts o = { .threads = true };
	struct collect_proc *cp = collect_proc_new(&o);
	struct proc_snap g = { 0 }, a = { 0 };
	const struct proc_snap_entry *me, *init, *kid;
	pid_t child = -1;
	size_t yet;
	int sync[2];
	char c;

	CHECK(cp != NULL && pipe(sync) == 0);
	if (!cp)
		return;
	if (geteuid() == 0 && (child = fork()) == 0) {
		/* a daemon that dropped to nobody: non-dumpable, its /proc
		 * files owned by root */
		if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0)
			_exit(1);
		if (write(sync[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	if (child > 0)
		CHECK(read(sync[0], &c, 1) == 1);
	CHECK_INT(collect_proc_glance(cp, &g), 0);
	CHECK(g.nprocs > 3);
	CHECK_INT(g.nthreads, 0);
	CHECK_INT(collect_proc_held_fds(cp), 0);
	me = glance_find(&g, getpid());
	CHECK(me != NULL);
	if (me) {
		CHECK_STR(me->task.comm, "unit-proc");
		CHECK_INT(me->task.state, 'R');
		CHECK_INT(me->task.uid, geteuid());
		CHECK_INT(me->thr_count, 0);
		CHECK(!me->task.have_sched && !me->task.have_io && !me->task.have_wchan);
		CHECK_STR(me->cmdline, "");
		CHECK(me->cmdline_why && strcmp(me->cmdline_why, "not read yet") == 0);
	}
	init = glance_find(&g, 1);
	CHECK(init != NULL && init->task.uid == 0 && init->task.start_ticks > 0);
	if (child > 0) {
		kid = glance_find(&g, child);
		CHECK(kid != NULL && kid->task.uid == 65534);
	}
	CHECK_INT(collect_proc_scan(cp, &a), 0);
	CHECK(cmdlines_read(&a, &yet) > 0);
	CHECK(cmdlines_read(&a, &yet) <= COLLECT_PROC_CMDLINES_FIRST);
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	close(sync[0]);
	close(sync[1]);
	collect_proc_free(cp);
	proc_snap_clear(&g);
	proc_snap_clear(&a);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--unprivileged") == 0)
		return test_unprivileged();
	test_stat();
	test_io();
	test_schedstat();
	test_syscall();
	test_cmdline();
	test_status_uids();
	test_idle_policy();
	test_live();
	test_idle_wake();
	test_io_gate();
	test_thread_cpu();
	test_exec_and_comm();
	test_switch_race();
	test_all_and_budget();
	test_cmdline_share();
	test_glance();
	return test_done("unit-proc");
}
