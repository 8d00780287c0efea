/* collect-limit.h - the limits that hold a process back besides busy
 * hardware: its cgroup's CPU quota (cpu.max, or v1 cpu.cfs_quota_us) with
 * the throttling counted in cpu.stat, and the dirty-page limit of the
 * device a file lives on (/sys/class/bdi/MAJ:MIN).  Read on demand, for
 * the few processes whose verdict needs them; never enters the target
 * filesystem (the device comes from fdinfo's mnt_id and mountinfo, not
 * from stat).  Pure parsers are in parse-limit.c.  Never includes curses. */
#ifndef WAITTOP_COLLECT_LIMIT_H
#define WAITTOP_COLLECT_LIMIT_H

#include <stdbool.h>
#include <stddef.h>

#define LIMIT_PATH_MAX 256

/* A cgroup's CPU quota and what it did over the last interval. */
struct limit_cpu {
	bool have; /* the cgroup (or an ancestor) has a quota */
	char cgroup[LIMIT_PATH_MAX]; /* "/system.slice/x": the one with the quota */
	long long quota_us, period_us; /* quota_us > 0 when have */
	bool have_delta; /* the counters below cover the last interval */
	unsigned long long nr_periods, nr_throttled; /* deltas */
	double throttled_pct; /* throttled time (summed over CPUs) as % of the interval */
};

/* cpu.stat counters (v2 throttled_usec or v1 throttled_time, in ns). */
struct limit_cpu_stat {
	unsigned long long nr_periods, nr_throttled, throttled_ns;
};

/* A backing device's own dirty-page limit (FUSE, some network
 * filesystems, or one an administrator set). */
struct limit_bdi {
	bool have; /* /sys/class/bdi/<name> was read */
	char name[32]; /* "7:3", "0:52" */
	char mnt[LIMIT_PATH_MAX]; /* the mount point of the file's filesystem */
	unsigned max_ratio_pct; /* 100: no share limit */
	bool have_max_bytes;
	unsigned long long max_bytes;
	bool strict_limit;
};

struct collect_limit; /* opaque: cgroup mount points and per-cgroup counters */

/* collect_limit_new: find the cgroup mounts (v2, v1 cpu); never NULL. */
struct collect_limit *collect_limit_new(void);
/* collect_limit_free: NULL is a no-op. */
void collect_limit_free(struct collect_limit *cl);
/* collect_limit_refresh: start a new refresh at CLOCK_MONOTONIC now_s:
 * cgroups are read at most once per refresh. */
void collect_limit_refresh(struct collect_limit *cl, double now_s);
/* collect_limit_cpu: the CPU quota governing pid (its cgroup or the
 * nearest ancestor with one) into *out; deltas when the same cgroup was
 * read at the previous refresh.  0, or -1 (no quota, or unreadable). */
int collect_limit_cpu(struct collect_limit *cl, int pid, struct limit_cpu *out);
/* collect_limit_bdi: the backing device of the file at fd of pid and its
 * dirty limits into *out (no stat: fdinfo mnt_id -> mountinfo -> bdi).
 * 0, or -1 when any step is unreadable. */
int collect_limit_bdi(int pid, int fd, struct limit_bdi *out);
/* limit_bdi_own: does the device have a limit below the global one
 * (max_ratio under 100, or strict_limit)? */
bool limit_bdi_own(const struct limit_bdi *b);

/* Pure parsers (parse-limit.c): 0, or -1 on malformed or missing text. */
/* parse_limit_proc_cgroup: the v2 path ("0::/x") and the v1 cpu path
 * ("N:cpu,cpuacct:/x") of a /proc/PID/cgroup text ("" when absent). */
int parse_limit_proc_cgroup(const char *text, char *v2, size_t v2sz, char *v1cpu, size_t v1sz);
/* parse_limit_cgroup_mounts: mount points of the cgroup2 hierarchy and of
 * the v1 hierarchy holding the cpu controller, from a mountinfo text. */
int parse_limit_cgroup_mounts(const char *text, char *v2, size_t v2sz, char *v1cpu, size_t v1sz);
/* parse_limit_cpu_max: v2 cpu.max ("20000 100000", "max 100000"):
 * *quota_us -1 for max. */
int parse_limit_cpu_max(const char *text, long long *quota_us, long long *period_us);
/* parse_limit_ll: one signed integer (v1 cfs_quota_us reads -1). */
int parse_limit_ll(const char *text, long long *v);
/* parse_limit_cpu_stat: nr_periods, nr_throttled and throttled_usec (v2)
 * or throttled_time (v1, ns) of a cpu.stat text, in ns. */
int parse_limit_cpu_stat(const char *text, struct limit_cpu_stat *out);
/* limit_cpu_delta: the interval's deltas from two readings dt_s apart
 * into out (pure); a counter that went backwards gives no delta. */
void limit_cpu_delta(const struct limit_cpu_stat *prev, const struct limit_cpu_stat *cur,
		     double dt_s, struct limit_cpu *out);
/* parse_limit_fdinfo_mnt_id: the "mnt_id:" of an fdinfo text. */
int parse_limit_fdinfo_mnt_id(const char *text, int *mnt_id);
/* parse_limit_mountinfo_dev: major:minor and mount point of mount mnt_id
 * in a mountinfo text (mount point octal escapes kept as written). */
int parse_limit_mountinfo_dev(const char *text, int mnt_id, unsigned *major, unsigned *minor,
			      char *mnt, size_t mntsz);

#endif
