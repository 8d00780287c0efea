/* procps-compat.c - stat, meminfo, vmstat and diskstats from libproc2
 * (procps-ng 4: one context each, select/reap every call, never *_GET)
 * or from libprocps (procps-ng 3.3: getstat() and getdiskstat(); its
 * shared library gives nothing the strip needs from meminfo or vmstat, so
 * those two are read with held fds and parse-sys.c's parsers).  It does
 * not compute deltas: collect-sys.c does. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procps-compat.h"
#include "util.h"

#if defined(HAVE_LIBPROC2)

#include <libproc2/diskstats.h>
#include <libproc2/meminfo.h>
#include <libproc2/stat.h>
#include <libproc2/vmstat.h>

/* Our own accessor: the *_VAL macros lost an argument in procps-ng 4.0.5. */
#define PC_RES(stack, i, member) ((stack)->head[(i)].result.member)
#define PC_NITEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static enum meminfo_item procps_compat_mem_items[] = { MEMINFO_MEM_DIRTY, MEMINFO_MEM_WRITEBACK };
static enum vmstat_item procps_compat_vm_items[] = { VMSTAT_NR_DIRTY_THRESHOLD,
						     VMSTAT_NR_DIRTY_BACKGROUND_THRESHOLD,
						     VMSTAT_NR_DIRTIED, VMSTAT_NR_WRITTEN };
/* Single tick fields in cpu_ticks[] order (not 4.0.2's sums, which count
 * guest twice); then the two process counts. */
static enum stat_item procps_compat_stat_items[] = { STAT_TIC_USER,	    STAT_TIC_NICE,
						     STAT_TIC_SYSTEM,	    STAT_TIC_IDLE,
						     STAT_TIC_IOWAIT,	    STAT_TIC_IRQ,
						     STAT_TIC_SOFTIRQ,	    STAT_TIC_STOLEN,
						     STAT_SYS_PROC_RUNNING, STAT_SYS_PROC_BLOCKED };
static enum diskstats_item procps_compat_disk_items[] = { DISKSTATS_NAME, DISKSTATS_TYPE,
							  DISKSTATS_READ_SECTORS,
							  DISKSTATS_WRITE_SECTORS,
							  DISKSTATS_IO_TIME };

struct procps_compat {
	struct meminfo_info *mem;
	struct vmstat_info *vm;
	struct stat_info *stat;
	struct diskstats_info *disk;
};

const char *procps_compat_library(void)
{
	return "libproc2";
}

struct procps_compat *procps_compat_new(void)
{
	struct procps_compat *pc = xcalloc(1, sizeof(*pc));
	int rc = procps_stat_new(&pc->stat);

	if (rc < 0) {
		free(pc);
		errno = -rc;
		return NULL;
	}
	/* the others are optional: a NULL context makes its reading fail */
	if (procps_meminfo_new(&pc->mem) < 0)
		pc->mem = NULL;
	if (procps_vmstat_new(&pc->vm) < 0)
		pc->vm = NULL;
	if (procps_diskstats_new(&pc->disk) < 0)
		pc->disk = NULL;
	return pc;
}

void procps_compat_free(struct procps_compat *pc)
{
	if (!pc)
		return;
	if (pc->mem)
		procps_meminfo_unref(&pc->mem);
	if (pc->vm)
		procps_vmstat_unref(&pc->vm);
	if (pc->stat)
		procps_stat_unref(&pc->stat);
	if (pc->disk)
		procps_diskstats_unref(&pc->disk);
	free(pc);
}

int procps_compat_stat(struct procps_compat *pc, struct sys_raw *out)
{
	struct stat_reaped *r =
	    procps_stat_reap(pc->stat, STAT_REAP_CPUS_ONLY, procps_compat_stat_items,
			     PC_NITEMS(procps_compat_stat_items));

	if (!r || !r->summary)
		return -1;
	for (int i = 0; i < 8; i++)
		out->cpu_ticks[i] = PC_RES(r->summary, i, ull_int);
	out->procs_running = (int)PC_RES(r->summary, 8, ul_int);
	out->procs_blocked = (int)PC_RES(r->summary, 9, ul_int);
	out->ncpu = r->cpus ? r->cpus->total : 0;
	return 0;
}

int procps_compat_meminfo(struct procps_compat *pc, struct sys_raw *out)
{
	struct meminfo_stack *m;

	if (!pc->mem)
		return -1;
	m = procps_meminfo_select(pc->mem, procps_compat_mem_items,
				  PC_NITEMS(procps_compat_mem_items));
	if (!m)
		return -1;
	out->dirty_kb = PC_RES(m, 0, ul_int);
	out->writeback_kb = PC_RES(m, 1, ul_int);
	return 0;
}

int procps_compat_vmstat(struct procps_compat *pc, struct sys_raw *out)
{
	struct vmstat_stack *v;

	if (!pc->vm)
		return -1;
	v = procps_vmstat_select(pc->vm, procps_compat_vm_items, PC_NITEMS(procps_compat_vm_items));
	if (!v)
		return -1;
	out->dirty_thresh_pages = PC_RES(v, 0, ul_int);
	out->dirty_bg_thresh_pages = PC_RES(v, 1, ul_int);
	out->nr_dirtied = PC_RES(v, 2, ul_int);
	out->nr_written = PC_RES(v, 3, ul_int);
	return 0;
}

int procps_compat_diskstats(struct procps_compat *pc, struct sys_raw *out)
{
	struct diskstats_reaped *r;

	out->ndisks = 0;
	if (!pc->disk)
		return -1;
	r = procps_diskstats_reap(pc->disk, procps_compat_disk_items,
				  PC_NITEMS(procps_compat_disk_items));
	if (!r)
		return -1;
	for (int i = 0; i < r->total && out->ndisks < SYS_MAX_DISKS; i++) {
		struct diskstats_stack *s = r->stacks[i];
		const char *name = PC_RES(s, 0, str);
		struct sys_disk_raw *d;

		if (PC_RES(s, 1, s_int) != DISKSTATS_TYPE_DISK || !name ||
		    strlen(name) >= sizeof(d->name))
			continue;
		d = &out->disks[out->ndisks++];
		memset(d, 0, sizeof(*d));
		strcpy(d->name, name);
		d->read_sectors = PC_RES(s, 2, ul_int);
		d->write_sectors = PC_RES(s, 3, ul_int);
		d->io_ms = PC_RES(s, 4, ul_int);
	}
	return 0;
}

#elif defined(HAVE_LIBPROCPS)

#include <proc/sysinfo.h>

/* libprocps 3.3 exits the process (exit(1) or _exit(102)) when it cannot
 * open a /proc file, so each file is checked here first and a reading
 * whose file is unreadable fails instead of being attempted.  Its shared
 * library exports neither kb_dirty nor kb_writeback nor any vm_* (only
 * libprocps.a has them), and vminfo() has no dirty thresholds, nr_dirtied
 * or nr_written: meminfo and vmstat are read here with held fds and
 * parse_sys_meminfo/parse_sys_vmstat. */
struct procps_compat {
	bool stat_ok, disk_ok;
	int fd_meminfo, fd_vmstat;
	char buf[16384]; /* /proc/vmstat is about 4 KiB on 6.x kernels */
};

const char *procps_compat_library(void)
{
	return "libprocps";
}

/* procps_compat_readable: whether path opens for reading now. */
static bool procps_compat_readable(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

struct procps_compat *procps_compat_new(void)
{
	struct procps_compat *pc;

	if (!procps_compat_readable("/proc/stat"))
		return NULL; /* errno from open */
	pc = xcalloc(1, sizeof(*pc));
	pc->disk_ok = procps_compat_readable("/proc/diskstats");
	pc->fd_meminfo = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);
	pc->fd_vmstat = open("/proc/vmstat", O_RDONLY | O_CLOEXEC);
	/* getstat() reads /proc/vmstat too (pgpgin, through vminfo()) */
	pc->stat_ok = pc->fd_vmstat >= 0;
	return pc;
}

void procps_compat_free(struct procps_compat *pc)
{
	if (!pc)
		return;
	if (pc->fd_meminfo >= 0)
		close(pc->fd_meminfo);
	if (pc->fd_vmstat >= 0)
		close(pc->fd_vmstat);
	free(pc);
}

/* procps_compat_text: the whole file behind a held fd into pc->buf (a
 * seq_file read may stop at a page: read on until EOF); NULL on error. */
static const char *procps_compat_text(struct procps_compat *pc, int fd)
{
	size_t off = 0;
	ssize_t n;

	if (fd < 0)
		return NULL;
	while (off < sizeof(pc->buf) - 1) {
		n = pread(fd, pc->buf + off, sizeof(pc->buf) - 1 - off, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return NULL;
		if (n == 0)
			break;
		off += (size_t)n;
	}
	pc->buf[off] = '\0';
	return pc->buf;
}

int procps_compat_stat(struct procps_compat *pc, struct sys_raw *out)
{
	unsigned long pin = 0, pout = 0, sin = 0, sout = 0;
	unsigned intr = 0, ctxt = 0, running = 0, blocked = 0, btime = 0, procs = 0;
	jiff t[8] = { 0 };
	long ncpu;

	if (!pc->stat_ok)
		return -1;
	getstat(&t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7], &pin, &pout, &sin, &sout,
		&intr, &ctxt, &running, &blocked, &btime, &procs);
	for (int i = 0; i < 8; i++)
		out->cpu_ticks[i] = t[i];
	/* getstat() takes one off procs_running for its caller (vmstat's
	 * habit); the kernel's count includes the reader, as libproc2's does */
	out->procs_running = (int)running + 1;
	out->procs_blocked = (int)blocked;
	ncpu = sysconf(_SC_NPROCESSORS_ONLN); /* the cpuN lines of /proc/stat */
	out->ncpu = ncpu > 0 ? (int)ncpu : 0;
	return 0;
}

int procps_compat_meminfo(struct procps_compat *pc, struct sys_raw *out)
{
	const char *t = procps_compat_text(pc, pc->fd_meminfo);

	return t ? parse_sys_meminfo(t, out) : -1;
}

int procps_compat_vmstat(struct procps_compat *pc, struct sys_raw *out)
{
	const char *t = procps_compat_text(pc, pc->fd_vmstat);

	return t ? parse_sys_vmstat(t, out) : -1;
}

int procps_compat_diskstats(struct procps_compat *pc, struct sys_raw *out)
{
	struct disk_stat *disks = NULL;
	struct partition_stat *parts = NULL;
	unsigned int n;

	out->ndisks = 0;
	if (!pc->disk_ok)
		return -1;
	/* whole disks are the names /sys/block/NAME exists for */
	n = getdiskstat(&disks, &parts);
	for (unsigned int i = 0; i < n && out->ndisks < SYS_MAX_DISKS; i++) {
		struct sys_disk_raw *d = &out->disks[out->ndisks];

		if (strlen(disks[i].disk_name) >= sizeof(d->name))
			continue;
		memset(d, 0, sizeof(*d));
		strcpy(d->name, disks[i].disk_name);
		d->read_sectors = disks[i].reads_sectors;
		d->write_sectors = disks[i].written_sectors;
		d->io_ms = disks[i].milli_spent_IO;
		out->ndisks++;
	}
	free(disks);
	free(parts);
	return 0;
}

#else
#error "configure chose no procps library (HAVE_LIBPROC2 or HAVE_LIBPROCPS)"
#endif
