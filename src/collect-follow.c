/* collect-follow.c - the tables behind following a wait: /proc/locks, the
 * children of a process, the owner of a socket inode, a process's comm.
 * Read only when a verdict asks (a thread blocked in flock, wait4, or on
 * a socket whose other end has no known owner), each bounded.  Readlink
 * of /proc/PID/fd/N only: nothing here enters another filesystem. */
#include "config.h"
#include "collect-follow.h"
#include "collect-fd.h"
#include "collect-proc.h"
#include "deadline.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int collect_follow_locks(struct follow_lock *v, size_t max, size_t *n)
{
	char *buf = xcalloc(1, COLLECT_FOLLOW_LOCKS_BYTES);
	int rc = -1;

	*n = 0;
	if (util_read_file(AT_FDCWD, "/proc/locks", buf, COLLECT_FOLLOW_LOCKS_BYTES) >= 0)
		rc = follow_parse_locks(buf, v, max, n);
	free(buf);
	return rc;
}

size_t collect_follow_children(int pid, struct follow_proc *v, size_t max)
{
	int *kids = xmalloc((max ? max : 1) * sizeof(int));
	int k = collect_fd_relatives(pid, 0, kids, 0, max);
	DIR *d;
	struct dirent *de;
	size_t n = 0, seen = 0;

	for (int i = 0; i < k; i++) /* the kernel's lists: exact, at any scale */
		v[i] = (struct follow_proc){ .pid = kids[i], .ppid = pid };
	free(kids);
	if (k >= 0)
		return (size_t)k;
	d = opendir("/proc");
	if (!d)
		return 0;
	while (n < max && seen < COLLECT_FOLLOW_SCAN_MAX && (de = readdir(d)) != NULL) {
		char path[64], buf[1024];
		struct task_raw t;
		int p = atoi(de->d_name);

		if (p <= 0 || p == pid)
			continue;
		seen++;
		snprintf(path, sizeof(path), "/proc/%d/stat", p);
		if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0 ||
		    parse_proc_stat(buf, &t) < 0 || t.ppid != pid)
			continue;
		v[n].pid = p;
		v[n].ppid = t.ppid;
		n++;
	}
	closedir(d);
	return n;
}

/* collect_follow_holds: does pid hold "socket:[inode]" (want)?  *count
 * counts the fd links read. */
static bool collect_follow_holds(int pid, const char *want, size_t *count)
{
	char path[64], link[64];
	struct dirent *de;
	bool found = false;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return false; /* gone, or not ours to read */
	while (!found && (de = readdir(d)) != NULL) {
		ssize_t len;

		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		(*count)++;
		len = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		if (len <= 0)
			continue;
		link[len] = '\0';
		found = strcmp(link, want) == 0;
	}
	closedir(d);
	return found;
}

int collect_follow_sock_owner(unsigned long inode, int self, long long uid, size_t *budget,
			      int *cursor)
{
	char want[48];
	size_t count = 0;
	bool more = false;
	struct dirent *de;
	int pid = 0;
	DIR *d;

	if (!inode)
		return 0;
	snprintf(want, sizeof(want), "socket:[%lu]", inode);
	d = opendir("/proc");
	if (!d)
		return 0;
	/* /proc lists processes in pid order: the cursor is the last pid
	 * looked into; every call looks into one process at least */
	while (!pid && (de = readdir(d)) != NULL) {
		int p = atoi(de->d_name);
		struct stat st;

		if (p <= 0 || p == self || p <= *cursor)
			continue;
		/* /proc/PID belongs to the process's euid: skip other owners */
		if (uid >= 0 && (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
				 (long long)st.st_uid != uid))
			continue;
		if (count >= *budget) {
			more = true; /* p is for the next call */
			break;
		}
		if (collect_follow_holds(p, want, &count))
			pid = p;
		*cursor = p;
	}
	closedir(d);
	*budget = count >= *budget ? 0 : *budget - count;
	if (!more)
		*cursor = 0;
	return pid ? pid : more ? -1 : 0;
}

int collect_follow_fd_ino(int pid, int fd, unsigned long *ino)
{
	char path[64], buf[1024];

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	if (deadline_pread(pid, AT_FDCWD, path, -1, buf, sizeof(buf), 0) < 0)
		return -1;
	if (follow_parse_fdinfo_ino(buf, ino) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

bool collect_follow_pid_holds(int pid, unsigned long inode)
{
	char want[48];
	size_t count = 0;

	snprintf(want, sizeof(want), "socket:[%lu]", inode);
	return pid > 0 && collect_follow_holds(pid, want, &count);
}

int collect_follow_comm(int pid, char *buf, size_t bufsz)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	if (bufsz == 0 || util_read_file(AT_FDCWD, path, buf, bufsz) <= 0)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	for (char *c = buf; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return 0;
}
