/* verdict.h - decide what a thread waits on, and sum threads into a
 * process verdict.  Pure: readings in, categories and evidence out.  The
 * syscall decides first, the wchan second (wchan-table.c is the data);
 * schedstat gives the exact on-CPU and run-queue shares. */
#ifndef WAITTOP_VERDICT_H
#define WAITTOP_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"
#include "collect-proc.h"
#include "collect-fd.h"
#include "collect-limit.h"

/* What one look at a thread saw, with the object behind its syscall.
 * The sampler fills the optional parts; a reading with only task set is
 * classified from the syscall number, wchan and state alone. */
struct verdict_reading {
	const struct task_raw *task; /* state, flags, wchan, syscall */
	bool have_target; /* the fd argument was resolved */
	struct fd_target target; /* file, socket, pipe... */
	int sock_proto; /* enum sock_proto of a socket target
			 * found in the socket dump; -1 unknown */
	char target_desc[MODEL_WHY_MAX]; /* "TCP 127.0.0.1:1 -> 127.0.0.1:8000", a path, "pipe:[123]
					    (writer: pid 42 cat)" */
	/* poll/select/epoll: the fds it watches */
	bool have_watch;
	unsigned watch_n; /* fds watched (as far as read) */
	unsigned watch_net; /* of which TCP/UDP sockets */
	char watch_desc[MODEL_WHY_MAX]; /* one of the network sockets, or "" */
	/* dirty throttling: /proc/vmstat at the time of the reading */
	bool have_dirty;
	unsigned long long dirty_bytes, dirty_limit_bytes;
	/* dirty throttling: the backing device of the file written */
	bool have_bdi;
	struct limit_bdi bdi;
};

/* verdict_syscall_name: "recvfrom"... for a syscall number of this
 * architecture, or NULL when the table does not know it. */
const char *verdict_syscall_name(long nr);
/* verdict_syscall_fd: which argument of syscall nr is the fd that names
 * the object waited on: 0 for read/recvfrom/fsync/epoll_wait..., -1 when
 * none (futex, nanosleep, wait4...).  poll and select are -1: their fds
 * are read from memory (see verdict_syscall_is_poll). */
int verdict_syscall_fd(long nr);
/* verdict_syscall_is_poll: 1 poll/ppoll, 2 select/pselect6, 3 epoll_wait
 * family, 0 otherwise. */
int verdict_syscall_is_poll(long nr);
/* verdict_syscall_dir: 1 for read-like (read, recvfrom, accept...), 2 for
 * write-like (write, sendto, connect...), 0 otherwise: which end of a
 * pipe to look for. */
int verdict_syscall_dir(long nr);

/* verdict_syscall_works: true for a syscall that does work in the kernel
 * (read, write, fsync, mmap, unknown ones), false for the ones that wait
 * by design (poll, sleep, futex, wait4, sigwait, message queues). */
bool verdict_syscall_works(long nr);

/* verdict_classify: category of one reading; writes short evidence to why. */
enum wait_cat verdict_classify(const struct verdict_reading *r, char *why, size_t whysz);

/* Samples of one thread over an interval. */
#define VERDICT_TALLY_WHYS 3 /* evidence strings kept per thread */

struct verdict_tally {
	unsigned n; /* off-CPU samples counted */
	unsigned d_unknown; /* of count[WAIT_OTHER]: D with no site
			     * (the wchan read raced to 0) */
	unsigned count[WAIT_NCAT];
	/* latest evidence of up to VERDICT_TALLY_WHYS categories: a thread
	 * rarely waits on more in one interval, and one table per category
	 * cost 2.5 KB for every thread on the box.  Reach it through
	 * verdict_tally_why and verdict_tally_set_why.  The strings are on the
	 * heap (most threads have one short why, not three 160-byte ones):
	 * start from a zeroed tally and end with verdict_tally_clear. */
	unsigned char why_slot[WAIT_NCAT]; /* 1 + index into why, 0: none */
	char *why[VERDICT_TALLY_WHYS]; /* owned, each at most MODEL_WHY_MAX - 1 bytes; NULL "" */
	unsigned char why_rank[WAIT_NCAT]; /* 2: why names an object (fd, socket) */
};

/* verdict_tally_why: c's latest evidence, "" when there is none. */
const char *verdict_tally_why(const struct verdict_tally *t, enum wait_cat c);
/* verdict_tally_set_why: make why c's evidence, taking the slot of a
 * category with no looks this interval (or the fewest) when all are used;
 * that category's evidence and rank are dropped. */
void verdict_tally_set_why(struct verdict_tally *t, enum wait_cat c, const char *why);
/* verdict_tally_clear: free t's evidence strings and zero it (ready for
 * reuse); a zeroed tally needs nothing else. */
void verdict_tally_clear(struct verdict_tally *t);
/* verdict_tally_add: count one classified reading; its why replaces the
 * category's evidence. */
void verdict_tally_add(struct verdict_tally *t, enum wait_cat c, const char *why);
/* verdict_tally_reset: empty t for a new interval (cheap: the evidence
 * strings are left to be overwritten). */
void verdict_tally_reset(struct verdict_tally *t);
/* verdict_tally_look: verdict_tally_add for a classified reading r, but
 * evidence naming an object (a resolved fd) is not replaced by evidence
 * that names none (a look that raced out of the syscall).  A D reading
 * whose site was not caught is also counted in d_unknown, so
 * verdict_thread can share it among the thread's seen storage waits. */
void verdict_tally_look(struct verdict_tally *t, const struct verdict_reading *r, enum wait_cat c,
			const char *why);
/* verdict_tally_put: verdict_tally_look from its parts (for a caller that
 * kept them from an identical earlier reading). */
void verdict_tally_put(struct verdict_tally *t, enum wait_cat c, const char *why, unsigned rank,
		       bool d_unknown);
/* verdict_reading_rank: 2 when r's evidence names an object, else 1. */
unsigned verdict_reading_rank(const struct verdict_reading *r);
/* verdict_reading_d_unknown: is (r, c) a D look whose site was not caught? */
bool verdict_reading_d_unknown(const struct verdict_reading *r, enum wait_cat c);
/* verdict_tally_fold_d: move the tally's D looks of unknown site into
 * category c (a storage wait this thread was seen in just before), with
 * why as its evidence unless the tally has better.  No-op without any. */
void verdict_tally_fold_d(struct verdict_tally *t, enum wait_cat c, const char *why);
/* verdict_tally_storage: the storage category (disk-read, disk-write,
 * dirty-throttle) with the most looks in t, or -1 when none. */
int verdict_tally_storage(const struct verdict_tally *t);
/* verdict_thread: fill th->wait, wait_share, why, have_wait from the tally
 * and th's schedstat shares (run_pct/runq_pct); without schedstat the
 * samples decide alone.  D looks with no site go to the storage
 * categories (disk-read, disk-write, dirty-throttle) seen in the same
 * interval, in proportion; to other when none was seen. */
void verdict_thread(const struct verdict_tally *t, struct thread_row *th);
/* verdict_process: p->wait, wait_share, why from its threads: threads idle
 * for the whole interval are ignored when at least one was active. */
void verdict_process(const struct thread_row *threads, size_t n, struct proc_row *p);

/* verdict_call_text: "fsync() on /var/lib/x", "mmap()", "syscall 999()"
 * for a reading blocked in a syscall (the target as the evidence names
 * it); "" when r is not in a syscall. */
void verdict_call_text(const struct verdict_reading *r, char *buf, size_t sz);
/* verdict_cpu_call_why: p's cpu evidence naming call (verdict_call_text
 * of the looks that saw it in a syscall) when its CPU time is mostly
 * system time: "cpu: 98% system, in fsync() on /x"; otherwise the user and
 * system split alone. */
void verdict_cpu_call_why(const struct proc_row *p, const char *call, char *why, size_t whysz);
/* verdict_runqueue_why: runqueue evidence for a share (% of the
 * interval): "runqueue: 80% throttled by CPU quota 20ms/100ms (cgroup /x)"
 * when lim (may be NULL) shows its cgroup throttled for at least half of
 * that time; "runqueue: 80% of the interval waiting for a CPU, 8%
 * throttled by CPU quota 20ms/100ms (cgroup /x)" when for less (busy CPUs
 * first); else "runqueue: 80% of the interval waiting for a CPU". */
void verdict_runqueue_why(double share, const struct limit_cpu *lim, char *why, size_t whysz);
/* verdict_fmt_us: 20ms, 2.5ms, 1.5s, 500us. */
void verdict_fmt_us(long long us, char *buf, size_t sz);

/* verdict_explain: one line for the help screen and the man page: what the
 * category means and what to do about it. */
const char *verdict_explain(enum wait_cat c);
/* verdict_wchan_lookup: the wchan table's category for a kernel function
 * name, or -1 when the table has no entry (wchan-table.c). */
int verdict_wchan_lookup(const char *wchan);

#endif
