/* collect-sys.h - read system-wide counters: CPU, load, memory writeback,
 * disks, network interfaces, TCP retransmits, PSI, delay accounting.
 * The procps library (procps-compat.c: libproc2 or libprocps) covers
 * meminfo, vmstat, stat and diskstats; small pure parsers (parse-sys.c)
 * cover the rest.
 * Produces cumulative counters; sys_delta turns two readings into a
 * struct sys_row.  Never includes curses. */
#ifndef WAITTOP_COLLECT_SYS_H
#define WAITTOP_COLLECT_SYS_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

#define SYS_MAX_DISKS 64
#define SYS_MAX_IFACES 256 /* container hosts have a veth per container */

struct sys_disk_raw {
	char name[MODEL_DEV_MAX];
	unsigned long long read_sectors, write_sectors; /* 512-byte sectors */
	unsigned long long io_ms; /* time spent doing I/O */
	bool stacked; /* dm-N or mdN built on other disks (sysfs slaves/): not
		       * summed, its I/O is already counted on the disks below */
};

struct sys_iface_raw {
	char name[MODEL_DEV_MAX];
	unsigned long long rx_bytes, tx_bytes;
};

struct psi_line {
	bool have;
	double avg10, avg60, avg300;
	unsigned long long total_us;
};
struct psi_raw {
	struct psi_line some, full;
};

struct sys_raw {
	double mono_s, time_s;

	bool have_cpu;
	/* user nice system idle iowait irq softirq steal, built from the single
	 * tick fields (not libproc2 4.0.2's sums, which count guest twice) */
	unsigned long long cpu_ticks[8];
	int ncpu;

	bool have_load;
	double load[3];
	int procs_running, procs_blocked;

	bool have_mem;
	unsigned long long dirty_kb, writeback_kb;
	unsigned long long dirty_bg_thresh_pages, dirty_thresh_pages;
	unsigned long long nr_dirtied, nr_written; /* pages, cumulative */
	long page_size;

	bool have_disk;
	struct sys_disk_raw disks[SYS_MAX_DISKS]; /* whole disks only, sysfs order */
	size_t ndisks;

	bool have_net;
	struct sys_iface_raw ifaces[SYS_MAX_IFACES]; /* lo included */
	size_t nifaces;

	bool have_retrans;
	unsigned long long tcp_retrans_segs;

	struct psi_raw psi_cpu, psi_io, psi_mem; /* .some.have false without PSI */

	int delayacct; /* 1, 0, -1 unknown */
	int dirty_expire_cs, dirty_writeback_cs; /* vm.dirty_*_centisecs, -1 unknown */
};

struct collect_sys; /* opaque: the procps reader and held fds */

/* collect_sys_new: a reader; NULL with errno when even /proc/stat fails. */
struct collect_sys *collect_sys_new(void);
/* collect_sys_free: NULL is a no-op. */
void collect_sys_free(struct collect_sys *cs);
/* collect_sys_read: read everything now into *out; parts that fail keep
 * their have_ flag false.  Always returns 0. */
int collect_sys_read(struct collect_sys *cs, struct sys_raw *out);

/* sys_delta: the row for the interval prev -> cur (pure).  A counter that
 * went backwards gives rate 0 for that interval, not a huge number. */
void sys_delta(const struct sys_raw *prev, const struct sys_raw *cur, struct sys_row *out);

/* Dirty at or below this is "about zero": the oldest dirty data is no
 * older than the last reading that saw it. */
#define SYS_DIRTY_ZERO_BYTES (1024ULL * 1024ULL)

/* When Dirty last stood at about zero, across refreshes. */
struct sys_dirty_age {
	bool init, exact;
	double zero_s; /* unix seconds */
};
/* sys_dirty_age_update: track when Dirty started growing from about zero
 * and fill row's have_dirty_since, dirty_since_s, dirty_since_exact
 * (pure: a holds the state; zero it first). */
void sys_dirty_age_update(struct sys_dirty_age *a, struct sys_row *row);

/* Pure parsers (parse-sys.c): 0, or -1 on malformed text. */
/* parse_sys_centisecs: a vm.dirty_*_centisecs value (>= 0), or -1. */
int parse_sys_centisecs(const char *text);
/* parse_sys_psi: /proc/pressure/{cpu,io,memory}; "full" may be absent. */
int parse_sys_psi(const char *text, struct psi_raw *out);
/* parse_sys_loadavg: the three averages of /proc/loadavg. */
int parse_sys_loadavg(const char *text, double load[3]);
/* parse_sys_netdev: /proc/net/dev, lo included; at most max interfaces kept. */
int parse_sys_netdev(const char *text, struct sys_iface_raw *ifaces, size_t max, size_t *n);
/* parse_sys_snmp_retrans: /proc/net/snmp Tcp: RetransSegs, found by column name. */
int parse_sys_snmp_retrans(const char *text, unsigned long long *retrans);
/* parse_sys_meminfo: /proc/meminfo's Dirty and Writeback (kB) into *out;
 * -1 unless both are there. */
int parse_sys_meminfo(const char *text, struct sys_raw *out);
/* parse_sys_vmstat: /proc/vmstat's nr_dirty_threshold,
 * nr_dirty_background_threshold, nr_dirtied and nr_written into *out
 * (pages); -1 unless all four are there (they need Linux 2.6.37). */
int parse_sys_vmstat(const char *text, struct sys_raw *out);
/* parse_sys_delayacct: kernel.task_delayacct text: 1, 0, or -1 if malformed. */
int parse_sys_delayacct(const char *text);
/* parse_sys_is_whole_disk: true for sda, vda, nvme0n1, mmcblk0, dm-0, md0;
 * false for partitions by name (sda1, nvme0n1p2, mmcblk0p1) and for loop*,
 * ram* and zram* (loop double-counts the disk below it; ram and zram are
 * memory).  The collector also requires the procps library to call it a
 * disk (libproc2's DISKSTATS_TYPE_DISK, libprocps's /sys/block test). */
bool parse_sys_is_whole_disk(const char *name);

#endif
