/* util.h - allocation that dies loudly, fatal() that restores the terminal
 * first, monotonic time, and small file helpers. */
#ifndef WAITTOP_UTIL_H
#define WAITTOP_UTIL_H

#include <stddef.h>
#include <sys/types.h>

/* util_fatal_hook: called by fatal() before it prints (the UI restores the terminal). */
extern void (*util_fatal_hook)(void);
/* fatal: print "waittop: <msg>" to stderr and exit 1; never returns. */
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* UTIL_PACE_MIN: the shortest interval, as a share of the delay, that a
 * refresh after a late one may have (shorter: it is paced from the late one). */
#define UTIL_PACE_MIN 0.9
/* util_mono_s: CLOCK_MONOTONIC in seconds. */
double util_mono_s(void);
/* util_real_s: CLOCK_REALTIME in seconds. */
double util_real_s(void);
/* util_read_file: read up to bufsz-1 bytes of path (relative to dirfd, or
 * AT_FDCWD) into buf, NUL-terminated; bytes read, or -1 with errno. */
ssize_t util_read_file(int dirfd, const char *path, char *buf, size_t bufsz);
/* util_pread_all: pread(fd, buf, bufsz-1, 0), NUL-terminated; bytes or -1. */
ssize_t util_pread_all(int fd, char *buf, size_t bufsz);
/* util_stdout_guard: at start, fill a closed fd 0, 1 or 2 with /dev/null
 * (so that no file we open becomes "stdout"); true when fd 1 was closed. */
int util_stdout_guard(void);
/* util_close_stdout: flush and close stdout, as GNU tools do at exit; on a
 * write error print "waittop: write error: <reason>" and return 1, else 0
 * (a reader that went away, EPIPE, is not an error). */
int util_close_stdout(void);

/* util_int_cmp: qsort/bsearch order of ints, ascending (also of arrays
 * whose first member is an int key). */
int util_int_cmp(const void *a, const void *b);

/* util_parse_rows: each line of text (copied alone, cut at 511 bytes) that
 * parse(line, row) accepts (returns 0) becomes a row of elem bytes in a
 * growing array *v, owned by the caller; the number of rows, or -1 on
 * ENOMEM with *v NULL.  For the table parsers of /proc files. */
long util_parse_rows(const char *text, size_t elem, int (*parse)(const char *line, void *row),
		     void **v);

#endif
