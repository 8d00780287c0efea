/* collect-open.c - processes with files open on one disk's filesystems
 * (see collect-open.h): the disk's device numbers from /sys/class/block,
 * the mounts of those devices from /proc/self/mountinfo, then per process
 * a readdir of /proc/PID/fd, a readlinkat per fd and, for a path, the
 * fdinfo's mnt_id, within fixed caps per refresh. */
#include "config.h"
#include "collect-open.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COLLECT_OPEN_MAX_MOUNTS 256

/* One process's answer: -1 not looked at yet, 0 no file there, 1 some. */
struct open_ent {
	int pid;
	unsigned long long start_ticks;
	signed char state;
	bool kthread; /* a kernel thread or zombie: no files, never looked at */
};

struct collect_open {
	char disk[MODEL_DEV_MAX]; /* "" none */
	unsigned devs[COLLECT_OPEN_MAX_DEVS][2];
	char names[COLLECT_OPEN_MAX_DEVS][MODEL_DEV_MAX]; /* "vda", "vda1", "dm-0" */
	size_t ndevs;
	struct open_ent *ents; /* sorted by pid */
	size_t nents;
	int cursor_pid; /* the next look starts at this pid */
	int cursor_fd; /* ... after this fd of it (-1: from its first) */
	size_t dirs, links, fdinfos; /* the last scan's reads */
	size_t slow; /* the caps are divided by this: 1, or COLLECT_OPEN_SLOW once
		      * every process has an answer */
};

int parse_open_mnt_id(const char *fdinfo)
{
	const char *p = strstr(fdinfo, "mnt_id:");
	int id;

	if (!p || (p != fdinfo && p[-1] != '\n'))
		return -1;
	return sscanf(p + 7, "%d", &id) == 1 ? id : -1;
}

size_t parse_open_mounts(const char *mountinfo, const unsigned (*devs)[2], size_t ndevs, int *ids,
			 size_t max)
{
	size_t n = 0;

	for (const char *l = mountinfo; l && *l && n < max;
	     l = strchr(l, '\n'), l = l ? l + 1 : l) {
		int id, parent;
		unsigned maj, min;

		if (sscanf(l, "%d %d %u:%u", &id, &parent, &maj, &min) != 4)
			continue;
		for (size_t i = 0; i < ndevs; i++)
			if (devs[i][0] == maj && devs[i][1] == min) {
				ids[n++] = id;
				break;
			}
	}
	return n;
}

struct collect_open *collect_open_new(void)
{
	return xcalloc(1, sizeof(struct collect_open));
}

void collect_open_free(struct collect_open *co)
{
	if (!co)
		return;
	free(co->ents);
	free(co);
}

/* collect_open_add_dev: the device number in /sys/class/block/NAME/dev
 * (a name, or "NAME/PART" for a partition); false if unreadable. */
static bool collect_open_add_dev(struct collect_open *co, const char *rel)
{
	char path[640], text[32];
	unsigned maj, min;

	snprintf(path, sizeof(path), "/sys/class/block/%s/dev", rel);
	if (co->ndevs >= COLLECT_OPEN_MAX_DEVS ||
	    util_read_file(AT_FDCWD, path, text, sizeof(text)) <= 0 ||
	    sscanf(text, "%u:%u", &maj, &min) != 2)
		return false;
	for (size_t i = 0; i < co->ndevs; i++)
		if (co->devs[i][0] == maj && co->devs[i][1] == min)
			return true;
	co->devs[co->ndevs][0] = maj;
	co->devs[co->ndevs][1] = min;
	snprintf(co->names[co->ndevs], sizeof(co->names[0]), "%s",
		 strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel);
	co->ndevs++;
	return true;
}

/* collect_open_holders: the dm/md devices built on NAME (its holders/),
 * to depth levels. */
static void collect_open_holders(struct collect_open *co, const char *name, int depth)
{
	char path[320];
	DIR *d;
	struct dirent *de;

	snprintf(path, sizeof(path), "/sys/class/block/%.256s/holders", name);
	if (depth <= 0 || !(d = opendir(path)))
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (collect_open_add_dev(co, de->d_name))
			collect_open_holders(co, de->d_name, depth - 1);
	}
	closedir(d);
}

int collect_open_set_disk(struct collect_open *co, const char *name)
{
	char path[64 + MODEL_DEV_MAX], rel[640];
	DIR *d;
	struct dirent *de;

	if (name && strcmp(name, co->disk) == 0)
		return co->ndevs ? 0 : -1;
	co->disk[0] = '\0';
	co->ndevs = 0;
	free(co->ents);
	co->ents = NULL;
	co->nents = 0;
	co->cursor_pid = 0;
	co->cursor_fd = -1;
	if (!name || !name[0] || strchr(name, '/') || name[0] == '.')
		return name && name[0] ? -1 : 0;
	snprintf(co->disk, sizeof(co->disk), "%s", name);
	if (!collect_open_add_dev(co, name))
		return -1;
	collect_open_holders(co, name, 4);
	/* its partitions: subdirectories with a "partition" file */
	snprintf(path, sizeof(path), "/sys/class/block/%.31s", name);
	if ((d = opendir(path))) {
		while ((de = readdir(d))) {
			char text[16];

			if (de->d_name[0] == '.')
				continue;
			snprintf(rel, sizeof(rel), "%s/%s/partition", path, de->d_name);
			if (util_read_file(AT_FDCWD, rel, text, sizeof(text)) <= 0)
				continue;
			snprintf(rel, sizeof(rel), "%.31s/%.256s", name, de->d_name);
			if (collect_open_add_dev(co, rel))
				collect_open_holders(co, de->d_name, 4);
		}
		closedir(d);
	}
	return 0;
}

/* collect_open_ent_cmp: by pid. */
static int collect_open_ent_cmp(const void *a, const void *b)
{
	const struct open_ent *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* collect_open_sync: the answers for s's processes (kernel threads have
 * no files: 0), carried over from the last scan where pid and start match. */
static void collect_open_sync(struct collect_open *co, const struct sample *s)
{
	struct open_ent *next = xmalloc((s->nprocs + 1) * sizeof(*next));
	size_t n = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];
		struct open_ent key = { .pid = p->pid }, *e = NULL;

		if (p->is_thread)
			continue;
		if (co->nents)
			e = bsearch(&key, co->ents, co->nents, sizeof(key), collect_open_ent_cmp);
		/* kernel threads and zombies have no files: never looked at */
		bool none = p->kthread || p->state == 'Z';

		next[n] = (struct open_ent){ p->pid, p->start_ticks, none ? 0 : -1, none };
		if (e && e->start_ticks == p->start_ticks && !none)
			next[n].state = e->state;
		n++;
	}
	qsort(next, n, sizeof(*next), collect_open_ent_cmp);
	free(co->ents);
	co->ents = next;
	co->nents = n;
}

/* collect_open_is_dev: an fd's link text names one of the disk's device
 * nodes ("/dev/vda1"; the kernel's own names, as devtmpfs gives them). */
static bool collect_open_is_dev(const struct collect_open *co, const char *link)
{
	if (strncmp(link, "/dev/", 5) != 0)
		return false;
	for (size_t i = 0; i < co->ndevs; i++)
		if (strcmp(link + 5, co->names[i]) == 0)
			return true;
	return false;
}

/* collect_open_fd_hit: fd NAME of the process (fd dir dfd, fdinfo dir
 * ifd) is a path on one of the mounts ids[0..n); counts the reads.
 * *stop when a cap was reached before it was looked at. */
static bool collect_open_fd_hit(struct collect_open *co, int dfd, int ifd, const char *name,
				const int *ids, size_t n, bool *stop)
{
	char link[512], info[1024];
	ssize_t len;
	int id;

	if (co->links >= COLLECT_OPEN_MAX_READLINKS / co->slow) {
		*stop = true;
		return false;
	}
	co->links++;
	len = readlinkat(dfd, name, link, sizeof(link) - 1);
	if (len <= 0 || link[0] != '/')
		return false; /* socket:, pipe:, anon_inode:... */
	link[len] = '\0';
	if (collect_open_is_dev(co, link))
		return true; /* the device itself, opened raw (dd, a database on a block device) */
	if (!n)
		return false; /* no filesystem of the disk is mounted */
	if (co->fdinfos >= COLLECT_OPEN_MAX_FDINFO / co->slow) {
		*stop = true;
		return false;
	}
	co->fdinfos++;
	if (ifd < 0 || util_read_file(ifd, name, info, sizeof(info)) <= 0)
		return false;
	id = parse_open_mnt_id(info);
	for (size_t i = 0; i < n && id >= 0; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* collect_open_look: look at e's fds after fd 'after'; true when done
 * (e->state set), false when a cap stopped it at *last. */
static bool collect_open_look(struct collect_open *co, struct open_ent *e, int after,
			      const int *ids, size_t n, int *last)
{
	char path[64];
	DIR *d;
	struct dirent *de;
	int ifd;
	bool stop = false;
	signed char old = e->state;

	if (co->dirs >= COLLECT_OPEN_MAX_DIRS / co->slow)
		return false;
	co->dirs++;
	snprintf(path, sizeof(path), "/proc/%d/fd", e->pid);
	if (!(d = opendir(path))) {
		e->state = 0; /* gone, or another user's (not root) */
		return true;
	}
	snprintf(path, sizeof(path), "/proc/%d/fdinfo", e->pid);
	ifd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	e->state = 0;
	while ((de = readdir(d))) {
		int fd;

		if (de->d_name[0] == '.' || (fd = atoi(de->d_name)) <= after)
			continue;
		if (collect_open_fd_hit(co, dirfd(d), ifd, de->d_name, ids, n, &stop)) {
			e->state = 1;
			break;
		}
		if (stop) {
			e->state = old; /* the last round's answer until this one is done */
			break;
		}
		*last = fd;
	}
	if (ifd >= 0)
		close(ifd);
	closedir(d);
	return !stop;
}

/* collect_open_step: continue the round from the cursor, within the caps. */
static void collect_open_step(struct collect_open *co, const int *ids, size_t n)
{
	size_t start = 0;

	co->dirs = co->links = co->fdinfos = 0;
	co->slow = COLLECT_OPEN_SLOW;
	for (size_t i = 0; i < co->nents; i++)
		if (co->ents[i].state < 0)
			co->slow = 1; /* someone has no answer yet: full pace */
	while (start < co->nents && co->ents[start].pid < co->cursor_pid)
		start++;
	for (size_t k = 0; k < co->nents; k++) {
		struct open_ent *e = &co->ents[(start + k) % co->nents];
		int after = e->pid == co->cursor_pid ? co->cursor_fd : -1, last = after;

		if (e->kthread)
			continue;
		if (!collect_open_look(co, e, after, ids, n, &last)) {
			co->cursor_pid = e->pid;
			co->cursor_fd = last;
			return;
		}
		co->cursor_fd = -1;
		co->cursor_pid = e->pid + 1;
	}
}

void collect_open_scan(struct collect_open *co, struct sample *s)
{
	char *text;
	int ids[COLLECT_OPEN_MAX_MOUNTS];
	size_t nids = 0, cap = 1 << 18, nhit = 0;
	bool complete = true;

	if (!co->disk[0])
		return;
	s->have_open = true;
	snprintf(s->open_disk, sizeof(s->open_disk), "%s", co->disk);
	text = xmalloc(cap);
	if (co->ndevs && util_read_file(AT_FDCWD, "/proc/self/mountinfo", text, cap) > 0)
		nids = parse_open_mounts(text, (const unsigned(*)[2])co->devs, co->ndevs, ids,
					 COLLECT_OPEN_MAX_MOUNTS);
	free(text);
	collect_open_sync(co, s);
	if (co->ndevs) /* a disk with no mounted filesystem can still be open raw */
		collect_open_step(co, ids, nids);
	s->open_pids = xmalloc((co->nents + 1) * sizeof(*s->open_pids));
	for (size_t i = 0; i < co->nents; i++) {
		if (co->ents[i].state == 1)
			s->open_pids[nhit++] = co->ents[i].pid;
		if (co->ents[i].state < 0)
			complete = false;
	}
	s->nopen_pids = nhit;
	s->open_complete = complete || !co->ndevs;
}

void collect_open_last(const struct collect_open *co, size_t *dirs, size_t *links, size_t *fdinfos)
{
	*dirs = co->dirs;
	*links = co->links;
	*fdinfos = co->fdinfos;
}
