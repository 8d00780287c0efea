/* unit-fd.c - fd link and epoll fdinfo parsers on texts this kernel
 * produced, and the readers on this process's own fds: a pipe with a
 * child at the other end, a socket, a file, an epoll set, a pollfd array. */
#include "config.h"
#include "collect-fd.h"
#include "test.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_parse_link(void)
{
	struct fd_target t;

	CHECK_INT(parse_fd_link("socket:[2295751]", &t), 0);
	CHECK_INT(t.kind, FD_SOCKET);
	CHECK_INT(t.inode, 2295751);
	CHECK_INT(parse_fd_link("pipe:[123]", &t), 0);
	CHECK_INT(t.kind, FD_PIPE);
	CHECK_INT(t.inode, 123);
	CHECK_STR(t.path, "pipe:[123]");
	parse_fd_link("anon_inode:[eventpoll]", &t);
	CHECK_INT(t.kind, FD_EPOLL);
	parse_fd_link("anon_inode:[eventfd]", &t);
	CHECK_INT(t.kind, FD_EVENTFD);
	parse_fd_link("anon_inode:[timerfd]", &t);
	CHECK_INT(t.kind, FD_TIMERFD);
	parse_fd_link("anon_inode:inotify", &t);
	CHECK_INT(t.kind, FD_INOTIFY);
	parse_fd_link("anon_inode:[io_uring]", &t);
	CHECK_INT(t.kind, FD_ANON);
	parse_fd_link("/dev/pts/3", &t);
	CHECK_INT(t.kind, FD_TTY);
	parse_fd_link("/var/lib/db/wal (deleted)", &t);
	CHECK_INT(t.kind, FD_FILE);
	CHECK_STR(t.path, "/var/lib/db/wal (deleted)");
	parse_fd_link("/tmp/a\nb\x1b", &t);
	CHECK_STR(t.path, "/tmp/a?b?");
	CHECK_INT(parse_fd_link("", &t), -1);
	CHECK_STR(fd_kind_name(FD_PIPE), "pipe");
}

static void test_parse_fdinfo(void)
{
	/* /proc/PID/fdinfo/6 of an epoll fd watching fds 3 and 4 (6.18) */
	const char *text =
	    "pos:\t0\nflags:\t02\nmnt_id:\t16\nino:\t1057\n"
	    "tfd:        3 events:       19 data:                3  pos:0 ino:2307c7 sdev:9\n"
	    "tfd:        4 events:       19 data:                4  pos:0 ino:2307c8 sdev:9\n";
	int tfds[4];
	unsigned long inos[4];
	size_t n;
	unsigned flags;

	CHECK_INT(parse_fdinfo_epoll(text, tfds, inos, 4, &n), 0);
	CHECK_INT(n, 2);
	CHECK_INT(tfds[0], 3);
	CHECK_INT(inos[0], 0x2307c7);
	CHECK_INT(inos[1], 2295752);
	CHECK_INT(parse_fdinfo_epoll(text, tfds, inos, 1, &n), 0);
	CHECK_INT(n, 1);
	CHECK_INT(parse_fdinfo_epoll("garbage", tfds, inos, 4, &n), -1);
	CHECK_INT(parse_fdinfo_flags(text, &flags), 0);
	CHECK_INT(flags, 2);
	CHECK_INT(parse_fdinfo_flags("pos: 0\n", &flags), -1);
}

static void test_readers(void)
{
	int p[2], sv[2], ep, n_ok;
	struct fd_target t;
	struct epoll_event ev = { .events = EPOLLIN };
	int tfds[8];
	unsigned long inos[8];
	size_t n;
	struct stat st;
	pid_t child;
	char path[] = "/tmp/unit-fd-XXXXXX";
	int ffd = mkstemp(path);

	CHECK(ffd >= 0);
	CHECK_INT(pipe(p), 0);
	CHECK_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);

	CHECK_INT(collect_fd_resolve(getpid(), p[0], &t), 0);
	CHECK_INT(t.kind, FD_PIPE);
	fstat(p[0], &st);
	CHECK_INT(t.inode, st.st_ino);
	CHECK_INT(collect_fd_resolve(getpid(), sv[0], &t), 0);
	CHECK_INT(t.kind, FD_SOCKET);
	CHECK_INT(collect_fd_resolve(getpid(), ffd, &t), 0);
	CHECK_INT(t.kind, FD_FILE);
	CHECK_STR(t.path, path);
	CHECK_INT(collect_fd_resolve(getpid(), 9999, &t), -1);
	CHECK(!t.denied);

	/* epoll: the watched fds and their inodes */
	ep = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
	CHECK_INT(collect_fd_resolve(getpid(), ep, &t), 0);
	CHECK_INT(t.kind, FD_EPOLL);
	CHECK_INT(collect_fd_epoll(getpid(), ep, tfds, inos, 8, &n), 0);
	CHECK_INT(n, 2);
	n_ok = 0;
	for (size_t i = 0; i < n; i++)
		if ((tfds[i] == p[0] && inos[i] == st.st_ino) || tfds[i] == sv[0])
			n_ok++;
	CHECK_INT(n_ok, 2);

	/* a pollfd array and fd_sets in our own memory */
	{
		struct pollfd pf[3] = { { .fd = p[0] }, { .fd = -1 }, { .fd = sv[1] } };
		fd_set rs;
		unsigned long long sets[3];
		int fds[8];

		CHECK_INT(
		    collect_fd_poll_fds(getpid(), (unsigned long long)(uintptr_t)pf, 3, fds, 8, &n),
		    0);
		CHECK_INT(n, 2);
		CHECK_INT(fds[0], p[0]);
		CHECK_INT(fds[1], sv[1]);
		FD_ZERO(&rs);
		FD_SET(p[0], &rs);
		FD_SET(sv[1], &rs);
		sets[0] = (unsigned long long)(uintptr_t)&rs;
		sets[1] = sets[2] = 0;
		CHECK_INT(collect_fd_select_fds(getpid(), (unsigned long long)(sv[1] + 1), sets,
						fds, 8, &n),
			  0);
		CHECK_INT(n, 2);
		CHECK_INT(fds[0] < fds[1] ? fds[0] : fds[1], p[0] < sv[1] ? p[0] : sv[1]);
	}

	/* the other end of a pipe: a child holding only the write end */
	child = fork();
	if (child == 0) {
		close(p[0]);
		if (write(sv[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	{
		int cand[2] = { getpid(), child };
		char c;
		int peer;

		/* the child says when it has closed its read end */
		CHECK_INT(read(sv[0], &c, 1), 1);
		peer = collect_fd_pipe_peer(cand, 2, getpid(), (unsigned long)st.st_ino, true, 512);
		CHECK_INT(peer, child);
		/* the child holds no read end: no reader is found in it */
		CHECK_INT(
		    collect_fd_pipe_peer(cand, 2, getpid(), (unsigned long)st.st_ino, false, 512),
		    0);
		/* the budget bounds the search */
		CHECK_INT(
		    collect_fd_pipe_peer(cand, 2, getpid(), (unsigned long)st.st_ino, true, 0), 0);
	}
	{ /* several pipes in one pass: the writer of p, none for an unknown inode */
		int cand[2] = { getpid(), child }, peer[3] = { -1, -1, -1 };
		unsigned long inode[3] = { 123456789, (unsigned long)st.st_ino,
					   (unsigned long)st.st_ino };
		bool writer[3] = { true, true, false };

		collect_fd_pipe_peers(cand, 2, getpid(), inode, writer, peer, 3, 512);
		CHECK_INT(peer[0], 0);
		CHECK_INT(peer[1], child);
		CHECK_INT(peer[2], 0); /* the child holds no read end */
		collect_fd_pipe_peers(cand, 2, getpid(), inode, writer, peer, 3, 0);
		CHECK_INT(peer[1], 0); /* the budget bounds the pass */
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	unlink(path);
}

/* test_relatives: this process's children, and a child's siblings
 * (itself left out), from the kernel's children lists. */
static void test_relatives(void)
{
	pid_t kid[2];
	int cand[8];
	int n;
	bool a = false, b = false;

	for (int i = 0; i < 2; i++)
		if ((kid[i] = fork()) == 0) {
			pause();
			_exit(0);
		}
	n = collect_fd_relatives(getpid(), 0, cand, 0, 8);
	if (n < 0) {
		printf("unit-fd: no children lists in this kernel, relatives not checked\n");
	} else {
		for (int i = 0; i < n; i++) {
			a = a || cand[i] == kid[0];
			b = b || cand[i] == kid[1];
		}
		CHECK(a && b);
		n = collect_fd_relatives(kid[0], getpid(), cand, 0, 8);
		a = b = false;
		for (int i = 0; i < n; i++) {
			a = a || cand[i] == kid[0];
			b = b || cand[i] == kid[1];
		}
		CHECK(!a && b); /* the sibling, not itself */
		CHECK_INT(collect_fd_relatives(getpid(), 0, cand, 0, 1), 1); /* bounded */
	}
	for (int i = 0; i < 2; i++) {
		kill(kid[i], SIGKILL);
		waitpid(kid[i], NULL, 0);
	}
}

int main(void)
{
	test_parse_link();
	test_parse_fdinfo();
	test_readers();
	test_relatives();
	return test_done("unit-fd");
}
