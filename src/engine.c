/* engine.c - one refresh: read the system, the processes and the sockets,
 * turn two readings into rates (delta), let the sampler decide each
 * thread's wait, and hand the UI or batch output a struct sample.
 * Owns every collector; the callers only see samples. */
#include "config.h"
#include "engine.h"
#include "active.h"
#include "collect-conn.h"
#include "collect-disk.h"
#include "collect-group.h"
#include "collect-iface.h"
#include "collect-detail.h"
#include "collect-limit.h"
#include "collect-open.h"
#include "collect-net.h"
#include "collect-proc.h"
#include "collect-sys.h"
#include "deadline.h"
#include "delta.h"
#include "history.h"
#include "sampler.h"
#include "users.h"
#include "util.h"
#include "verdict.h"

#include <errno.h>
#include <fcntl.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct engine {
	struct opts o;
	long hz;
	bool root;
	struct collect_sys *cs;
	struct collect_proc *cp;
	struct collect_net *cn; /* NULL when sock_diag is unavailable */
	struct sampler *sm;
	struct collect_limit *cl;
	struct users *users;
	struct sys_raw sys_prev;
	struct sys_dirty_age dirty_age;
	struct proc_snap snap_prev; /* a glance until engine_prime */
	bool primed;
	int *pids; /* scratch: pids of the current snapshot */
	size_t pids_cap;
	double cpu_at_tick; /* this process's CPU seconds at the last tick */
	double cpu_per_tick; /* smoothed CPU seconds per refresh, all work */
	double interval_s; /* pace of the next refresh (engine_interval_s) */
	/* the panes' collectors, only with o.panes (engine-panes below) */
	struct disk_snap disk_prev;
	struct iface_snap iface_prev;
	struct conn_prev conn_prev;
	struct collect_group *groups;
	struct collect_open *open; /* NULL until engine_set_open_disk */
	struct history *hist; /* every process's wait timeline */
	/* the drill-in's focus (pid 0: none) */
	int focus_pid, focus_tid;
	unsigned long long focus_start;
	struct collect_detail *cd; /* NULL until a focus is set */
	struct drill *focus_last; /* the last detail, shown once the process is gone */
};

/* engine_cpu_s: CPU seconds this process has used (user + system). */
static double engine_cpu_s(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double engine_stretch(double delay_s, double cpu_s, double budget)
{
	double need = budget > 0 ? cpu_s / budget : delay_s;

	if (!(need > delay_s)) /* also NaN */
		return delay_s;
	return need < delay_s * ENGINE_STRETCH_MAX ? need : delay_s * ENGINE_STRETCH_MAX;
}

double engine_interval_s(const struct engine *e)
{
	return e->interval_s;
}

/* engine_budget: account the CPU of the interval that ends now (the scan,
 * the fast sampler, drawing: everything this process did), and set the
 * next interval; s->sys.stretch_s says when it is longer than -d. */
static void engine_budget(struct engine *e, struct sample *s)
{
	double now = engine_cpu_s(), used = now - e->cpu_at_tick;

	e->cpu_at_tick = now;
	/* the first refresh includes start-up work: do not judge by it alone */
	e->cpu_per_tick = e->cpu_per_tick > 0 ? 0.5 * e->cpu_per_tick + 0.5 * used : used;
	e->interval_s = engine_stretch(e->o.delay_s, e->cpu_per_tick, ENGINE_CPU_BUDGET);
	s->sys.stretch_s = e->interval_s > e->o.delay_s * 1.05 ? e->interval_s : 0;
}

#define ENGINE_DELAYACCT "/proc/sys/kernel/task_delayacct"

/* engine_delayacct_restore: at exit, put back the 0 that --delayacct found
 * (an atexit handler: runs on return from main, after q, a quit signal,
 * and fatal(); a SIGKILL leaves the 1). */
static void engine_delayacct_restore(void)
{
	char buf[8];
	int fd;

	if (util_read_file(AT_FDCWD, ENGINE_DELAYACCT, buf, sizeof buf) > 0 &&
	    parse_sys_delayacct(buf) != 1)
		return; /* someone else changed it since: theirs now */
	fd = open(ENGINE_DELAYACCT, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "0\n", 2) != 2)
			fprintf(stderr, "waittop: cannot restore kernel.task_delayacct=0: %s\n",
				strerror(errno));
		close(fd);
	}
}

/* engine_delayacct_on: write 1 to kernel.task_delayacct, and put the 0 it
 * held back at exit; 0 or -1 with err. */
static int engine_delayacct_on(char *err, size_t errsz)
{
	char buf[8];
	bool was_off = util_read_file(AT_FDCWD, ENGINE_DELAYACCT, buf, sizeof buf) > 0 &&
		       parse_sys_delayacct(buf) == 0;
	int fd = open(ENGINE_DELAYACCT, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, "1\n", 2) != 2) {
		snprintf(err, errsz,
			 "--delayacct: cannot set kernel.task_delayacct (%s); it needs root",
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	if (was_off)
		atexit(engine_delayacct_restore);
	return 0;
}

/* engine_any_pid_exists: true if some pid of o->pids is in snap. */
static bool engine_any_pid_exists(const struct opts *o, const struct proc_snap *snap)
{
	for (size_t i = 0; i < snap->nprocs; i++)
		for (size_t j = 0; j < o->npids; j++)
			if (snap->procs[i].task.pid == o->pids[j])
				return true;
	return false;
}

/* engine_snap_pids: the sorted pid list of snap, in e->pids; returns its length. */
static size_t engine_snap_pids(struct engine *e, const struct proc_snap *snap)
{
	if (snap->nprocs > e->pids_cap) {
		e->pids_cap = snap->nprocs * 2;
		e->pids = xrealloc(e->pids, e->pids_cap * sizeof(*e->pids));
	}
	for (size_t i = 0; i < snap->nprocs; i++)
		e->pids[i] = snap->procs[i].task.pid;
	return snap->nprocs;
}

/* --- the panes' rows: collected only for the panes o.panes asks for ---- */

/* engine_panes_prime: the first readings the rates of the panes in bits start from. */
static void engine_panes_prime(struct engine *e, unsigned bits)
{
	if (bits & MODEL_PANE_DISKS) {
		disk_snap_clear(&e->disk_prev);
		collect_disk_read(&e->disk_prev);
	}
	if (bits & MODEL_PANE_IFACES) {
		iface_snap_clear(&e->iface_prev);
		collect_iface_read(&e->iface_prev);
	}
	if (bits & MODEL_PANE_CONNS && e->cn) {
		size_t n;
		const struct sock_info *si = collect_net_sockets(e->cn, &n);
		struct conn_row *rows;

		if (conn_build(si, n, 0, &e->conn_prev, &rows) >= 0)
			free(rows);
	}
	if (bits & MODEL_PANE_GROUPS && !e->groups)
		e->groups = collect_group_new();
}

void engine_set_panes(struct engine *e, unsigned bits)
{
	unsigned on = bits & ~e->o.panes & MODEL_PANE_ALL;

	if (on && e->primed)
		engine_panes_prime(e, on);
	e->o.panes = bits & (MODEL_PANE_ALL | MODEL_PANE_SOCKETS);
}

void engine_set_open_disk(struct engine *e, const char *name)
{
	if (!name || !name[0]) {
		collect_open_free(e->open);
		e->open = NULL;
		return;
	}
	if (!e->open)
		e->open = collect_open_new();
	collect_open_set_disk(e->open, name);
}

/* engine_conn_comms: each connection's owner's comm from s->procs. */
static void engine_conn_comms(struct sample *s)
{
	int(*idx)[2] = xmalloc((s->nprocs + 1) * sizeof(*idx)); /* pid, index */

	for (size_t i = 0; i < s->nprocs; i++)
		idx[i][0] = s->procs[i].pid, idx[i][1] = (int)i;
	qsort(idx, s->nprocs, sizeof(*idx), util_int_cmp);
	for (size_t i = 0; i < s->nconns; i++) {
		int key[2] = { s->conns[i].pid, 0 }, (*hit)[2];

		if (!key[0])
			continue;
		hit = s->nprocs ? bsearch(key, idx, s->nprocs, sizeof(*idx), util_int_cmp) : NULL;
		if (hit)
			snprintf(s->conns[i].comm, sizeof(s->conns[i].comm), "%s",
				 s->procs[(*hit)[1]].comm);
	}
	for (size_t i = 0; i < s->nconns; i++) { /* unix rows: the peer's owner */
		int key[2] = { s->conns[i].peer_pid, 0 }, (*hit)[2];

		if (!key[0])
			continue;
		hit = s->nprocs ? bsearch(key, idx, s->nprocs, sizeof(*idx), util_int_cmp) : NULL;
		if (hit)
			snprintf(s->conns[i].peer_comm, sizeof(s->conns[i].peer_comm), "%s",
				 s->procs[(*hit)[1]].comm);
	}
	free(idx);
}

/* engine_sock_find: conn_add_sockets' peer lookup in the socket table. */
static const struct sock_info *engine_sock_find(const void *ctx, unsigned long inode)
{
	return collect_net_find(ctx, inode);
}

/* engine_panes_sockets: the UDP and unix rows after the nrows TCP ones in
 * rows (s->conns); a unix row whose peer has no known owner, and a row
 * with something queued or dropped and no owner, ask the next refresh to
 * search for them.  Returns the count, -1 on ENOMEM. */
static long engine_panes_sockets(struct engine *e, const struct sock_info *si, size_t n,
				 struct conn_row *rows, size_t nrows, struct sample *s)
{
	long nr = conn_add_sockets(si, n, MODEL_SOCKETS_MAX, engine_sock_find, e->cn, &rows, nrows,
				   &s->nconns_omitted);

	s->conns = rows;
	for (long i = (long)nrows; i < nr; i++) {
		const struct conn_row *r = &rows[i];

		if (r->proto == CONN_P_UNIX && r->peer_inode && !r->peer_pid)
			collect_net_lookup(e->cn, r->inode);
		if (!r->pid && (r->rqueue || r->wqueue || (r->have_drops && r->drops)))
			collect_net_want_owner(e->cn, r->inode);
	}
	return nr;
}

/* engine_panes_conns: the TCP connections of the socket table, owners resolved. */
static void engine_panes_conns(struct engine *e, struct sample *s)
{
	struct net_stats st;
	const struct sock_info *si;
	size_t n;
	long nr;

	if (!e->cn) { /* no sock_diag: null, not [] */
		s->panes &= ~(MODEL_PANE_CONNS | MODEL_PANE_SOCKETS);
		return;
	}
	si = collect_net_sockets(e->cn, &n);
	for (size_t i = 0; i < n; i++) /* fills each row's owner on demand */
		if (si[i].proto == SOCK_P_TCP && si[i].inode)
			collect_net_lookup(e->cn, si[i].inode);
	collect_net_stats(e->cn, &st);
	nr = conn_build(si, n, st.interval_s, &e->conn_prev, &s->conns);
	if (nr >= 0 && e->o.panes & MODEL_PANE_SOCKETS)
		nr = engine_panes_sockets(e, si, n, s->conns, (size_t)nr, s);
	if (nr < 0)
		fatal("out of memory");
	s->nconns = (size_t)nr;
	engine_conn_comms(s);
}

/* engine_panes: the rows of the panes o.panes asks for, into s. */
static void engine_panes(struct engine *e, struct sample *s)
{
	long n;

	s->panes = e->o.panes;
	if (e->o.panes & MODEL_PANE_DISKS) {
		struct disk_snap cur = { 0 };

		if (collect_disk_read(&cur) == 0) {
			if ((n = disk_delta(&e->disk_prev, &cur, &s->disks)) < 0)
				fatal("out of memory");
			s->ndisks = (size_t)n;
			disk_snap_clear(&e->disk_prev);
			e->disk_prev = cur;
		} else {
			s->panes &= ~MODEL_PANE_DISKS;
		}
	}
	if (e->o.panes & MODEL_PANE_IFACES) {
		struct iface_snap cur = { 0 };

		if (collect_iface_read(&cur) == 0) {
			n = iface_delta(&e->iface_prev, &cur, &s->ifaces, &s->netstat);
			if (n < 0)
				fatal("out of memory");
			s->nifaces = (size_t)n;
			iface_snap_clear(&e->iface_prev);
			e->iface_prev = cur;
		} else {
			s->panes &= ~MODEL_PANE_IFACES;
		}
	}
	if (e->o.panes & MODEL_PANE_CONNS)
		engine_panes_conns(e, s);
	if (e->o.panes & MODEL_PANE_GROUPS) {
		int *row_of = xmalloc((s->nprocs + 1) * sizeof(*row_of));

		if ((n = collect_group_build(e->groups, s, &s->groups, row_of)) < 0)
			fatal("out of memory");
		s->ngroups = (size_t)n;
		for (size_t i = 0; i < s->nprocs; i++)
			s->procs[i].group = row_of[i];
		free(row_of);
	}
	if (e->open)
		collect_open_scan(e->open, s);
}

struct engine *engine_new(const struct opts *o, char *err, size_t errsz)
{
	struct engine *e = xcalloc(1, sizeof(*e));
	struct collect_proc_opts po = { .threads = true };

	e->o = *o;
	e->interval_s = o->delay_s;
	e->hz = sysconf(_SC_CLK_TCK);
	e->root = geteuid() == 0;
	if (o->delayacct == 1 && engine_delayacct_on(err, errsz) < 0)
		goto fail;
	e->cs = collect_sys_new();
	if (!e->cs) {
		snprintf(err, errsz, "cannot read /proc/stat: %s (is /proc mounted?)",
			 strerror(errno));
		goto fail;
	}
	/* --drill reads every process: the drill-in names the local process
	 * at the other end of a connection, and f may follow the wait there */
	if (o->npids && !o->drill) {
		po.only_pids = e->o.pids;
		po.n_only_pids = o->npids;
	}
	e->cp = collect_proc_new(&po);
	if (!e->cp) {
		snprintf(err, errsz, "cannot read /proc: %s", strerror(errno));
		goto fail;
	}
	e->cn = collect_net_new(); /* NULL: per-process network shows "-" */
	e->sm = sampler_new(e->cp, e->cn);
	e->users = users_new();
	e->hist = history_new();
	e->cl = collect_limit_new();
	collect_sys_read(e->cs, &e->sys_prev);
	if (collect_proc_glance(e->cp, &e->snap_prev) < 0) {
		snprintf(err, errsz, "cannot read /proc: %s", strerror(errno));
		goto fail;
	}
	if (o->npids && !engine_any_pid_exists(o, &e->snap_prev)) {
		snprintf(err, errsz, "-p: no such process%s", o->npids > 1 ? "es" : "");
		goto fail;
	}
	return e;
fail:
	engine_free(e);
	return NULL;
}

void engine_free(struct engine *e)
{
	if (!e)
		return;
	sampler_free(e->sm);
	collect_limit_free(e->cl);
	collect_net_free(e->cn);
	collect_proc_free(e->cp);
	collect_sys_free(e->cs);
	users_free(e->users);
	history_free(e->hist);
	collect_detail_free(e->cd);
	model_drill_free(e->focus_last);
	proc_snap_clear(&e->snap_prev);
	free(e->pids);
	disk_snap_clear(&e->disk_prev);
	iface_snap_clear(&e->iface_prev);
	conn_prev_clear(&e->conn_prev);
	collect_group_free(e->groups);
	collect_open_free(e->open);
	free(e);
	deadline_shutdown();
}

/* engine_fill_procs: user names, network rates and the permission flags. */
static void engine_fill_procs(struct engine *e, struct sample *s)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc_row *p = &s->procs[i];
		struct net_proc_rate r = { .pid = p->pid };

		users_name(e->users, p->uid, p->user, sizeof(p->user));
		if (e->cn) {
			collect_net_rate(e->cn, p->pid, &r);
			p->have_net = r.have;
			p->net_rx_bps = r.rx_bps;
			p->net_tx_bps = r.tx_bps;
		}
		if (!p->kthread && (!p->have_wchan || !p->have_io) && p->state != 'Z')
			s->any_denied = true;
	}
}

/* engine_unattrib_cmp: busiest (rx + tx) first. */
static int engine_unattrib_cmp(const void *a, const void *b)
{
	const struct net_uid_rate *x = a, *y = b;
	double dx = x->rx_bps + x->tx_bps, dy = y->rx_bps + y->tx_bps;

	return (dx < dy) - (dx > dy);
}

/* engine_fill_unattributed: the uids whose TCP traffic had no owner, with
 * their names, busiest first (at most MODEL_UNATTRIB_MAX). */
static void engine_fill_unattributed(struct engine *e, struct sample *s)
{
	struct net_uid_rate r[64];
	size_t n;

	s->nunattrib = 0;
	if (!e->cn)
		return;
	n = collect_net_unattributed(e->cn, r, sizeof(r) / sizeof(r[0]));
	if (n > sizeof(r) / sizeof(r[0]))
		n = sizeof(r) / sizeof(r[0]);
	qsort(r, n, sizeof(r[0]), engine_unattrib_cmp);
	for (size_t i = 0; i < n && s->nunattrib < MODEL_UNATTRIB_MAX; i++) {
		struct net_uid_row *u = &s->unattrib[s->nunattrib];

		if (r[i].rx_bps + r[i].tx_bps <= 0)
			continue;
		u->uid = r[i].uid;
		users_name(e->users, r[i].uid, u->user, sizeof(u->user));
		u->rx_bps = r[i].rx_bps;
		u->tx_bps = r[i].tx_bps;
		s->nunattrib++;
	}
}

/* engine_thread_cpu_ms: CPU time of the calling thread in ms. */
static double engine_thread_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* engine_focus_row: the focused process's row in s (adopting its start
 * time when the focus was set without one), or NULL when gone. */
static const struct proc_row *engine_focus_row(struct engine *e, const struct sample *s)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];

		if (p->is_thread || p->pid != e->focus_pid)
			continue;
		if (e->focus_start && p->start_ticks != e->focus_start)
			return NULL; /* the pid was reused */
		e->focus_start = p->start_ticks;
		return p;
	}
	return NULL;
}

/* engine_drill_kin: p's parent, children and siblings in s (under -p,
 * which s lacks, from the kernel's children lists), where the drill-in
 * looks for the other end of its pipes. */
static void engine_drill_kin(struct engine *e, const struct sample *s, const struct proc_row *p)
{
	int kin[DETAIL_KIN_MAX];
	size_t n = 0;

	for (size_t i = 0; i < s->nprocs && n < DETAIL_KIN_MAX; i++) {
		const struct proc_row *q = &s->procs[i];

		if (q->is_thread || q->pid == p->pid)
			continue;
		if (q->pid == p->ppid || q->ppid == p->pid || (p->ppid > 1 && q->ppid == p->ppid))
			kin[n++] = q->pid;
	}
	collect_detail_set_kin(e->cd, kin, n);
	if (e->o.npids && !e->o.drill)
		collect_detail_set_kin_lists(e->cd, p->ppid);
}

/* engine_thread_from_proc: the thread row of one-thread process p, whose
 * row in the sample was dropped (engine_drop_lone_threads); why is
 * borrowed from p. */
static void engine_thread_from_proc(const struct proc_row *p, struct thread_row *th)
{
	size_t n = strnlen(p->comm, sizeof(th->comm) - 1);

	memset(th, 0, sizeof(*th));
	th->pid = th->tid = p->pid;
	memcpy(th->comm, p->comm, n);
	th->cpu_pct = p->cpu_pct;
	th->runq_pct = p->lone_runq_pct;
	th->wchan = p->wchan;
	th->why = p->why;
	th->syscall_nr = p->lone_syscall_nr;
	memcpy(th->wait_share, p->wait_share, sizeof(th->wait_share));
	th->wait = p->wait;
	th->why_pid = p->why_pid;
	th->state = p->state;
	th->have_cpu = p->have_cpu;
	th->have_sched = p->lone_have_sched;
	th->have_wchan = p->have_wchan;
	th->have_syscall = p->lone_have_syscall;
	th->have_wait = p->have_wait;
}

/* engine_drop_lone_threads: free the thread rows of one-thread processes
 * once the refresh has used them (1.6 MB of the sample at 10,000
 * processes).  Their process row says the same, and keeps the two fields
 * it lacks (lone_*); thr_count becomes 0. */
static void engine_drop_lone_threads(struct sample *s)
{
	size_t w = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc_row *p = &s->procs[i];
		struct thread_row *th;

		if (p->is_thread || !p->thr_count || p->thr_first + p->thr_count > s->nthreads)
			continue;
		th = &s->threads[p->thr_first];
		if (p->thr_count == 1 && th->tid == p->pid) {
			p->lone_runq_pct = (float)th->runq_pct;
			p->lone_have_sched = th->have_sched;
			p->lone_syscall_nr = (int)th->syscall_nr;
			p->lone_have_syscall = th->have_syscall;
			free(th->why);
			p->thr_first = p->thr_count = 0;
			continue;
		}
		memmove(&s->threads[w], th, p->thr_count * sizeof(*th));
		p->thr_first = w;
		w += p->thr_count;
	}
	s->nthreads = w;
	if (w == 0) {
		free(s->threads);
		s->threads = NULL;
	} else {
		struct thread_row *t = realloc(s->threads, w * sizeof(*t));

		if (t)
			s->threads = t;
	}
}

/* engine_drill_new: a drill for row p of s: its row, threads, timeline
 * and the detail read now. */
static struct drill *engine_drill_new(struct engine *e, const struct sample *s,
				      const struct proc_row *p, double boot_s, double mono_s)
{
	struct drill *d = xcalloc(1, sizeof(*d));
	double t0 = engine_thread_cpu_ms();

	d->pid = p->pid;
	d->start_ticks = p->start_ticks;
	d->proc = *p;
	d->proc.cmdline = xstrdup(p->cmdline ? p->cmdline : "");
	d->proc.why = p->why ? xstrdup(p->why) : NULL;
	if (p->thr_count && p->thr_first + p->thr_count <= s->nthreads) {
		d->nthreads = p->thr_count;
		d->threads = xmalloc(d->nthreads * sizeof(*d->threads));
		memcpy(d->threads, &s->threads[p->thr_first], d->nthreads * sizeof(*d->threads));
	} else if (!p->thr_count) {
		d->nthreads = 1;
		d->threads = xmalloc(sizeof(*d->threads));
		engine_thread_from_proc(p, d->threads);
	}
	if (model_rows_dup_whys(d->threads, d->nthreads) < 0)
		fatal("out of memory");
	d->proc.thr_first = 0;
	d->proc.thr_count = d->nthreads;
	if (e->hz > 0 && boot_s > 0)
		d->start_time_s = util_real_s() - (boot_s - (double)p->start_ticks / (double)e->hz);
	d->ntimeline = history_get(e->hist, p->pid, p->start_ticks, d->timeline, MODEL_HIST_LEN);
	if (!e->cd)
		e->cd = collect_detail_new();
	engine_drill_kin(e, s, p);
	collect_detail_read(e->cd, p->pid, p->start_ticks, e->focus_tid, e->cn, mono_s, d);
	d->cost_ms = engine_thread_cpu_ms() - t0;
	return d;
}

/* engine_drill: s->drill for the focus: fresh while the process lives,
 * the last reading marked exited once it is gone. */
static void engine_drill(struct engine *e, struct sample *s, const struct proc_snap *snap)
{
	const struct proc_row *p = engine_focus_row(e, s);

	model_drill_free(s->drill);
	s->drill = NULL;
	if (p) {
		s->drill = engine_drill_new(e, s, p, snap->boot_s, util_mono_s());
		model_drill_free(e->focus_last);
		e->focus_last = model_drill_dup(s->drill);
		return;
	}
	if (!e->focus_last)
		return;
	if (!e->focus_last->exited) {
		e->focus_last->exited = true;
		e->focus_last->exit_time_s = s->sys.time_s;
	}
	s->drill = model_drill_dup(e->focus_last);
}

void engine_set_focus(struct engine *e, int pid, unsigned long long start_ticks, int tid)
{
	if (pid == e->focus_pid && !start_ticks)
		start_ticks = e->focus_start; /* the same process, another thread */
	if (pid != e->focus_pid || start_ticks != e->focus_start) {
		model_drill_free(e->focus_last);
		e->focus_last = NULL;
	}
	if (pid <= 0) { /* closed: let go of the held directories too */
		collect_detail_free(e->cd);
		e->cd = NULL;
	}
	collect_proc_set_extra(e->cp, pid); /* f may lead outside -p */
	e->focus_pid = pid > 0 ? pid : 0;
	e->focus_start = pid > 0 ? start_ticks : 0;
	e->focus_tid = pid > 0 ? tid : 0;
}

void engine_focus_now(struct engine *e, struct sample *s)
{
	if (e->focus_pid)
		engine_drill(e, s, &e->snap_prev);
}

/* engine_limits: a process that waits for a CPU for at least
 * ENGINE_RUNQ_LIMIT_PCT of the interval may be held by its cgroup's CPU
 * quota rather than by busy CPUs: read the quota (once per cgroup) and
 * let the runqueue evidence say which. */
static void engine_limits(struct engine *e, struct sample *s, double now_s)
{
	collect_limit_refresh(e->cl, now_s);
	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc_row *p = &s->procs[i];
		struct limit_cpu lim;
		double share;
		char why[MODEL_WHY_MAX];

		if (p->kthread || !p->have_wait ||
		    p->wait_share[WAIT_RUNQUEUE] < ENGINE_RUNQ_LIMIT_PCT)
			continue;
		if (collect_limit_cpu(e->cl, p->pid, &lim) < 0)
			continue;
		share = p->wait_share[WAIT_RUNQUEUE];
		if (p->wait == WAIT_RUNQUEUE) {
			verdict_runqueue_why(share, &lim, why, sizeof(why));
			model_set_why(&p->why, why);
		}
		for (size_t k = 0; k < p->thr_count && p->thr_first + k < s->nthreads; k++) {
			struct thread_row *th = &s->threads[p->thr_first + k];

			if (th->have_wait && th->wait == WAIT_RUNQUEUE) {
				verdict_runqueue_why(th->wait_share[WAIT_RUNQUEUE], &lim, why,
						     sizeof(why));
				model_set_why(&th->why, why);
			}
		}
	}
}

/* engine_trim: hand the heap's free pages back to the kernel.  A refresh
 * frees a whole snapshot and sample (megabytes at 10,000 processes) among
 * blocks still in use; glibc keeps such holes mapped, so without this the
 * resident size grew to the high-water mark of all refreshes.  Costs
 * under a millisecond at 10,000 processes (DESIGN: At 2,000 and 10,000
 * processes). */
static void engine_trim(void)
{
#ifdef HAVE_MALLOC_TRIM
	malloc_trim(0);
#endif
}

int engine_tick(struct engine *e, struct sample *out, char *err, size_t errsz)
{
	struct sys_raw sys_cur;
	struct proc_snap snap_cur = { 0 };

	engine_prime(e); /* when the caller has not */
	model_sample_clear(out);
	collect_sys_read(e->cs, &sys_cur);
	if (collect_proc_scan_after(e->cp, &e->snap_prev, &snap_cur) < 0) {
		snprintf(err, errsz, "cannot read /proc: %s", strerror(errno));
		return -1;
	}
	sys_delta(&e->sys_prev, &sys_cur, &out->sys);
	sys_dirty_age_update(&e->dirty_age, &out->sys);
	if (delta_procs(&e->snap_prev, &snap_cur, e->hz, out) < 0) {
		proc_snap_clear(&snap_cur);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (e->cn)
		collect_net_refresh(e->cn, snap_cur.mono_s, e->pids,
				    engine_snap_pids(e, &snap_cur));
	out->root = e->root;
	engine_fill_procs(e, out);
	engine_fill_unattributed(e, out);
	sampler_finish(e->sm, &snap_cur, out);
	engine_limits(e, out, snap_cur.mono_s);
	active_compute(out, &out->active);
	engine_panes(e, out);
	history_add(e->hist, out, e->focus_pid);
	if (e->focus_pid)
		engine_drill(e, out, &snap_cur);
	engine_drop_lone_threads(out);
	e->sys_prev = sys_cur;
	proc_snap_clear(&e->snap_prev);
	e->snap_prev = snap_cur;
	engine_trim();
	engine_budget(e, out);
	return 0;
}

void engine_first(struct engine *e, struct sample *out)
{
	model_sample_clear(out);
	sys_delta(&e->sys_prev, &e->sys_prev, &out->sys); /* levels; rates "-" */
	delta_procs(NULL, &e->snap_prev, e->hz, out);
	out->root = e->root;
	engine_fill_procs(e, out);
	engine_drop_lone_threads(out);
}

void engine_prime(struct engine *e)
{
	if (e->primed)
		return;
	e->primed = true;
	collect_sys_read(e->cs, &e->sys_prev);
	if (collect_proc_scan(e->cp, &e->snap_prev) < 0)
		return; /* the first tick says why, and reads in full */
	if (e->cn)
		collect_net_refresh(e->cn, e->snap_prev.mono_s, e->pids,
				    engine_snap_pids(e, &e->snap_prev));
	sampler_prime(e->sm, &e->snap_prev);
	e->cpu_at_tick = engine_cpu_s();
	engine_panes_prime(e, e->o.panes);
}

double engine_primed_at(const struct engine *e)
{
	return e->snap_prev.mono_s;
}

void engine_fast(struct engine *e)
{
	sampler_tick(e->sm);
}
