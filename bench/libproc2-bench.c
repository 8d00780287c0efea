/* libproc2-bench.c - CPU cost of one procps_pids_reap per process, with
 * the items a waittop row needs: pid, state, tics, wchan, io read/write
 * bytes, command name.  Output matches scan-bench's.
 * Usage: libproc2-bench [-n refreshes] [-i interval_ms] */
#include <libproc2/pids.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* lp_cpu_s: CPU time of this process, seconds. */
static double lp_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	enum pids_item items[] = { PIDS_ID_PID,	    PIDS_STATE,		PIDS_TICS_ALL,
				   PIDS_WCHAN_NAME, PIDS_IO_READ_BYTES, PIDS_IO_WRITE_BYTES,
				   PIDS_CMD };
	struct pids_info *info = NULL;
	int nref = 20, interval_ms = 200, c, i;
	double cpu = 0;
	size_t procs = 0;
	unsigned long long sum = 0;

	while ((c = getopt(argc, argv, "n:i:")) != -1) {
		if (c == 'n')
			nref = atoi(optarg);
		else if (c == 'i')
			interval_ms = atoi(optarg);
		else
			return 2;
	}
	if (procps_pids_new(&info, items, (int)(sizeof(items) / sizeof(items[0]))) < 0)
		return 1;
	procps_pids_reap(info, PIDS_FETCH_TASKS_ONLY); /* warm-up, like scan-bench's first scan */
	for (i = 0; i < nref; i++) {
		struct timespec ts = { interval_ms / 1000, (interval_ms % 1000) * 1000000L };
		struct pids_fetch *f;
		double t0;
		int j;

		nanosleep(&ts, NULL);
		t0 = lp_cpu_s();
		f = procps_pids_reap(info, PIDS_FETCH_TASKS_ONLY);
		if (!f)
			return 1;
		for (j = 0; j < f->counts->total; j++)
			sum += f->stacks[j]->head[2].result.ull_int; /* touch the results */
		procs += (size_t)f->counts->total;
		cpu += lp_cpu_s() - t0;
	}
	printf("libproc2 procs=%zu threads=- us_per_proc=%.2f held_fds=0 slab_delta_kb=- (tics "
	       "%llu)\n",
	       procs / (size_t)nref, cpu * 1e6 / (double)(procs ? procs : 1), sum);
	procps_pids_unref(&info);
	return 0;
}
