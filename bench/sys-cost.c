/* sys-cost.c - what one collect_sys_read costs: CPU time (this process,
 * user + system) per read over N reads in a tight loop, and the wall time.
 * Usage: bench/sys-cost [N]  (default 1000).  Not a test; built by make check. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "collect-sys.h"
#include "util.h"

static double sys_cost_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;
	struct collect_sys *cs = collect_sys_new();
	static struct sys_raw raw;
	double c0, w0, c1, w1;

	if (!cs || n <= 0) {
		fprintf(stderr, "sys-cost: cannot open the collector or bad N\n");
		return 1;
	}
	collect_sys_read(cs, &raw); /* warm up: first-read allocations */
	c0 = sys_cost_cpu_s();
	w0 = util_mono_s();
	for (int i = 0; i < n; i++)
		collect_sys_read(cs, &raw);
	c1 = sys_cost_cpu_s();
	w1 = util_mono_s();
	printf("reads %d  cpu %.1f us/read  wall %.1f us/read  disks %zu  ifaces %zu  psi %d\n", n,
	       (c1 - c0) * 1e6 / n, (w1 - w0) * 1e6 / n, raw.ndisks, raw.nifaces,
	       raw.psi_io.some.have);
	collect_sys_free(cs);
	return 0;
}
