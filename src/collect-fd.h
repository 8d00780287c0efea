/* collect-fd.h - what an fd of a process is: readlink of /proc/PID/fd/N,
 * epoll targets from /proc/PID/fdinfo/N, and the other end of a pipe.
 * Reads only on demand (the verdict asks for the fd of a blocking
 * syscall); pure parsers are separate so they can be tested and fuzzed. */
#ifndef WAITTOP_COLLECT_FD_H
#define WAITTOP_COLLECT_FD_H

#include <stdbool.h>
#include <stddef.h>

enum fd_kind {
	FD_UNKNOWN, FD_FILE, FD_SOCKET, FD_PIPE, FD_TTY, FD_EPOLL,
	FD_EVENTFD, FD_TIMERFD, FD_SIGNALFD, FD_INOTIFY, FD_ANON
};

struct fd_target {
	enum fd_kind kind;
	bool denied;             /* EACCES: not ours to read */
	unsigned long inode;     /* socket:[N], pipe:[N] */
	char path[256];          /* the link text, sanitised */
};

/* parse_fd_link: classify a /proc/PID/fd/N link text (pure). 0 or -1. */
int parse_fd_link(const char *link, struct fd_target *out);
/* parse_fdinfo_epoll: the tfd and ino (hex in the file) of each watched fd
 * in an epoll fdinfo text; *n set to how many (at most max). 0 or -1. */
int parse_fdinfo_epoll(const char *text, int *tfds, unsigned long *inos, size_t max, size_t *n);
/* collect_fd_resolve: readlink /proc/PID/fd/FD into *out; 0, or -1 with
 * errno (out->denied set on EACCES). */
int collect_fd_resolve(int pid, int fd, struct fd_target *out);

#endif
