/* collect-open.h - which processes have files open on the filesystems of
 * one disk: the Processes pane's filter after Enter on a disk.  Runs only
 * while that filter is on.  Each refresh does a bounded step of a round
 * over the processes (at most COLLECT_OPEN_MAX_DIRS fd directories,
 * COLLECT_OPEN_MAX_READLINKS fd links, COLLECT_OPEN_MAX_FDINFO fdinfo
 * reads), resuming where the last one stopped; an answer is kept per
 * process (pid + start time) until its next look.  Once every process
 * has an answer the caps are COLLECT_OPEN_SLOW times smaller: the
 * answers are renewed at a slower pace, and a new process puts it back
 * to full pace.  A fd is on the disk
 * when its fdinfo mnt_id is a mount whose major:minor (mountinfo) is the
 * disk, one of its partitions, or a dm/md device built on them, or when
 * its link names one of those device nodes (opened raw).  fdinfo
 * is read only for links that are paths (never for anon inodes such as
 * epoll, whose fdinfo can wait on a lock); nothing is stat()ed through a
 * link, which could wait on a stuck filesystem.  No curses. */
#ifndef WAITTOP_COLLECT_OPEN_H
#define WAITTOP_COLLECT_OPEN_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

#define COLLECT_OPEN_MAX_DIRS 1500
#define COLLECT_OPEN_MAX_READLINKS 2000
#define COLLECT_OPEN_MAX_FDINFO 4096
#define COLLECT_OPEN_MAX_DEVS 64
#define COLLECT_OPEN_SLOW 4

struct collect_open;

/* parse_open_mnt_id: the "mnt_id:" of /proc/PID/fdinfo/N text; -1 if none. */
int parse_open_mnt_id(const char *fdinfo);
/* parse_open_mounts: the mount ids of /proc/self/mountinfo text whose
 * major:minor is one of devs (ndevs pairs major, minor) into ids (at most
 * max); returns how many. */
size_t parse_open_mounts(const char *mountinfo, const unsigned (*devs)[2], size_t ndevs, int *ids,
			 size_t max);

/* collect_open_new: no disk set; never NULL. */
struct collect_open *collect_open_new(void);
/* collect_open_free: NULL is a no-op. */
void collect_open_free(struct collect_open *co);
/* collect_open_set_disk: look for files on disk NAME (its partitions and
 * the dm/md devices on it, from /sys/class/block); "" or NULL stops and
 * forgets.  A new name starts a new round.  0, or -1 when NAME has no
 * device number (the filter then matches nothing). */
int collect_open_set_disk(struct collect_open *co, const char *name);
/* collect_open_scan: one bounded step over s's processes; fills
 * s->have_open, open_disk, open_pids (sorted), open_complete.  No-op
 * without a disk. */
void collect_open_scan(struct collect_open *co, struct sample *s);
/* collect_open_last: the reads the last scan did (for the bench). */
void collect_open_last(const struct collect_open *co, size_t *dirs, size_t *links, size_t *fdinfos);

#endif
