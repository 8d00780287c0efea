/* procps-compat.h - the system strip's four procps readings (stat, meminfo,
 * vmstat, diskstats) from whichever procps library configure chose:
 * libproc2 (procps-ng 4) or libprocps (procps-ng 3.3).  Nothing outside
 * procps-compat.c knows which one it is.  Each reading fills its part of a
 * struct sys_raw and leaves the have_ flags to the caller.  libprocps keeps
 * its state in globals: at most one procps_compat may exist at a time, and
 * it must be used from one thread. */
#ifndef WAITTOP_PROCPS_COMPAT_H
#define WAITTOP_PROCPS_COMPAT_H

#include "collect-sys.h"

struct procps_compat; /* opaque: library contexts or held fds */

/* procps_compat_new: a reader; NULL with errno when /proc/stat can't be read. */
struct procps_compat *procps_compat_new(void);
/* procps_compat_free: NULL is a no-op. */
void procps_compat_free(struct procps_compat *pc);
/* procps_compat_library: "libproc2" or "libprocps" (static text). */
const char *procps_compat_library(void);

/* procps_compat_stat: cpu_ticks[8], procs_running, procs_blocked, ncpu
 * from /proc/stat; 0, or -1 when the read failed. */
int procps_compat_stat(struct procps_compat *pc, struct sys_raw *out);
/* procps_compat_meminfo: dirty_kb and writeback_kb; 0 or -1. */
int procps_compat_meminfo(struct procps_compat *pc, struct sys_raw *out);
/* procps_compat_vmstat: dirty_thresh_pages, dirty_bg_thresh_pages,
 * nr_dirtied, nr_written (pages); 0 or -1. */
int procps_compat_vmstat(struct procps_compat *pc, struct sys_raw *out);
/* procps_compat_diskstats: the devices the library calls whole disks into
 * out->disks/ndisks (name, sectors, io_ms; stacked left false), at most
 * SYS_MAX_DISKS; the caller filters further.  0 or -1. */
int procps_compat_diskstats(struct procps_compat *pc, struct sys_raw *out);

#endif
