/* deadline-cost.c - the cost of the deadline worker's hop: N reads of
 * /proc/self/task/TID/syscall through deadline_pread against N plain
 * preads of the same file (held fd), in wall and CPU time (both threads).
 * Usage: deadline-cost [N]   (default 20000) */
#include "config.h"
#include "deadline.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* dc_now: CLOCK_MONOTONIC or CLOCK_PROCESS_CPUTIME_ID in microseconds. */
static double dc_now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20000;
	char path[64], buf[4096];
	double w0, c0, w1, c1, w2, c2;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", getpid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || n <= 0)
		return 1;
	deadline_pread(getpid(), AT_FDCWD, NULL, fd, buf, sizeof(buf), 0); /* start the worker */
	w0 = dc_now(CLOCK_MONOTONIC);
	c0 = dc_now(CLOCK_PROCESS_CPUTIME_ID);
	for (int i = 0; i < n; i++)
		if (pread(fd, buf, sizeof(buf) - 1, 0) < 0)
			return 1;
	w1 = dc_now(CLOCK_MONOTONIC);
	c1 = dc_now(CLOCK_PROCESS_CPUTIME_ID);
	for (int i = 0; i < n; i++)
		if (deadline_pread(getpid(), AT_FDCWD, NULL, fd, buf, sizeof(buf), 0) < 0)
			return 1;
	w2 = dc_now(CLOCK_MONOTONIC);
	c2 = dc_now(CLOCK_PROCESS_CPUTIME_ID);
	printf("direct pread: %.2f us wall, %.2f us CPU per read\n", (w1 - w0) / n, (c1 - c0) / n);
	printf("deadline_pread: %.2f us wall, %.2f us CPU per read\n", (w2 - w1) / n,
	       (c2 - c1) / n);
	printf("hop: +%.2f us wall, +%.2f us CPU per read\n", (w2 - w1 - (w1 - w0)) / n,
	       (c2 - c1 - (c1 - c0)) / n);
	deadline_shutdown();
	return 0;
}
