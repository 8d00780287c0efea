/* unit-procps.c - the procps compat layer: the meminfo and vmstat parsers
 * on captured text, then the four readings of whichever library configure
 * chose (libproc2 or libprocps) against the kernel's own files read just
 * before and after: counters between the two, names that exist. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procps-compat.h"
#include "test.h"

static const char meminfo_text[] = "MemTotal:        4005812 kB\n"
				   "MemFree:          202564 kB\n"
				   "Dirty:              1412 kB\n"
				   "Writeback:             8 kB\n"
				   "WritebackTmp:          0 kB\n";

static const char vmstat_text[] = "nr_free_pages 50641\n"
				  "nr_dirty 353\n"
				  "nr_written 1868345\n"
				  "nr_dirtied 1964433\n"
				  "nr_dirty_threshold 121745\n"
				  "nr_dirty_background_threshold 60798\n"
				  "pgpgin 3471524\n";

static void test_parse_meminfo(void)
{
	struct sys_raw r;

	memset(&r, 0, sizeof(r));
	CHECK_INT(parse_sys_meminfo(meminfo_text, &r), 0);
	CHECK_INT(r.dirty_kb, 1412);
	CHECK_INT(r.writeback_kb, 8); /* not WritebackTmp */
	CHECK_INT(parse_sys_meminfo("MemTotal: 1 kB\nDirty: 5 kB\n", &r), -1);
	CHECK_INT(parse_sys_meminfo("Dirty: x kB\nWriteback: 0 kB\n", &r), -1);
	CHECK_INT(parse_sys_meminfo("", &r), -1);
}

static void test_parse_vmstat(void)
{
	struct sys_raw r;

	memset(&r, 0, sizeof(r));
	CHECK_INT(parse_sys_vmstat(vmstat_text, &r), 0);
	CHECK_INT(r.dirty_thresh_pages, 121745);
	CHECK_INT(r.dirty_bg_thresh_pages, 60798);
	CHECK_INT(r.nr_dirtied, 1964433);
	CHECK_INT(r.nr_written, 1868345);
	/* before Linux 2.6.37 there is no nr_dirtied: the reading fails */
	CHECK_INT(parse_sys_vmstat("nr_dirty_threshold 1\nnr_dirty_background_threshold 2\n"
				   "nr_written 3\n",
				   &r),
		  -1);
	CHECK_INT(parse_sys_vmstat("nr_dirtied_x 1\n", &r), -1);
	CHECK_INT(parse_sys_vmstat("nr_dirtied -1\nnr_written 1\nnr_dirty_threshold 1\n"
				   "nr_dirty_background_threshold 1\n",
				   &r),
		  -1);
}

/* live_file: the whole of path (static buffer); "" on error. */
static const char *live_file(const char *path)
{
	static char buf[1 << 16];
	int fd = open(path, O_RDONLY);
	size_t off = 0;
	ssize_t n = 0;

	buf[0] = '\0';
	if (fd < 0)
		return buf;
	while (off < sizeof(buf) - 1 && (n = read(fd, buf + off, sizeof(buf) - 1 - off)) > 0)
		off += (size_t)n;
	buf[off] = '\0';
	close(fd);
	return buf;
}

/* live_cpu: the "cpu " line's first eight fields and the count of cpuN lines. */
static int live_cpu(unsigned long long t[8])
{
	const char *s = live_file("/proc/stat");
	int ncpu = 0;

	if (sscanf(s, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &t[0], &t[1], &t[2], &t[3],
		   &t[4], &t[5], &t[6], &t[7]) != 8)
		return -1;
	for (const char *p = strstr(s, "\ncpu"); p; p = strstr(p + 1, "\ncpu"))
		ncpu++;
	return ncpu;
}

/* live_disk_sectors: read sectors of disk name in /proc/diskstats, or -1. */
static long long live_disk_sectors(const char *name)
{
	const char *s = live_file("/proc/diskstats");
	char dev[64];
	unsigned long long rd;
	int used;

	while (sscanf(s, "%*u %*u %63s %*u %*u %llu%n", dev, &rd, &used) == 2) {
		if (strcmp(dev, name) == 0)
			return (long long)rd;
		s = strchr(s + used, '\n');
		if (!s)
			break;
		s++;
	}
	return -1;
}

static void test_live(void)
{
	struct procps_compat *pc = procps_compat_new();
	static struct sys_raw r;
	unsigned long long before[8], after[8];
	long long sect0[SYS_MAX_DISKS];
	int ncpu;

	CHECK(pc != NULL);
	if (!pc)
		return;
#if defined(HAVE_LIBPROC2)
	CHECK_STR(procps_compat_library(), "libproc2");
#else
	CHECK_STR(procps_compat_library(), "libprocps");
#endif
	/* stat: each counter between two direct reads; the reader itself runs */
	ncpu = live_cpu(before);
	CHECK_INT(procps_compat_stat(pc, &r), 0);
	CHECK_INT(live_cpu(after), ncpu);
	for (int i = 0; i < 8; i++)
		CHECK(r.cpu_ticks[i] >= before[i] && r.cpu_ticks[i] <= after[i]);
	CHECK_INT(r.ncpu, ncpu);
	CHECK(r.procs_running >= 1);
	CHECK(r.procs_blocked >= 0);

	/* meminfo and vmstat: present and sane (they move too fast to compare) */
	CHECK_INT(procps_compat_meminfo(pc, &r), 0);
	CHECK_INT(procps_compat_vmstat(pc, &r), 0);
	CHECK(r.dirty_thresh_pages > 0);
	CHECK(r.dirty_bg_thresh_pages > 0 && r.dirty_bg_thresh_pages <= r.dirty_thresh_pages);
	CHECK(r.nr_dirtied >= r.nr_written / 2); /* both count since boot */

	/* diskstats: whole disks that /sys/block knows, counters that agree */
	CHECK_INT(procps_compat_diskstats(pc, &r), 0);
	for (size_t i = 0; i < r.ndisks; i++)
		sect0[i] = live_disk_sectors(r.disks[i].name);
	CHECK_INT(procps_compat_diskstats(pc, &r), 0);
	for (size_t i = 0; i < r.ndisks; i++) {
		char path[128];
		long long sect1 = live_disk_sectors(r.disks[i].name);

		snprintf(path, sizeof(path), "/sys/block/%s", r.disks[i].name);
		CHECK(access(path, F_OK) == 0);
		CHECK(!r.disks[i].stacked);
		CHECK(sect0[i] >= 0 && (long long)r.disks[i].read_sectors >= sect0[i] &&
		      (long long)r.disks[i].read_sectors <= sect1);
	}
	printf("unit-procps: %s, %d cpus, %zu disks, running %d, dirty %llu kB\n",
	       procps_compat_library(), r.ncpu, r.ndisks, r.procs_running, r.dirty_kb);
	procps_compat_free(pc);
	procps_compat_free(NULL);
}

int main(void)
{
	test_parse_meminfo();
	test_parse_vmstat();
	test_live();
	return test_done("unit-procps");
}
