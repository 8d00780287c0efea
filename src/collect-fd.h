/* collect-fd.h - what an fd of a process is: readlink of /proc/PID/fd/N,
 * epoll targets from /proc/PID/fdinfo/N, the fds a blocked poll()/select()
 * watches, and the process holding the other end of a pipe.
 * Reads only on demand (the verdict asks for the fd of a blocking
 * syscall); pure parsers are separate so they can be tested and fuzzed. */
#ifndef WAITTOP_COLLECT_FD_H
#define WAITTOP_COLLECT_FD_H

#include <stdbool.h>
#include <stddef.h>

enum fd_kind {
	FD_UNKNOWN,
	FD_FILE,
	FD_SOCKET,
	FD_PIPE,
	FD_TTY,
	FD_EPOLL,
	FD_EVENTFD,
	FD_TIMERFD,
	FD_SIGNALFD,
	FD_INOTIFY,
	FD_ANON
};

struct fd_target {
	enum fd_kind kind;
	bool denied; /* EACCES: not ours to read */
	unsigned long inode; /* socket:[N], pipe:[N]; 0 for paths */
	char path[256]; /* the link text, sanitised */
};

/* fd_kind_name: "file", "socket"... for evidence text; never NULL. */
const char *fd_kind_name(enum fd_kind k);
/* parse_fd_link: classify a /proc/PID/fd/N link text (pure); copies it,
 * sanitised (control characters as '?'), into out->path.  0, or -1 when
 * the text is empty. */
int parse_fd_link(const char *link, struct fd_target *out);
/* parse_fdinfo_epoll: the tfd and ino (hex in the file) of each watched fd
 * in an epoll fdinfo text; *n set to how many (at most max). 0, or -1 when
 * the text has no "pos:" line (not an fdinfo text). */
int parse_fdinfo_epoll(const char *text, int *tfds, unsigned long *inos, size_t max, size_t *n);
/* parse_fdinfo_flags: the octal "flags:" value of an fdinfo text; 0 or -1. */
int parse_fdinfo_flags(const char *text, unsigned *flags);
/* collect_fd_resolve: readlink /proc/PID/fd/FD into *out, classified by
 * the link text alone (never a call into the fd's filesystem, which may
 * not answer: a named FIFO is FD_FILE, a terminal is known by its /dev
 * path).  0, or -1 with errno (out->denied set on EACCES/EPERM). */
int collect_fd_resolve(int pid, int fd, struct fd_target *out);
/* collect_fd_epoll: the watched fds of epoll fd EPFD of pid, from fdinfo
 * (read on the deadline worker): tfds[] and inos[] (at most max), *n how
 * many.  0, or -1 with errno (ETIMEDOUT/EAGAIN: see deadline_pread). */
int collect_fd_epoll(int pid, int epfd, int *tfds, unsigned long *inos, size_t max, size_t *n);
/* collect_fd_poll_fds: the fds a thread blocked in poll/ppoll (ptr = its
 * pollfd array, nfds) watches, read from its memory (/proc/PID/mem, on
 * the deadline worker); at most max into fds.  0, or -1 with errno
 * (EACCES for another user's process; ETIMEDOUT/EAGAIN: deadline_pread). */
int collect_fd_poll_fds(int pid, unsigned long long ptr, unsigned long long nfds, int *fds,
			size_t max, size_t *n);
/* collect_fd_select_fds: the same for select/pselect6: nfds and the
 * addresses of the read, write and except fd_sets (0 when absent). */
int collect_fd_select_fds(int pid, unsigned long long nfds, const unsigned long long sets[3],
			  int *fds, size_t max, size_t *n);
/* collect_fd_pipe_peer: among cand[0..ncand) (pids, self excluded), the
 * first process holding pipe INODE open for writing (want_writer) or for
 * reading; scans at most max_fds fds in all.  The pid, or 0 when none was
 * found (or none was readable). */
int collect_fd_pipe_peer(const int *cand, size_t ncand, int self, unsigned long inode,
			 bool want_writer, size_t max_fds);
/* collect_fd_pipe_peers: the same for n pipes in one pass over the fds
 * of cand[0..ncand) (self excluded, at most max_fds in all): peer[i], the
 * first process holding inode[i] open for writing (want_writer[i]) or
 * reading, 0 when none was found. */
void collect_fd_pipe_peers(const int *cand, size_t ncand, int self, const unsigned long *inode,
			   const bool *want_writer, int *peer, size_t n, size_t max_fds);
/* collect_fd_relatives: append to cand[n..max) the children of pid and
 * its siblings (the other children of ppid, when ppid > 1), from the
 * kernel's /proc/P/task/T/children lists: for a view filtered with -p,
 * whose snapshot lacks them.  The new count, or -1 when this kernel has
 * no children lists (CONFIG_PROC_CHILDREN). */
int collect_fd_relatives(int pid, int ppid, int *cand, size_t n, size_t max);

#endif
