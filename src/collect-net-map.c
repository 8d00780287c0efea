/* collect-net-map.c - which process holds which socket: reads the links in
 * /proc/<pid>/fd ("socket:[N]") of one process, and its network namespace.
 * The policy of when to scan (new processes, unknown inodes with traffic,
 * a budget per refresh) lives in collect-net.c. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect-net-int.h"
#include "util.h"

unsigned long net_map_parse_link(const char *s)
{
	unsigned long v = 0;
	const char *p;

	if (strncmp(s, "socket:[", 8) != 0)
		return 0;
	for (p = s + 8; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	if (*p != ']' || p == s + 8 || p[1] != '\0')
		return 0;
	return v;
}

int net_map_scan_pid(int procfd, int pid, struct net_scan *sc, double deadline)
{
	char path[32], link[64];
	struct stat st;
	struct dirent *de;
	size_t seen = 0;
	DIR *d;
	int fd, rc = 0;

	snprintf(path, sizeof path, "%d/fd", pid);
	fd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0)
		sc->uid = st.st_uid;
	/* procfs lists fd N at directory offset N + 2: resume there. */
	if (sc->next_fd > 0 && lseek(fd, (off_t)sc->next_fd + 2, SEEK_SET) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	errno = 0;
	while ((de = readdir(d))) {
		ssize_t len;
		unsigned long ino;
		int n;
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		n = atoi(de->d_name);
		if (deadline > 0 && (++seen & 31) == 0 && util_mono_s() > deadline) {
			sc->next_fd = n; /* not read yet */
			rc = 1;
			break;
		}
		sc->nfds++;
		len = readlinkat(fd, de->d_name, link, sizeof link - 1);
		if (len <= 0)
			continue; /* closed meanwhile */
		link[len] = '\0';
		ino = net_map_parse_link(link);
		if (ino) {
			if (sc->n == sc->cap) {
				sc->cap = sc->cap ? sc->cap * 2 : 8;
				sc->inodes = xrealloc(sc->inodes, sc->cap * sizeof *sc->inodes);
			}
			sc->inodes[sc->n++] = ino;
		}
	}
	if (rc == 0 && errno == EACCES && sc->nfds == 0) {
		closedir(d);
		errno = EACCES;
		return -1;
	}
	closedir(d);
	if (rc == 0)
		sc->next_fd = 0;
	return rc;
}

unsigned long net_map_netns(int procfd, int pid)
{
	char path[40];
	struct stat st;

	snprintf(path, sizeof path, "%d/ns/net", pid);
	if (fstatat(procfd, path, &st, 0) < 0)
		return 0;
	return st.st_ino;
}
