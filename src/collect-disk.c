/* collect-disk.c - the Disks pane's data: /proc/diskstats with all its
 * fields (the system strip keeps to the procps library's subset), the
 * partition flag from /sys/class/block/X/partition and a dm/md device's
 * slaves from /sys/block/X/slaves.  r_await and w_await are ticks per
 * completed request, as iostat computes them. */
#include "config.h"
#include "collect-disk.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int parse_disk_line(const char *line, struct disk_raw *out)
{
	unsigned long long f[14];
	int got;

	memset(out, 0, sizeof(*out));
	got = sscanf(line,
		     " %u %u %31s %llu %*s %llu %llu %llu %*s %llu %llu %llu %llu %llu"
		     " %llu %*s %llu %llu %llu %llu",
		     &out->major, &out->minor, out->name, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5],
		     &f[6], &f[7], &f[8], &f[9], &f[10], &f[11], &f[12], &f[13]);
	if (got < 12)
		return -1;
	out->reads = f[0], out->read_sectors = f[1], out->read_ticks_ms = f[2];
	out->writes = f[3], out->write_sectors = f[4], out->write_ticks_ms = f[5];
	out->in_flight = f[6], out->io_ticks_ms = f[7], out->queue_ticks_ms = f[8];
	if (got >= 15) {
		out->have_discard = true;
		out->discards = f[9];
		out->discard_ticks_ms = f[11];
	}
	if (got >= 17) {
		out->have_flush = true;
		out->flushes = f[12];
		out->flush_ticks_ms = f[13];
	}
	return 0;
}

/* parse_disk_line_row: parse_disk_line for util_parse_rows. */
static int parse_disk_line_row(const char *line, void *row)
{
	return parse_disk_line(line, row);
}

long parse_disk_stats(const char *text, struct disk_raw **v)
{
	void *rows;
	long n = util_parse_rows(text, sizeof(**v), parse_disk_line_row, &rows);

	*v = rows;
	return n;
}

/* collect_disk_slaves: the names in /sys/block/NAME/slaves, space-separated. */
static void collect_disk_slaves(struct disk_raw *d)
{
	char path[sizeof("/sys/block//slaves") + MODEL_DEV_MAX];
	struct dirent *de;
	size_t n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/sys/block/%s/slaves", d->name);
	dir = opendir(path);
	while (dir && (de = readdir(dir))) {
		if (de->d_name[0] == '.' || n >= sizeof(d->slaves) - 1)
			continue;
		n += (size_t)snprintf(d->slaves + n, sizeof(d->slaves) - n, "%s%s", n ? " " : "",
				      de->d_name);
		if (n >= sizeof(d->slaves))
			n = sizeof(d->slaves) - 1;
	}
	if (dir)
		closedir(dir);
	d->stacked = d->slaves[0] != '\0';
}

/* collect_disk_sysfs: partition flag and slaves of d. */
static void collect_disk_sysfs(struct disk_raw *d)
{
	char path[sizeof("/sys/class/block//partition") + MODEL_DEV_MAX];

	snprintf(path, sizeof(path), "/sys/class/block/%s/partition", d->name);
	d->partition = access(path, F_OK) == 0;
	if (!d->partition)
		collect_disk_slaves(d);
}

int collect_disk_read(struct disk_snap *out)
{
	size_t sz = 1 << 18; /* 256 KiB: thousands of devices */
	char *text = xmalloc(sz);
	long n;

	disk_snap_clear(out);
	out->mono_s = util_mono_s();
	if (util_read_file(AT_FDCWD, "/proc/diskstats", text, sz) < 0) {
		free(text);
		return -1;
	}
	n = parse_disk_stats(text, &out->v);
	free(text);
	if (n < 0)
		fatal("out of memory");
	out->n = (size_t)n;
	for (size_t i = 0; i < out->n; i++)
		collect_disk_sysfs(&out->v[i]);
	return 0;
}

void disk_snap_clear(struct disk_snap *s)
{
	if (!s)
		return;
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* disk_delta_find: prev's row of (major, minor, name), trying index hint first. */
static const struct disk_raw *disk_delta_find(const struct disk_snap *prev, size_t hint,
					      const struct disk_raw *c)
{
	if (hint < prev->n && prev->v[hint].major == c->major && prev->v[hint].minor == c->minor &&
	    strcmp(prev->v[hint].name, c->name) == 0)
		return &prev->v[hint];
	for (size_t i = 0; i < prev->n; i++)
		if (prev->v[i].major == c->major && prev->v[i].minor == c->minor &&
		    strcmp(prev->v[i].name, c->name) == 0)
			return &prev->v[i];
	return NULL;
}

/* disk_d: cur - prev of a counter, 0 when it went backwards. */
static double disk_d(unsigned long long prev, unsigned long long cur)
{
	return cur >= prev ? (double)(cur - prev) : 0;
}

/* disk_delta_row: one row from two readings over dt seconds. */
static void disk_delta_row(const struct disk_raw *p, const struct disk_raw *c, double dt,
			   struct disk_row *r)
{
	double reads = disk_d(p->reads, c->reads), writes = disk_d(p->writes, c->writes);

	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", c->name);
	r->major = c->major, r->minor = c->minor;
	r->partition = c->partition, r->stacked = c->stacked;
	snprintf(r->slaves, sizeof(r->slaves), "%s", c->slaves);
	r->reads_ps = reads / dt;
	r->writes_ps = writes / dt;
	r->read_bps = disk_d(p->read_sectors, c->read_sectors) * 512 / dt;
	r->write_bps = disk_d(p->write_sectors, c->write_sectors) * 512 / dt;
	r->have_r_await = reads > 0;
	r->r_await_ms = reads > 0 ? disk_d(p->read_ticks_ms, c->read_ticks_ms) / reads : 0;
	r->have_w_await = writes > 0;
	r->w_await_ms = writes > 0 ? disk_d(p->write_ticks_ms, c->write_ticks_ms) / writes : 0;
	r->queue = disk_d(p->queue_ticks_ms, c->queue_ticks_ms) / 1000.0 / dt;
	r->util_pct = disk_d(p->io_ticks_ms, c->io_ticks_ms) / 10.0 / dt;
	if (r->util_pct > 100)
		r->util_pct = 100;
	r->have_discard = c->have_discard && p->have_discard;
	if (r->have_discard)
		r->discards_ps = disk_d(p->discards, c->discards) / dt;
	r->have_flush = c->have_flush && p->have_flush;
	if (r->have_flush)
		r->flushes_ps = disk_d(p->flushes, c->flushes) / dt;
}

/* disk_delta_idle_virtual: a loop or ram device that never did I/O. */
static bool disk_delta_idle_virtual(const struct disk_raw *c)
{
	bool virt = strncmp(c->name, "loop", 4) == 0 || strncmp(c->name, "ram", 3) == 0 ||
		    strncmp(c->name, "zram", 4) == 0;

	return virt && c->reads == 0 && c->writes == 0;
}

long disk_delta(const struct disk_snap *prev, const struct disk_snap *cur, struct disk_row **rows)
{
	double dt = cur->mono_s - prev->mono_s;
	size_t n = 0;

	*rows = NULL;
	if (!cur->n)
		return 0;
	if (dt <= 0)
		dt = 1e-9;
	*rows = malloc(cur->n * sizeof(**rows));
	if (!*rows)
		return -1;
	for (size_t i = 0; i < cur->n; i++) {
		const struct disk_raw *c = &cur->v[i], *p = disk_delta_find(prev, i, c);

		if (!p || disk_delta_idle_virtual(c))
			continue;
		disk_delta_row(p, c, dt, &(*rows)[n++]);
	}
	return (long)n;
}
