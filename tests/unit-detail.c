/* unit-detail.c - the drill-in's parsers on texts this kernel produced,
 * and the collector on this test's own process (a file at a known
 * position, a pipe, an epoll set). */
#include "config.h"
#include "collect-detail.h"
#include "test.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_stat(void)
{
	int nice = 99, pol = 99;
	unsigned long long mi = 0, ma = 0;
	const char *t = "812 (python3 (x) y) S 1 812 812 0 -1 4194560 1234 0 5 0 10 3 0 0 20 -5 "
			"1 0 12345 24000000 2000 18446744073709551615 1 1 0 0 0 0 0 16781312 2 "
			"0 0 0 17 1 0 3 0 0 0\n";

	CHECK_INT(parse_detail_stat(t, &nice, &pol, &mi, &ma), 0);
	CHECK_INT(nice, -5);
	CHECK_INT(pol, 3);
	CHECK_INT(mi, 1234);
	CHECK_INT(ma, 5);
	CHECK_INT(parse_detail_stat("12 (x) S 1 2", &nice, &pol, &mi, &ma), -1);
	CHECK_INT(parse_detail_stat("garbage", &nice, &pol, &mi, &ma), -1);
}

static void test_status_io(void)
{
	struct drill_mem m = { 0 };
	struct drill_io io = { 0 };

	CHECK_INT(parse_detail_status("Name:\tx\nVmRSS:\t   10240 kB\nVmSwap:\t       4 kB\n"
				      "voluntary_ctxt_switches:\t17\n"
				      "nonvoluntary_ctxt_switches:\t3\n",
				      &m),
		  0);
	CHECK_INT(m.rss_kb, 10240);
	CHECK(m.have_swap);
	CHECK_INT(m.swap_kb, 4);
	CHECK_INT(m.vctx, 17);
	CHECK_INT(m.ivctx, 3);
	CHECK_INT(parse_detail_status("Name:\tkthreadd\n", &m), -1);
	CHECK_INT(parse_detail_io("rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\n"
				  "write_bytes: 6\ncancelled_write_bytes: 7\n",
				  &io),
		  0);
	CHECK(io.have);
	CHECK_INT(io.rchar, 1);
	CHECK_INT(io.syscw, 4);
	CHECK_INT(io.write_bytes, 6);
	CHECK_INT(io.cancelled_bytes, 7);
	CHECK_INT(parse_detail_io("rchar: 1\n", &io), -1);
}

static void test_cgroup_fdinfo_stack(void)
{
	char out[256];
	unsigned long long pos = 0;
	unsigned flags = 0;

	CHECK_INT(
	    parse_detail_cgroup("0::/user.slice/user-0.slice/session-3.scope\n", out, sizeof(out)),
	    0);
	CHECK_STR(out, "/user.slice/user-0.slice/session-3.scope");
	CHECK_INT(parse_detail_cgroup("12:blkio:/a\n4:cpu,cpuacct:/b\n1:name=systemd:/c\n", out,
				      sizeof(out)),
		  0);
	CHECK_STR(out, "blkio:/a cpu:/b");
	CHECK_INT(parse_detail_cgroup("1:name=systemd:/c\n", out, sizeof(out)), -1);
	CHECK_INT(parse_detail_fdinfo("pos:\t4096\nflags:\t0104001\nmnt_id:\t28\nino:\t5\n", &pos,
				      &flags),
		  0);
	CHECK_INT(pos, 4096);
	CHECK_INT(flags, 0104001);
	CHECK_INT(parse_detail_fdinfo("eventfd-count: 0\n", &pos, &flags), -1);
	CHECK_INT(
	    parse_detail_stack("[<0>] do_sys_poll+0x45a/0x5d0\n[<0>] __x64_sys_poll+0x3c/0x140\n"
			       "[<0>] do_syscall_64+0x58/0xc0\n",
			       out, sizeof(out)),
	    3);
	CHECK_STR(out, "do_sys_poll\n__x64_sys_poll\ndo_syscall_64");
	CHECK_INT(parse_detail_stack("", out, sizeof(out)), 0);
	CHECK_STR(out, "");
	CHECK_INT(parse_detail_stack("[<0>] a_very_long_function_name+0x1/0x2\n", out, 8), 0);
	CHECK_INT(parse_detail_ns("net:[4026531840]"), 4026531840UL);
	CHECK_INT(parse_detail_ns("garbage"), 0);
	CHECK_STR(parse_detail_tcp_state(1), "ESTAB");
	CHECK_STR(parse_detail_tcp_state(10), "LISTEN");
	CHECK_STR(parse_detail_tcp_state(99), "?");
}

/* test_live: the collector on this process: a file at offset 3 of 10
 * bytes, a pipe and an epoll set watching the pipe. */
static void test_live(void)
{
	char path[] = "/tmp/unit-detail.XXXXXX";
	int fd = mkstemp(path), pp[2], ep;
	struct collect_detail *cd = collect_detail_new();
	struct drill d = { 0 };
	struct epoll_event ev = { .events = EPOLLIN };
	bool file = false, pipe_seen = false, epoll_seen = false;

	CHECK(fd >= 0);
	CHECK_INT(write(fd, "0123456789", 10), 10);
	CHECK_INT(lseek(fd, 3, SEEK_SET), 3);
	CHECK_INT(pipe(pp), 0);
	ep = epoll_create1(0);
	ev.data.fd = pp[0];
	CHECK_INT(epoll_ctl(ep, EPOLL_CTL_ADD, pp[0], &ev), 0);
	d.pid = getpid();
	d.proc.ppid = getppid();
	collect_detail_read(cd, getpid(), 1, 0, NULL, 1.0, &d);
	for (size_t i = 0; i < d.nfds; i++) {
		const struct drill_fd *f = &d.fds[i];
		char want[16];

		if (f->fd == fd) {
			file = true;
			CHECK_STR(f->kind, "file");
			CHECK_STR(f->path, path);
			CHECK(f->have_pos && f->pos_bytes == 3);
			CHECK(f->have_size && f->size_bytes == 10);
			CHECK_INT(f->flags & O_ACCMODE, O_RDWR);
		} else if (f->fd == pp[0]) {
			pipe_seen = true;
			CHECK_STR(f->kind, "pipe");
		} else if (f->fd == ep) {
			epoll_seen = true;
			snprintf(want, sizeof(want), "%d", pp[0]);
			CHECK_STR(f->watch, want);
		}
	}
	CHECK(file && pipe_seen && epoll_seen);
	CHECK(d.io.have);
	CHECK(!d.io.have_rate); /* no previous reading */
	CHECK(d.mem.have && d.mem.rss_kb > 0);
	CHECK(d.have_sched);
	CHECK(d.have_netns && d.netns_host);
	CHECK(d.parent_comm[0] != '\0');
	CHECK(geteuid() == 0 ? d.have_stack : d.stack_denied);
	free(d.fds);
	free(d.socks);
	free(d.stack);
	memset(&d, 0, sizeof(d));
	collect_detail_read(cd, getpid(), 1, 0, NULL, 2.0, &d);
	CHECK(d.io.have_rate && d.mem.have_rate);
	free(d.fds);
	free(d.socks);
	free(d.stack);
	collect_detail_free(cd);
	unlink(path);
}

/* test_fd_kinds: read process pid once more (at time t); the kind of
 * each of fd[0..n), "" when it is not listed. */
static void test_fd_kinds(struct collect_detail *cd, int pid, double t, const int *fd,
			  char (*kind)[12], size_t n)
{
	struct drill d = { .pid = pid, .proc.ppid = getpid() };

	collect_detail_read(cd, pid, 1, 0, NULL, t, &d);
	for (size_t k = 0; k < n; k++) {
		kind[k][0] = '\0';
		for (size_t i = 0; i < d.nfds; i++)
			if (d.fds[i].fd == fd[k])
				snprintf(kind[k], sizeof(kind[k]), "%s", d.fds[i].kind);
	}
	free(d.fds);
	free(d.socks);
	free(d.stack);
}

/* test_fd_count: how many fds this process has open. */
static int test_fd_count(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	while (d && (de = readdir(d)))
		n += de->d_name[0] != '.';
	if (d)
		closedir(d);
	return n - 1; /* the directory's own */
}

/* test_churn_child: the process test_fd_churn reads: 600 fds, then per
 * command byte on cmd: 'a' opens one more, 'c' closes it, 's' closes
 * fds[10], opens fd 900 (the same count) and re-points fds[500] at a
 * pipe.  Each answer on ack: fds[599], the new fd, fds[10], fds[500]. */
static void test_churn_child(int cmd, int ack)
{
	int base = open("/dev/null", O_RDONLY), fds[600], late = -1, pp[2], out[4];
	char c;

	for (int i = 0; i < 600; i++)
		fds[i] = dup(base);
	for (;;) {
		if (read(cmd, &c, 1) != 1)
			_exit(0);
		if (c == 'a')
			late = dup(base);
		else if (c == 'c')
			close(late);
		else if (c == 's' && dup2(base, 900) == 900 && close(fds[10]) == 0 &&
			 pipe(pp) == 0 && dup2(pp[0], fds[500]) == fds[500]) {
			close(pp[0]);
			close(pp[1]);
		}
		out[0] = fds[599], out[1] = late, out[2] = fds[10], out[3] = fds[500];
		if (write(ack, out, sizeof(out)) != sizeof(out))
			_exit(1);
	}
}

/* test_churn_do: have the child do c; its fd numbers into out. */
static void test_churn_do(int cmd, int ack, char c, int *out)
{
	CHECK_INT(write(cmd, &c, 1), 1);
	CHECK_INT(read(ack, out, 4 * sizeof(int)), (int)(4 * sizeof(int)));
}

/* test_fd_churn: a child with 600 fds (more than one reading re-reads):
 * a new fd is listed at the next reading and a closed one is gone; an fd
 * closed and another opened under a new number (the same count) are seen
 * within 4 readings, and so is an fd number re-pointed at a pipe (the
 * rows' staleness bound); the fds the reader held are all closed when it
 * is freed. */
static void test_fd_churn(void)
{
	int before = test_fd_count(), cmd[2], ack[2], num[4], w[3];
	struct collect_detail *cd = collect_detail_new();
	char kind[3][12];
	double t = 1;
	bool gone = false, seen = false, piped = false;
	pid_t kid;

	CHECK_INT(pipe(cmd), 0);
	CHECK_INT(pipe(ack), 0);
	kid = fork();
	if (kid == 0) {
		close(cmd[1]);
		close(ack[0]);
		test_churn_child(cmd[0], ack[1]);
		_exit(0);
	}
	close(cmd[0]);
	close(ack[1]);
	test_churn_do(cmd[1], ack[0], '-', num);
	w[0] = num[0];
	test_fd_kinds(cd, kid, t++, w, kind, 1);
	CHECK_STR(kind[0], "file");
	test_churn_do(cmd[1], ack[0], 'a', num);
	w[0] = num[1];
	test_fd_kinds(cd, kid, t++, w, kind, 1);
	CHECK_STR(kind[0], "file"); /* a new fd: at once */
	test_churn_do(cmd[1], ack[0], 'c', num);
	test_fd_kinds(cd, kid, t++, w, kind, 1);
	CHECK_STR(kind[0], ""); /* and gone at once */
	test_churn_do(cmd[1], ack[0], 's', num);
	w[0] = 900, w[1] = num[2], w[2] = num[3];
	for (int i = 0; i < 4; i++) {
		test_fd_kinds(cd, kid, t++, w, kind, 3);
		seen = seen || kind[0][0];
		gone = gone || !kind[1][0];
		piped = piped || strcmp(kind[2], "pipe") == 0;
	}
	CHECK(seen && gone && piped);
	close(cmd[1]);
	waitpid(kid, NULL, 0);
	close(ack[0]);
	collect_detail_free(cd);
	CHECK_INT(test_fd_count(), before); /* nothing held once freed */
}

int main(void)
{
	test_stat();
	test_status_io();
	test_cgroup_fdinfo_stack();
	test_live();
	test_fd_churn();
	return test_done("unit-detail");
}
