/* follow-cost.c - what following a wait costs at worst: a socket-owner
 * search that finds nothing (the whole of /proc, up to the fd budget),
 * one /proc/locks read and parse, one children scan.  Prints the wall
 * time per call, averaged over N runs (default 20). */
#include "config.h"
#include "collect-follow.h"
#include "sampler.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20;
	static struct follow_lock locks[SAMPLER_FOLLOW_LOCKS];
	struct follow_proc kids[64];
	size_t nl = 0, nk = 0;
	double t0, t_sock, t_uid, t_locks, t_kids;

	if (n <= 0)
		n = 20;
	t0 = util_mono_s();
	for (int i = 0; i < n; i++) {
		int cur = 0;
		size_t budget = SAMPLER_FOLLOW_MAX_FDS;

		collect_follow_sock_owner(1, getpid(), -1, &budget, &cur);
	}
	t_sock = (util_mono_s() - t0) / n;
	t0 = util_mono_s();
	for (int i = 0; i < n; i++) {
		int cur = 0;
		size_t budget = SAMPLER_FOLLOW_MAX_FDS;

		collect_follow_sock_owner(1, getpid(), 65534, &budget, &cur);
	}
	t_uid = (util_mono_s() - t0) / n;
	t0 = util_mono_s();
	for (int i = 0; i < n; i++)
		collect_follow_locks(locks, SAMPLER_FOLLOW_LOCKS, &nl);
	t_locks = (util_mono_s() - t0) / n;
	t0 = util_mono_s();
	for (int i = 0; i < n; i++)
		nk = collect_follow_children(1, kids, 64);
	t_kids = (util_mono_s() - t0) / n;
	printf("socket-owner search (miss, one refresh's budget of %d fds): %.2f ms\n",
	       SAMPLER_FOLLOW_MAX_FDS, t_sock * 1e3);
	printf("socket-owner search (miss, only uid 65534's processes): %.2f ms\n", t_uid * 1e3);
	printf("/proc/locks read+parse (%zu lines): %.3f ms\n", nl, t_locks * 1e3);
	printf("children scan of /proc (%zu children of pid 1): %.2f ms\n", nk, t_kids * 1e3);
	return 0;
}
