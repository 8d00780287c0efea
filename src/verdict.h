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

/* What one look at a thread saw, with the object behind its syscall. */
struct verdict_reading {
	const struct task_raw *task;  /* state, flags, wchan, syscall */
	bool have_target;             /* the fd argument was resolved */
	struct fd_target target;      /* file, socket, pipe... */
	char target_desc[MODEL_WHY_MAX]; /* "TCP 127.0.0.1:1 -> 127.0.0.1:8000", a path, "pipe:[123] (writer pid 42)" */
};

/* verdict_classify: category of one reading; writes short evidence to why. */
enum wait_cat verdict_classify(const struct verdict_reading *r, char *why, size_t whysz);

/* Samples of one thread over an interval. */
struct verdict_tally {
	unsigned n;                        /* off-CPU samples counted */
	unsigned count[WAIT_NCAT];
	char why[WAIT_NCAT][MODEL_WHY_MAX];/* latest evidence per category */
};

/* verdict_tally_add: count one classified reading. */
void verdict_tally_add(struct verdict_tally *t, enum wait_cat c, const char *why);
/* verdict_thread: fill th->wait, wait_share, why, have_wait from the tally
 * and th's schedstat shares (run_pct/runq_pct); without schedstat the
 * samples decide alone. */
void verdict_thread(const struct verdict_tally *t, struct thread_row *th);
/* verdict_process: p->wait, wait_share, why from its threads: threads idle
 * for the whole interval are ignored when at least one was active. */
void verdict_process(const struct thread_row *threads, size_t n, struct proc_row *p);

/* verdict_explain: one line for the help screen and the man page: what the
 * category means and what to do about it. */
const char *verdict_explain(enum wait_cat c);
/* verdict_wchan_lookup: the wchan table's category for a kernel function
 * name, or -1 when the table has no entry (wchan-table.c). */
int verdict_wchan_lookup(const char *wchan);

#endif
