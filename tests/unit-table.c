/* unit-table.c - the process pane's view-model: every column's order,
 * missing values last in both directions, ties by pid, the selection
 * following its pid after a re-sort, filters, search wraparound, thread
 * rows, the narrow-terminal layout, ties by activity, hidden kernel
 * threads and the tree view. */
#include "config.h"
#include "table.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* proc: a process row with the fields the tests vary. */
static struct proc_row proc(int pid, const char *comm, double cpu)
{
	struct proc_row p;

	memset(&p, 0, sizeof(p));
	p.pid = pid;
	p.ppid = 1;
	p.uid = 1000;
	strcpy(p.user, "alice");
	p.state = 'S';
	p.cpu_pct = cpu;
	snprintf(p.comm, sizeof(p.comm), "%s", comm);
	p.cmdline = (char *)"";
	return p;
}

/* pids_in_order: the view's pids as "1 2 3" for CHECK_STR. */
static const char *pids_in_order(const struct table *t, const struct sample *s)
{
	static char buf[512];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->nrows && n < sizeof(buf) - 16; i++) {
		const struct proc_row *p = table_row(t, s, i);

		if (p->is_thread)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%d/%d", i ? " " : "",
					      p->pid, p->tid);
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%d", i ? " " : "",
					      p->pid);
	}
	return buf;
}

/* sorted: build s with col in direction desc and return the pid order. */
static const char *sorted(struct table *t, const struct sample *s, enum table_col col, bool desc)
{
	t->sort_col = col;
	t->sort_desc = desc;
	CHECK_INT(table_build(t, s), 0);
	return pids_in_order(t, s);
}

static void test_parse(void)
{
	CHECK_INT(table_col_parse("cpu"), COL_CPU);
	CHECK_INT(table_col_parse("CPU"), COL_CPU);
	CHECK_INT(table_col_parse("cpu%"), COL_CPU);
	CHECK_INT(table_col_parse("Disk_W"), COL_DISK_W);
	CHECK_INT(table_col_parse("DISK R/s"), COL_DISK_R);
	CHECK_INT(table_col_parse("net_rx"), COL_NET_RX);
	CHECK_INT(table_col_parse("tx"), COL_NET_TX);
	CHECK_INT(table_col_parse("wait"), COL_WAIT);
	CHECK_INT(table_col_parse("why"), COL_WHY);
	CHECK_INT(table_col_parse("WHY"), COL_WHY);
	CHECK_INT(table_col_parse("command"), COL_COMMAND);
	CHECK_INT(table_col_parse("s"), COL_STATE);
	CHECK_INT(table_col_parse("bogus"), -1);
	CHECK_INT(table_col_parse(""), -1);
	CHECK_INT(table_col_parse(NULL), -1);
	for (int c = 0; c < COL_NCOLS; c++) {
		CHECK_INT(table_col_parse(table_col_info((enum table_col)c)->name), c);
		CHECK(table_col_info((enum table_col)c)->help != NULL);
	}
}

/* One fixture per column: three rows whose values for the column sort
 * as pid 3 < pid 1 < pid 2 ascending. */
static void test_each_column(void)
{
	struct proc_row p[3];
	struct sample s = { .procs = p, .nprocs = 3 };
	struct table t;

	table_init(&t);
	for (int c = 0; c < COL_NCOLS; c++) {
		p[0] = proc(1, "b", 0);
		p[1] = proc(2, "c", 0);
		p[2] = proc(3, "a", 0);
		for (int i = 0; i < 3; i++) {
			p[i].have_wchan = p[i].have_wait = p[i].have_io = p[i].have_net = true;
		}
		switch (c) {
		case COL_PID:
			p[0].pid = 20;
			p[1].pid = 30;
			p[2].pid = 10;
			break;
		case COL_USER:
			strcpy(p[0].user, "bob");
			strcpy(p[1].user, "carol");
			strcpy(p[2].user, "al");
			break;
		case COL_STATE:
			p[0].state = 'R';
			p[1].state = 'S';
			p[2].state = 'D';
			break;
		case COL_CPU:
			p[0].cpu_pct = 5;
			p[1].cpu_pct = 150;
			p[2].cpu_pct = 0.5;
			break;
		case COL_WCHAN:
			p[0].wchan = "futex_wait";
			p[1].wchan = "pipe_read";
			p[2].wchan = "do_epoll_wait";
			break;
		case COL_WAIT: /* by the share of waits that slow a program down */
			p[0].wait = WAIT_DISK_READ;
			p[0].wait_share[WAIT_DISK_READ] = 40;
			p[1].wait = WAIT_RUNQUEUE;
			p[1].wait_share[WAIT_RUNQUEUE] = 70;
			p[2].wait = WAIT_CPU;
			p[2].wait_share[WAIT_CPU] = 100;
			break;
		case COL_WHY:
			p[0].why = (char *)"fsync() on /b"; /* not freed: the test owns p */
			p[1].why = (char *)"recvfrom() on TCP";
			p[2].why = (char *)"epoll_wait()";
			break;
		case COL_DISK_R:
			p[0].disk_read_bps = 1e3;
			p[1].disk_read_bps = 1e6;
			p[2].disk_read_bps = 0;
			break;
		case COL_DISK_W:
			p[0].disk_write_bps = 1e3;
			p[1].disk_write_bps = 1e6;
			p[2].disk_write_bps = 0;
			break;
		case COL_NET_RX:
			p[0].net_rx_bps = 1e3;
			p[1].net_rx_bps = 1e6;
			p[2].net_rx_bps = 0;
			break;
		case COL_NET_TX:
			p[0].net_tx_bps = 1e3;
			p[1].net_tx_bps = 1e6;
			p[2].net_tx_bps = 0;
			break;
		case COL_COMMAND:
			break; /* comm b, c, a */
		}
		CHECK(table_cmp(&p[2], &p[0], (enum table_col)c) < 0);
		CHECK(table_cmp(&p[0], &p[1], (enum table_col)c) < 0);
		CHECK(table_cmp(&p[1], &p[2], (enum table_col)c) > 0);
		CHECK_INT(table_cmp(&p[1], &p[1], (enum table_col)c), 0);
		if (c == COL_PID) {
			CHECK_STR(sorted(&t, &s, COL_PID, false), "10 20 30");
			CHECK_STR(sorted(&t, &s, COL_PID, true), "30 20 10");
		} else {
			CHECK_STR(sorted(&t, &s, (enum table_col)c, false), "3 1 2");
			CHECK_STR(sorted(&t, &s, (enum table_col)c, true), "2 1 3");
		}
	}
	/* WAIT: the share of runqueue, disk, dirty-throttle and lock waits
	 * summed over categories, not the verdict's name; then net and ipc */
	p[0] = proc(1, "a", 0);
	p[1] = proc(2, "b", 0);
	p[2] = proc(3, "c", 0);
	for (int i = 0; i < 3; i++)
		p[i].have_wait = true;
	p[0].wait = WAIT_CPU; /* 60 % cpu, but 40 % of slowing waits */
	p[0].wait_share[WAIT_CPU] = 60;
	p[0].wait_share[WAIT_RUNQUEUE] = 25;
	p[0].wait_share[WAIT_DISK_WRITE] = 15;
	p[1].wait = WAIT_DISK_WRITE;
	p[1].wait_share[WAIT_DISK_WRITE] = 30;
	p[2].wait = WAIT_NET;
	p[2].wait_share[WAIT_NET] = 100;
	CHECK_STR(sorted(&t, &s, COL_WAIT, true), "1 2 3");
	p[2].wait = WAIT_SLEEP; /* a sleeper: nothing slows it */
	p[2].wait_share[WAIT_NET] = 0;
	p[2].wait_share[WAIT_SLEEP] = 100;
	p[1].wait = WAIT_NET; /* net only: after any slowing wait, before a sleeper */
	p[1].wait_share[WAIT_DISK_WRITE] = 0;
	p[1].wait_share[WAIT_NET] = 90;
	CHECK_STR(sorted(&t, &s, COL_WAIT, true), "1 2 3");
	CHECK_INT(table_col_info(COL_WAIT)->default_desc, 1);
	/* full command line sorting */
	p[0].cmdline = (char *)"zzz";
	p[1].cmdline = (char *)"aaa";
	p[2].cmdline = (char *)"";
	t.full_cmd = true;
	CHECK_STR(sorted(&t, &s, COL_COMMAND, false), "2 3 1"); /* aaa, c (comm), zzz */
	t.full_cmd = false;
	CHECK_STR(sorted(&t, &s, COL_COMMAND, false), "1 2 3");
	/* without p, an interpreter sorts by its script */
	p[0].cmdline = (char *)"python3 /x/zeta.py";
	strcpy(p[0].comm, "python3");
	p[1].cmdline = (char *)"python3 alpha.py";
	strcpy(p[1].comm, "python3");
	CHECK_STR(sorted(&t, &s, COL_COMMAND, false), "3 2 1"); /* c, python3 alpha.py, zeta */
	table_clear(&t);
}

static void test_missing_last(void)
{
	struct proc_row p[4];
	struct sample s = { .procs = p, .nprocs = 4 };
	struct table t;
	static const enum table_col cols[] = { COL_WCHAN,  COL_WAIT,   COL_DISK_R,
					       COL_DISK_W, COL_NET_RX, COL_NET_TX };

	table_init(&t);
	for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		for (int i = 0; i < 4; i++) {
			p[i] = proc(i + 1, "x", 0);
			p[i].have_wchan = p[i].have_wait = p[i].have_io = p[i].have_net =
			    i % 2 == 1;
			p[i].disk_read_bps = p[i].disk_write_bps = p[i].net_rx_bps =
			    p[i].net_tx_bps = i * 100.0;
			p[i].wait = i == 1 ? WAIT_CPU : WAIT_OTHER;
			p[i].wait_share[WAIT_RUNQUEUE] = i * 10.0;
			p[i].wchan = i == 1 ? "a" : "b";
		}
		/* pids 2 and 4 have values (2 < 4); 1 and 3 are missing */
		CHECK(table_missing(&p[0], cols[k]));
		CHECK(!table_missing(&p[1], cols[k]));
		CHECK(table_cmp(&p[0], &p[1], cols[k]) > 0);
		CHECK(table_cmp(&p[1], &p[0], cols[k]) < 0);
		CHECK_INT(table_cmp(&p[0], &p[2], cols[k]), 0);
		CHECK_STR(sorted(&t, &s, cols[k], false), "2 4 1 3");
		CHECK_STR(sorted(&t, &s, cols[k], true), "4 2 1 3");
	}
	CHECK(!table_missing(&p[0], COL_CPU));
	table_clear(&t);
}

static void test_stable_ties(void)
{
	struct proc_row p[6];
	struct sample s = { .procs = p, .nprocs = 6 };
	struct table t;
	static const int pids[] = { 50, 7, 300, 12, 9, 1000 };

	table_init(&t);
	for (int i = 0; i < 6; i++)
		p[i] = proc(pids[i], "same", 2.0);
	p[2].cpu_pct = 9;
	CHECK_STR(sorted(&t, &s, COL_CPU, true), "300 7 9 12 50 1000");
	CHECK_STR(sorted(&t, &s, COL_CPU, false), "7 9 12 50 1000 300");
	/* equal keys: the busier row first (300 has more CPU), then pid */
	CHECK_STR(sorted(&t, &s, COL_COMMAND, true), "300 7 9 12 50 1000");
	/* the same input in another order gives the same view */
	struct proc_row q[6];
	struct sample s2 = { .procs = q, .nprocs = 6 };
	for (int i = 0; i < 6; i++)
		q[i] = p[5 - i];
	CHECK_STR(sorted(&t, &s2, COL_CPU, true), "300 7 9 12 50 1000");
	table_clear(&t);
}

/* Ties on the sort key: CPU, then disk and network bytes, then a wait
 * that slows the program, then any verdict but idle, then pid. */
static void test_activity_ties(void)
{
	struct proc_row p[5];
	struct sample s = { .procs = p, .nprocs = 5 };
	struct table t;

	table_init(&t);
	for (int i = 0; i < 5; i++)
		p[i] = proc(10 + i, "x", 0);
	p[4].have_wait = true; /* 14: idle kernel thread */
	p[4].wait = WAIT_IDLE;
	p[4].wait_share[WAIT_IDLE] = 100;
	p[3].have_wait = true; /* 13: blocked on the network */
	p[3].wait = WAIT_NET;
	p[3].wait_share[WAIT_NET] = 100;
	p[2].have_io = true; /* 12: writes */
	p[2].disk_write_bps = 4096;
	p[1].have_wait = true; /* 11: sleeps */
	p[1].wait = WAIT_SLEEP;
	p[1].wait_share[WAIT_SLEEP] = 100;
	CHECK_STR(sorted(&t, &s, COL_CPU, true), "12 13 11 10 14");
	CHECK_STR(sorted(&t, &s, COL_USER, false), "12 13 11 10 14");
	CHECK(table_activity_cmp(&p[2], &p[3]) > 0);
	CHECK(table_activity_cmp(&p[3], &p[1]) > 0);
	CHECK(table_activity_cmp(&p[1], &p[4]) > 0);
	CHECK_INT(table_activity_cmp(&p[0], &p[0]), 0);
	double sc[2];
	table_wait_score(&p[3], sc);
	CHECK_NEAR(sc[0], 0, 1e-9);
	CHECK_NEAR(sc[1], 100, 1e-9);
	table_clear(&t);
}

/* Kernel threads: hidden unless show_kthreads, counted; -p shows them. */
static void test_kthreads(void)
{
	struct proc_row p[4];
	struct sample s = { .procs = p, .nprocs = 4 };
	struct table t;
	static const int want[] = { 2 };

	table_init(&t);
	for (int i = 0; i < 4; i++)
		p[i] = proc(i + 1, "k", 0);
	p[1].kthread = p[2].kthread = true;
	CHECK_STR(sorted(&t, &s, COL_PID, false), "1 4");
	CHECK_INT(t.nkthreads_hidden, 2);
	t.show_kthreads = true;
	CHECK_STR(sorted(&t, &s, COL_PID, false), "1 2 3 4");
	CHECK_INT(t.nkthreads_hidden, 0);
	t.show_kthreads = false;
	t.pids = want;
	t.npids = 1;
	CHECK_STR(sorted(&t, &s, COL_PID, false), "2");
	table_clear(&t);
}

/* Tree view: children follow their parent in sort order, with indents;
 * an orphan (parent not shown) is a root; a cycle does not hang. */
static void test_tree(void)
{
	struct proc_row p[6];
	struct sample s = { .procs = p, .nprocs = 6 };
	struct table t;

	table_init(&t);
	p[0] = proc(1, "init", 0);
	p[0].ppid = 0;
	p[1] = proc(10, "sh", 0);
	p[2] = proc(11, "sleep", 5);
	p[2].ppid = 10;
	p[3] = proc(12, "cat", 9);
	p[3].ppid = 10;
	p[4] = proc(20, "orphan", 1);
	p[4].ppid = 999;
	p[5] = proc(13, "grandchild", 0);
	p[5].ppid = 11;
	t.tree = true;
	/* by CPU: siblings 12 (9 %) before 11 (5 %); roots 20 (1 %), then 1 */
	CHECK_STR(sorted(&t, &s, COL_CPU, true), "20 1 10 12 11 13");
	CHECK_STR(t.tree_pfx[0], "");
	CHECK_STR(t.tree_pfx[1], "");
	CHECK_STR(t.tree_pfx[2], "`");
	CHECK_STR(t.tree_pfx[3], " +");
	CHECK_STR(t.tree_pfx[4], " `");
	CHECK_STR(t.tree_pfx[5], "  `");
	/* a cycle: 40 and 41 are each other's parent */
	p[4].pid = 40;
	p[4].ppid = 41;
	p[5].pid = 41;
	p[5].ppid = 40;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_INT(t.nrows, 6);
	t.tree = false;
	CHECK_STR(sorted(&t, &s, COL_PID, false), "1 10 11 12 40 41");
	table_clear(&t);
}

static void test_selection_follows(void)
{
	struct proc_row p[5];
	struct sample s = { .procs = p, .nprocs = 5 };
	struct table t;

	table_init(&t);
	for (int i = 0; i < 5; i++)
		p[i] = proc(i + 1, "x", (double)(10 * (i + 1))); /* cpu: 5 4 3 2 1 */
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "5 4 3 2 1");
	/* nothing chosen: the cursor sits on the first row */
	CHECK_INT(t.sel, 0);
	CHECK_INT(t.sel_pid, -1);
	table_move(&t, &s, 2, 10);
	CHECK_INT(t.sel, 2);
	CHECK_INT(t.sel_pid, 3);
	/* pid 3 becomes the busiest: selection moves with it */
	p[2].cpu_pct = 99;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "3 5 4 2 1");
	CHECK_INT(t.sel, 0);
	CHECK_INT(table_row(&t, &s, t.sel)->pid, 3);
	/* re-sort by pid: still pid 3 */
	table_set_sort(&t, COL_PID);
	CHECK(!t.sort_desc);
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_INT(table_row(&t, &s, t.sel)->pid, 3);
	CHECK_INT(t.sel, 2);
	table_set_sort(&t, COL_PID);
	CHECK(t.sort_desc);
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_INT(table_row(&t, &s, t.sel)->pid, 3);
	/* pid 3 exits: the cursor stays at the same index, now on pid 2 */
	p[2] = p[4];
	s.nprocs = 4;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "5 4 2 1");
	CHECK_INT(t.sel, 2);
	CHECK_INT(t.sel_pid, 2);
	/* clamped when the list shrinks below the cursor */
	table_move(&t, &s, 100, 10);
	CHECK_INT(t.sel, 3);
	s.nprocs = 2;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_INT(t.sel, 1);
	s.nprocs = 0;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_INT(t.nrows, 0);
	CHECK_INT(t.sel, 0);
	table_move(&t, &s, 1, 10);
	CHECK_INT(t.sel, 0);
	table_clear(&t);
}

static void test_move_window(void)
{
	struct proc_row p[20];
	struct sample s = { .procs = p, .nprocs = 20 };
	struct table t;

	table_init(&t);
	t.sort_col = COL_PID;
	t.sort_desc = false;
	for (int i = 0; i < 20; i++)
		p[i] = proc(i + 1, "x", 0);
	CHECK_INT(table_build(&t, &s), 0);
	table_move(&t, &s, 7, 5);
	CHECK_INT(t.sel, 7);
	CHECK_INT(t.top, 3);
	table_move(&t, &s, -6, 5);
	CHECK_INT(t.sel, 1);
	CHECK_INT(t.top, 1);
	table_move(&t, &s, 1000, 5);
	CHECK_INT(t.sel, 19);
	CHECK_INT(t.top, 15);
	table_move(&t, &s, -1000, 5);
	CHECK_INT(t.sel, 0);
	CHECK_INT(t.top, 0);
	table_select(&t, &s, 12, 5);
	CHECK_INT(t.sel_pid, 13);
	CHECK(t.top <= 12 && 12 < t.top + 5);
	/* a taller window shows more: top pulls back so no blank space */
	table_move(&t, &s, 0, 30);
	CHECK_INT(t.top, 0);
	table_clear(&t);
}

static void test_filters(void)
{
	struct proc_row p[5];
	struct sample s = { .procs = p, .nprocs = 5 };
	struct table t;
	static const int only[] = { 2, 4, 99 };

	table_init(&t);
	t.sort_col = COL_PID;
	t.sort_desc = false;
	p[0] = proc(1, "systemd", 0);
	p[0].uid = 0;
	p[0].cmdline = (char *)"/sbin/init splash";
	p[1] = proc(2, "bash", 0);
	p[2] = proc(3, "python3", 0);
	p[2].cmdline = (char *)"python3 /srv/Server.py";
	p[3] = proc(4, "kworker/0:1", 0);
	p[3].uid = 0;
	p[4] = proc(5, "dd", 0);
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "1 2 3 4 5");
	strcpy(t.filter, "server");
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "3");
	strcpy(t.filter, "SPLASH");
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "1");
	strcpy(t.filter, "nothing-matches");
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_INT(t.nrows, 0);
	t.filter[0] = '\0';
	t.have_uid_filter = true;
	t.uid_filter = 0;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "1 4");
	t.pids = only;
	t.npids = 3;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "4");
	t.have_uid_filter = false;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "2 4");
	table_clear(&t);
}

static void test_search(void)
{
	struct proc_row p[5];
	struct sample s = { .procs = p, .nprocs = 5 };
	struct table t;

	table_init(&t);
	t.sort_col = COL_PID;
	t.sort_desc = false;
	p[0] = proc(1, "sshd", 0);
	p[1] = proc(2, "bash", 0);
	p[2] = proc(3, "sshd", 0);
	p[3] = proc(4, "python3", 0);
	p[3].cmdline = (char *)"python3 -m http.server";
	p[4] = proc(5, "vim", 0);
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_INT(table_search(&t, &s, "sshd", 0), 0);
	CHECK_INT(table_search(&t, &s, "sshd", 1), 2);
	CHECK_INT(table_search(&t, &s, "SSHD", 3), 0); /* wraps around */
	CHECK_INT(table_search(&t, &s, "http", 0), 3); /* cmdline */
	CHECK_INT(table_search(&t, &s, "vim", 4), 4); /* from itself */
	CHECK_INT(table_search(&t, &s, "emacs", 0), -1);
	CHECK_INT(table_search(&t, &s, "", 0), -1);
	CHECK_INT(table_search(&t, &s, "vim", 99), 4); /* from beyond the end */
	table_clear(&t);
}

static void test_threads(void)
{
	struct proc_row p[2];
	struct thread_row th[4];
	struct sample s = { .procs = p, .nprocs = 2, .threads = th, .nthreads = 4 };
	struct table t;

	memset(th, 0, sizeof(th));
	p[0] = proc(10, "app", 30);
	p[0].cmdline = (char *)"app --serve";
	p[0].thr_first = 0;
	p[0].thr_count = 3;
	p[1] = proc(20, "solo", 20);
	p[1].thr_first = 3;
	p[1].thr_count = 1;
	th[0] = (struct thread_row){ .pid = 10, .tid = 10, .state = 'S', .cpu_pct = 1 };
	th[1] = (struct thread_row){ .pid = 10,
				     .tid = 11,
				     .state = 'R',
				     .cpu_pct = 25,
				     .have_wait = true,
				     .wait = WAIT_CPU };
	th[2] = (struct thread_row){ .pid = 10,
				     .tid = 12,
				     .state = 'D',
				     .cpu_pct = 4,
				     .have_wchan = true,
				     .wchan = "io_schedule" };
	th[3] = (struct thread_row){ .pid = 20, .tid = 20, .state = 'R', .cpu_pct = 20 };
	strcpy(th[1].comm, "worker");
	strcpy(th[2].comm, "flusher");
	table_init(&t);
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "10 20");
	t.show_threads = true;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "10 10/11 20 10/12");
	const struct proc_row *w = table_row(&t, &s, 1);
	CHECK(w->is_thread);
	CHECK_STR(w->comm, "worker");
	CHECK_STR(w->user, "alice");
	CHECK_STR(w->cmdline, "app --serve");
	CHECK(!w->have_io && !w->have_net);
	CHECK(w->have_wait);
	CHECK_INT(w->state, 'R');
	/* the selection follows a thread */
	table_select(&t, &s, 3, 10);
	CHECK_INT(t.sel_pid, 10);
	CHECK_INT(t.sel_tid, 12);
	t.sort_col = COL_PID;
	t.sort_desc = false;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "10 10/11 10/12 20");
	CHECK_INT(t.sel, 2);
	/* the filter sees thread names */
	strcpy(t.filter, "flush");
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "10/12");
	t.filter[0] = '\0';
	CHECK_INT(t.sel, 0);
	/* threads off again: the followed thread is gone; the cursor stays
	 * at its index and now follows that row */
	CHECK_INT(table_build(&t, &s), 0);
	table_select(&t, &s, 2, 10);
	CHECK_INT(t.sel_tid, 12);
	t.show_threads = false;
	CHECK_INT(table_build(&t, &s), 0);
	CHECK_STR(pids_in_order(&t, &s), "10 20");
	CHECK_INT(t.sel, 1);
	CHECK_INT(t.sel_pid, 20);
	CHECK_INT(t.sel_tid, 0);
	table_clear(&t);
	table_clear(NULL);
}

/* layout_sum: the cells the shown columns take with their gaps. */
static int layout_sum(const bool shown[COL_NCOLS], const int widths[COL_NCOLS])
{
	int sum = -1;

	for (int c = 0; c < COL_NCOLS; c++)
		if (shown[c])
			sum += widths[c] + 1;
	return sum;
}

static void test_layout(void)
{
	bool shown[COL_NCOLS], bar;
	int cmd;

	CHECK_INT(table_cmd_min(40), 10);
	CHECK_INT(table_cmd_min(80), 16);
	CHECK_INT(table_cmd_min(300), 16);
	CHECK_INT(table_why_min(80), 24);
	CHECK_INT(table_why_min(120), 56);
	CHECK_INT(table_why_min(300), TABLE_WHY_ROOMY);
	/* 200: everything, WCHAN too */
	cmd = table_layout_full(200, COL_CPU, shown, &bar);
	for (int c = 0; c < COL_NCOLS; c++)
		CHECK(shown[c]);
	CHECK(bar);
	CHECK(cmd >= 16);
	/* 120: WHY instead of WCHAN, WAIT keeps its bar */
	table_layout_full(120, COL_CPU, shown, &bar);
	CHECK(!shown[COL_WCHAN] && shown[COL_WHY] && shown[COL_WAIT] && bar);
	CHECK(shown[COL_DISK_W] && shown[COL_COMMAND] && shown[COL_CPU]);
	/* 80: PID CPU% WAIT DISK W/s COMMAND WHY */
	cmd = table_layout_full(80, COL_CPU, shown, &bar);
	CHECK(cmd >= 16);
	CHECK(shown[COL_PID] && shown[COL_CPU] && shown[COL_WAIT] && shown[COL_DISK_W] &&
	      shown[COL_COMMAND] && shown[COL_WHY]);
	CHECK(!shown[COL_WCHAN] && !shown[COL_USER] && !shown[COL_NET_TX] && !shown[COL_STATE] &&
	      !shown[COL_DISK_R] && !shown[COL_NET_RX]);
	CHECK(!bar);
	/* the sort column is dropped last, WCHAN shown when sorted by */
	cmd = table_layout(80, COL_WCHAN, shown);
	CHECK(shown[COL_WCHAN]);
	CHECK(cmd >= 16);
	cmd = table_layout(80, COL_NET_TX, shown);
	CHECK(shown[COL_NET_TX]);
	CHECK(!shown[COL_NET_RX]);
	/* 40 columns: PID CPU% WAIT COMMAND */
	cmd = table_layout(40, COL_CPU, shown);
	CHECK(cmd >= 10);
	CHECK(shown[COL_PID] && shown[COL_CPU] && shown[COL_WAIT]);
	CHECK(!shown[COL_USER] && !shown[COL_NET_TX] && !shown[COL_DISK_W] && !shown[COL_STATE] &&
	      !shown[COL_WHY]);
	cmd = table_layout(10, COL_CPU, shown);
	CHECK(shown[COL_PID] && shown[COL_COMMAND]);
	CHECK(!shown[COL_CPU]);
	CHECK_INT(cmd, 10 - 8);
}

/* Widths add up to the terminal's at every width; WHY gets a whole net
 * evidence string from 120 columns; WCHAN grows only on wide terminals. */
static void test_layout_widths(void)
{
	bool shown[COL_NCOLS];
	int widths[COL_NCOLS], cmd;

	for (int w = 40; w <= 300; w++) {
		table_layout_widths(w, COL_CPU, shown, widths);
		CHECK_INT(layout_sum(shown, widths), w);
		CHECK(widths[COL_COMMAND] >= table_cmd_min(w));
		for (int c = 0; c < COL_NCOLS; c++)
			CHECK(shown[c] == (widths[c] > 0));
	}
	cmd = table_layout_widths(200, COL_CPU, shown, widths);
	CHECK_INT(widths[COL_WCHAN], TABLE_WCHAN_WIDE);
	CHECK_INT(cmd, TABLE_CMD_ROOMY);
	CHECK_INT(widths[COL_WAIT], TABLE_WAIT_TEXT + 1 + TABLE_WAIT_BAR);
	CHECK(widths[COL_WHY] > TABLE_WHY_ROOMY);
	CHECK_INT(widths[COL_PID], 7);
	table_layout_widths(120, COL_CPU, shown, widths);
	/* "recvfrom() on TCP 127.0.0.1:54270 -> 127.0.0.1:36977" */
	CHECK(widths[COL_WHY] >= 53);
	CHECK_INT(widths[COL_WAIT], TABLE_WAIT_TEXT + 1 + TABLE_WAIT_BAR);
	table_layout_widths(80, COL_CPU, shown, widths);
	CHECK_INT(widths[COL_WCHAN], 0);
	CHECK_INT(widths[COL_WAIT], TABLE_WAIT_TEXT);
	CHECK(widths[COL_WHY] >= 24);
}

int main(void)
{
	test_parse();
	test_layout_widths();
	test_each_column();
	test_missing_last();
	test_stable_ties();
	test_selection_follows();
	test_move_window();
	test_filters();
	test_search();
	test_threads();
	test_layout();
	test_activity_ties();
	test_kthreads();
	test_tree();
	return test_done("unit-table");
}
