/* deadline.h - reads that can wait on another process, done on a worker
 * thread with a deadline, so that the thread that draws and quits never
 * waits on them.  A read that misses its deadline is left to its worker
 * (a fresh one serves the next read), and its target pid is not asked
 * again until that read has come back and a backoff has passed.
 * Which reads go through here, and why, is in doc/DESIGN.md ("Reads that
 * can wait on another process"). */
#ifndef WAITTOP_DEADLINE_H
#define WAITTOP_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* How long one read may take, and how long a target that missed it rests. */
#define DEADLINE_READ_S 0.25
#define DEADLINE_BACKOFF_S 30.0
/* Workers stuck on a read at most; past that, reads are refused. */
#define DEADLINE_MAX_STUCK 4

/* deadline_pread: pread(fd, buf, bufsz - 1, off) (fd >= 0), or an
 * open/pread/close of path (fd < 0; absolute, or relative to dirfd), on
 * the worker, NUL-terminated, for target pid.  Bytes, or -1 with errno:
 * ETIMEDOUT (missed the deadline now), EAGAIN (pid is resting after a
 * missed deadline, or too many workers are stuck), or the read's own. */
ssize_t deadline_pread(int pid, int dirfd, const char *path, int fd, char *buf, size_t bufsz,
		       off_t off);
/* deadline_resting: true while pid may not be asked (a read of it missed
 * its deadline); *why (may be NULL) gets what was being read. */
bool deadline_resting(int pid, const char **what);
/* deadline_stats: reads done and deadlines missed so far; workers stuck now. */
void deadline_stats(unsigned long long *reads, unsigned long long *missed, unsigned *stuck);
/* deadline_shutdown: stop an idle worker and wait for it; workers stuck
 * in the kernel are left behind (the process exits around them). */
void deadline_shutdown(void);

#endif
