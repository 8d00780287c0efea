/* sampler-cost.c [SECONDS] - CPU time the WAIT sampler costs on this
 * system as it is: a scan and delta every second (not counted), then
 * sampler_finish plus nine sampler_tick calls at 0.1 s (counted, on this
 * thread's CPU clock).  Prints the share of one CPU. */
#include "config.h"
#include "collect-net.h"
#include "collect-proc.h"
#include "delta.h"
#include "sampler.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* bench_cpu_s: this thread's CPU time in seconds. */
static double bench_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 10;
	struct collect_proc_opts po = { .threads = true };
	struct collect_proc *cp = collect_proc_new(&po);
	struct collect_net *cn = collect_net_new();
	struct sampler *sm = sampler_new(cp, cn);
	struct proc_snap prev = { 0 }, cur = { 0 };
	double t_finish = 0, t_tick = 0, wall0;
	size_t active_sum = 0, nthreads = 0;
	long hz = sysconf(_SC_CLK_TCK);

	if (!cp || collect_proc_scan(cp, &prev) < 0) {
		perror("collect_proc");
		return 1;
	}
	sampler_prime(sm, &prev);
	wall0 = util_mono_s();
	for (int r = 0; r < secs; r++) {
		struct sample s = { 0 };
		double t0;

		for (int k = 0; k < 9; k++) {
			usleep(100000);
			t0 = bench_cpu_s();
			sampler_tick(sm);
			t_tick += bench_cpu_s() - t0;
		}
		usleep(100000);
		collect_proc_scan(cp, &cur);
		delta_procs(&prev, &cur, hz, &s);
		if (cn) {
			int *pids = xcalloc(cur.nprocs + 1, sizeof(*pids));

			for (size_t i = 0; i < cur.nprocs; i++)
				pids[i] = cur.procs[i].task.pid;
			collect_net_refresh(cn, cur.mono_s, pids, cur.nprocs);
			free(pids);
		}
		t0 = bench_cpu_s();
		sampler_finish(sm, &cur, &s);
		t_finish += bench_cpu_s() - t0;
		active_sum += sampler_active(sm);
		nthreads = s.nthreads;
		model_sample_clear(&s);
		proc_snap_clear(&prev);
		prev = cur;
		memset(&cur, 0, sizeof(cur));
	}
	{
		double wall = util_mono_s() - wall0;

		printf("threads %zu, active per tick %.1f, looks %llu\n", nthreads,
		       (double)active_sum / secs, sampler_looks(sm));
		printf("sampler_tick   %.3f ms/s\n", 1e3 * t_tick / wall);
		printf("sampler_finish %.3f ms/s\n", 1e3 * t_finish / wall);
		printf("sampler total  %.2f%% of one CPU\n", 100 * (t_tick + t_finish) / wall);
	}
	proc_snap_clear(&prev);
	sampler_free(sm);
	collect_net_free(cn);
	collect_proc_free(cp);
	return 0;
}
