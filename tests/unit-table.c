/* unit-table.c - the process pane's view-model: every column's order,
 * missing values last in both directions, ties by pid, the selection
 * following its pid after a re-sort, filters, search wraparound, thread
 * rows and the narrow-terminal layout. */
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
			strcpy(p[0].wchan, "futex_wait");
			strcpy(p[1].wchan, "pipe_read");
			strcpy(p[2].wchan, "do_epoll_wait");
			break;
		case COL_WAIT:
			p[0].wait = WAIT_DISK_READ;
			p[1].wait = WAIT_SLEEP;
			p[2].wait = WAIT_CPU;
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
	/* WAIT: within one category the larger share comes first */
	p[0] = proc(1, "a", 0);
	p[1] = proc(2, "b", 0);
	p[2] = proc(3, "c", 0);
	for (int i = 0; i < 3; i++) {
		p[i].have_wait = true;
		p[i].wait = WAIT_DISK_WRITE;
	}
	p[0].wait_share[WAIT_DISK_WRITE] = 10;
	p[1].wait_share[WAIT_DISK_WRITE] = 90;
	p[2].wait = WAIT_IDLE;
	CHECK_STR(sorted(&t, &s, COL_WAIT, false), "2 1 3");
	/* full command line sorting */
	p[0].cmdline = (char *)"zzz";
	p[1].cmdline = (char *)"aaa";
	p[2].cmdline = (char *)"";
	t.full_cmd = true;
	CHECK_STR(sorted(&t, &s, COL_COMMAND, false), "2 3 1"); /* aaa, c (comm), zzz */
	t.full_cmd = false;
	CHECK_STR(sorted(&t, &s, COL_COMMAND, false), "1 2 3");
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
			strcpy(p[i].wchan, i == 1 ? "a" : "b");
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
	CHECK_STR(sorted(&t, &s, COL_COMMAND, true), "7 9 12 50 300 1000");
	/* the same input in another order gives the same view */
	struct proc_row q[6];
	struct sample s2 = { .procs = q, .nprocs = 6 };
	for (int i = 0; i < 6; i++)
		q[i] = p[5 - i];
	CHECK_STR(sorted(&t, &s2, COL_CPU, true), "300 7 9 12 50 1000");
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

static void test_layout(void)
{
	bool shown[COL_NCOLS];
	int cmd;

	CHECK_INT(table_cmd_min(40), 10);
	CHECK_INT(table_cmd_min(80), 16);
	CHECK_INT(table_cmd_min(300), 16);
	cmd = table_layout(200, COL_CPU, shown);
	for (int c = 0; c < COL_NCOLS; c++)
		CHECK(shown[c]);
	CHECK_INT(cmd, 200 - 93); /* ten columns and their gaps */
	/* 80 columns: WCHAN, USER and NET TX/s go; a whole comm fits */
	cmd = table_layout(80, COL_CPU, shown);
	CHECK(cmd >= 16);
	CHECK(!shown[COL_WCHAN] && !shown[COL_USER] && !shown[COL_NET_TX]);
	CHECK(shown[COL_PID] && shown[COL_STATE] && shown[COL_CPU] && shown[COL_WAIT] &&
	      shown[COL_COMMAND]);
	CHECK(shown[COL_DISK_R] && shown[COL_DISK_W] && shown[COL_NET_RX]);
	/* the sort column is dropped last */
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
	CHECK(!shown[COL_USER] && !shown[COL_NET_TX] && !shown[COL_DISK_W] && !shown[COL_STATE]);
	cmd = table_layout(10, COL_CPU, shown);
	CHECK(shown[COL_PID] && shown[COL_COMMAND]);
	CHECK(!shown[COL_CPU]);
	CHECK_INT(cmd, 10 - 8);
}

/* Widths: WCHAN is cut at 16 cells ("hrtimer_nanoslee") unless the
 * terminal is wide enough to give it 22 and COMMAND still 20. */
static void test_layout_widths(void)
{
	bool shown[COL_NCOLS];
	int widths[COL_NCOLS], cmd, sum;

	cmd = table_layout_widths(200, COL_CPU, shown, widths);
	CHECK_INT(widths[COL_WCHAN], TABLE_WCHAN_WIDE);
	CHECK_INT(cmd, 200 - 93 - (TABLE_WCHAN_WIDE - 16));
	CHECK_INT(widths[COL_COMMAND], cmd);
	CHECK_INT(widths[COL_PID], 7);
	sum = 0;
	for (int c = 0; c < COL_NCOLS; c++)
		sum += widths[c] + (shown[c] && c != COL_COMMAND);
	CHECK_INT(sum, 200);
	/* 120: COMMAND keeps 21, a whole comm: WCHAN grows */
	cmd = table_layout_widths(120, COL_CPU, shown, widths);
	CHECK_INT(widths[COL_WCHAN], TABLE_WCHAN_WIDE);
	CHECK_INT(cmd, 120 - 93 - (TABLE_WCHAN_WIDE - 16));
	/* 112: WCHAN shown, but growing it would leave COMMAND under 20 */
	cmd = table_layout_widths(112, COL_CPU, shown, widths);
	CHECK(shown[COL_WCHAN]);
	CHECK_INT(widths[COL_WCHAN], 16);
	CHECK_INT(cmd, 112 - 93);
	/* the smallest width that widens it */
	table_layout_widths(93 + TABLE_CMD_ROOMY + TABLE_WCHAN_WIDE - 16, COL_CPU, shown, widths);
	CHECK_INT(widths[COL_WCHAN], TABLE_WCHAN_WIDE);
	CHECK_INT(widths[COL_COMMAND], TABLE_CMD_ROOMY);
	/* 80: not shown, width 0 */
	table_layout_widths(80, COL_CPU, shown, widths);
	CHECK(!shown[COL_WCHAN]);
	CHECK_INT(widths[COL_WCHAN], 0);
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
	return test_done("unit-table");
}
