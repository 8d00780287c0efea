/* collect-disk.h - every block device of /proc/diskstats with all its
 * counters (the Disks pane), and the sysfs facts around it: partition or
 * whole disk, and what a dm/md device is stacked on.  A pure parser, a
 * reader, and a pure delta into struct disk_row.  No curses. */
#ifndef WAITTOP_COLLECT_DISK_H
#define WAITTOP_COLLECT_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

/* One /proc/diskstats line, cumulative. */
struct disk_raw {
	unsigned major, minor;
	char name[MODEL_DEV_MAX];
	unsigned long long reads, read_sectors, read_ticks_ms;
	unsigned long long writes, write_sectors, write_ticks_ms;
	unsigned long long in_flight, io_ticks_ms, queue_ticks_ms;
	bool have_discard; /* fields 15-18 (Linux 4.18) */
	unsigned long long discards, discard_ticks_ms;
	bool have_flush; /* fields 19-20 (Linux 5.5) */
	unsigned long long flushes, flush_ticks_ms;
	bool partition;
	bool stacked;
	char slaves[MODEL_SLAVES_MAX];
};

struct disk_snap {
	double mono_s;
	struct disk_raw *v;
	size_t n;
};

/* parse_disk_line: one diskstats line into *out (zeroed first); 0, or -1
 * when it has fewer than the 14 fields of Linux 2.6. */
int parse_disk_line(const char *line, struct disk_raw *out);
/* parse_disk_stats: every line of /proc/diskstats text into a new array
 * (*v, owned by the caller, free()); returns the count, -1 on ENOMEM. */
long parse_disk_stats(const char *text, struct disk_raw **v);
/* collect_disk_read: /proc/diskstats and /sys/block now into *out
 * (cleared first); -1 with errno when /proc/diskstats is unreadable. */
int collect_disk_read(struct disk_snap *out);
/* disk_snap_clear: free what a snapshot owns; NULL is a no-op. */
void disk_snap_clear(struct disk_snap *s);
/* disk_delta: rows for prev -> cur (pure); *rows is a new array (free()),
 * devices in cur's order, loop/ram devices with no I/O ever left out.
 * Returns the count; -1 on ENOMEM. */
long disk_delta(const struct disk_snap *prev, const struct disk_snap *cur, struct disk_row **rows);

#endif
