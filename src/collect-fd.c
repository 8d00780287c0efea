/* collect-fd.c - what an fd of another process refers to.  Link text and
 * epoll fdinfo are parsed by pure functions; the readers only fetch the
 * text.  Never a call into the filesystem the fd is on (no stat through
 * /proc/PID/fd/N: a FUSE or NFS server that does not answer would hang
 * us); reads that wait for the target's locks (its memory, an epoll's
 * mutex) go through the deadline worker.  Nothing is cached here: the
 * sampler decides what to re-read.
 * Deliberately does not scan every process: a pipe's other end is looked
 * for only among the candidates the caller names. */
#include "config.h"
#include "collect-fd.h"
#include "deadline.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const fd_kind_names[] = {
	[FD_UNKNOWN] = "fd",	  [FD_FILE] = "file",	    [FD_SOCKET] = "socket",
	[FD_PIPE] = "pipe",	  [FD_TTY] = "tty",	    [FD_EPOLL] = "epoll",
	[FD_EVENTFD] = "eventfd", [FD_TIMERFD] = "timerfd", [FD_SIGNALFD] = "signalfd",
	[FD_INOTIFY] = "inotify", [FD_ANON] = "anon",
};

const char *fd_kind_name(enum fd_kind k)
{
	if ((int)k < 0 || k > FD_ANON)
		return "fd";
	return fd_kind_names[k];
}

/* collect_fd_bracket_inode: N of "prefix[N]" at s, or 0. */
static unsigned long collect_fd_bracket_inode(const char *s)
{
	const char *b = strchr(s, '[');

	return b ? strtoul(b + 1, NULL, 10) : 0;
}

/* collect_fd_is_tty_path: /dev/pts/N, /dev/ttyX, /dev/console, /dev/ptmx. */
static bool collect_fd_is_tty_path(const char *p)
{
	return strncmp(p, "/dev/pts/", 9) == 0 || strncmp(p, "/dev/tty", 8) == 0 ||
	       strcmp(p, "/dev/console") == 0 || strcmp(p, "/dev/ptmx") == 0;
}

int parse_fd_link(const char *link, struct fd_target *out)
{
	static const struct {
		const char *anon;
		enum fd_kind kind;
	} anon[] = {
		{ "anon_inode:[eventpoll]", FD_EPOLL }, { "anon_inode:[eventfd]", FD_EVENTFD },
		{ "anon_inode:[timerfd]", FD_TIMERFD }, { "anon_inode:[signalfd]", FD_SIGNALFD },
		{ "anon_inode:inotify", FD_INOTIFY },
	};
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!link || !*link)
		return -1;
	for (i = 0; link[i] && i < sizeof(out->path) - 1; i++)
		out->path[i] = ((unsigned char)link[i] < 0x20 || link[i] == 0x7f) ? '?' : link[i];
	out->path[i] = '\0';

	if (strncmp(link, "socket:[", 8) == 0) {
		out->kind = FD_SOCKET;
		out->inode = collect_fd_bracket_inode(link);
	} else if (strncmp(link, "pipe:[", 6) == 0) {
		out->kind = FD_PIPE;
		out->inode = collect_fd_bracket_inode(link);
	} else if (strncmp(link, "anon_inode:", 11) == 0) {
		out->kind = FD_ANON;
		for (i = 0; i < sizeof(anon) / sizeof(anon[0]); i++)
			if (strcmp(link, anon[i].anon) == 0)
				out->kind = anon[i].kind;
	} else if (collect_fd_is_tty_path(link)) {
		out->kind = FD_TTY;
	} else if (link[0] == '/') {
		out->kind = FD_FILE;
	} else {
		out->kind = FD_UNKNOWN;
	}
	return 0;
}

int parse_fdinfo_epoll(const char *text, int *tfds, unsigned long *inos, size_t max, size_t *n)
{
	const char *p = text;

	*n = 0;
	if (!text || !strstr(text, "pos:"))
		return -1;
	while ((p = strstr(p, "tfd:")) != NULL) {
		int tfd;
		const char *ino = strstr(p, "ino:");
		const char *eol = strchr(p, '\n');

		p += 4;
		if (sscanf(p, "%d", &tfd) != 1)
			continue;
		if (*n >= max)
			break;
		tfds[*n] = tfd;
		inos[*n] = (ino && (!eol || ino < eol)) ? strtoul(ino + 4, NULL, 16) : 0;
		(*n)++;
	}
	return 0;
}

int parse_fdinfo_flags(const char *text, unsigned *flags)
{
	const char *f = text ? strstr(text, "flags:") : NULL;

	if (!f || sscanf(f + 6, "%o", flags) != 1)
		return -1;
	return 0;
}

int collect_fd_resolve(int pid, int fd, struct fd_target *out)
{
	char path[64], link[sizeof(out->path)];
	ssize_t n;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) {
		out->denied = (errno == EACCES || errno == EPERM);
		return -1;
	}
	link[n] = '\0';
	if (parse_fd_link(link, out) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int collect_fd_epoll(int pid, int epfd, int *tfds, unsigned long *inos, size_t max, size_t *n)
{
	char path[64], buf[8192];

	*n = 0;
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, epfd);
	/* an epoll fdinfo waits for the epoll's mutex, which epoll_ctl
	 * holds while it polls the added file (a FUSE poll can hang) */
	if (deadline_pread(pid, AT_FDCWD, path, -1, buf, sizeof(buf), 0) < 0)
		return -1;
	if (parse_fdinfo_epoll(buf, tfds, inos, max, n) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* collect_fd_peek: copy len bytes at addr of pid into dst; 0 or -1.
 * Through /proc/PID/mem on the deadline worker: reading another
 * process's memory takes its mmap lock, which a thread stuck in a page
 * fault can hold for as long as it is stuck.  (process_vm_readv would
 * wait for it uninterruptibly; /proc/PID/mem waits killably, so the
 * worker dies with the process.) */
static int collect_fd_peek(int pid, unsigned long long addr, void *dst, size_t len)
{
	char path[64], buf[FD_SETSIZE / 8 * 3 + 512 + 1];
	ssize_t r;

	if (len >= sizeof(buf) || addr > (unsigned long long)INT64_MAX) {
		errno = EINVAL;
		return -1;
	}
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	r = deadline_pread(pid, AT_FDCWD, path, -1, buf, len + 1, (off_t)addr);
	if (r < 0)
		return -1;
	memcpy(dst, buf, (size_t)r < len ? (size_t)r : len);
	if ((size_t)r != len) {
		errno = EFAULT;
		return -1;
	}
	return 0;
}

int collect_fd_poll_fds(int pid, unsigned long long ptr, unsigned long long nfds, int *fds,
			size_t max, size_t *n)
{
	struct pollfd pf[64];
	size_t want = nfds < 64 ? (size_t)nfds : 64;

	*n = 0;
	if (want == 0)
		return 0;
	if (collect_fd_peek(pid, ptr, pf, want * sizeof(pf[0])) < 0)
		return -1;
	for (size_t i = 0; i < want && *n < max; i++)
		if (pf[i].fd >= 0)
			fds[(*n)++] = pf[i].fd;
	return 0;
}

int collect_fd_select_fds(int pid, unsigned long long nfds, const unsigned long long sets[3],
			  int *fds, size_t max, size_t *n)
{
	unsigned char bits[3][FD_SETSIZE / 8];
	size_t nbytes;
	bool have[3] = { false, false, false };

	*n = 0;
	if (nfds > FD_SETSIZE)
		nfds = FD_SETSIZE;
	nbytes = (size_t)((nfds + 63) / 64 * 8); /* fd_set is an array of longs */
	if (nbytes == 0)
		return 0;
	for (int s = 0; s < 3; s++) {
		if (!sets[s])
			continue;
		if (collect_fd_peek(pid, sets[s], bits[s], nbytes) < 0)
			return -1;
		have[s] = true;
	}
	for (size_t fd = 0; fd < nfds && *n < max; fd++) {
		bool on = false;

		for (int s = 0; s < 3; s++)
			if (have[s] && (bits[s][fd / 8] & (1u << (fd % 8))))
				on = true;
		if (on)
			fds[(*n)++] = (int)fd;
	}
	return 0;
}

/* collect_fd_holds_pipe: does pid hold pipe INODE open for writing
 * (want_writer) or reading?  *budget counts down per fd looked at. */
static bool collect_fd_holds_pipe(int pid, unsigned long inode, bool want_writer, size_t *budget)
{
	char dirpath[64], infopath[320], want[48], link[64], info[512];
	struct dirent *de;
	bool found = false;
	DIR *d;

	snprintf(dirpath, sizeof(dirpath), "/proc/%d/fd", pid);
	snprintf(want, sizeof(want), "pipe:[%lu]", inode);
	d = opendir(dirpath);
	if (!d)
		return false;
	while (!found && *budget > 0 && (de = readdir(d)) != NULL) {
		ssize_t n;
		unsigned flags;

		if (de->d_name[0] == '.')
			continue;
		(*budget)--;
		n = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		if (n < 0)
			continue;
		link[n] = '\0';
		if (strcmp(link, want) != 0)
			continue;
		snprintf(infopath, sizeof(infopath), "/proc/%d/fdinfo/%s", pid, de->d_name);
		if (util_read_file(AT_FDCWD, infopath, info, sizeof(info)) < 0 ||
		    parse_fdinfo_flags(info, &flags) < 0)
			continue;
		found =
		    want_writer ? (flags & O_ACCMODE) != O_RDONLY : (flags & O_ACCMODE) != O_WRONLY;
	}
	closedir(d);
	return found;
}

int collect_fd_pipe_peer(const int *cand, size_t ncand, int self, unsigned long inode,
			 bool want_writer, size_t max_fds)
{
	size_t budget = max_fds;

	for (size_t i = 0; i < ncand && budget > 0; i++) {
		if (cand[i] == self || cand[i] <= 0)
			continue;
		if (collect_fd_holds_pipe(cand[i], inode, want_writer, &budget))
			return cand[i];
	}
	return 0;
}

/* collect_fd_peers_in: one candidate's part of collect_fd_pipe_peers;
 * *left counts the pipes still without a peer. */
static void collect_fd_peers_in(int pid, const unsigned long *inode, const bool *want_writer,
				int *peer, size_t n, size_t *left, size_t *budget)
{
	char path[64], link[64], info[512];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return;
	while (*left > 0 && *budget > 0 && (de = readdir(d)) != NULL) {
		struct fd_target t;
		unsigned flags = 0;
		bool have_flags = false;
		ssize_t len;

		if (de->d_name[0] == '.')
			continue;
		(*budget)--;
		len = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		if (len <= 0)
			continue;
		link[len] = '\0';
		if (parse_fd_link(link, &t) < 0 || t.kind != FD_PIPE)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (peer[i] || inode[i] != t.inode)
				continue;
			if (!have_flags) {
				snprintf(path, sizeof(path), "/proc/%d/fdinfo/%.16s", pid,
					 de->d_name);
				if (util_read_file(AT_FDCWD, path, info, sizeof(info)) < 0 ||
				    parse_fdinfo_flags(info, &flags) < 0)
					break;
				have_flags = true;
			}
			if (want_writer[i] ? (flags & O_ACCMODE) != O_RDONLY
					   : (flags & O_ACCMODE) != O_WRONLY) {
				peer[i] = pid;
				(*left)--;
			}
		}
	}
	closedir(d);
}

void collect_fd_pipe_peers(const int *cand, size_t ncand, int self, const unsigned long *inode,
			   const bool *want_writer, int *peer, size_t n, size_t max_fds)
{
	size_t budget = max_fds, left = n;

	memset(peer, 0, n * sizeof(*peer));
	for (size_t c = 0; c < ncand && left > 0 && budget > 0; c++)
		if (cand[c] != self && cand[c] > 0)
			collect_fd_peers_in(cand[c], inode, want_writer, peer, n, &left, &budget);
}

/* collect_fd_children: append the children of every thread of pid but
 * skip to cand[*n..max); whole numbers only (a long list is cut). */
static void collect_fd_children(int pid, int skip, int *cand, size_t *n, size_t max)
{
	char path[64], buf[4096];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return;
	while (*n < max && (de = readdir(d)) != NULL) {
		char *p, *end;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%.16s/children", pid, de->d_name);
		if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0)
			continue;
		for (p = buf; *n < max; p = end) {
			long c = strtol(p, &end, 10);

			if (end == p || *end != ' ') /* the end, or a number cut short */
				break;
			if (c > 0 && c != skip)
				cand[(*n)++] = (int)c;
		}
	}
	closedir(d);
}

int collect_fd_relatives(int pid, int ppid, int *cand, size_t n, size_t max)
{
	static int have = -1;

	if (have < 0)
		have = access("/proc/thread-self/children", R_OK) == 0;
	if (!have)
		return -1;
	collect_fd_children(pid, 0, cand, &n, max);
	if (ppid > 1)
		collect_fd_children(ppid, pid, cand, &n, max);
	return (int)n;
}
