/* collect-proc.c - the per-process reader: enumerates /proc with getdents64
 * on a kept directory fd, holds /proc/PID/{stat,io,schedstat} (and, for
 * threads that run, wchan and syscall) open and re-reads them with pread at
 * offset 0.  Caches what cannot change while a task sleeps (wchan, syscall)
 * and what changes only on exec (cmdline).  Raw counters only: rates are
 * delta.c's job.  Never includes curses. */
#include "config.h"
#include "collect-proc.h"
#include "deadline.h"
#include "util.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CP_PF_KTHREAD 0x00200000UL
#define CP_BUCKETS 8192 /* hash buckets for processes and for threads */
#define CP_SPARE_FDS 64 /* fds left for the rest of the program */
#define CP_CMDLINE_MAX 4096 /* bytes of /proc/PID/cmdline kept */
#define CP_CMDLINE_LATE "not read in time: the process holds its mmap lock"
#define CP_CMDLINE_YET "not read yet"
#define CP_IDLE_SCANS COLLECT_PROC_IDLE_SCANS
#define CP_BUDGET_MAX 4096 /* held fds at most: about 18 MB of kernel slab */

/* Whether a task ran in the last scans: what its last stat+schedstat
 * reading said of that.  The reading itself stands for a new one while
 * the schedstat does not move (a task that was not scheduled cannot have
 * changed either file); it is taken from the previous snapshot
 * (collect_proc_scan_after), not kept here: a copy cost 226 bytes for
 * every process on the box. */
struct cp_idle {
	unsigned long long ticks, run_ns, slices;
	unsigned scans; /* consecutive scans in which it did not run */
	int nthreads;
	bool have; /* the fields above and below hold a full reading */
	char state;
	bool have_sched;
};
/* the part of a previous reading an idle task's new one is copied from:
 * the wait site (have_wchan on) is always refilled from the cp_task cache
 * by cp_read_waits */
#define CP_IDLE_KEPT offsetof(struct task_raw, have_wchan)

/* One task's held fds and cached wchan/syscall (this and cp_proc are
 * grouped by size to leave no padding: one of each per process). */
struct cp_task {
	struct cp_task *next; /* hash chain, keyed by tid */
	unsigned long long start;
	struct cp_idle idle; /* whether it ran lately */
	/* the cached reading (valid when cached) and the state, schedstat
	 * and ticks it was taken at */
	unsigned long long seen_run_ns, seen_slices, seen_ticks;
	const char *wchan; /* model_intern()ed */
	long syscall_nr;
	unsigned long long syscall_args[COLLECT_PROC_SYSCALL_ARGS];
	int pid, tid;
	int fd_stat, fd_sched, fd_wchan, fd_sys;
	unsigned uid;
	unsigned gen;
	bool known; /* start is valid */
	bool cached; /* the reading fields hold a reading */
	bool suspect; /* ... taken while the task was still switching out */
	char seen_state;
	bool have_wchan;
	bool have_syscall;
};

/* One process's held fds and caches. */
struct cp_proc {
	struct cp_proc *next; /* hash chain, keyed by pid */
	unsigned long long start;
	struct cp_idle idle;
	unsigned long long uid_sig; /* the run signature euid was read at */
	unsigned long long io_read, io_write, io_cancelled, io_rchar, io_wchar;
	unsigned long long sig_run_ns, sig_slices, sig_ticks;
	const char *cmd_why; /* static: why cmdline is unknown (NULL: known) */
	uint64_t cmd_comm; /* cp_comm_hash of comm then (an exec changes it) */
	char *cmdline;
	int pid;
	int fd_stat, fd_io, fd_sched, fd_task;
	unsigned uid; /* owner of stat when it was opened */
	unsigned gen;
	unsigned euid;
	int sig_nthreads;
	bool known; /* start is valid */
	bool uid_valid; /* euid is from status, read at run signature uid_sig */
	bool single; /* last scan saw one thread: its entry is the process's */
	bool io_denied; /* io gave EACCES: not ours to read (its wchan "0" means nothing) */
	bool io_cached; /* io_* above hold a reading */
	bool sig_valid; /* sig_* are the schedstat/ticks seen just before it */
	bool cmd_done; /* cmdline was read while comm hashed to cmd_comm */
};

struct collect_proc {
	struct collect_proc_opts o;
	int *only; /* copy of o.only_pids, sorted */
	int extra; /* read too, when not in only (0: none) */
	int proc_fd;
	size_t budget, held;
	unsigned gen;
	unsigned cmd_left; /* cmdline reads left in this scan */
	struct cp_proc *ph[CP_BUCKETS];
	struct cp_task *th[CP_BUCKETS];
	const struct proc_snap *prev; /* during collect_proc_scan_after: the previous scan */
	size_t probed; /* tasks of the last scan whose reading came from prev */
	int *ids; /* scratch: pids or tids from getdents */
	size_t nids, capids;
	char dents[32768];
	char buf[4096];
};

/* cp_bucket: hash bucket of a pid or tid. */
static size_t cp_bucket(int id)
{
	return (size_t)((unsigned)id * 2654435761u) % CP_BUCKETS;
}

/* cp_close: close a held fd and forget it. */
static void cp_close(struct collect_proc *cp, int *fdp)
{
	if (*fdp >= 0) {
		close(*fdp);
		cp->held--;
		*fdp = -1;
	}
}

/* cp_pread: one pread at offset 0, NUL-terminated.  The files read through
 * it (stat, io, schedstat, wchan, syscall) are single seq_file records the
 * kernel hands over whole, so a short read is the whole file and the
 * second, EOF-confirming pread of util_pread_all would double the
 * syscalls.  Bytes, or -1 with errno. */
static ssize_t cp_pread(int fd, char *buf, size_t bufsz)
{
	ssize_t r;

	do
		r = pread(fd, buf, bufsz - 1, 0);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	buf[r] = '\0';
	return r;
}

/* cp_read: read /proc/PID/NAME (tid 0) or /proc/PID/task/TID/NAME into
 * cp->buf through the held fd *fdp; when none is held, open it, read, and
 * keep the fd if hold is set and the budget allows.  *uid gets the file's
 * owner when the file was opened here (uid may be NULL).  Bytes, or -1
 * with errno. */
static ssize_t cp_read(struct collect_proc *cp, int *fdp, int pid, int tid, const char *name,
		       bool hold, unsigned *uid)
{
	char path[64];
	ssize_t n;
	int fd, saved;

	if (*fdp >= 0)
		return cp_pread(*fdp, cp->buf, sizeof(cp->buf));
	if (tid)
		snprintf(path, sizeof(path), "%d/task/%d/%s", pid, tid, name);
	else
		snprintf(path, sizeof(path), "%d/%s", pid, name);
	fd = openat(cp->proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (uid) {
		struct stat st;

		if (fstat(fd, &st) == 0)
			*uid = st.st_uid;
	}
	n = cp_pread(fd, cp->buf, sizeof(cp->buf));
	if (n >= 0 && hold && cp->held < cp->budget) {
		*fdp = fd;
		cp->held++;
		return n;
	}
	saved = errno;
	close(fd);
	errno = saved;
	return n;
}

/* cp_list_ids: the numeric entries of directory fd (rewound) into cp->ids,
 * sorted.  0, or -1 with errno. */
static int cp_list_ids(struct collect_proc *cp, int fd)
{
	ssize_t n;

	cp->nids = 0;
	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	while ((n = getdents64(fd, cp->dents, sizeof(cp->dents))) > 0) {
		ssize_t off = 0;

		while (off < n) {
			struct dirent64 *d = (struct dirent64 *)(cp->dents + off);
			const char *s = d->d_name;
			int id = 0;

			off += d->d_reclen;
			if (*s < '1' || *s > '9')
				continue;
			while (*s >= '0' && *s <= '9')
				id = id * 10 + (*s++ - '0');
			if (*s)
				continue;
			if (cp->nids == cp->capids) {
				cp->capids = cp->capids ? cp->capids * 2 : 1024;
				cp->ids = xrealloc(cp->ids, cp->capids * sizeof(int));
			}
			cp->ids[cp->nids++] = id;
		}
	}
	if (n < 0)
		return -1;
	qsort(cp->ids, cp->nids, sizeof(int), util_int_cmp);
	return 0;
}

/* cp_proc_find: the process entry of pid, or NULL. */
static struct cp_proc *cp_proc_find(struct collect_proc *cp, int pid)
{
	struct cp_proc *p;

	for (p = cp->ph[cp_bucket(pid)]; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* cp_proc_reset: close a process entry's fds and forget its caches. */
static void cp_proc_reset(struct collect_proc *cp, struct cp_proc *p)
{
	cp_close(cp, &p->fd_stat);
	cp_close(cp, &p->fd_io);
	cp_close(cp, &p->fd_sched);
	cp_close(cp, &p->fd_task);
	free(p->cmdline);
	p->cmdline = NULL;
	p->cmd_done = false;
	p->cmd_why = NULL;
	p->io_denied = false;
	p->io_cached = false;
	p->sig_valid = false;
	p->known = false;
	p->single = false;
	p->uid_valid = false;
	memset(&p->idle, 0, sizeof(p->idle));
}

/* cp_proc_get: the process entry of pid, created empty if missing. */
static struct cp_proc *cp_proc_get(struct collect_proc *cp, int pid)
{
	struct cp_proc *p = cp_proc_find(cp, pid);
	size_t b = cp_bucket(pid);

	if (p)
		return p;
	p = xcalloc(1, sizeof(*p));
	p->pid = pid;
	p->fd_stat = p->fd_io = p->fd_sched = p->fd_task = -1;
	p->next = cp->ph[b];
	cp->ph[b] = p;
	return p;
}

/* cp_task_find: the task entry of tid, or NULL. */
static struct cp_task *cp_task_find(struct collect_proc *cp, int tid)
{
	struct cp_task *t;

	for (t = cp->th[cp_bucket(tid)]; t; t = t->next)
		if (t->tid == tid)
			return t;
	return NULL;
}

/* cp_task_reset: close a task entry's fds and forget its cache. */
static void cp_task_reset(struct collect_proc *cp, struct cp_task *t)
{
	cp_close(cp, &t->fd_stat);
	cp_close(cp, &t->fd_sched);
	cp_close(cp, &t->fd_wchan);
	cp_close(cp, &t->fd_sys);
	t->cached = false;
	t->suspect = false;
	t->known = false;
	memset(&t->idle, 0, sizeof(t->idle));
}

/* cp_task_get: the task entry of (pid, tid), reset if it belonged to another pid. */
static struct cp_task *cp_task_get(struct collect_proc *cp, int pid, int tid)
{
	struct cp_task *t = cp_task_find(cp, tid);
	size_t b = cp_bucket(tid);

	if (t) {
		if (t->pid != pid) {
			cp_task_reset(cp, t);
			t->pid = pid;
		}
		return t;
	}
	t = xcalloc(1, sizeof(*t));
	t->pid = pid;
	t->tid = tid;
	t->fd_stat = t->fd_sched = t->fd_wchan = t->fd_sys = -1;
	t->next = cp->th[b];
	cp->th[b] = t;
	return t;
}

/* cp_sweep: free every entry not seen in generation gen (all if gen is 0 and
 * cp->gen is not). */
static void cp_sweep(struct collect_proc *cp, bool all)
{
	size_t b;

	for (b = 0; b < CP_BUCKETS; b++) {
		struct cp_proc **pp = &cp->ph[b];
		struct cp_task **tp = &cp->th[b];

		while (*pp) {
			struct cp_proc *p = *pp;

			if (all || p->gen != cp->gen) {
				*pp = p->next;
				cp_proc_reset(cp, p);
				free(p);
			} else {
				pp = &p->next;
			}
		}
		while (*tp) {
			struct cp_task *t = *tp;

			if (all || t->gen != cp->gen) {
				*tp = t->next;
				cp_task_reset(cp, t);
				free(t);
			} else {
				tp = &t->next;
			}
		}
	}
}

struct collect_proc *collect_proc_new(const struct collect_proc_opts *o)
{
	struct collect_proc *cp;
	struct rlimit rl;
	int fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	cp = xcalloc(1, sizeof(*cp));
	cp->proc_fd = fd;
	if (o)
		cp->o = *o;
	if (cp->o.n_only_pids) {
		cp->only = xmalloc(cp->o.n_only_pids * sizeof(int));
		memcpy(cp->only, cp->o.only_pids, cp->o.n_only_pids * sizeof(int));
		qsort(cp->only, cp->o.n_only_pids, sizeof(int), util_int_cmp);
		cp->o.only_pids = cp->only;
	}
	cp->budget = cp->o.fd_budget;
	if (cp->budget == 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		if (rl.rlim_cur < rl.rlim_max) {
			struct rlimit up = rl;

			up.rlim_cur = rl.rlim_max == RLIM_INFINITY ? 1048576 : rl.rlim_max;
			if (setrlimit(RLIMIT_NOFILE, &up) == 0)
				rl = up;
		}
		if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > 2 * CP_SPARE_FDS)
			cp->budget = (size_t)rl.rlim_cur - CP_SPARE_FDS;
		else if (rl.rlim_cur == RLIM_INFINITY)
			cp->budget = 1048576;
		if (cp->budget > CP_BUDGET_MAX)
			cp->budget = CP_BUDGET_MAX;
	}
	return cp;
}

void collect_proc_free(struct collect_proc *cp)
{
	if (!cp)
		return;
	cp_sweep(cp, true);
	close(cp->proc_fd);
	free(cp->ids);
	free(cp->only);
	free(cp);
}

size_t collect_proc_held_fds(const struct collect_proc *cp)
{
	return cp ? cp->held : 0;
}

/* cp_read_syscall: task/TID/syscall of t into cp->buf (see cp_read).
 * Reading it takes the process's cred_guard_mutex, which an execve holds
 * while it reads the new binary and waits for the other threads to go:
 * a task in D (where an exec stuck on a dead server waits) or one whose
 * process missed a deadline before is read on the deadline worker. */
static ssize_t cp_read_syscall(struct collect_proc *cp, struct cp_task *t, char state, bool hold)
{
	char path[64];

	if (state != 'D' && !deadline_resting(t->pid, NULL))
		return cp_read(cp, &t->fd_sys, t->pid, t->tid, "syscall", hold, NULL);
	snprintf(path, sizeof(path), "%d/task/%d/syscall", t->pid, t->tid);
	return deadline_pread(t->pid, cp->proc_fd, path, t->fd_sys, cp->buf, sizeof(cp->buf), 0);
}

/* cp_read_waits: fill out's wchan and syscall, from the cache when the task
 * has not run or changed state since the cached reading (a task that was
 * not scheduled cannot have moved), else by reading task/TID/{wchan,syscall}
 * (schedstat was read before, so a run in between is seen next time).
 * may_read: the task is ours to inspect (its io opened), so a wchan "0"
 * means running; -1 = unknown, judge by the syscall file.  hold_now: hold
 * the fds from the first read on (the fast sampler's threads). */
static void cp_read_waits(struct collect_proc *cp, struct cp_task *t, struct task_raw *out,
			  int may_read, bool hold_now)
{
	unsigned long long ticks = out->utime_ticks + out->stime_ticks;
	bool kthread = (out->flags & CP_PF_KTHREAD) != 0;
	bool hold = (t->cached && t->idle.scans < CP_IDLE_SCANS) || hold_now;
	char wchan[MODEL_WCHAN_MAX];
	bool wchan_ok, wchan_zero = false;
	ssize_t n;

	if (t->cached && !t->suspect && out->state == t->seen_state && ticks == t->seen_ticks &&
	    (!out->have_sched || (out->run_ns == t->seen_run_ns && out->slices == t->seen_slices)))
		goto from_cache;

	n = cp_read(cp, &t->fd_wchan, t->pid, t->tid, "wchan", hold, NULL);
	wchan_ok = n >= 0;
	if (wchan_ok) {
		parse_proc_text(cp->buf, (size_t)n, wchan, sizeof(wchan));
		wchan_zero = strcmp(wchan, "0") == 0 || wchan[0] == '\0';
	}
	n = cp_read_syscall(cp, t, out->state, hold);
	t->have_syscall = false;
	if (n >= 0) {
		struct task_raw sc;

		if (parse_proc_syscall(cp->buf, &sc) == 0 && !kthread) {
			t->have_syscall = true;
			t->syscall_nr = sc.syscall_nr;
			memcpy(t->syscall_args, sc.syscall_args, sizeof(t->syscall_args));
		}
		if (may_read < 0)
			may_read = 1;
	} else if (may_read < 0) {
		may_read = errno == EACCES || errno == EPERM ? 0 : 1;
	}
	t->have_wchan = wchan_ok && (!wchan_zero || may_read);
	t->wchan = t->have_wchan && !wchan_zero ? model_intern(wchan) : "";
	/* A task that blocks is still on the runqueue for a moment after its
	 * schedstat is final: its wchan then reads "0" (and syscall "running")
	 * though it sleeps.  Such a reading must not be cached, or a long
	 * sleeper would show as running until it next runs. */
	t->suspect = out->state != 'R' && out->state != 'Z' && out->state != 'X' &&
		     ((t->have_wchan && wchan_zero) || (t->have_syscall && t->syscall_nr == -2));
	t->cached = true;
	t->seen_state = out->state;
	t->seen_ticks = ticks;
	t->seen_run_ns = out->run_ns;
	t->seen_slices = out->slices;
from_cache:
	out->have_wchan = t->have_wchan;
	out->wchan = t->wchan;
	out->have_syscall = t->have_syscall;
	out->syscall_nr = t->have_syscall ? t->syscall_nr : 0;
	memcpy(out->syscall_args, t->syscall_args, sizeof(out->syscall_args));
	if (!t->have_syscall)
		memset(out->syscall_args, 0, sizeof(out->syscall_args));
}

/* cp_prev_task: the previous scan's reading of task tid (0: the process
 * itself) of process pid, the same tasks as now (start times), or NULL. */
static const struct task_raw *cp_prev_task(struct collect_proc *cp, int pid, int tid)
{
	const struct cp_proc *p = cp_proc_find(cp, pid);
	const struct cp_task *t = tid ? cp_task_find(cp, tid) : NULL;
	const struct proc_snap_entry *e;

	if (!cp->prev || !p || !p->known || (tid && (!t || !t->known)))
		return NULL;
	e = proc_snap_find(cp->prev, pid, p->start);
	if (!e || !tid)
		return e ? &e->task : NULL;
	return proc_snap_find_thread(cp->prev, e, tid, t->start);
}

/* cp_idle_probe: for a task whose fds are closed (it has not run lately),
 * open, read and close only its schedstat: when run time and slices have
 * not moved since its last full reading, the task was not scheduled, so
 * the previous scan's reading still holds (state, ticks, faults) and is
 * copied to out: returns 1.  0: it ran (or there is no previous reading
 * to copy), read it in full; -1: it is gone. */
static int cp_idle_probe(struct collect_proc *cp, struct cp_idle *id, int pid, int tid,
			 struct task_raw *out)
{
	const struct task_raw *last;
	struct task_raw probe;
	int none = -1;
	ssize_t n;

	if (!id->have || !id->have_sched)
		return 0;
	last = cp_prev_task(cp, pid, tid);
	if (!last || !last->have_sched || last->run_ns != id->run_ns ||
	    last->slices != id->slices || last->state != id->state)
		return 0;
	n = cp_read(cp, &none, pid, tid, "schedstat", false, NULL);
	if (n < 0)
		return errno == ENOENT || errno == ESRCH ? -1 : 0;
	if (parse_proc_schedstat(cp->buf, &probe) < 0 || probe.run_ns != id->run_ns ||
	    probe.slices != id->slices)
		return 0;
	memset(out, 0, sizeof(*out));
	memcpy(out, last, CP_IDLE_KEPT);
	/* io is read after stat, by cp_io_gated, as after a full reading */
	out->have_io = false;
	out->read_bytes = out->write_bytes = out->cancelled_write_bytes = 0;
	out->rchar = out->wchar = 0;
	out->wait_ns = probe.wait_ns;
	id->scans++;
	cp->probed++;
	return 1;
}

/* cp_idle_set: note reading t in id. */
static void cp_idle_set(struct cp_idle *id, const struct task_raw *t)
{
	id->have = true;
	id->state = t->state;
	id->have_sched = t->have_sched;
	id->nthreads = t->nthreads;
	id->ticks = t->utime_ticks + t->stime_ticks;
	id->run_ns = t->run_ns;
	id->slices = t->slices;
}

/* cp_idle_next: collect_proc_idle_next on a noted reading (NULL: none). */
static unsigned cp_idle_next(const struct cp_idle *prev, const struct task_raw *cur, unsigned scans)
{
	if (!prev || !prev->have)
		return CP_IDLE_SCANS; /* first sight: not held until it runs */
	if (prev->state != cur->state || prev->ticks != cur->utime_ticks + cur->stime_ticks ||
	    prev->have_sched != cur->have_sched ||
	    (cur->have_sched && (prev->run_ns != cur->run_ns || prev->slices != cur->slices)))
		return 0;
	if (!cur->have_sched || cur->state == 'R' || cur->state == 'D')
		return 0; /* cannot be probed cheaply, or may move without running */
	return scans + 1;
}

/* cp_idle_note: after a full reading out of a task in a scan: count the
 * scans it has not run in and note the reading.  True when it has been
 * idle for CP_IDLE_SCANS scans: its fds should be closed. */
static bool cp_idle_note(struct cp_idle *id, const struct task_raw *out)
{
	id->scans = cp_idle_next(id, out, id->scans);
	cp_idle_set(id, out);
	return id->scans >= CP_IDLE_SCANS;
}

unsigned collect_proc_idle_next(const struct task_raw *prev, const struct task_raw *cur,
				unsigned scans)
{
	struct cp_idle id = { 0 };

	if (prev)
		cp_idle_set(&id, prev);
	return cp_idle_next(prev ? &id : NULL, cur, scans);
}

/* cp_task_cold: close the fds of a task that has not run lately. */
static void cp_task_cold(struct collect_proc *cp, struct cp_task *t)
{
	cp_close(cp, &t->fd_stat);
	cp_close(cp, &t->fd_sched);
	cp_close(cp, &t->fd_wchan);
	cp_close(cp, &t->fd_sys);
}

/* cp_read_task_files: read task/TID/stat and schedstat of t into out.  In
 * a scan (scan set), a task idle for CP_IDLE_SCANS scans holds no fds and
 * costs one schedstat open/read/close (cp_idle_probe); the fast sampler
 * (scan false) always reads and holds.  0, or -1 if the task is gone (its
 * held fds are then closed). */
static int cp_read_task_files(struct collect_proc *cp, struct cp_task *t, struct task_raw *out,
			      bool scan)
{
	bool hold = !scan || t->idle.have;
	ssize_t n;
	int r;

	memset(out, 0, sizeof(*out));
	if (scan && t->fd_stat < 0) {
		r = cp_idle_probe(cp, &t->idle, t->pid, t->tid, out);
		if (r < 0) {
			cp_task_reset(cp, t);
			return -1;
		}
		if (r > 0)
			return 0;
	}
	n = cp_read(cp, &t->fd_stat, t->pid, t->tid, "stat", hold, &t->uid);
	if (n < 0 || parse_proc_stat(cp->buf, out) < 0) {
		cp_task_reset(cp, t);
		return -1;
	}
	n = cp_read(cp, &t->fd_sched, t->pid, t->tid, "schedstat", hold, NULL);
	if (n < 0 || parse_proc_schedstat(cp->buf, out) < 0)
		out->have_sched = false;
	out->pid = t->pid;
	out->tid = t->tid;
	out->uid = t->uid;
	if (scan && cp_idle_note(&t->idle, out))
		cp_task_cold(cp, t);
	return 0;
}

/* cp_task_identity: note out's start time on t; a different one (tid reused
 * while no fd was held) drops the cache. */
static void cp_task_identity(struct cp_task *t, const struct task_raw *out)
{
	if (t->known && t->start != out->start_ticks)
		t->cached = false;
	t->start = out->start_ticks;
	t->known = true;
}

/* cp_proc_cold_now: p holds no fds because it has not run lately. */
static bool cp_proc_cold_now(const struct cp_proc *p)
{
	return p->idle.have && p->idle.scans >= CP_IDLE_SCANS;
}

/* cp_read_io: read /proc/PID/io of p into out and cache it.  The fd is
 * held only for a process that has shown it runs (hold): a sleeper's io
 * cannot change, so it is not worth a held fd and its kernel buffer. */
static void cp_read_io(struct collect_proc *cp, struct cp_proc *p, struct task_raw *out, bool hold)
{
	ssize_t n;

	out->have_io = false;
	if (p->io_denied)
		return;
	n = cp_read(cp, &p->fd_io, p->pid, 0, "io", hold, NULL);
	if (n < 0) {
		if (errno == EACCES || errno == EPERM)
			p->io_denied = true;
		p->io_cached = false;
		return;
	}
	if (parse_proc_io(cp->buf, out) < 0) {
		out->have_io = false;
		p->io_cached = false;
		return;
	}
	p->io_cached = true;
	p->io_read = out->read_bytes;
	p->io_write = out->write_bytes;
	p->io_cancelled = out->cancelled_write_bytes;
	p->io_rchar = out->rchar;
	p->io_wchar = out->wchar;
}

/* cp_io_gated: fill out's io, from the cache when the process has not run
 * since the cached reading (no schedstat, tick or thread-count movement:
 * only a running task charges its own io), else by reading it.  sig_ok:
 * out's schedstat covers every thread (one thread, or threads summed). */
static void cp_io_gated(struct collect_proc *cp, struct cp_proc *p, struct task_raw *out,
			bool sig_ok)
{
	unsigned long long ticks = out->utime_ticks + out->stime_ticks;
	bool same = sig_ok && out->have_sched && p->sig_valid && p->io_cached &&
		    p->sig_run_ns == out->run_ns && p->sig_slices == out->slices &&
		    p->sig_ticks == ticks && p->sig_nthreads == out->nthreads;

	if (same) {
		out->have_io = true;
		out->read_bytes = p->io_read;
		out->write_bytes = p->io_write;
		out->cancelled_write_bytes = p->io_cancelled;
		out->rchar = p->io_rchar;
		out->wchar = p->io_wchar;
		return;
	}
	/* a first reading is not held; later ones are, once the process ran
	 * since a valid reading or cannot be gated at all */
	cp_read_io(cp, p, out,
		   p->io_cached && (p->sig_valid || !sig_ok || !out->have_sched) &&
		       !cp_proc_cold_now(p));
	p->sig_valid = sig_ok && out->have_sched;
	p->sig_run_ns = out->run_ns;
	p->sig_slices = out->slices;
	p->sig_ticks = ticks;
	p->sig_nthreads = out->nthreads;
}

/* cp_proc_uid: the effective uid of p.  The owner of /proc/PID/stat is
 * the euid unless the process is non-dumpable (then 0: a daemon that
 * dropped root with setuid(), a setuid program); an owner 0 is checked in
 * /proc/PID/status at first sight and again whenever the process has run
 * since (only the process itself can change its uid). */
static unsigned cp_proc_uid(struct collect_proc *cp, struct cp_proc *p, const struct task_raw *out)
{
	unsigned long long sig = out->run_ns + out->slices + out->utime_ticks + out->stime_ticks;
	unsigned ruid, euid;
	int none = -1;
	ssize_t n;

	if (p->uid != 0)
		return p->uid;
	if (p->uid_valid && p->uid_sig == sig)
		return p->euid;
	n = cp_read(cp, &none, p->pid, 0, "status", false, NULL);
	if (n < 0 || parse_proc_status_uids(cp->buf, &ruid, &euid) < 0)
		return p->uid;
	p->uid_valid = true;
	p->uid_sig = sig;
	p->euid = euid;
	return euid;
}

/* cp_proc_cold: close the process-level fds of a process not run lately. */
static void cp_proc_cold(struct collect_proc *cp, struct cp_proc *p)
{
	cp_close(cp, &p->fd_stat);
	cp_close(cp, &p->fd_sched);
	cp_close(cp, &p->fd_io);
}

/* cp_read_proc_files: read /proc/PID/stat and schedstat of p into out
 * (io is read by cp_io_gated).  In a scan (scan set) a single-threaded
 * process idle for CP_IDLE_SCANS scans holds no fds and costs one
 * schedstat open/read/close (cp_idle_probe); the fast sampler (scan
 * false) always reads and holds.  0, or -1 if the process is gone or
 * unreadable. */
static int cp_read_proc_files(struct collect_proc *cp, struct cp_proc *p, struct task_raw *out,
			      bool scan)
{
	bool hold = !scan || p->idle.have;
	ssize_t n;

	memset(out, 0, sizeof(*out));
	if (scan && p->fd_stat < 0 && p->known && p->idle.have && p->idle.nthreads == 1) {
		int r = cp_idle_probe(cp, &p->idle, p->pid, 0, out);

		if (r < 0)
			return -1;
		if (r > 0)
			return 0;
	}
	n = cp_read(cp, &p->fd_stat, p->pid, 0, "stat", hold, &p->uid);
	if (n < 0 && p->fd_stat >= 0) {
		/* held fd of a reaped process: a new one may own the pid */
		cp_proc_reset(cp, p);
		n = cp_read(cp, &p->fd_stat, p->pid, 0, "stat", hold, &p->uid);
	}
	if (n < 0 || parse_proc_stat(cp->buf, out) < 0)
		return -1;
	if (p->known && p->start != out->start_ticks) {
		/* pid reused while no fd was held: a different process */
		cp_proc_reset(cp, p);
		n = cp_read(cp, &p->fd_stat, p->pid, 0, "stat", hold, &p->uid);
		if (n < 0 || parse_proc_stat(cp->buf, out) < 0)
			return -1;
	}
	p->start = out->start_ticks;
	p->known = true;
	n = cp_read(cp, &p->fd_sched, p->pid, 0, "schedstat", hold, NULL);
	if (n < 0 || parse_proc_schedstat(cp->buf, out) < 0)
		out->have_sched = false;
	out->uid = cp_proc_uid(cp, p, out);
	if (scan && cp_idle_note(&p->idle, out) && out->nthreads == 1)
		cp_proc_cold(cp, p);
	return 0;
}

/* cp_comm_hash: FNV-1a of comm, to notice that it changed. */
static uint64_t cp_comm_hash(const char *comm)
{
	uint64_t h = 14695981039346656037ull;

	for (; *comm; comm++)
		h = (h ^ (unsigned char)*comm) * 1099511628211ull;
	return h;
}

/* cp_cmdline: the process's cmdline, read once per identity and again
 * when comm changes (an exec); kernel threads have none.  Read on the
 * deadline worker: it takes the process's mmap lock, which a thread
 * stuck in a page fault (a dead NFS or FUSE server) holds; then the
 * cmdline is unknown (p->cmd_why says so) and asked again later. */
static void cp_cmdline(struct collect_proc *cp, struct cp_proc *p, const struct task_raw *t)
{
	char path[64];
	char *raw, *dst;
	ssize_t n;

	if (p->cmd_done && p->cmd_comm == cp_comm_hash(t->comm))
		return;
	if (t->state == 'Z' && p->cmdline)
		return; /* a zombie's cmdline reads empty: keep what we had */
	p->cmd_comm = cp_comm_hash(t->comm);
	p->cmd_done = true;
	p->cmd_why = NULL;
	free(p->cmdline);
	p->cmdline = NULL;
	if (t->flags & CP_PF_KTHREAD) {
		p->cmdline = xstrdup("");
		return;
	}
	if (cp->cmd_left == 0) { /* this scan's share is used up: a later one */
		p->cmd_done = false;
		p->cmd_why = CP_CMDLINE_YET;
		return;
	}
	cp->cmd_left--;
	snprintf(path, sizeof(path), "%d/cmdline", p->pid);
	raw = xmalloc(CP_CMDLINE_MAX);
	n = deadline_pread(p->pid, cp->proc_fd, path, -1, raw, CP_CMDLINE_MAX, 0);
	if (n < 0 && (errno == ETIMEDOUT || errno == EAGAIN))
		p->cmd_why = CP_CMDLINE_LATE;
	dst = xmalloc(CP_CMDLINE_MAX);
	parse_proc_cmdline(raw, n > 0 ? (size_t)n : 0, dst, CP_CMDLINE_MAX);
	free(raw);
	/* Empty: in exec the new comm is set before the new arguments are,
	 * or the file was unreadable or late; read it again next time. */
	if (n <= 0)
		p->cmd_done = false;
	p->cmdline = xrealloc(dst, strlen(dst) + 1);
}

/* cp_push_thread: append a thread to the snapshot. */
static struct task_raw *cp_push_thread(struct proc_snap *s, size_t *cap)
{
	if (s->nthreads == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		s->threads = xrealloc(s->threads, *cap * sizeof(*s->threads));
	}
	return &s->threads[s->nthreads++];
}

/* cp_scan_threads: read every thread of p listed in PID/task into s. */
static void cp_scan_threads(struct collect_proc *cp, struct cp_proc *p, struct proc_snap *s,
			    size_t *cap)
{
	char path[64];
	int *tids;
	size_t i, n;

	if (p->fd_task < 0) {
		snprintf(path, sizeof(path), "%d/task", p->pid);
		p->fd_task = openat(cp->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (p->fd_task < 0)
			return;
		cp->held++;
	}
	if (cp_list_ids(cp, p->fd_task) < 0 || cp->held > cp->budget)
		cp_close(cp, &p->fd_task);
	/* cp->ids is reused by the caller's loop: copy */
	n = cp->nids;
	tids = xmalloc((n ? n : 1) * sizeof(int));
	memcpy(tids, cp->ids, n * sizeof(int));
	for (i = 0; i < n; i++) {
		struct cp_task *t = cp_task_get(cp, p->pid, tids[i]);
		struct task_raw *out = cp_push_thread(s, cap);

		if (cp_read_task_files(cp, t, out, true) < 0) {
			s->nthreads--;
			continue;
		}
		t->gen = cp->gen;
		cp_task_identity(t, out);
		cp_read_waits(cp, t, out, p->io_denied ? 0 : 1, false);
	}
	free(tids);
}

/* cp_scan_one: read process pid (and its threads) into s; false if gone. */
static bool cp_scan_one(struct collect_proc *cp, int pid, struct proc_snap *s, size_t *pcap,
			size_t *tcap)
{
	struct cp_proc *p = cp_proc_get(cp, pid);
	struct proc_snap_entry *e;
	struct task_raw pt;
	bool io_done = false;
	size_t i;

	if (cp_read_proc_files(cp, p, &pt, true) < 0)
		return false; /* swept at the end of the scan */
	p->gen = cp->gen;
	if (!p->io_cached && !p->io_denied && !p->sig_valid) {
		/* first sight: learn now whether io (and so wchan) is ours to
		 * read, before the threads' wait sites are judged */
		cp_io_gated(cp, p, &pt, pt.nthreads == 1);
		io_done = true;
	}
	cp_cmdline(cp, p, &pt);
	p->single = !(cp->o.threads && pt.nthreads > 1);
	if (s->nprocs == *pcap) {
		*pcap = *pcap ? *pcap * 2 : 512;
		s->procs = xrealloc(s->procs, *pcap * sizeof(*s->procs));
	}
	e = &s->procs[s->nprocs++];
	memset(e, 0, sizeof(*e));
	e->thr_first = s->nthreads;
	if (p->single) {
		/* one thread: the process's own entry stands for it (no
		 * thread entry: 300 bytes a process), its wait site read into
		 * it through the thread's cache */
		struct cp_task *t = cp_task_get(cp, pid, pid);

		cp_close(cp, &p->fd_task);
		cp_close(cp, &t->fd_stat);
		cp_close(cp, &t->fd_sched);
		t->gen = cp->gen;
		cp_task_identity(t, &pt);
		t->idle.scans = p->idle.scans; /* its fds follow the process's */
		cp_read_waits(cp, t, &pt, p->io_denied ? 0 : 1, false);
		if (cp_proc_cold_now(p))
			cp_task_cold(cp, t);
	} else {
		cp_scan_threads(cp, p, s, tcap);
	}
	e->thr_count = s->nthreads - e->thr_first;
	/* process-level wait site: the main thread's; schedstat: the sum */
	if (e->thr_count > 1) {
		pt.run_ns = pt.wait_ns = pt.slices = 0;
		pt.have_sched = true;
	}
	for (i = e->thr_first; i < s->nthreads; i++) {
		const struct task_raw *th = &s->threads[i];

		if (th->tid == pid) {
			pt.have_wchan = th->have_wchan;
			pt.wchan = th->wchan;
			pt.have_syscall = th->have_syscall;
			pt.syscall_nr = th->syscall_nr;
			memcpy(pt.syscall_args, th->syscall_args, sizeof(pt.syscall_args));
		}
		if (e->thr_count > 1) {
			pt.have_sched = pt.have_sched && th->have_sched;
			pt.run_ns += th->run_ns;
			pt.wait_ns += th->wait_ns;
			pt.slices += th->slices;
		}
	}
	if (!io_done)
		cp_io_gated(cp, p, &pt, pt.nthreads == 1 || e->thr_count > 1);
	e->task = pt;
	e->cmdline = p->cmdline ? p->cmdline : "";
	e->cmdline_why = p->cmd_why;
	return true;
}

/* cp_boot_s: CLOCK_BOOTTIME in seconds (the clock of stat's starttime). */
static double cp_boot_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void collect_proc_set_extra(struct collect_proc *cp, int pid)
{
	cp->extra = pid > 0 ? pid : 0;
}

/* cp_scan_pids: the pids this scan reads: the only set (plus the extra
 * pid), or every pid listed now; *n its length.  NULL with errno. */
static int *cp_scan_pids(struct collect_proc *cp, size_t *n)
{
	int *pids;

	if (cp->only) {
		*n = cp->o.n_only_pids;
		if (!cp->extra || bsearch(&cp->extra, cp->only, *n, sizeof(int), util_int_cmp))
			return cp->only;
		pids = xmalloc((*n + 1) * sizeof(int));
		memcpy(pids, cp->only, *n * sizeof(int));
		pids[(*n)++] = cp->extra;
		qsort(pids, *n, sizeof(int), util_int_cmp); /* snapshots are sorted by pid */
		return pids;
	}
	if (cp_list_ids(cp, cp->proc_fd) < 0)
		return NULL;
	*n = cp->nids;
	pids = xmalloc((*n ? *n : 1) * sizeof(int));
	memcpy(pids, cp->ids, *n * sizeof(int));
	return pids;
}

/* cp_glance_one: pid's stat and owner into e (see collect_proc_glance);
 * false if gone. */
static bool cp_glance_one(struct collect_proc *cp, int pid, struct proc_snap_entry *e)
{
	int none = -1;
	unsigned owner = 0, ruid, euid;

	memset(e, 0, sizeof(*e));
	if (cp_read(cp, &none, pid, 0, "stat", false, &owner) < 0 ||
	    parse_proc_stat(cp->buf, &e->task) < 0)
		return false;
	e->task.uid = owner;
	/* owner 0: root, or a non-dumpable process (see cp_proc_uid) */
	if (owner == 0 && !(e->task.flags & CP_PF_KTHREAD) &&
	    cp_read(cp, &none, pid, 0, "status", false, NULL) >= 0 &&
	    parse_proc_status_uids(cp->buf, &ruid, &euid) == 0)
		e->task.uid = euid;
	e->cmdline = "";
	e->cmdline_why = (e->task.flags & CP_PF_KTHREAD) ? NULL : CP_CMDLINE_YET;
	return true;
}

int collect_proc_glance(struct collect_proc *cp, struct proc_snap *out)
{
	size_t i, n;
	int *pids;

	proc_snap_clear(out);
	pids = cp_scan_pids(cp, &n);
	if (!pids)
		return -1;
	out->mono_s = util_mono_s();
	out->boot_s = cp_boot_s();
	out->procs = xmalloc((n ? n : 1) * sizeof(*out->procs));
	for (i = 0; i < n; i++)
		if ((i == 0 || pids[i] != pids[i - 1]) &&
		    cp_glance_one(cp, pids[i], &out->procs[out->nprocs]))
			out->nprocs++;
	if (pids != cp->only)
		free(pids);
	return 0;
}

int collect_proc_scan(struct collect_proc *cp, struct proc_snap *out)
{
	return collect_proc_scan_after(cp, NULL, out);
}

int collect_proc_scan_after(struct collect_proc *cp, const struct proc_snap *prev,
			    struct proc_snap *out)
{
	size_t pcap = 0, tcap = 0, i, n;
	int *pids;

	assert(prev != out);
	proc_snap_clear(out);
	cp->gen++;
	cp->cmd_left = cp->gen == 1 ? COLLECT_PROC_CMDLINES_FIRST : COLLECT_PROC_CMDLINES_PER_SCAN;
	pids = cp_scan_pids(cp, &n);
	if (!pids)
		return -1;
	cp->prev = prev;
	cp->probed = 0;
	out->mono_s = util_mono_s();
	out->boot_s = cp_boot_s();
	/* sized for the listing, then cut to what was read: doubling from a
	 * small start left up to half of each array unused (6 MB at 10,000
	 * processes, held for a whole interval) */
	pcap = tcap = n ? n : 1;
	out->procs = xrealloc(out->procs, pcap * sizeof(*out->procs));
	out->threads = xrealloc(out->threads, tcap * sizeof(*out->threads));
	for (i = 0; i < n; i++)
		if (i == 0 || pids[i] != pids[i - 1])
			cp_scan_one(cp, pids[i], out, &pcap, &tcap);
	cp->prev = NULL;
	if (pids != cp->only)
		free(pids);
	out->procs = xrealloc(out->procs, (out->nprocs ? out->nprocs : 1) * sizeof(*out->procs));
	out->threads =
	    xrealloc(out->threads, (out->nthreads ? out->nthreads : 1) * sizeof(*out->threads));
	cp_sweep(cp, false);
	return 0;
}

size_t collect_proc_probed(const struct collect_proc *cp)
{
	return cp->probed;
}

int collect_proc_read_thread(struct collect_proc *cp, int pid, int tid, struct task_raw *out)
{
	struct cp_proc *p = cp_proc_find(cp, pid);
	struct cp_task *t = cp_task_get(cp, pid, tid);
	int rc;

	t->gen = cp->gen;
	if (p && p->single && tid == pid && p->known) {
		unsigned long long start = p->start;

		/* one thread: its files are the process's; a new start time
		 * means the pid now names another process */
		rc = cp_read_proc_files(cp, p, out, false);
		out->have_io = false;
		if (rc == 0 && start != out->start_ticks)
			rc = -1;
	} else {
		rc = cp_read_task_files(cp, t, out, false);
	}
	if (rc < 0) {
		cp_task_reset(cp, t);
		return -1;
	}
	cp_task_identity(t, out);
	cp_read_waits(cp, t, out, p && p->known ? !p->io_denied : -1, true);
	return 0;
}

void proc_snap_clear(struct proc_snap *s)
{
	if (!s)
		return;
	free(s->procs);
	free(s->threads);
	memset(s, 0, sizeof(*s));
}

const struct proc_snap_entry *proc_snap_find(const struct proc_snap *s, int pid,
					     unsigned long long start_ticks)
{
	size_t lo = 0, hi = s ? s->nprocs : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct proc_snap_entry *e = &s->procs[mid];

		if (e->task.pid == pid)
			return e->task.start_ticks == start_ticks ? e : NULL;
		if (e->task.pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct task_raw *proc_snap_find_thread(const struct proc_snap *s,
					     const struct proc_snap_entry *e, int tid,
					     unsigned long long start_ticks)
{
	size_t lo, hi;

	if (!s || !e)
		return NULL;
	if (!e->thr_count) /* one thread: the entry itself */
		return e->task.pid == tid && e->task.start_ticks == start_ticks ? &e->task : NULL;
	lo = e->thr_first;
	hi = e->thr_first + e->thr_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct task_raw *t = &s->threads[mid];

		if (t->tid == tid)
			return t->start_ticks == start_ticks ? t : NULL;
		if (t->tid < tid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
