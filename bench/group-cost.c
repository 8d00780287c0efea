/* group-cost.c [ROUNDS] - what the Groups pane adds to a refresh: one
 * real sample of this system from the engine, then collect_group_build
 * on it ROUNDS times (default 200): the first call (every process's
 * /proc/PID/cgroup read) and the steady state (cached cgroups: lookups,
 * the sums, and the groups' pressure files), in CPU and wall time per
 * call.  Run under bench/group-cost.sh for 2,000 processes. */
#include "config.h"
#include "collect-group.h"
#include "engine.h"
#include "opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* group_cost_now: seconds of clock c. */
static double group_cost_now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	char *args[] = { (char *)"group-cost", NULL };
	int rounds = argc > 1 ? atoi(argv[1]) : 200;
	struct opts o;
	struct engine *e;
	struct sample s = { 0 };
	struct collect_group *cg = collect_group_new();
	struct group_row *rows;
	char err[256];
	double c0, w0, cpu_ms, wall_ms;
	long n = 0;

	if (opts_parse(&o, 1, args) != 0 || !(e = engine_new(&o, err, sizeof(err)))) {
		fprintf(stderr, "group-cost: %s\n", err);
		return 1;
	}
	engine_prime(e);
	usleep(500000);
	if (engine_tick(e, &s, err, sizeof(err)) < 0) {
		fprintf(stderr, "group-cost: %s\n", err);
		return 1;
	}
	c0 = group_cost_now(CLOCK_THREAD_CPUTIME_ID), w0 = group_cost_now(CLOCK_MONOTONIC);
	n = collect_group_build(cg, &s, &rows, NULL);
	free(rows);
	printf("processes %zu, threads %zu, groups %ld\n", s.nprocs, s.nthreads, n);
	printf("first call (reads every /proc/PID/cgroup): %.2f ms CPU, %.2f ms wall\n",
	       (group_cost_now(CLOCK_THREAD_CPUTIME_ID) - c0) * 1e3,
	       (group_cost_now(CLOCK_MONOTONIC) - w0) * 1e3);
	c0 = group_cost_now(CLOCK_THREAD_CPUTIME_ID), w0 = group_cost_now(CLOCK_MONOTONIC);
	for (int i = 0; i < rounds; i++) {
		n = collect_group_build(cg, &s, &rows, NULL);
		free(rows);
	}
	cpu_ms = (group_cost_now(CLOCK_THREAD_CPUTIME_ID) - c0) * 1e3 / rounds;
	wall_ms = (group_cost_now(CLOCK_MONOTONIC) - w0) * 1e3 / rounds;
	printf(
	    "steady state, per refresh (%d rounds): %.3f ms CPU, %.3f ms wall (target <= 1 ms)\n",
	    rounds, cpu_ms, wall_ms);
	collect_group_free(cg);
	model_sample_clear(&s);
	engine_free(e);
	return 0;
}
