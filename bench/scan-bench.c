/* scan-bench.c - CPU cost of one refresh of the per-process reader,
 * per process: "held" is waittop's reader (collect_proc_scan, threads on);
 * "open" reads the same files with open/read/close every refresh, as a
 * naive reader would.  Also reports the kernel memory the held fds pin.
 * "fast" times collect_proc_read_thread on every thread (the fast sampler's
 * call), per call.
 * Usage: scan-bench -m held|open|fast [-n refreshes] [-i interval_ms] */
#include "config.h"
#include "collect-proc.h"
#include "util.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* bench_cpu_s: CPU time of this process (user + system), seconds. */
static double bench_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* bench_slab_kb: Slab from /proc/meminfo, kB; -1 if unreadable. */
static long bench_slab_kb(void)
{
	char buf[8192];
	const char *p;

	if (util_read_file(AT_FDCWD, "/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, "\nSlab:");
	return p ? strtol(p + 6, NULL, 10) : -1;
}

/* bench_open_scan: open/read/close stat, io, schedstat, wchan and syscall of
 * every process; returns the number of processes read. */
static size_t bench_open_scan(int procfd)
{
	static const char *const files[] = { "stat", "io", "schedstat", "wchan", "syscall" };
	static char dents[32768];
	char path[300], buf[4096];
	size_t nproc = 0, i;
	ssize_t n;

	lseek(procfd, 0, SEEK_SET);
	while ((n = getdents64(procfd, dents, sizeof(dents))) > 0) {
		ssize_t off = 0;

		while (off < n) {
			struct dirent64 *d = (struct dirent64 *)(dents + off);
			struct task_raw t;

			off += d->d_reclen;
			if (d->d_name[0] < '1' || d->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "%s/stat", d->d_name);
			if (util_read_file(procfd, path, buf, sizeof(buf)) < 0 ||
			    parse_proc_stat(buf, &t) < 0)
				continue;
			nproc++;
			for (i = 1; i < 5; i++) {
				snprintf(path, sizeof(path), "%s/%s", d->d_name, files[i]);
				if (util_read_file(procfd, path, buf, sizeof(buf)) < 0)
					continue;
				if (i == 1)
					parse_proc_io(buf, &t);
				else if (i == 2)
					parse_proc_schedstat(buf, &t);
				else if (i == 4)
					parse_proc_syscall(buf, &t);
			}
		}
	}
	return nproc;
}

int main(int argc, char **argv)
{
	const char *mode = "held";
	int nref = 20, interval_ms = 200, c, i;
	double cpu = 0;
	size_t procs = 0, threads = 0;
	long slab0 = bench_slab_kb(), slab1;
	struct collect_proc_opts o = { .threads = true };
	struct collect_proc *cp = NULL;
	struct proc_snap s = { 0 };
	int procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	while ((c = getopt(argc, argv, "m:n:i:")) != -1) {
		if (c == 'm')
			mode = optarg;
		else if (c == 'n')
			nref = atoi(optarg);
		else if (c == 'i')
			interval_ms = atoi(optarg);
		else
			return 2;
	}
	if (strcmp(mode, "held") == 0 || strcmp(mode, "fast") == 0) {
		cp = collect_proc_new(&o);
		if (!cp || collect_proc_scan(cp, &s) < 0) /* first scan opens: not timed */
			return 1;
	} else if (strcmp(mode, "open") != 0) {
		fprintf(stderr, "scan-bench: -m held|open|fast\n");
		return 2;
	}
	for (i = 0; i < nref; i++) {
		struct timespec ts = { interval_ms / 1000, (interval_ms % 1000) * 1000000L };
		double t0;

		nanosleep(&ts, NULL);
		t0 = bench_cpu_s();
		if (cp && strcmp(mode, "fast") == 0) {
			size_t j;
			struct task_raw t;

			for (j = 0; j < s.nprocs; j++)
				for (size_t k = 0; k < proc_snap_nthr(&s.procs[j]); k++) {
					const struct task_raw *th =
					    proc_snap_thread(&s, &s.procs[j], k);

					collect_proc_read_thread(cp, th->pid, th->tid, &t);
					procs++;
				}
		} else if (cp) {
			size_t j;

			collect_proc_scan(cp, &s);
			procs += s.nprocs;
			for (j = 0; j < s.nprocs; j++)
				threads += proc_snap_nthr(&s.procs[j]);
		} else {
			procs += bench_open_scan(procfd);
		}
		cpu += bench_cpu_s() - t0;
	}
	slab1 = bench_slab_kb();
	if (strcmp(mode, "fast") == 0)
		printf("fast read_thread calls=%zu us_per_call=%.2f held_fds=%zu\n",
		       procs / (size_t)nref, cpu * 1e6 / (double)(procs ? procs : 1),
		       collect_proc_held_fds(cp));
	else
		printf("%s procs=%zu threads=%zu us_per_proc=%.2f held_fds=%zu slab_delta_kb=%ld\n",
		       mode, procs / (size_t)nref, threads / (size_t)nref,
		       cpu * 1e6 / (double)(procs ? procs : 1), collect_proc_held_fds(cp),
		       slab1 - slab0);
	proc_snap_clear(&s);
	collect_proc_free(cp);
	return 0;
}
