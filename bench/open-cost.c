/* open-cost.c DISK [ROUNDS] - what the Processes pane's disk filter (Enter
 * on a disk) costs per refresh: one real sample of this system from the
 * engine, then collect_open_scan on it ROUNDS times (default 50), each a
 * bounded step (collect-open.h's caps): CPU and wall time per call, the
 * reads it did, and how many calls the first full round took.  Run under
 * bench/open-cost.sh for 2,000 processes. */
#include "config.h"
#include "collect-open.h"
#include "engine.h"
#include "opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* open_cost_now: seconds of clock c. */
static double open_cost_now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	char *args[] = { (char *)"open-cost", NULL };
	const char *disk = argc > 1 ? argv[1] : "vda";
	int rounds = argc > 2 ? atoi(argv[2]) : 50, full = -1;
	struct opts o;
	struct engine *e;
	struct sample s = { 0 };
	struct collect_open *co = collect_open_new();
	char err[256];
	double cpu = 0, wall = 0, cpu_max = 0, cpu_first = 0, steady = 0;
	int nsteady = 0;
	size_t dirs, links, infos, sum[3] = { 0, 0, 0 };

	if (opts_parse(&o, 1, args) != 0 || !(e = engine_new(&o, err, sizeof(err)))) {
		fprintf(stderr, "open-cost: %s\n", err);
		return 1;
	}
	engine_prime(e);
	usleep(500000);
	if (engine_tick(e, &s, err, sizeof(err)) < 0) {
		fprintf(stderr, "open-cost: %s\n", err);
		return 1;
	}
	if (collect_open_set_disk(co, disk) < 0) {
		fprintf(stderr, "open-cost: %s: no such block device\n", disk);
		return 2;
	}
	for (int i = 0; i < rounds; i++) {
		double c0 = open_cost_now(CLOCK_THREAD_CPUTIME_ID),
		       w0 = open_cost_now(CLOCK_MONOTONIC);
		double c;

		free(s.open_pids);
		s.open_pids = NULL;
		collect_open_scan(co, &s);
		c = open_cost_now(CLOCK_THREAD_CPUTIME_ID) - c0;
		cpu += c;
		cpu_max = c > cpu_max ? c : cpu_max;
		wall += open_cost_now(CLOCK_MONOTONIC) - w0;
		collect_open_last(co, &dirs, &links, &infos);
		sum[0] += dirs, sum[1] += links, sum[2] += infos;
		if (full >= 0)
			steady += c, nsteady++;
		else
			cpu_first += c;
		if (full < 0 && s.open_complete)
			full = i + 1;
	}
	printf("processes %zu, disk %s: %zu with files on it\n", s.nprocs, disk, s.nopen_pids);
	printf("per refresh (%d): %.2f ms CPU (max %.2f), %.2f ms wall; reads: %.0f fd dirs, "
	       "%.0f readlinks, %.0f fdinfo\n",
	       rounds, cpu * 1e3 / rounds, cpu_max * 1e3, wall * 1e3 / rounds,
	       (double)sum[0] / rounds, (double)sum[1] / rounds, (double)sum[2] / rounds);
	printf("every process looked at after %d refreshes (%.2f ms CPU in all); then %.2f ms "
	       "CPU per refresh\n",
	       full, cpu_first * 1e3, nsteady ? steady * 1e3 / nsteady : 0.0);
	collect_open_free(co);
	model_sample_clear(&s);
	engine_free(e);
	return 0;
}
