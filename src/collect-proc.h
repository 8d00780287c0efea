/* collect-proc.h - read processes and threads from /proc, cheaply.
 * Keeps /proc/PID/{stat,schedstat} and per-thread stat/schedstat fds open
 * for tasks that ran in the last scans and re-reads them with
 * pread(fd, buf, n, 0); a task idle for a few scans holds no fd and costs
 * one open/read/close of its schedstat per scan (its reading is then the
 * previous snapshot's: collect_proc_scan_after).  io, wchan and syscall
 * are re-read only for tasks that ran since their cached reading.  Falls
 * back to open/read/close past an fd budget (at most 4096).  Produces a plain snapshot of raw
 * cumulative counters: rates and verdicts are computed elsewhere (delta.c,
 * verdict.c).  Never includes curses.  Pure parsers live in parse-proc.c. */
#ifndef WAITTOP_COLLECT_PROC_H
#define WAITTOP_COLLECT_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

#define COLLECT_PROC_SYSCALL_ARGS 4

/* One task (a process, or one of its threads) as read from /proc. */
struct task_raw {
	int pid; /* tgid */
	int tid; /* == pid for a process row */
	unsigned long long start_ticks; /* field 22 */
	int ppid;
	char state; /* field 3 */
	unsigned long flags; /* field 9; PF_KTHREAD = 0x00200000 */
	unsigned long long utime_ticks, stime_ticks; /* fields 14, 15 */
	unsigned long long blkio_ticks; /* field 42 (delay accounting) */
	unsigned long minflt, majflt;
	int nthreads; /* field 20 */
	int processor; /* field 39 */
	unsigned uid; /* effective uid: the owner of /proc/PID/stat, which
		       * is the euid unless the process is non-dumpable (then
		       * 0), so an owner 0 is checked in /proc/PID/status */
	char comm[MODEL_COMM_MAX]; /* sanitised: no control characters */

	bool have_sched; /* schedstat; a process row of a multi-threaded
			  * process read with threads sums its threads */
	unsigned long long run_ns, wait_ns, slices;

	bool have_io; /* /proc/PID/io readable: process rows only */
	unsigned long long read_bytes, write_bytes, cancelled_write_bytes;
	unsigned long long rchar, wchar;

	bool have_wchan; /* false: EACCES, or "0" from a task we may not ptrace */
	const char *wchan; /* model_intern()ed; NULL or "" when running (kernel
			    * wrote "0" and we may ptrace) */

	bool have_syscall; /* readable, and not a kernel thread (whose file
			    * reads "0 0x0 ..." like a read()) */
	long syscall_nr; /* -1: blocked outside a syscall; -2: "running" */
	/* the first COLLECT_PROC_SYSCALL_ARGS of the six arguments: all the
	 * verdict reads (an fd, poll's array, select's three sets) */
	unsigned long long syscall_args[COLLECT_PROC_SYSCALL_ARGS];
};

/* A snapshot: processes sorted by pid, threads grouped by process in the
 * same order and sorted by tid.  procs[i].thr_first/thr_count index
 * threads[].  A process read without its task/ directory (one thread, or
 * threads off) has no thread entries (thr_count 0): its own entry is its
 * only thread (with threads off and nthreads > 1 it carries process
 * totals); reach threads through proc_snap_nthr and proc_snap_thread.  A
 * process row's wchan and syscall are its main thread's. */
struct proc_snap_entry {
	struct task_raw task; /* process-level totals (/proc/PID/stat) */
	const char *cmdline; /* the reader's, not a copy: valid until the next
			      * scan or collect_proc_free; sanitised; "" when
			      * empty or unreadable */
	const char *cmdline_why; /* static; NULL, or why cmdline is unknown */
	size_t thr_first, thr_count;
};

struct proc_snap {
	double mono_s; /* CLOCK_MONOTONIC at the read */
	double boot_s; /* CLOCK_BOOTTIME at the read (start_ticks' clock) */
	struct proc_snap_entry *procs;
	size_t nprocs;
	struct task_raw *threads; /* of multi-threaded processes only */
	size_t nthreads;
};

/* proc_snap_nthr: the threads entry e stands for: thr_count, or 1 (its
 * own entry) when it has none. */
static inline size_t proc_snap_nthr(const struct proc_snap_entry *e)
{
	return e->thr_count ? e->thr_count : 1;
}

/* proc_snap_thread: thread k (< proc_snap_nthr(e)) of entry e of s. */
static inline const struct task_raw *proc_snap_thread(const struct proc_snap *s,
						      const struct proc_snap_entry *e, size_t k)
{
	return e->thr_count ? &s->threads[e->thr_first + k] : &e->task;
}

struct collect_proc; /* opaque: held fds and per-task caches; use from one thread at a time */

struct collect_proc_opts {
	bool threads; /* read task/ for multi-threaded processes */
	size_t fd_budget; /* max held fds; 0 = raise RLIMIT_NOFILE's soft
			   * limit to the hard one and keep 64 spare */
	const int *only_pids; /* NULL, or n_only_pids pids to read (like -p) */
	size_t n_only_pids;
};

/* collect_proc_new: a reader; NULL with errno on failure. */
struct collect_proc *collect_proc_new(const struct collect_proc_opts *o);
/* collect_proc_free: close every held fd; NULL is a no-op. */
void collect_proc_free(struct collect_proc *cp);
/* collect_proc_set_extra: with only_pids, also read pid (the drill-in's
 * focus when it left the -p set; 0: none) from the next scan on. */
void collect_proc_set_extra(struct collect_proc *cp, int pid);
/* collect_proc_scan: read every process (and thread) now into *out, which
 * it clears first.  wchan and syscall are re-read only for threads that ran
 * since the previous scan (schedstat slices moved) or changed state; the
 * rest keep their cached reading.  0, or -1 with errno (e.g. /proc missing). */
int collect_proc_scan(struct collect_proc *cp, struct proc_snap *out);
/* collect_proc_glance: each process's stat and owner now into *out (which
 * it clears first), for a first frame: no schedstat, io, wait sites,
 * threads or cmdline (cmdline_why says "not read yet"), no held fds, and
 * none of the reader's caches touched; about a quarter of a scan's
 * reads.  0, or -1 with errno. */
int collect_proc_glance(struct collect_proc *cp, struct proc_snap *out);
/* collect_proc_scan_after: collect_proc_scan, given the snapshot of the
 * previous scan (NULL: none), which must stay untouched until it
 * returns: a task that has not run for COLLECT_PROC_IDLE_SCANS scans then
 * costs one schedstat open/read/close, its reading copied from prev; with
 * no prev every task is read in full. */
int collect_proc_scan_after(struct collect_proc *cp, const struct proc_snap *prev,
			    struct proc_snap *out);
/* collect_proc_probed: how many tasks of the last scan were idle and
 * taken from its prev (one schedstat read each). */
size_t collect_proc_probed(const struct collect_proc *cp);
/* collect_proc_read_thread: re-read one thread's stat and schedstat now
 * (for the fast sampler), and its wchan and syscall unless neither its
 * schedstat nor its state moved since they were read (then they cannot
 * have changed); all through held fds.  io is not read (have_io false).
 * 0, or -1 if the task is gone. */
int collect_proc_read_thread(struct collect_proc *cp, int pid, int tid, struct task_raw *out);
/* collect_proc_idle_next: the fd policy.  Given a task's previous scan
 * reading (NULL at first sight), its reading now and the count of scans
 * it has not run in, the new count: 0 when it ran (state, ticks or
 * schedstat moved) or may move without running (R, D, no schedstat);
 * COLLECT_PROC_IDLE_SCANS at first sight.  A task at or above
 * COLLECT_PROC_IDLE_SCANS holds no fds: each scan opens, reads and closes
 * its schedstat only, and reads the rest when that moved. */
unsigned collect_proc_idle_next(const struct task_raw *prev, const struct task_raw *cur,
				unsigned scans);
#define COLLECT_PROC_IDLE_SCANS 3
/* cmdline reads per scan (each a hop to the deadline worker); the rest
 * keep cmdline_why "not read yet" for a later scan.  The first scan reads
 * few, so the first frame at 10,000 processes does not wait for them. */
#define COLLECT_PROC_CMDLINES_FIRST 250
#define COLLECT_PROC_CMDLINES_PER_SCAN 1500

/* collect_proc_held_fds: how many fds the reader holds now. */
size_t collect_proc_held_fds(const struct collect_proc *cp);

/* proc_snap_clear: free what a snapshot owns and zero it; NULL is a no-op. */
void proc_snap_clear(struct proc_snap *s);
/* proc_snap_find: the entry for (pid, start_ticks), or NULL. O(log n). */
const struct proc_snap_entry *proc_snap_find(const struct proc_snap *s, int pid,
					     unsigned long long start_ticks);
/* proc_snap_find_thread: the thread (tid, start_ticks) of a snapshot, or NULL. */
const struct task_raw *proc_snap_find_thread(const struct proc_snap *s,
					     const struct proc_snap_entry *e, int tid,
					     unsigned long long start_ticks);

/* Pure parsers (parse-proc.c): each takes the file's text, fills *out and
 * returns 0, or -1 when the text is malformed (out is then unspecified). */
int parse_proc_stat(const char *text, struct task_raw *out);
int parse_proc_io(const char *text, struct task_raw *out);
int parse_proc_schedstat(const char *text, struct task_raw *out);
int parse_proc_syscall(const char *text, struct task_raw *out);
/* parse_proc_status_uids: the real and effective uid from the "Uid:"
 * line of /proc/PID/status text.  0, or -1 when the line is missing or
 * malformed (*ruid, *euid then unspecified). */
int parse_proc_status_uids(const char *text, unsigned *ruid, unsigned *euid);
/* parse_proc_cmdline: NUL-separated args of length n to a printable
 * string in dst (size dstsz): spaces between args, control characters
 * replaced by '?', truncated to fit.  Returns strlen(dst). */
size_t parse_proc_cmdline(const char *buf, size_t n, char *dst, size_t dstsz);
/* parse_proc_text: n bytes (up to a NUL) to a printable string in dst, as
 * parse_proc_cmdline does for one argument.  Returns strlen(dst). */
size_t parse_proc_text(const char *buf, size_t n, char *dst, size_t dstsz);

#endif
