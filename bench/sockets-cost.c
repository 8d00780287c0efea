/* sockets-cost.c [SOCKETS] [ROUNDS] - what --panes sockets adds to a
 * refresh: children hold SOCKETS unix sockets (socketpairs, default
 * 2,000), this process 16 UDP ones; it refreshes the network collector (which dumps
 * them anyway, for the NET columns and the verdict) and then builds the
 * Connections rows ROUNDS times (default 200): the TCP rows alone, then
 * with the UDP and unix rows (conn_add_sockets, peers looked up in the
 * table, at most MODEL_SOCKETS_MAX rows).  Prints CPU and wall ms per
 * refresh of each, and the collector's own refresh for scale. */
#include "config.h"
#include "collect-conn.h"
#include "collect-net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* sockets_cost_now: seconds of clock c. */
static double sockets_cost_now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* sockets_cost_find: the pane's peer lookup. */
static const struct sock_info *sockets_cost_find(const void *ctx, unsigned long inode)
{
	return collect_net_find(ctx, inode);
}

/* sockets_cost_pairs: n/2 socketpairs (stream and dgram by turns); 0 or -1. */
static int sockets_cost_pairs(int n)
{
	for (int i = 0; i < n / 2; i++) {
		int sv[2];

		if (socketpair(AF_UNIX, i % 2 ? SOCK_DGRAM : SOCK_STREAM, 0, sv) != 0) {
			perror("sockets-cost: socketpair");
			return -1;
		}
	}
	return 0;
}

/* sockets_cost_open: n unix sockets held by children of up to 16,000 each
 * (the fd limit may be low and not raisable), pids into kids (ends with
 * 0), and 16 bound UDP sockets here; 0 or -1. */
static int sockets_cost_open(int n, pid_t *kids, size_t maxkids)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct rlimit rl;
	size_t k = 0;

	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	for (int left = n; left > 0 && k + 1 < maxkids; left -= 16000) {
		int p[2], chunk = left < 16000 ? left : 16000;
		char c;

		if (pipe(p) != 0 || (kids[k] = fork()) < 0)
			return -1;
		if (kids[k] == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(p[0]);
			if (sockets_cost_pairs(chunk) == 0)
				(void)!write(p[1], "r", 1);
			for (;;)
				pause();
		}
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			return -1;
		close(p[0]);
		kids[++k] = 0;
	}
	for (int i = 0; i < 16; i++) {
		int fd = socket(AF_INET, SOCK_DGRAM, 0);

		if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
			return -1;
	}
	return 0;
}

/* sockets_cost_round: one build of the rows; with socks, UDP and unix too. */
static size_t sockets_cost_round(struct collect_net *cn, struct conn_prev *prev, bool socks,
				 size_t *omitted)
{
	size_t n;
	const struct sock_info *si = collect_net_sockets(cn, &n);
	struct conn_row *rows;
	long nr = conn_build(si, n, 1.0, prev, &rows);

	*omitted = 0;
	if (nr >= 0 && socks) {
		nr = conn_add_sockets(si, n, MODEL_SOCKETS_MAX, sockets_cost_find, cn, &rows,
				      (size_t)nr, omitted);
		for (long i = 0; i < nr; i++)
			if (rows[i].proto == CONN_P_UNIX && rows[i].peer_inode && !rows[i].peer_pid)
				collect_net_lookup(cn, rows[i].inode);
	}
	free(rows);
	return nr < 0 ? 0 : (size_t)nr;
}

int main(int argc, char **argv)
{
	int nsock = argc > 1 ? atoi(argv[1]) : 2000, rounds = argc > 2 ? atoi(argv[2]) : 200;
	int self = getpid();
	struct collect_net *cn;
	struct conn_prev prev = { 0 };
	struct net_stats st;
	size_t rows = 0, omitted = 0;
	double c0, w0;
	pid_t kids[64] = { 0 };
	int rc = 0;

	if (nsock < 0 || rounds < 1 || sockets_cost_open(nsock, kids, 64) < 0) {
		fprintf(stderr, "sockets-cost: cannot open %d sockets\n", nsock);
		rc = 1;
		goto out;
	}
	if (!(cn = collect_net_new())) {
		perror("sockets-cost: sock_diag");
		rc = 1;
		goto out;
	}
	for (int i = 0; i < 3; i++) /* scan our fds, then steady state */
		collect_net_refresh(cn, sockets_cost_now(CLOCK_MONOTONIC), &self, 1);
	collect_net_stats(cn, &st);
	c0 = sockets_cost_now(CLOCK_PROCESS_CPUTIME_ID);
	for (int i = 0; i < 10; i++)
		collect_net_refresh(cn, sockets_cost_now(CLOCK_MONOTONIC), &self, 1);
	printf("table: %zu sockets (%zu TCP); collector refresh %.2f ms CPU (paid with or without "
	       "the pane)\n",
	       st.nsockets, st.ntcp, (sockets_cost_now(CLOCK_PROCESS_CPUTIME_ID) - c0) * 1e3 / 10);
	for (int socks = 0; socks < 2; socks++) {
		c0 = sockets_cost_now(CLOCK_PROCESS_CPUTIME_ID),
		w0 = sockets_cost_now(CLOCK_MONOTONIC);
		for (int i = 0; i < rounds; i++)
			rows = sockets_cost_round(cn, &prev, socks, &omitted);
		printf("%-28s %6zu rows, %zu omitted: %.3f ms CPU, %.3f ms wall per refresh\n",
		       socks ? "connections + sockets:" : "connections (TCP) alone:", rows, omitted,
		       (sockets_cost_now(CLOCK_PROCESS_CPUTIME_ID) - c0) * 1e3 / rounds,
		       (sockets_cost_now(CLOCK_MONOTONIC) - w0) * 1e3 / rounds);
	}
	conn_prev_clear(&prev);
	collect_net_free(cn);
out:
	for (size_t i = 0; kids[i] > 0; i++)
		kill(kids[i], SIGKILL);
	return rc;
}
