/* collect-limit.c - read the CPU quota of a process's cgroup (v2 cpu.max,
 * or v1 cpu.cfs_quota_us/cfs_period_us) with cpu.stat's throttling, at
 * most once per cgroup per refresh, and a file's backing-device dirty
 * limits.  Only asked for processes whose verdict needs them.  Never
 * stats a file of the target (fdinfo and mountinfo name the device). */
#include "config.h"
#include "collect-limit.h"
#include "util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT_CACHE 32 /* cgroups remembered between refreshes */
#define LIMIT_DEPTH 16 /* ancestors searched for a quota */

/* One cgroup's reading, kept to make deltas at the next refresh. */
struct limit_cache_entry {
	char key[LIMIT_PATH_MAX + 4]; /* "v1:" or "v2:" and the process's cgroup ("" unused) */
	unsigned long long gen; /* refresh of the reading */
	double when_s;
	int rc; /* collect_limit_cpu's result for it */
	struct limit_cpu cpu;
	bool have_stat;
	struct limit_cpu_stat stat;
};

struct collect_limit {
	char v2_root[LIMIT_PATH_MAX], v1cpu_root[LIMIT_PATH_MAX];
	unsigned long long gen;
	double now_s;
	struct limit_cache_entry cache[LIMIT_CACHE];
};

struct collect_limit *collect_limit_new(void)
{
	struct collect_limit *cl = xcalloc(1, sizeof(*cl));
	char *buf = xmalloc(65536);

	if (util_read_file(AT_FDCWD, "/proc/self/mountinfo", buf, 65536) > 0)
		parse_limit_cgroup_mounts(buf, cl->v2_root, sizeof(cl->v2_root), cl->v1cpu_root,
					  sizeof(cl->v1cpu_root));
	free(buf);
	return cl;
}

void collect_limit_free(struct collect_limit *cl)
{
	free(cl);
}

void collect_limit_refresh(struct collect_limit *cl, double now_s)
{
	cl->gen++;
	cl->now_s = now_s;
}

/* collect_limit_quota: the quota of the cgroup at dir (v1 or v2); 0 or -1. */
static int collect_limit_quota(const char *dir, bool v1, long long *quota_us, long long *period_us)
{
	char path[LIMIT_PATH_MAX * 2 + 32], buf[128];

	if (!v1) {
		snprintf(path, sizeof(path), "%s/cpu.max", dir);
		return util_read_file(AT_FDCWD, path, buf, sizeof(buf)) > 0 &&
			       parse_limit_cpu_max(buf, quota_us, period_us) == 0 && *quota_us > 0
			   ? 0
			   : -1;
	}
	snprintf(path, sizeof(path), "%s/cpu.cfs_quota_us", dir);
	if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0 ||
	    parse_limit_ll(buf, quota_us) < 0 || *quota_us <= 0)
		return -1;
	snprintf(path, sizeof(path), "%s/cpu.cfs_period_us", dir);
	return util_read_file(AT_FDCWD, path, buf, sizeof(buf)) > 0 &&
		       parse_limit_ll(buf, period_us) == 0 && *period_us > 0
		   ? 0
		   : -1;
}

/* collect_limit_find_quota: the nearest cgroup at or above rel (under
 * root) with a quota: its path (relative) in out->cgroup; 0 or -1. */
static int collect_limit_find_quota(const char *root, const char *rel, bool v1,
				    struct limit_cpu *out)
{
	char cg[LIMIT_PATH_MAX], dir[LIMIT_PATH_MAX * 2];

	snprintf(cg, sizeof(cg), "%s", rel);
	for (int depth = 0; depth < LIMIT_DEPTH; depth++) {
		char *slash;

		snprintf(dir, sizeof(dir), "%s%s", root, strcmp(cg, "/") == 0 ? "" : cg);
		if (collect_limit_quota(dir, v1, &out->quota_us, &out->period_us) == 0) {
			snprintf(out->cgroup, sizeof(out->cgroup), "%s", cg);
			return 0;
		}
		slash = strrchr(cg, '/');
		if (!slash || strcmp(cg, "/") == 0)
			return -1;
		if (slash == cg)
			cg[1] = '\0';
		else
			*slash = '\0';
	}
	return -1;
}

/* collect_limit_slot: the cache entry of key, or the oldest one (cleared). */
static struct limit_cache_entry *collect_limit_slot(struct collect_limit *cl, const char *key)
{
	struct limit_cache_entry *old = &cl->cache[0];

	for (int i = 0; i < LIMIT_CACHE; i++) {
		if (strcmp(cl->cache[i].key, key) == 0)
			return &cl->cache[i];
		if (cl->cache[i].gen < old->gen)
			old = &cl->cache[i];
	}
	memset(old, 0, sizeof(*old));
	snprintf(old->key, sizeof(old->key), "%s", key);
	return old;
}

/* collect_limit_read: read the quota and cpu.stat for cgroup rel into e. */
static void collect_limit_read(struct collect_limit *cl, struct limit_cache_entry *e, bool v1,
			       const char *rel)
{
	const char *root = v1 ? cl->v1cpu_root : cl->v2_root;
	char path[LIMIT_PATH_MAX * 2 + 32], buf[1024];
	struct limit_cpu_stat st;
	bool was = e->have_stat && e->gen + 1 == cl->gen;
	struct limit_cpu_stat prev = e->stat;
	double prev_s = e->when_s;

	memset(&e->cpu, 0, sizeof(e->cpu));
	e->gen = cl->gen;
	e->when_s = cl->now_s;
	e->rc = collect_limit_find_quota(root, rel, v1, &e->cpu);
	e->have_stat = false;
	if (e->rc < 0)
		return;
	e->cpu.have = true;
	snprintf(path, sizeof(path), "%s%s/cpu.stat", root,
		 strcmp(e->cpu.cgroup, "/") == 0 ? "" : e->cpu.cgroup);
	if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0 ||
	    parse_limit_cpu_stat(buf, &st) < 0)
		return;
	e->have_stat = true;
	e->stat = st;
	if (was)
		limit_cpu_delta(&prev, &st, cl->now_s - prev_s, &e->cpu);
}

int collect_limit_cpu(struct collect_limit *cl, int pid, struct limit_cpu *out)
{
	char path[64], buf[4096], v2[LIMIT_PATH_MAX], v1[LIMIT_PATH_MAX], key[LIMIT_PATH_MAX + 4];
	bool use_v1;
	struct limit_cache_entry *e;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0 ||
	    parse_limit_proc_cgroup(buf, v2, sizeof(v2), v1, sizeof(v1)) < 0)
		return -1;
	/* the cpu controller is on v1 when a v1 hierarchy holds it */
	use_v1 = cl->v1cpu_root[0] && v1[0];
	if (!use_v1 && (!cl->v2_root[0] || !v2[0]))
		return -1;
	snprintf(key, sizeof(key), "%s:%s", use_v1 ? "v1" : "v2", use_v1 ? v1 : v2);
	e = collect_limit_slot(cl, key);
	if (e->gen != cl->gen)
		collect_limit_read(cl, e, use_v1, use_v1 ? v1 : v2);
	*out = e->cpu;
	return e->rc;
}

bool limit_bdi_own(const struct limit_bdi *b)
{
	return b->have && (b->max_ratio_pct < 100 || b->strict_limit);
}

/* collect_limit_bdi_dir: the sysfs bdi directory of device ma:mi into dir:
 * the device's own, or its whole disk's for a partition; 0 or -1. */
static int collect_limit_bdi_dir(unsigned ma, unsigned mi, char *dir, size_t dirsz, char *name,
				 size_t namesz)
{
	char path[128], buf[16];

	for (int i = 0; i < 3; i++) {
		char real[LIMIT_PATH_MAX], *base;

		if (i == 0)
			snprintf(path, sizeof(path), "/sys/class/bdi/%u:%u", ma, mi);
		else
			snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/%sbdi", ma, mi,
				 i == 2 ? "../" : "");
		snprintf(dir, dirsz, "%s/max_ratio", path);
		if (util_read_file(AT_FDCWD, dir, buf, sizeof(buf)) <= 0)
			continue;
		snprintf(dir, dirsz, "%s", path);
		if (realpath(path, real) && (base = strrchr(real, '/')) != NULL)
			snprintf(name, namesz, "%s", base + 1);
		else
			snprintf(name, namesz, "%u:%u", ma, mi);
		return 0;
	}
	return -1;
}

int collect_limit_bdi(int pid, int fd, struct limit_bdi *out)
{
	char path[96], dir[LIMIT_PATH_MAX], buf[256], *mi_text;
	unsigned ma, mi;
	long long v;
	int mnt_id, rc;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0 ||
	    parse_limit_fdinfo_mnt_id(buf, &mnt_id) < 0)
		return -1;
	mi_text = xmalloc(262144);
	snprintf(path, sizeof(path), "/proc/%d/mountinfo", pid);
	rc = util_read_file(AT_FDCWD, path, mi_text, 262144) > 0 &&
		     parse_limit_mountinfo_dev(mi_text, mnt_id, &ma, &mi, out->mnt,
					       sizeof(out->mnt)) == 0
		 ? 0
		 : -1;
	free(mi_text);
	if (rc < 0 ||
	    collect_limit_bdi_dir(ma, mi, dir, sizeof(dir), out->name, sizeof(out->name)) < 0)
		return -1;
	snprintf(path, sizeof(path), "%.60s/max_ratio", dir);
	if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0 || parse_limit_ll(buf, &v) < 0 ||
	    v < 0)
		return -1;
	out->max_ratio_pct = (unsigned)v;
	snprintf(path, sizeof(path), "%.60s/max_bytes", dir);
	if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) > 0 && parse_limit_ll(buf, &v) == 0 &&
	    v >= 0) {
		out->have_max_bytes = true;
		out->max_bytes = (unsigned long long)v;
	}
	snprintf(path, sizeof(path), "%.60s/strict_limit", dir);
	out->strict_limit = util_read_file(AT_FDCWD, path, buf, sizeof(buf)) > 0 && buf[0] == '1';
	out->have = true;
	return 0;
}
