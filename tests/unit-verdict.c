/* unit-verdict.c - the verdict rules on readings built from what this
 * kernel showed for each fixture (state, wchan, syscall, fd): syscall
 * first, wchan second, state last; tallies into shares; threads into a
 * process verdict. */
#include "config.h"
#include "verdict.h"
#include "collect-net.h"
#include "test.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>

/* task: a reading with state, wchan ("" none, NULL unreadable) and
 * syscall (LONG_MIN: unreadable). */
static struct task_raw task(char state, const char *wchan, long nr)
{
	struct task_raw t;

	memset(&t, 0, sizeof(t));
	t.pid = t.tid = 100;
	t.ppid = 1;
	t.state = state;
	t.have_wchan = wchan != NULL;
	if (wchan)
		t.wchan = model_intern(wchan);
	t.have_syscall = nr != -99;
	t.syscall_nr = nr == -99 ? 0 : nr;
	return t;
}

static struct verdict_reading reading(const struct task_raw *t)
{
	struct verdict_reading r;

	memset(&r, 0, sizeof(r));
	r.task = t;
	r.sock_proto = -1;
	return r;
}

static void target(struct verdict_reading *r, const char *link, const char *desc, int proto)
{
	r->have_target = parse_fd_link(link, &r->target) == 0;
	snprintf(r->target_desc, sizeof(r->target_desc), "%s", desc);
	r->sock_proto = proto;
}

static enum wait_cat classify(const struct verdict_reading *r, char *why)
{
	return verdict_classify(r, why, MODEL_WHY_MAX);
}

static void test_syscall_first(void)
{
	char why[MODEL_WHY_MAX];
	struct task_raw t;
	struct verdict_reading r;

	/* TCP recv: wait_woken on 6.18, recvfrom */
	t = task('S', "wait_woken", SYS_recvfrom);
	r = reading(&t);
	target(&r, "socket:[4242]", "TCP 127.0.0.1:41234 -> 127.0.0.1:8000", SOCK_P_TCP);
	CHECK_INT(classify(&r, why), WAIT_NET);
	CHECK_STR(why, "recvfrom() on TCP 127.0.0.1:41234 -> 127.0.0.1:8000");

	/* the same wchan on a unix socket read is ipc */
	r.sock_proto = SOCK_P_UNIX;
	snprintf(r.target_desc, sizeof(r.target_desc), "unix /run/x.sock");
	CHECK_INT(classify(&r, why), WAIT_IPC);

	/* and on a tty it is tty (n_tty_read waits in wait_woken) */
	t = task('S', "wait_woken", SYS_read);
	r = reading(&t);
	target(&r, "/dev/pts/3", "/dev/pts/3", -1);
	CHECK_INT(classify(&r, why), WAIT_TTY);
	CHECK_STR(why, "read() on /dev/pts/3");

	/* connect blocked: wait_woken, connect */
	t = task('S', "wait_woken", SYS_connect);
	r = reading(&t);
	target(&r, "socket:[7]", "TCP 10.0.0.1:5 -> 10.0.0.2:80", SOCK_P_TCP);
	CHECK_INT(classify(&r, why), WAIT_NET);
	CHECK_STR(why, "connect() on TCP 10.0.0.1:5 -> 10.0.0.2:80");

	/* pipe read */
	t = task('S', "anon_pipe_read", SYS_read);
	r = reading(&t);
	target(&r, "pipe:[123]", "pipe:[123] (writer: pid 42 cat)", -1);
	CHECK_INT(classify(&r, why), WAIT_IPC);
	CHECK_STR(why, "read() on pipe:[123] (writer: pid 42 cat)");

	/* fsync names the file whatever the wchan */
	t = task('D', "folio_wait_bit", SYS_fsync);
	r = reading(&t);
	target(&r, "/var/lib/db/wal", "/var/lib/db/wal", -1);
	CHECK_INT(classify(&r, why), WAIT_DISK_WRITE);
	CHECK_STR(why, "fsync() on /var/lib/db/wal");
	t = task('D', "", SYS_fdatasync);
	CHECK_INT(classify(&r, why), WAIT_DISK_WRITE);

	/* read of a file in D is disk-read, even when wchan raced to "" */
	t = task('D', "", SYS_pread64);
	r = reading(&t);
	target(&r, "/data/big", "/data/big", -1);
	CHECK_INT(classify(&r, why), WAIT_DISK_READ);
	CHECK_STR(why, "pread64() on /data/big");

	/* write throttled in balance_dirty_pages, with and without numbers */
	t = task('D', "balance_dirty_pages", SYS_write);
	r = reading(&t);
	target(&r, "/mnt/f", "/mnt/f", -1);
	CHECK_INT(classify(&r, why), WAIT_DIRTY_THROTTLE);
	CHECK_STR(why, "balance_dirty_pages in write() on /mnt/f");
	r.have_dirty = true;
	r.dirty_bytes = 1900ULL << 20;
	r.dirty_limit_bytes = 1800ULL << 20;
	CHECK_INT(classify(&r, why), WAIT_DIRTY_THROTTLE);
	CHECK_STR(why, "balance_dirty_pages: Dirty 1.9G over limit 1.8G");

	/* locks, children, sleep */
	t = task('S', "futex_do_wait", SYS_futex);
	r = reading(&t);
	CHECK_INT(classify(&r, why), WAIT_LOCK);
	CHECK_STR(why, "futex");
	t = task('S', "fcntl_setlk", SYS_fcntl);
	t.syscall_args[1] = F_SETLKW;
	r = reading(&t);
	target(&r, "/tmp/lockfile", "/tmp/lockfile", -1);
	CHECK_INT(classify(&r, why), WAIT_LOCK);
	CHECK_STR(why, "fcntl(F_SETLKW) on /tmp/lockfile");
	t = task('S', "do_wait", SYS_wait4);
	r = reading(&t);
	CHECK_INT(classify(&r, why), WAIT_CHILD);
	t = task('S', "hrtimer_nanosleep", SYS_clock_nanosleep);
	r = reading(&t);
	CHECK_INT(classify(&r, why), WAIT_SLEEP);
	CHECK_STR(why, "clock_nanosleep()");
}

static void test_watch(void)
{
	char why[MODEL_WHY_MAX];
	struct task_raw t = task('S', "do_epoll_wait", SYS_epoll_pwait);
	struct verdict_reading r = reading(&t);

	/* unread watch set: poll */
	CHECK_INT(classify(&r, why), WAIT_POLL);
	r.have_watch = true;
	r.watch_n = 2;
	r.watch_net = 2;
	snprintf(r.watch_desc, sizeof(r.watch_desc), "TCP 0.0.0.0:8000 listening");
	CHECK_INT(classify(&r, why), WAIT_NET);
	CHECK_STR(why, "epoll_pwait() on TCP 0.0.0.0:8000 listening (+1 more)");
	r.watch_n = 3;
	CHECK_INT(classify(&r, why), WAIT_POLL);
	CHECK_STR(why, "epoll_pwait() on 3 fds (2 network)");
	r.watch_n = 0;
	r.watch_net = 0;
	CHECK_INT(classify(&r, why), WAIT_SLEEP);
}

static void test_states(void)
{
	char why[MODEL_WHY_MAX];
	struct task_raw t;
	struct verdict_reading r;

	t = task('R', "", -2);
	r = reading(&t);
	CHECK_INT(classify(&r, why), WAIT_CPU);
	t = task('T', "do_signal_stop", 0);
	CHECK_INT(classify(&r, why), WAIT_STOPPED);
	t = task('Z', "", -1);
	t.ppid = 77;
	CHECK_INT(classify(&r, why), WAIT_ZOMBIE);
	CHECK_STR(why, "zombie: parent pid 77 has not reaped it");

	/* kernel threads: "0 0x0..." in syscall must not read as read() */
	t = task('I', "worker_thread", 0);
	t.flags = 0x00200000UL;
	CHECK_INT(classify(&r, why), WAIT_IDLE);
	t.state = 'S';
	t.wchan = "smpboot_thread_fn";
	CHECK_INT(classify(&r, why), WAIT_IDLE);
	t.state = 'D';
	t.wchan = "";
	CHECK_INT(classify(&r, why), WAIT_OTHER);
	CHECK_STR(why, "D, site unknown");

	/* no permission: state only, and why says so */
	t = task('S', NULL, -99);
	CHECK_INT(classify(&r, why), WAIT_OTHER);
	CHECK_STR(why, "no permission: state S");

	/* page fault read-in: outside a syscall */
	t = task('D', "folio_wait_bit_common", -1);
	CHECK_INT(classify(&r, why), WAIT_DISK_READ);
	CHECK_STR(why, "page fault read-in: folio_wait_bit_common");

	/* unknown syscall: the wchan decides, clone suffixes stripped */
	t = task('S', "poll_schedule_timeout.constprop.0", 9999);
	CHECK_INT(classify(&r, why), WAIT_POLL);
	t = task('D', "rq_qos_wait", SYS_close);
	CHECK_INT(classify(&r, why), WAIT_DISK_WRITE);
	CHECK_STR(why, "close() in rq_qos_wait");
	t = task('D', "", SYS_close);
	CHECK_INT(classify(&r, why), WAIT_OTHER);
	CHECK_STR(why, "D, site unknown in close()");
	t = task('S', "mystery_fn", 9999);
	CHECK_INT(classify(&r, why), WAIT_OTHER);
}

static void test_table(void)
{
	CHECK_INT(verdict_wchan_lookup("wait_woken"), WAIT_NET);
	CHECK_INT(verdict_wchan_lookup("poll_schedule_timeout.constprop.0"), WAIT_POLL);
	CHECK_INT(verdict_wchan_lookup("poll_schedule"), -1);
	CHECK_INT(verdict_wchan_lookup("balance_dirty_pages"), WAIT_DIRTY_THROTTLE);
	CHECK_INT(verdict_wchan_lookup(""), -1);
	CHECK_INT(verdict_wchan_lookup("0"), -1);
	CHECK_STR(verdict_syscall_name(SYS_recvfrom), "recvfrom");
	CHECK_STR(verdict_syscall_name(SYS_clone), "clone"); /* a forking loop's system time */
	CHECK_INT(verdict_syscall_fd(SYS_futex), -1);
	CHECK_INT(verdict_syscall_fd(SYS_epoll_pwait), 0);
	CHECK_INT(verdict_syscall_is_poll(SYS_ppoll), 1);
	CHECK_INT(verdict_syscall_is_poll(SYS_pselect6), 2);
	CHECK_INT(verdict_syscall_is_poll(SYS_read), 0);
	CHECK_INT(verdict_syscall_dir(SYS_read), 1);
	CHECK_INT(verdict_syscall_dir(SYS_write), 2);
	for (int c = 0; c < WAIT_NCAT; c++)
		CHECK(verdict_explain((enum wait_cat)c) &&
		      strlen(verdict_explain((enum wait_cat)c)) > 20);
	CHECK(verdict_explain(WAIT_NCAT) == NULL);
}

static double share_sum(const float *s)
{
	double sum = 0;

	for (int c = 0; c < WAIT_NCAT; c++)
		sum += s[c];
	return sum;
}

static void test_shares(void)
{
	struct verdict_tally t = { 0 };
	struct thread_row th[3];
	struct proc_row p;

	/* schedstat: 30% on CPU, 10% runqueue; 10 looks: 2 R, 6 net, 2 sleep */
	verdict_tally_clear(&t);
	memset(th, 0, sizeof(th));
	for (int i = 0; i < 2; i++)
		verdict_tally_add(&t, WAIT_CPU, "running");
	for (int i = 0; i < 6; i++)
		verdict_tally_add(&t, WAIT_NET, "recvfrom() on TCP a -> b");
	for (int i = 0; i < 2; i++)
		verdict_tally_add(&t, WAIT_SLEEP, "nanosleep()");
	th[0].have_sched = true;
	th[0].run_pct = 30;
	th[0].runq_pct = 10;
	th[0].active = true;
	verdict_thread(&t, &th[0]);
	CHECK(th[0].have_wait);
	CHECK_INT(th[0].wait, WAIT_NET);
	CHECK_NEAR(th[0].wait_share[WAIT_CPU], 30, 1e-4);
	CHECK_NEAR(th[0].wait_share[WAIT_RUNQUEUE], 10, 1e-4);
	CHECK_NEAR(th[0].wait_share[WAIT_NET], 45, 1e-4);
	CHECK_NEAR(th[0].wait_share[WAIT_SLEEP], 15, 1e-4);
	CHECK_STR(model_str(th[0].why), "recvfrom() on TCP a -> b");

	/* runqueue dominates: every look R, schedstat 25% run, 75% wait */
	verdict_tally_clear(&t);
	verdict_tally_add(&t, WAIT_CPU, "running");
	th[1].have_sched = true;
	th[1].run_pct = 25;
	th[1].runq_pct = 75;
	th[1].active = true;
	verdict_thread(&t, &th[1]);
	CHECK_INT(th[1].wait, WAIT_RUNQUEUE);
	CHECK_NEAR(share_sum(th[1].wait_share), 100, 1e-4);

	/* an idle thread: one look, no schedstat */
	verdict_tally_clear(&t);
	verdict_tally_add(&t, WAIT_LOCK, "futex");
	verdict_thread(&t, &th[2]);
	CHECK_INT(th[2].wait, WAIT_LOCK);
	CHECK_NEAR(th[2].wait_share[WAIT_LOCK], 100, 1e-4);

	/* process: the idle thread is ignored while others were active;
	 * runqueue (10 + 75) / 2 = 42.5 beats net 45 / 2 */
	memset(&p, 0, sizeof(p));
	p.cpu_user_pct = 40;
	p.cpu_sys_pct = 10;
	verdict_process(th, 3, &p);
	CHECK(p.have_wait);
	CHECK_NEAR(p.wait_share[WAIT_LOCK], 0, 1e-4);
	CHECK_NEAR(share_sum(p.wait_share), 100, 1e-4);
	CHECK_INT(p.wait, WAIT_RUNQUEUE);
	CHECK_STR(model_str(p.why), "runqueue: 42% of the interval waiting for a CPU");

	/* all idle: every thread counts */
	th[0].active = th[1].active = false;
	verdict_process(th, 3, &p);
	CHECK_NEAR(p.wait_share[WAIT_LOCK], 100.0 / 3, 1e-4);

	/* cpu why splits user and system */
	verdict_tally_clear(&t);
	verdict_tally_add(&t, WAIT_CPU, "running");
	free(th[0].why);
	memset(&th[0], 0, sizeof(th[0]));
	th[0].have_sched = true;
	th[0].run_pct = 99;
	verdict_thread(&t, &th[0]);
	verdict_process(th, 1, &p);
	CHECK_INT(p.wait, WAIT_CPU);
	CHECK_STR(model_str(p.why), "cpu: 80% user, 20% system");

	/* D looks with no site join the storage waits seen in the interval:
	 * fsync writer, 3 looks in fsync, 1 D whose wchan raced to "" */
	{
		struct task_raw k = task('D', "", -2);
		struct verdict_reading r = reading(&k);
		char why[MODEL_WHY_MAX];

		verdict_tally_clear(&t);
		for (int i = 0; i < 3; i++)
			verdict_tally_add(&t, WAIT_DISK_WRITE, "fsync() on /f");
		verdict_tally_look(&t, &r, classify(&r, why), why);
		CHECK_INT(t.d_unknown, 1);
		free(th[0].why);
		memset(&th[0], 0, sizeof(th[0]));
		th[0].have_sched = true;
		th[0].run_pct = 20;
		verdict_thread(&t, &th[0]);
		CHECK_NEAR(th[0].wait_share[WAIT_DISK_WRITE], 80, 1e-4);
		CHECK_NEAR(th[0].wait_share[WAIT_OTHER], 0, 1e-4);
		/* with no storage wait seen it stays other */
		verdict_tally_clear(&t);
		verdict_tally_add(&t, WAIT_SLEEP, "nanosleep()");
		verdict_tally_look(&t, &r, classify(&r, why), why);
		verdict_thread(&t, &th[0]);
		CHECK_NEAR(th[0].wait_share[WAIT_OTHER], 40, 1e-4);
	}

	/* across intervals: D looks with no site go to the storage wait seen
	 * last; evidence naming a file is not replaced by a bare wchan */
	{
		struct task_raw k = task('D', "", -2), f = task('D', "submit_bio_wait", -2);
		struct verdict_reading r = reading(&k), rf = reading(&f);
		char why[MODEL_WHY_MAX];

		verdict_tally_clear(&t);
		verdict_tally_look(&t, &r, classify(&r, why), why);
		verdict_tally_look(&t, &r, classify(&r, why), why);
		CHECK_INT(verdict_tally_storage(&t), -1);
		verdict_tally_fold_d(&t, WAIT_DISK_WRITE, "fsync() on /f");
		CHECK_INT(t.count[WAIT_DISK_WRITE], 2);
		CHECK_INT(t.count[WAIT_OTHER], 0);
		CHECK_STR(verdict_tally_why(&t, WAIT_DISK_WRITE), "fsync() on /f");
		CHECK_INT(verdict_tally_storage(&t), WAIT_DISK_WRITE);
		verdict_tally_look(&t, &rf, classify(&rf, why), why);
		CHECK_STR(verdict_tally_why(&t, WAIT_DISK_WRITE), "fsync() on /f");
		CHECK_INT(t.count[WAIT_DISK_WRITE], 3);
	}

	/* no reading at all: no verdict, not a guess */
	verdict_tally_clear(&t);
	free(th[0].why);
	memset(&th[0], 0, sizeof(th[0]));
	verdict_thread(&t, &th[0]);
	CHECK(!th[0].have_wait);
	verdict_process(th, 1, &p);
	CHECK(!p.have_wait);
	for (int i = 0; i < 3; i++)
		free(th[i].why);
	free(p.why);
	verdict_tally_clear(&t);
}

/* The tally keeps evidence for a few categories only: a fourth takes the
 * slot of the one with the fewest looks, and the winner keeps its why. */
static void test_tally_slots(void)
{
	struct verdict_tally t = { 0 };

	verdict_tally_clear(&t);
	CHECK_STR(verdict_tally_why(&t, WAIT_NET), "");
	for (int i = 0; i < 5; i++)
		verdict_tally_add(&t, WAIT_NET, "recvfrom() on TCP a -> b");
	verdict_tally_add(&t, WAIT_SLEEP, "clock_nanosleep()");
	verdict_tally_add(&t, WAIT_LOCK, "futex");
	verdict_tally_add(&t, WAIT_LOCK, "futex");
	verdict_tally_add(&t, WAIT_IPC, "read() on pipe:[1]");
	CHECK_INT(t.n, 9);
	CHECK_INT(t.count[WAIT_SLEEP], 1);
	CHECK_STR(verdict_tally_why(&t, WAIT_NET), "recvfrom() on TCP a -> b");
	CHECK_STR(verdict_tally_why(&t, WAIT_LOCK), "futex");
	CHECK_STR(verdict_tally_why(&t, WAIT_IPC), "read() on pipe:[1]");
	CHECK_STR(verdict_tally_why(&t, WAIT_SLEEP), ""); /* fewest looks: evicted */
	CHECK_INT(t.why_rank[WAIT_SLEEP], 0);
	/* a new interval: stale categories give way first */
	verdict_tally_reset(&t);
	verdict_tally_add(&t, WAIT_NET, "connect() on TCP c -> d");
	verdict_tally_add(&t, WAIT_CHILD, "wait4(): waiting for a child");
	CHECK_STR(verdict_tally_why(&t, WAIT_NET), "connect() on TCP c -> d");
	CHECK_STR(verdict_tally_why(&t, WAIT_CHILD), "wait4(): waiting for a child");
	verdict_tally_clear(&t);
}

/* Delay accounting's block I/O delay is exact: when the looks gave the
 * storage wait less, it grows to that, taken from unknown sites first; a
 * thread with no storage look keeps its shares (no guess at read/write). */
static void test_blkio(void)
{
	struct verdict_tally t = { 0 };
	struct thread_row th;

	verdict_tally_clear(&t);
	for (int i = 0; i < 2; i++)
		verdict_tally_add(&t, WAIT_DISK_WRITE, "fsync() on /f");
	for (int i = 0; i < 5; i++)
		verdict_tally_add(&t, WAIT_OTHER, "D, site unknown");
	for (int i = 0; i < 3; i++)
		verdict_tally_add(&t, WAIT_SLEEP, "clock_nanosleep()");
	memset(&th, 0, sizeof(th));
	th.have_sched = true; /* never on a CPU: the looks split 100% */
	th.have_blkio = true;
	th.blkio_pct = 70;
	verdict_thread(&t, &th);
	CHECK(th.have_wait);
	CHECK_NEAR(th.wait_share[WAIT_DISK_WRITE], 70, 1e-4);
	CHECK_NEAR(th.wait_share[WAIT_OTHER], 0, 1e-4);
	CHECK_NEAR(th.wait_share[WAIT_SLEEP], 30, 1e-4);
	CHECK_INT(th.wait, WAIT_DISK_WRITE);
	CHECK_STR(model_str(th.why), "fsync() on /f");
	/* more delay than unknown sites: the rest comes from the other waits */
	free(th.why);
	memset(&th, 0, sizeof(th));
	th.have_sched = true;
	th.have_blkio = true;
	th.blkio_pct = 90;
	verdict_thread(&t, &th);
	CHECK_NEAR(th.wait_share[WAIT_DISK_WRITE], 90, 1e-4);
	CHECK_NEAR(th.wait_share[WAIT_SLEEP], 10, 1e-4);
	/* no storage look: nothing moves */
	verdict_tally_clear(&t);
	for (int i = 0; i < 4; i++)
		verdict_tally_add(&t, WAIT_OTHER, "D, site unknown");
	free(th.why);
	memset(&th, 0, sizeof(th));
	th.have_sched = true;
	th.have_blkio = true;
	th.blkio_pct = 80;
	verdict_thread(&t, &th);
	CHECK_NEAR(th.wait_share[WAIT_OTHER], 100, 1e-4);
	free(th.why);
	verdict_tally_clear(&t);
}

/* test_limits: evidence that names the limit that holds the process:
 * the cgroup's CPU quota, the device's own dirty limit, the syscall a
 * mostly-system cpu verdict was seen in. */
static void test_limits(void)
{
	char why[MODEL_WHY_MAX], buf[32];
	struct limit_cpu lim;
	struct limit_bdi *b;
	struct proc_row p;
	struct task_raw t;
	struct verdict_reading r;

	memset(&lim, 0, sizeof(lim));
	verdict_runqueue_why(80, NULL, why, sizeof(why));
	CHECK_STR(why, "runqueue: 80% of the interval waiting for a CPU");
	lim.have = true;
	lim.quota_us = 20000;
	lim.period_us = 100000;
	snprintf(lim.cgroup, sizeof(lim.cgroup), "/system.slice/x");
	/* a quota but no delta yet (first reading of the cgroup) */
	verdict_runqueue_why(80, &lim, why, sizeof(why));
	CHECK_STR(why, "runqueue: 80% of the interval waiting for a CPU");
	lim.have_delta = true;
	lim.nr_throttled = 10;
	lim.throttled_pct = 79;
	verdict_runqueue_why(80, &lim, why, sizeof(why));
	CHECK_STR(why, "runqueue: 80% throttled by CPU quota 20ms/100ms (cgroup /system.slice/x)");
	/* throttled a little, but the CPUs were busy most of the time */
	lim.throttled_pct = 10;
	verdict_runqueue_why(80, &lim, why, sizeof(why));
	CHECK_STR(why,
		  "runqueue: 80% of the interval waiting for a CPU, 10% throttled by CPU quota "
		  "20ms/100ms (cgroup /system.slice/x)");
	lim.throttled_pct = 0.5;
	verdict_runqueue_why(80, &lim, why, sizeof(why));
	CHECK_STR(why, "runqueue: 80% of the interval waiting for a CPU");
	lim.throttled_pct = 90;
	lim.nr_throttled = 0;
	verdict_runqueue_why(80, &lim, why, sizeof(why));
	CHECK_STR(why, "runqueue: 80% of the interval waiting for a CPU");

	verdict_fmt_us(20000, buf, sizeof(buf));
	CHECK_STR(buf, "20ms");
	verdict_fmt_us(2500, buf, sizeof(buf));
	CHECK_STR(buf, "2.5ms");
	verdict_fmt_us(500, buf, sizeof(buf));
	CHECK_STR(buf, "500us");
	verdict_fmt_us(1500000, buf, sizeof(buf));
	CHECK_STR(buf, "1.5s");

	/* the syscall a look saw, with its file */
	t = task('D', "", SYS_fsync);
	r = reading(&t);
	target(&r, "/var/lib/x", "/var/lib/x", -1);
	verdict_call_text(&r, why, sizeof(why));
	CHECK_STR(why, "fsync() on /var/lib/x");
	t = task('D', "vm_mmap_pgoff", SYS_mmap);
	r = reading(&t);
	verdict_call_text(&r, why, sizeof(why));
	CHECK_STR(why, "mmap()");
	t = task('S', "", 99999);
	r = reading(&t);
	verdict_call_text(&r, why, sizeof(why));
	CHECK_STR(why, "syscall 99999()");
	t = task('S', "", -1);
	r = reading(&t);
	verdict_call_text(&r, why, sizeof(why));
	CHECK_STR(why, "");
	CHECK(verdict_syscall_works(SYS_fsync));
	CHECK(verdict_syscall_works(SYS_mmap));
	CHECK(verdict_syscall_works(99999));
	CHECK(!verdict_syscall_works(SYS_futex));
	CHECK(!verdict_syscall_works(SYS_epoll_wait));
	CHECK(!verdict_syscall_works(SYS_nanosleep));
	CHECK(!verdict_syscall_works(SYS_wait4));

	memset(&p, 0, sizeof(p));
	p.cpu_user_pct = 2;
	p.cpu_sys_pct = 98;
	verdict_cpu_call_why(&p, "fsync() on /var/lib/x", why, sizeof(why));
	CHECK_STR(why, "cpu: 98% system, in fsync() on /var/lib/x");
	verdict_cpu_call_why(&p, NULL, why, sizeof(why));
	CHECK_STR(why, "cpu: 2% user, 98% system");
	/* mostly user time: the syscall is not where the time went */
	p.cpu_user_pct = 80;
	p.cpu_sys_pct = 20;
	verdict_cpu_call_why(&p, "read() on /x", why, sizeof(why));
	CHECK_STR(why, "cpu: 80% user, 20% system");
	p.cpu_user_pct = p.cpu_sys_pct = 0;
	verdict_cpu_call_why(&p, "read() on /x", why, sizeof(why));
	CHECK_STR(why, "cpu: running");

	/* dirty throttling on a device with its own limit (FUSE-like) */
	t = task('D', "balance_dirty_pages", SYS_write);
	r = reading(&t);
	target(&r, "/mnt/f/x", "/mnt/f/x", -1);
	r.have_dirty = true;
	r.dirty_bytes = 12ULL << 10;
	r.dirty_limit_bytes = 1900ULL << 20;
	r.have_bdi = true;
	b = &r.bdi;
	b->have = true;
	snprintf(b->name, sizeof(b->name), "0:52");
	snprintf(b->mnt, sizeof(b->mnt), "/mnt/f");
	b->max_ratio_pct = 1;
	b->have_max_bytes = true;
	b->max_bytes = 19ULL << 20;
	b->strict_limit = true;
	CHECK_INT(classify(&r, why), WAIT_DIRTY_THROTTLE);
	CHECK_STR(why,
		  "balance_dirty_pages: device 0:52's own limit 19M (max_ratio 1%, strict_limit), "
		  "system Dirty 12K of 1.9G on /mnt/f");
	b->max_ratio_pct = 100;
	b->have_max_bytes = false;
	CHECK_INT(classify(&r, why), WAIT_DIRTY_THROTTLE);
	CHECK_STR(why, "balance_dirty_pages: device 0:52's own limit (strict_limit), "
		       "system Dirty 12K of 1.9G on /mnt/f");
	/* a device without its own limit: the global numbers */
	b->strict_limit = false;
	CHECK_INT(classify(&r, why), WAIT_DIRTY_THROTTLE);
	CHECK_STR(why, "balance_dirty_pages: Dirty 12K, limit 1.9G");
}

int main(void)
{
	test_limits();
	test_blkio();
	test_tally_slots();
	test_syscall_first();
	test_watch();
	test_states();
	test_table();
	test_shares();
	return test_done("unit-verdict");
}
