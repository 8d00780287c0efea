/* unit-follow.c - the follow rules: which lookup a wait calls for, the
 * /proc/locks parser on text this kernel wrote (nested waiters, flock,
 * OFD), the holder of a blocked lock, the child of wait4, the other end of
 * a local TCP connection, and the why suffix; plus /proc/locks read live
 * with a lock this test holds and a child that waits for it. */
#include "config.h"
#include "collect-follow.h"
#include "follow.h"
#include "test.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

/* Captured on Linux 6.18: pid 316 holds a POSIX lock with 361 waiting and
 * 362 waiting behind 361, and a flock with 359 waiting. */
static const char locks_text[] = "1: POSIX  ADVISORY  WRITE 316 fe:00:10953530 0 EOF\n"
				 "1: -> POSIX  ADVISORY  WRITE 361 fe:00:10953530 0 EOF\n"
				 "1:  -> POSIX  ADVISORY  WRITE 362 fe:00:10953530 0 EOF\n"
				 "2: FLOCK  ADVISORY  WRITE 316 fe:00:10953529 0 EOF\n"
				 "2: -> FLOCK  ADVISORY  WRITE 359 fe:00:10953529 0 EOF\n"
				 "3: OFDLCK ADVISORY  READ  -1 00:06:1234 0 EOF\n"
				 "3: -> OFDLCK ADVISORY  WRITE -1 00:06:1234 0 EOF\n"
				 "4: POSIX  ADVISORY  READ  500 08:01:77 0 99\n"
				 "5: -> POSIX  ADVISORY  WRITE 501 08:01:78 0 EOF\n"
				 "garbage line\n"
				 "6: FLOCK  ADVISORY  WRITE 600 08:01:80 0 EOF";

static void test_parse_locks(void)
{
	struct follow_lock v[16];
	size_t n;

	CHECK_INT(follow_parse_locks(locks_text, v, 16, &n), 0);
	CHECK_INT(n, 10);
	CHECK_INT(v[0].id, 1);
	CHECK(!v[0].blocked);
	CHECK_STR(v[0].type, "POSIX");
	CHECK(v[0].write);
	CHECK_INT(v[0].pid, 316);
	CHECK_INT(v[0].major, 0xfe);
	CHECK_INT(v[0].minor, 0);
	CHECK_INT(v[0].inode, 10953530);
	CHECK(v[1].blocked);
	CHECK(v[2].blocked);
	CHECK_INT(v[2].pid, 362);
	CHECK_STR(v[3].type, "FLOCK");
	CHECK_STR(v[5].type, "OFDLCK");
	CHECK_INT(v[5].pid, -1);
	CHECK(!v[5].write);
	CHECK_INT(v[9].pid, 600); /* last line without a newline */
	CHECK_INT(follow_parse_locks(locks_text, v, 3, &n), 0);
	CHECK_INT(n, 3);
	CHECK_INT(follow_parse_locks("", v, 16, &n), 0);
	CHECK_INT(n, 0);
	CHECK_INT(follow_parse_locks(NULL, v, 16, &n), -1);
}

static void test_lock_holder(void)
{
	struct follow_lock v[16];
	size_t n;

	follow_parse_locks(locks_text, v, 16, &n);
	CHECK_INT(follow_lock_holder(v, n, 361, 10953530, 0, 0, NULL), 316);
	CHECK_INT(follow_lock_holder(v, n, 362, 10953530, 0, 0, NULL), 316); /* nested */
	CHECK_INT(follow_lock_holder(v, n, 359, 10953529, 0, 0, "FLOCK"), 316);
	CHECK_INT(follow_lock_holder(v, n, 359, 10953529, 0xfe, 0, "FLOCK"), 316);
	CHECK_INT(follow_lock_holder(v, n, 359, 10953529, 8, 1, "FLOCK"), 0); /* other dev */
	CHECK_INT(follow_lock_holder(v, n, 359, 10953529, 0, 0, "POSIX"), 0); /* other type */
	CHECK_INT(follow_lock_holder(v, n, 359, 10953530, 0, 0, NULL), 0); /* other inode */
	CHECK_INT(follow_lock_holder(v, n, 316, 10953530, 0, 0, NULL), 0); /* the holder */
	CHECK_INT(follow_lock_holder(v, n, -1, 1234, 0, 0, NULL), 0); /* OFD: no process */
	CHECK_INT(follow_lock_holder(v, n, 501, 78, 0, 0, NULL), 0); /* no holder line */
	CHECK_INT(follow_lock_holder(v, 0, 361, 10953530, 0, 0, NULL), 0);
}

static void test_fdinfo_ino(void)
{
	unsigned long ino = 0;

	CHECK_INT(follow_parse_fdinfo_ino("pos:\t0\nflags:\t0100000\nmnt_id:\t24\nino:\t3\n", &ino),
		  0);
	CHECK_INT(ino, 3);
	CHECK_INT(follow_parse_fdinfo_ino("pos:\t0\nflags:\t02\nmnt_id:\t24\n", &ino), -1);
	CHECK_INT(follow_parse_fdinfo_ino("pos:\t0\nino:\tx\n", &ino), -1);
	CHECK_INT(follow_parse_fdinfo_ino("", &ino), -1);
}

static void test_child(void)
{
	const struct follow_proc v[] = {
		{ 10, 1 }, { 20, 10 }, { 15, 10 }, { 30, 20 }, { 40, 10 },
	};
	size_t n = sizeof(v) / sizeof(v[0]), count;
	unsigned long long a[4] = { 0, 0, 0, 0 };

	CHECK_INT(follow_child(v, n, 10, 20, &count), 20);
	CHECK_INT(count, 1);
	CHECK_INT(follow_child(v, n, 10, -1, &count), 15);
	CHECK_INT(count, 3);
	CHECK_INT(follow_child(v, n, 10, 0, &count), 15); /* own process group */
	CHECK_INT(follow_child(v, n, 10, 30, &count), 0); /* a grandchild */
	CHECK_INT(count, 0);
	CHECK_INT(follow_child(v, n, 30, -1, &count), 0);
	CHECK_INT(follow_child(v, n, 20, -1, NULL), 30);
	a[0] = 20;
	CHECK_INT(follow_wait_pid(SYS_wait4, a), 20);
	a[0] = (unsigned long long)-1;
	CHECK_INT(follow_wait_pid(SYS_wait4, a), -1);
	a[0] = 0xffffffffULL; /* an int -1 in a 64-bit register */
	CHECK_INT(follow_wait_pid(SYS_wait4, a), -1);
	a[0] = P_PID;
	a[1] = 42;
	CHECK_INT(follow_wait_pid(SYS_waitid, a), 42);
	a[0] = P_ALL;
	CHECK_INT(follow_wait_pid(SYS_waitid, a), -1);
}

static void test_kind(void)
{
	struct follow_wait w = { .wait = WAIT_NET,
				 .syscall_nr = SYS_recvfrom,
				 .have_target = true,
				 .target_kind = FD_SOCKET,
				 .sock_proto = SOCK_P_TCP };

	CHECK_INT(follow_kind_of(&w), FOLLOW_TCP);
	w.sock_proto = SOCK_P_UDP;
	CHECK_INT(follow_kind_of(&w), FOLLOW_NONE);
	w.wait = WAIT_IPC;
	w.sock_proto = SOCK_P_UNIX;
	CHECK_INT(follow_kind_of(&w), FOLLOW_UNIX);
	w.sock_proto = SOCK_P_TCP; /* evidence that does not fit the verdict */
	CHECK_INT(follow_kind_of(&w), FOLLOW_NONE);
	w.target_kind = FD_PIPE;
	CHECK_INT(follow_kind_of(&w), FOLLOW_PIPE);
	w.have_target = false;
	CHECK_INT(follow_kind_of(&w), FOLLOW_NONE);
	w.wait = WAIT_LOCK;
	w.syscall_nr = SYS_flock;
	w.have_target = true;
	w.target_kind = FD_FILE;
	CHECK_INT(follow_kind_of(&w), FOLLOW_LOCK);
	w.syscall_nr = SYS_fcntl;
	w.args[1] = F_SETLKW;
	CHECK_INT(follow_kind_of(&w), FOLLOW_LOCK);
	w.args[1] = F_GETFL;
	CHECK_INT(follow_kind_of(&w), FOLLOW_NONE);
	w.syscall_nr = SYS_futex;
	CHECK_INT(follow_kind_of(&w), FOLLOW_NONE);
	w.wait = WAIT_CHILD;
	w.syscall_nr = SYS_wait4;
	w.have_target = false;
	CHECK_INT(follow_kind_of(&w), FOLLOW_CHILD);
	w.syscall_nr = SYS_waitid;
	CHECK_INT(follow_kind_of(&w), FOLLOW_CHILD);
	w.wait = WAIT_SLEEP;
	CHECK_INT(follow_kind_of(&w), FOLLOW_NONE);
	CHECK_STR(follow_role(FOLLOW_PIPE, 1), "writer");
	CHECK_STR(follow_role(FOLLOW_PIPE, 2), "reader");
	CHECK_STR(follow_role(FOLLOW_LOCK, 0), "holder");
	CHECK_STR(follow_role(FOLLOW_CHILD, 0), "child");
	CHECK_STR(follow_role(FOLLOW_TCP, 1), "");
}

/* test_set4: an IPv4 endpoint. */
static void test_set4(union sock_addr *a, const char *ip, unsigned port)
{
	memset(a, 0, sizeof(*a));
	a->in4.sin_family = AF_INET;
	inet_pton(AF_INET, ip, &a->in4.sin_addr);
	a->in4.sin_port = htons(port);
}

/* test_set6: an IPv6 endpoint. */
static void test_set6(union sock_addr *a, const char *ip, unsigned port)
{
	memset(a, 0, sizeof(*a));
	a->in6.sin6_family = AF_INET6;
	inet_pton(AF_INET6, ip, &a->in6.sin6_addr);
	a->in6.sin6_port = htons(port);
}

static void test_tcp_peer(void)
{
	struct sock_info v[6];

	memset(v, 0, sizeof(v));
	for (int i = 0; i < 6; i++) {
		v[i].proto = SOCK_P_TCP;
		v[i].state = TCP_ESTABLISHED;
		v[i].netns = 1;
		v[i].inode = 100 + i;
	}
	/* 0: client, 1: server's accepted socket, 2: listener */
	test_set4(&v[0].local, "127.0.0.1", 41234);
	test_set4(&v[0].peer, "127.0.0.1", 8000);
	test_set4(&v[1].local, "127.0.0.1", 8000);
	test_set4(&v[1].peer, "127.0.0.1", 41234);
	v[2].state = TCP_LISTEN;
	test_set4(&v[2].local, "0.0.0.0", 8000);
	/* 3: a client to a remote host on the same port as a local listener */
	v[3].state = TCP_SYN_SENT;
	test_set4(&v[3].local, "10.0.0.5", 5000);
	test_set4(&v[3].peer, "192.0.2.1", 8000);
	/* 4: a loopback connect still in SYN-SENT (backlog full) */
	v[4].state = TCP_SYN_SENT;
	test_set4(&v[4].local, "127.0.0.1", 5001);
	test_set4(&v[4].peer, "127.0.0.1", 8000);
	/* 5: a v6 socket connected to the v4 server through a mapped address */
	test_set6(&v[5].local, "::ffff:127.0.0.1", 5002);
	test_set6(&v[5].peer, "::ffff:127.0.0.1", 8000);

	CHECK(follow_tcp_peer(v, 6, &v[0]) == &v[1]);
	CHECK(follow_tcp_peer(v, 6, &v[1]) == &v[0]);
	CHECK(follow_tcp_peer(v, 6, &v[2]) == NULL); /* a listener has no peer */
	CHECK(follow_tcp_peer(v, 6, &v[3]) == NULL); /* remote: never the local listener */
	CHECK(follow_tcp_peer(v, 6, &v[4]) == &v[2]);
	CHECK(follow_tcp_peer(v, 6, &v[5]) == NULL); /* no socket has its ends */
	test_set4(&v[1].peer, "127.0.0.1", 5002);
	CHECK(follow_tcp_peer(v, 6, &v[5]) == &v[1]);
	v[1].netns = 2; /* another namespace's socket is not the other end */
	CHECK(follow_tcp_peer(v, 6, &v[5]) == NULL);
}

static void test_why(void)
{
	char why[MODEL_WHY_MAX];
	char small[40];

	snprintf(why, sizeof(why), "recvfrom() on TCP 127.0.0.1:41234 -> 127.0.0.1:8000");
	follow_why(why, sizeof(why), "", 812, "python3 server.py", 0);
	CHECK_STR(
	    why, "recvfrom() on TCP 127.0.0.1:41234 -> 127.0.0.1:8000 (pid 812 python3 server.py)");
	snprintf(why, sizeof(why), "read() on pipe:[5]");
	follow_why(why, sizeof(why), "writer", 42, "cat\x1b", 0);
	CHECK_STR(why, "read() on pipe:[5] (writer: pid 42 cat?)");
	snprintf(why, sizeof(why), "wait4(): waiting for a child");
	follow_why(why, sizeof(why), "child", 7, "sleep 100", 2);
	CHECK_STR(why, "wait4(): waiting for a child (child: pid 7 sleep 100, +2 more)");
	snprintf(why, sizeof(why), "flock() on /tmp/x");
	follow_why(why, sizeof(why), "holder", 9, "", 0);
	CHECK_STR(why, "flock() on /tmp/x (holder: pid 9)");
	/* a long command is cut, the pid always stays */
	snprintf(small, sizeof(small), "read() on pipe:[123456]");
	follow_why(small, sizeof(small), "writer", 123456, "a-very-long-command --with args", 0);
	CHECK(strstr(small, "(writer: pid 123456") != NULL);
	CHECK(small[strlen(small) - 1] == ')');
	CHECK(strlen(small) < sizeof(small));
	/* nothing fits: empty, never a cut pid */
	snprintf(small, 10, "abc");
	follow_why(small, 10, "writer", 123456, "x", 0);
	CHECK_STR(small, "");
}

/* test_live_locks: this process holds a flock; a child blocks on it; the
 * live /proc/locks names us as the holder of the child's request. */
static void test_live_locks(void)
{
	char path[] = "/tmp/unit-follow.XXXXXX";
	int fd = mkstemp(path), holder = 0;
	struct follow_lock v[256];
	struct stat st;
	size_t n = 0;
	pid_t kid;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	fstat(fd, &st);
	CHECK_INT(flock(fd, LOCK_EX), 0);
	kid = fork();
	if (kid == 0) {
		int f2 = open(path, O_RDWR);

		flock(f2, LOCK_EX);
		_exit(0);
	}
	for (int i = 0; i < 200 && !holder; i++) {
		usleep(10000);
		if (collect_follow_locks(v, 256, &n) == 0)
			holder = follow_lock_holder(v, n, kid, st.st_ino, major(st.st_dev),
						    minor(st.st_dev), "FLOCK");
	}
	CHECK_INT(holder, getpid());
	{
		unsigned long ino = 0;

		CHECK_INT(collect_follow_fd_ino(getpid(), fd, &ino), 0);
		CHECK_INT(ino, st.st_ino);
	}
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	close(fd);
	unlink(path);
}

/* test_live_children: collect_follow_children finds a child of ours. */
static void test_live_children(void)
{
	struct follow_proc v[64];
	size_t n;
	pid_t kid = fork();
	bool found = false;

	if (kid == 0) {
		pause();
		_exit(0);
	}
	n = collect_follow_children(getpid(), v, 64);
	for (size_t i = 0; i < n; i++)
		found |= v[i].pid == kid;
	CHECK(found);
	{
		char comm[64];

		CHECK_INT(collect_follow_comm(kid, comm, sizeof(comm)), 0);
		CHECK_STR(comm, "unit-follow");
	}
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
}

/* test_live_sock_owner: a child holds one end of a socketpair (we close
 * ours): the search finds it, also when it must go on over several calls
 * with a tiny budget; a socket nobody holds is a miss (0). */
static void test_live_sock_owner(void)
{
	int sv[2], cursor = 0, owner = -1, calls = 0;
	struct stat st;
	pid_t kid;

	CHECK_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	fstat(sv[1], &st);
	kid = fork();
	if (kid == 0) {
		close(sv[0]);
		if (write(sv[1], "x", 1) != 1) /* says it holds no sv[0] any more */
			_exit(1);
		pause();
		_exit(0);
	}
	close(sv[1]);
	{
		char c;

		/* on a busy machine the child may not have run yet: until it
		 * closes its copy, sv[0] has another holder */
		CHECK_INT(read(sv[0], &c, 1), 1);
	}
	for (int i = 0; i < 200 && owner <= 0; i++) {
		usleep(5000);
		size_t budget = 1 << 20;

		cursor = 0;
		owner = collect_follow_sock_owner(st.st_ino, getpid(), -1, &budget, &cursor);
	}
	CHECK_INT(owner, kid);
	CHECK_INT(cursor, 0);
	cursor = 0;
	do {
		size_t budget = 3;

		owner = collect_follow_sock_owner(st.st_ino, getpid(), -1, &budget, &cursor);
		calls++;
	} while (owner == -1 && calls < 1000000);
	CHECK_INT(owner, kid);
	CHECK(calls > 1);
	{
		size_t budget = 1 << 20;

		cursor = 0;
		CHECK_INT(
		    collect_follow_sock_owner(st.st_ino, getpid(), 123456789, &budget, &cursor), 0);
		fstat(sv[0], &st);
		cursor = 0; /* only we hold sv[0], and self is never the owner */
		budget = 1 << 20;
		CHECK_INT(collect_follow_sock_owner(st.st_ino, getpid(), -1, &budget, &cursor), 0);
	}
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	close(sv[0]);
}

int main(void)
{
	test_parse_locks();
	test_lock_holder();
	test_child();
	test_fdinfo_ino();
	test_kind();
	test_tcp_peer();
	test_why();
	test_live_locks();
	test_live_children();
	test_live_sock_owner();
	return test_done("unit-follow");
}
