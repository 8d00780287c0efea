/* unit-panes.c - the pure parts of the Connections and Groups panes:
 * address and state formatting, per-cookie rates (new sockets have none,
 * counters that went backwards give none), UDP and unix rows (busy ones
 * first under the cap, a unix peer's name), /proc/PID/cgroup (v1 cpu
 * hierarchy first, else v2), mountinfo, and the group sums with their
 * dominant wait over active threads. */
#include "config.h"
#include "collect-conn.h"
#include "collect-group.h"
#include "test.h"

#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

/* sock: a TCP socket 127.0.0.1:lport -> 127.0.0.1:rport. */
static struct sock_info sock(uint64_t cookie, int lport, int rport, unsigned long long rx,
			     unsigned long long tx)
{
	struct sock_info s;

	memset(&s, 0, sizeof(s));
	s.cookie = cookie;
	s.proto = SOCK_P_TCP;
	s.state = TCP_ESTABLISHED;
	s.local.in4.sin_family = AF_INET;
	s.local.in4.sin_port = htons((uint16_t)lport);
	s.local.in4.sin_addr.s_addr = htonl(0x7f000001);
	s.peer.in4.sin_family = AF_INET;
	s.peer.in4.sin_port = htons((uint16_t)rport);
	s.peer.in4.sin_addr.s_addr = htonl(0x7f000001);
	s.have_bytes = true;
	s.bytes_received = rx;
	s.bytes_sent = tx;
	s.have_tcpi = true;
	s.rtt_us = 1500;
	s.total_retrans = 3;
	return s;
}

static void test_conn(void)
{
	struct sock_info s[3];
	struct conn_prev prev = { 0 };
	struct conn_row *rows;
	union sock_addr a6;
	char buf[64];
	long n;

	memset(&a6, 0, sizeof(a6));
	a6.in6.sin6_family = AF_INET6;
	a6.in6.sin6_port = htons(8000);
	a6.in6.sin6_addr.s6_addr[15] = 1;
	CHECK_STR(conn_format_addr(&a6, buf, sizeof(buf)), "[::1]:8000");
	memset(&a6, 0, sizeof(a6));
	CHECK_STR(conn_format_addr(&a6, buf, sizeof(buf)), "-");
	CHECK_STR(conn_state_name(TCP_LISTEN), "LISTEN");
	CHECK_STR(conn_state_name(99), "?");

	s[0] = sock(1, 40000, 8000, 1000, 2000);
	s[1] = sock(2, 8000, 40000, 2000, 1000);
	s[2] = sock(3, 1, 2, 0, 0);
	s[2].proto = SOCK_P_UDP; /* not a connection row */
	n = conn_build(s, 3, 0, &prev, &rows);
	CHECK_INT(n, 2);
	CHECK(!rows[0].have_rate); /* a first reading: no rate, not 0 */
	CHECK_STR(rows[0].local, "127.0.0.1:40000");
	CHECK_STR(rows[0].peer, "127.0.0.1:8000");
	CHECK_NEAR(rows[0].rtt_ms, 1.5, 1e-9);
	CHECK_INT(rows[0].retrans, 3);
	free(rows);
	s[0].bytes_received = 5000, s[0].bytes_sent = 2000;
	s[1].bytes_received = 1000; /* went backwards: no rate */
	s[1].pid = 77;
	n = conn_build(s, 2, 2.0, &prev, &rows);
	CHECK_INT(n, 2);
	CHECK(rows[0].have_rate);
	CHECK_NEAR(rows[0].rx_bps, 2000, 1e-9);
	CHECK_NEAR(rows[0].tx_bps, 0, 1e-9);
	CHECK(!rows[1].have_rate);
	CHECK_INT(rows[1].pid, 77);
	free(rows);
	conn_prev_clear(&prev);
}

/* unix: a unix socket inode -> peer named path ("" unnamed). */
static struct sock_info unix_sock(unsigned long inode, unsigned long peer, const char *path)
{
	struct sock_info s;

	memset(&s, 0, sizeof(s));
	s.proto = SOCK_P_UNIX;
	s.family = AF_UNIX;
	s.type = SOCK_STREAM;
	s.state = TCP_ESTABLISHED;
	s.inode = inode;
	s.unix_peer_inode = peer;
	snprintf(s.unix_path, sizeof(s.unix_path), "%s", path);
	return s;
}

static const struct sock_info *g_socks;
static size_t g_nsocks;

/* find_linear: conn_add_sockets' lookup over g_socks. */
static const struct sock_info *find_linear(const void *ctx, unsigned long inode)
{
	(void)ctx;
	for (size_t i = 0; i < g_nsocks; i++)
		if (g_socks[i].inode == inode)
			return &g_socks[i];
	return NULL;
}

static void test_sockets(void)
{
	struct sock_info s[5];
	struct conn_row *rows = calloc(1, sizeof(*rows));
	size_t omitted = 99;
	long n;

	s[0] = unix_sock(10, 11, "");
	s[1] = unix_sock(11, 10, "/run/x.sock");
	s[1].peer_pid = 7;
	s[2] = sock(1, 1, 2, 0, 0); /* TCP: not added here */
	s[3] = unix_sock(12, 0, "@abstract");
	s[3].rqueue = 5; /* busy: first */
	s[4] = sock(2, 53, 0, 0, 0);
	s[4].proto = SOCK_P_UDP, s[4].inode = 20, s[4].have_drops = true, s[4].drops = 3;
	g_socks = s, g_nsocks = 5;
	rows[0].pid = 1; /* a TCP row already there */
	n = conn_add_sockets(s, 5, 100, find_linear, NULL, &rows, 1, &omitted);
	CHECK_INT(n, 5);
	CHECK_INT(omitted, 0);
	CHECK_INT(rows[0].pid, 1);
	CHECK_INT(rows[1].inode, 12); /* queued bytes, then dropped datagrams */
	CHECK_INT(rows[1].rqueue, 5);
	CHECK_STR(rows[1].local, "@abstract");
	CHECK_INT(rows[2].inode, 20);
	CHECK(rows[2].proto == CONN_P_UDP && rows[2].have_drops && rows[2].drops == 3);
	CHECK_STR(rows[2].local, "127.0.0.1:53");
	CHECK_INT(rows[3].inode, 10); /* idle ones in table order */
	CHECK(rows[3].proto == CONN_P_UNIX);
	CHECK_STR(rows[3].local, "");
	CHECK_STR(rows[3].peer, "/run/x.sock"); /* the peer's name */
	CHECK_INT(rows[3].peer_inode, 11);
	CHECK_INT(rows[3].peer_pid, 0);
	CHECK_INT(rows[4].peer_pid, 7);
	CHECK(!rows[4].have_rate && !rows[4].have_rtt && !rows[4].have_drops);
	CHECK_STR(conn_type_name(rows[4].type), "stream");
	CHECK_STR(conn_proto_name(rows[4].proto), "unix");
	n = conn_add_sockets(s, 5, 2, find_linear, NULL, &rows, 1, &omitted);
	CHECK_INT(n, 3); /* the cap keeps the busy ones */
	CHECK_INT(omitted, 2);
	CHECK_INT(rows[1].inode, 12);
	CHECK_INT(rows[2].inode, 20);
	n = conn_add_sockets(s, 5, 100, NULL, NULL, &rows, 0, &omitted);
	CHECK_INT(n, 4);
	CHECK_STR(rows[2].peer, ""); /* no lookup: no peer name */
	s[0].gone = true; /* closed: left out */
	CHECK_INT(conn_add_sockets(s, 5, 100, NULL, NULL, &rows, 0, &omitted), 3);
	free(rows);
}

static void test_cgroup_parse(void)
{
	char path[128], v2m[64], cpum[64];
	bool v2 = true;

	CHECK_INT(parse_group_cgroup("12:pids:/a\n4:cpu,cpuacct:/docker/abc\n0::/sys.slice\n", path,
				     sizeof(path), &v2),
		  0);
	CHECK_STR(path, "/docker/abc");
	CHECK(!v2);
	CHECK_INT(parse_group_cgroup("0::/system.slice/ssh.service\n", path, sizeof(path), &v2), 0);
	CHECK_STR(path, "/system.slice/ssh.service");
	CHECK(v2);
	/* "cpuset" is not "cpu" */
	CHECK_INT(parse_group_cgroup("3:cpuset:/x\n0::/y\n", path, sizeof(path), &v2), 0);
	CHECK_STR(path, "/y");
	CHECK_INT(parse_group_cgroup("3:cpuset:/x\n", path, sizeof(path), &v2), -1);
	CHECK_INT(parse_group_cgroup("", path, sizeof(path), &v2), -1);

	parse_group_mounts("41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
			   "33 31 0:30 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset\n"
			   "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n",
			   v2m, sizeof(v2m), cpum, sizeof(cpum));
	CHECK_STR(v2m, "/sys/fs/cgroup/unified");
	CHECK_STR(cpum, "/sys/fs/cgroup/cpu");
	parse_group_mounts("", v2m, sizeof(v2m), cpum, sizeof(cpum));
	CHECK_STR(v2m, "");
	CHECK_STR(cpum, "");
}

static void test_group_aggregate(void)
{
	struct proc_row p[3];
	struct thread_row t[4];
	struct sample s;
	struct group_row *rows;
	const char *paths[] = { "/a", "/b" };
	int ids[3] = { 1, 0, 1 };
	long n;

	memset(&s, 0, sizeof(s));
	memset(p, 0, sizeof(p));
	memset(t, 0, sizeof(t));
	p[0].pid = 1, p[0].cpu_pct = 10, p[0].have_io = true, p[0].disk_write_bps = 100;
	p[0].thr_first = 0, p[0].thr_count = 2;
	p[1].pid = 2, p[1].cpu_pct = 99, p[1].thr_first = 2, p[1].thr_count = 1;
	p[2].pid = 3, p[2].cpu_pct = 5, p[2].have_io = true, p[2].disk_write_bps = 50;
	p[2].thr_first = 3, p[2].thr_count = 1;
	/* group /b: an active fsync thread, an idle sleeper with a big sleep share */
	t[0].have_wait = true, t[0].active = true, t[0].wait_share[WAIT_DISK_WRITE] = 80;
	t[0].wait_share[WAIT_CPU] = 20;
	t[1].have_wait = true, t[1].wait_share[WAIT_SLEEP] = 100;
	t[2].have_wait = true, t[2].active = true, t[2].wait_share[WAIT_CPU] = 100;
	t[3].have_wait = true, t[3].active = true, t[3].wait_share[WAIT_DISK_WRITE] = 60;
	t[3].wait_share[WAIT_CPU] = 40;
	s.procs = p, s.nprocs = 3, s.threads = t, s.nthreads = 4;
	n = group_aggregate(&s, ids, paths, 2, &rows);
	CHECK_INT(n, 2);
	CHECK_STR(rows[0].path, "/b");
	CHECK_INT(rows[0].nprocs, 2);
	CHECK_NEAR(rows[0].cpu_pct, 15, 1e-9);
	CHECK_NEAR(rows[0].disk_write_bps, 150, 1e-9);
	CHECK(!rows[0].have_net); /* no process had it: null */
	CHECK_INT(rows[0].wait, WAIT_DISK_WRITE);
	CHECK_NEAR(rows[0].wait_threads, 1.4, 1e-9);
	CHECK_STR(rows[1].path, "/a");
	CHECK_INT(rows[1].wait, WAIT_CPU);
	CHECK(!rows[1].have_io);
	free(rows);
	/* one user process unreadable: the group's sum is null, not partial;
	 * a kernel thread without io does not count */
	p[2].have_io = false;
	n = group_aggregate(&s, ids, paths, 2, &rows);
	CHECK(!rows[0].have_io);
	free(rows);
	p[2].kthread = true;
	n = group_aggregate(&s, ids, paths, 2, &rows);
	CHECK(rows[0].have_io);
	CHECK_NEAR(rows[0].disk_write_bps, 100, 1e-9);
	free(rows);
	p[2].kthread = false, p[2].have_io = true;
	/* an unknown cgroup sums into "-"; only idle threads: idle */
	ids[1] = -1;
	t[2].wait_share[WAIT_CPU] = 0, t[2].wait_share[WAIT_IDLE] = 100;
	n = group_aggregate(&s, ids, paths, 2, &rows);
	CHECK_INT(n, 2);
	CHECK_STR(rows[1].path, "-");
	CHECK_INT(rows[1].wait, WAIT_IDLE);
	free(rows);
}

/* test_copy: the panes' rows are deep-copied with the sample and freed
 * by model_sample_clear. */
static void test_copy(void)
{
	struct sample s, c;

	memset(&s, 0, sizeof(s));
	s.panes = MODEL_PANE_ALL;
	s.disks = calloc(2, sizeof(*s.disks)), s.ndisks = 2;
	s.ifaces = calloc(1, sizeof(*s.ifaces)), s.nifaces = 1;
	s.conns = calloc(3, sizeof(*s.conns)), s.nconns = 3;
	s.groups = calloc(1, sizeof(*s.groups)), s.ngroups = 1;
	strcpy(s.disks[1].name, "vda");
	strcpy(s.ifaces[0].name, "lo");
	s.conns[2].pid = 42;
	strcpy(s.groups[0].path, "/a");
	CHECK_INT(model_sample_copy(&c, &s), 0);
	CHECK(c.disks != s.disks && c.groups != s.groups);
	model_sample_clear(&s);
	CHECK_STR(c.disks[1].name, "vda");
	CHECK_STR(c.ifaces[0].name, "lo");
	CHECK_INT(c.conns[2].pid, 42);
	CHECK_STR(c.groups[0].path, "/a");
	CHECK_INT(c.panes, MODEL_PANE_ALL);
	model_sample_clear(&c);
	CHECK(c.disks == NULL && c.ndisks == 0);
}

int main(void)
{
	test_copy();
	test_conn();
	test_sockets();
	test_cgroup_parse();
	test_group_aggregate();
	return test_done("unit-panes");
}
