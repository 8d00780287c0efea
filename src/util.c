/* util.c - allocation that dies loudly, fatal(), clocks, file reads.
 * Nothing here knows about curses: the UI installs util_fatal_hook. */
#include "config.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void (*util_fatal_hook)(void);

void fatal(const char *fmt, ...)
{
	va_list ap;

	if (util_fatal_hook)
		util_fatal_hook();
	fputs("waittop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (!p)
		fatal("out of memory (%zu x %zu bytes)", n, sz);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		fatal("out of memory (%zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/* util_clock_s: clock id in seconds. */
static double util_clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double util_mono_s(void)
{
	return util_clock_s(CLOCK_MONOTONIC);
}

double util_real_s(void)
{
	return util_clock_s(CLOCK_REALTIME);
}

ssize_t util_read_file(int dirfd, const char *path, char *buf, size_t bufsz)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd < 0)
		return -1;
	n = util_pread_all(fd, buf, bufsz);
	saved = errno;
	close(fd);
	errno = saved;
	return n;
}

ssize_t util_pread_all(int fd, char *buf, size_t bufsz)
{
	size_t off = 0;

	if (bufsz == 0) {
		errno = EINVAL;
		return -1;
	}
	while (off < bufsz - 1) {
		ssize_t r = pread(fd, buf + off, bufsz - 1 - off, (off_t)off);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		off += (size_t)r;
	}
	buf[off] = '\0';
	return (ssize_t)off;
}

int util_stdout_guard(void)
{
	int closed = 0;

	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		closed |= fd == 1;
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			return -1;
	}
	return closed;
}

int util_close_stdout(void)
{
	int e = 0;

	if (fflush(stdout) == EOF || ferror(stdout))
		e = errno ? errno : EIO;
	if (fclose(stdout) == EOF && !e)
		e = errno;
	if (!e || e == EPIPE)
		return 0;
	fprintf(stderr, "waittop: write error: %s\n", strerror(e));
	return 1;
}

long util_parse_rows(const char *text, size_t elem, int (*parse)(const char *line, void *row),
		     void **v)
{
	size_t n = 0, cap = 0;
	char *rows = NULL, row[512] __attribute__((aligned(16)));

	assert(elem <= sizeof(row));
	for (const char *p = text; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char line[512]; /* one line alone: sscanf must not read on into the next */

		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		if (parse(line, row) == 0) {
			if (n == cap) {
				char *nv;

				cap = cap ? cap * 2 : 16;
				nv = realloc(rows, cap * elem);
				if (!nv) {
					free(rows);
					*v = NULL;
					return -1;
				}
				rows = nv;
			}
			memcpy(rows + n * elem, row, elem);
			n++;
		}
		p = eol ? eol + 1 : NULL;
	}
	*v = rows;
	return (long)n;
}

int util_int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}
