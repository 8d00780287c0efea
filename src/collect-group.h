/* collect-group.h - the Groups pane: processes grouped by cgroup (the v1
 * cpu hierarchy where it is mounted, else the v2 path), so a service or a
 * container is one row.  Each process's cgroup is read once per process
 * (pid + start time) and cached; the sums are a pure pass over the
 * sample.  The group's own pressure files and memory.current are read
 * where the v2 hierarchy has them.  No curses. */
#ifndef WAITTOP_COLLECT_GROUP_H
#define WAITTOP_COLLECT_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

struct collect_group;

/* parse_group_cgroup: the path of /proc/PID/cgroup text: the v1 line
 * whose controllers include "cpu" when there is one (*v2 false), else the
 * "0::" line (*v2 true).  0, or -1 when neither is there. */
int parse_group_cgroup(const char *text, char *path, size_t sz, bool *v2);
/* parse_group_mounts: the mount points of the cgroup2 hierarchy and of
 * the v1 hierarchy with the cpu controller from /proc/self/mountinfo
 * text ("" when not mounted). */
void parse_group_mounts(const char *text, char *v2, size_t v2sz, char *cpu, size_t cpusz);
/* group_aggregate: rows for s->procs grouped by ids[i] (index into
 * paths[0..npaths), -1 for a process whose cgroup is unknown, summed
 * into a "-" row); a new array *rows (free()) in first-seen order.  The
 * dominant wait is summed over the threads that were active (all of
 * them when none was).  A group's disk or network sum is null (have_
 * false) when one of its user processes could not be read.  Pure; returns the count, -1 on ENOMEM.
 */
long group_aggregate(const struct sample *s, const int *ids, const char *const *paths,
		     size_t npaths, struct group_row **rows);

/* collect_group_new: a reader with the mount points found; never NULL. */
struct collect_group *collect_group_new(void);
/* collect_group_free: NULL is a no-op. */
void collect_group_free(struct collect_group *cg);
/* collect_group_build: the rows of s (a new array *rows, free()): reads
 * /proc/PID/cgroup of processes not seen before, then the groups'
 * pressure and memory.current; with row_of (s->nprocs ints, or NULL),
 * row_of[i] = 1 + the row of s->procs[i].  Returns the count, -1 on ENOMEM. */
long collect_group_build(struct collect_group *cg, const struct sample *s, struct group_row **rows,
			 int *row_of);

#endif
