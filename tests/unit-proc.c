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
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* comm "a) b", a sleeping process (captured). */
static const char stat_paren[] =
	"14243 (a) b) S 14242 14239 3230 0 -1 4194304 131 0 0 0 0 0 0 0 20 0 1 0 54650 2990080 412 "
	"18446744073709551615 94253648257024 94253648274953 140728119847616 0 0 0 0 6 0 1 0 0 17 1 0 0 0 "
	"0 0 94253648289040 94253648290304 94254678605824 140728119855771 140728119855782 140728119855782 "
	"140728119857137 0\n";
/* kthreadd. */
static const char stat_kthread[] =
	"2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 24 0 0 18446744073709551615 0 0 0 0 0 "
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
	CHECK_INT(parse_proc_stat("7 (\x1b[2Jx\ty) S 1 1 1 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 99 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0\n", &t), 0);
	CHECK_STR(t.comm, "?[2Jx?y");
	CHECK_INT(t.start_ticks, 99);
	CHECK_INT(t.blkio_ticks, 0);

	/* malformed */
	CHECK_INT(parse_proc_stat("", &t), -1);
	CHECK_INT(parse_proc_stat("12 (x S 1 2", &t), -1);
	CHECK_INT(parse_proc_stat("12 (x) S 1 2 3\n", &t), -1);
}

static void test_io(void)
{
	struct task_raw t = { 0 };

	CHECK_INT(parse_proc_io("rchar: 6976\nwchar: 0\nsyscr: 10\nsyscw: 0\nread_bytes: 4096\n"
				"write_bytes: 721424384\ncancelled_write_bytes: 1234173952\n", &t), 0);
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

	CHECK_INT(parse_proc_syscall("230 0x0 0x0 0x7ffdd197e8d0 0x7ffdd197e910 0x0 0x0 0x7ffdd197e8b8 "
				     "0x7ff57bf51503\n", &t), 0);
	CHECK(t.have_syscall);
	CHECK_INT(t.syscall_nr, 230);
	CHECK_INT(t.syscall_args[2], 0x7ffdd197e8d0ULL);
	CHECK_INT(t.syscall_args[5], 0);
	CHECK_INT(parse_proc_syscall("232 0x6 0x7ffd1000 0x1 0x1f40 0x0 0x64 0x7ffd0ff0 0x7f00aa\n", &t), 0);
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
	static const char evil[] = "sh\0\x1b]0;pwned\x07\0\xc2\x9b" "31m\0caf\xc3\xa9\0";

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

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	test_stat();
	test_io();
	test_schedstat();
	test_syscall();
	test_cmdline();
	return test_done("unit-proc");
}
