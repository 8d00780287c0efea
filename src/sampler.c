/* sampler.c - the fast look between refreshes: re-read the threads that
 * were active in the last interval (or R/D) at every tick, classify each
 * look with verdict_classify and tally it; at a refresh add the scan's
 * own reading of every thread and turn the tallies into verdicts.
 * The fd behind a blocked syscall is resolved once per (thread, syscall,
 * arguments) and kept for SAMPLER_EVIDENCE_TTL_S.  No curses, no output. */
#include "config.h"
#include "sampler.h"
#include "collect-fd.h"
#include "collect-limit.h"
#include "collect-follow.h"
#include "follow.h"
#include "util.h"
#include "verdict.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SAMPLER_WATCH_MAX 64
#define SAMPLER_PEERS 8 /* pipe inode -> peer cache slots */
#define SAMPLER_CAND_MAX 16 /* processes searched for a pipe's other end */
#define SAMPLER_RECENT_S 1.0 /* a D look reading "running" keeps the syscall seen this recently */
#define SAMPLER_SCAN_MAX 4096 /* /proc entries read to find them under -p */
#define SAMPLER_CALLS 2 /* syscalls remembered per thread for cpu evidence */

/* The object behind a blocked syscall: only threads blocked on an fd or
 * in poll/select/epoll have one, so it lives apart from the evidence
 * every thread in a syscall keeps (a fixed copy cost 580 bytes for every
 * sleeper on the box). */
struct sampler_obj {
	struct fd_target target;
	char target_desc[MODEL_WHY_MAX];
	char watch_desc[MODEL_WHY_MAX];
};

/* What a blocked syscall's fd turned out to be, kept per thread (this
 * and the structs below are ordered to leave no padding: one of each for
 * every thread on the box). */
struct sampler_evidence {
	long nr;
	unsigned long long args[4];
	double when_s; /* resolved */
	double seen_s; /* last look in this syscall */
	struct sampler_obj *obj; /* owned; NULL without target or watch */
	int sock_proto;
	unsigned watch_n, watch_net;
	bool valid;
	bool have_target;
	bool have_watch;
};

/* The last look at a thread and what it gave: an identical look (same
 * state, flags, wchan, syscall and arguments) within the evidence TTL
 * gives the same verdict without classifying again. */
struct sampler_last {
	long nr;
	unsigned long flags;
	unsigned long long args[4];
	const char *wchan; /* model_intern()ed */
	double when_s;
	char *why;
	enum wait_cat cat;
	unsigned rank;
	bool valid;
	char state;
	bool have_wchan, have_syscall;
	bool d_unknown;
};

/* One thread the sampler knows, sorted by tid. */
struct sampler_thr {
	int pid, tid;
	unsigned long long start_ticks;
	struct verdict_tally tally;
	struct sampler_evidence ev;
	struct sampler_last last;
	/* the last storage wait seen, for D looks whose site raced away */
	double last_storage_s;
	char *last_storage_why; /* owned; NULL none */
	int last_storage; /* enum wait_cat, or -1 */
	unsigned char last_storage_rank; /* verdict_tally.why_rank of the why */
	/* syscalls that do work (not poll, sleep, futex...) its looks saw
	 * it in: what a mostly-system cpu verdict names */
	struct sampler_call {
		char *text; /* owned verdict_call_text; NULL unused */
		unsigned looks; /* halved at every refresh */
		double seen_s;
	} * call; /* owned, SAMPLER_CALLS of them; NULL until one is seen
		   * (most threads never do work in a syscall they block in) */
};

/* A process of the last snapshot: candidates for a pipe's other end. */
struct sampler_proc {
	int pid, ppid;
};

struct sampler_peer {
	unsigned long inode;
	bool want_writer;
	int peer;
	double when_s;
};

/* A socket owner found by searching /proc (the map had none). */
struct sampler_owner {
	unsigned long inode;
	int pid; /* 0: searched, none found; -1: search under way */
	int cursor; /* where the search under way goes on */
	double when_s;
};

struct sampler {
	struct collect_proc *cp;
	struct collect_net *cn;
	struct sampler_thr **thr; /* sorted by tid; entries are heap-owned */
	size_t nthr;
	int *moved_tid; /* tids of the old index during a rebuild */
	struct sampler_proc *procs;
	size_t nprocs;
	struct {
		int pid, tid;
	} * active;
	size_t nactive;
	struct sampler_peer peers[SAMPLER_PEERS];
	double now_s;
	unsigned long long looks;
	double prev_finish_s; /* start of the current interval */
	struct task_raw pinned; /* a look with its syscall restored */
	/* /proc/vmstat read at most once per tick, and only when a thread is
	 * in balance_dirty_pages */
	unsigned long long gen, dirty_gen;
	bool have_dirty;
	unsigned long long dirty_bytes, dirty_limit_bytes;
	/* the backing device of the last file seen written under
	 * balance_dirty_pages, kept for SAMPLER_EVIDENCE_TTL_S */
	int bdi_pid, bdi_fd;
	double bdi_s;
	bool have_bdi;
	struct limit_bdi bdi;
	/* following a wait: /proc/locks read at most once per refresh, socket
	 * owners searched for at most once per SAMPLER_EVIDENCE_TTL_S */
	struct follow_lock *locks;
	size_t nlocks;
	unsigned long long locks_gen; /* gen of the reading; 0: none */
	struct sampler_owner owners[SAMPLER_PEERS];
	unsigned long long follow_gen; /* the refresh follow_fds_left is for */
	size_t follow_fds_left; /* fd links socket-owner searches may still read */
};

/* sampler_thr_free: an entry and the strings it owns; NULL is a no-op. */
static void sampler_thr_free(struct sampler_thr *e)
{
	if (!e)
		return;
	verdict_tally_clear(&e->tally);
	free(e->ev.obj);
	free(e->last.why);
	free(e->last_storage_why);
	for (int i = 0; e->call && i < SAMPLER_CALLS; i++)
		free(e->call[i].text);
	free(e->call);
	free(e);
}

/* sampler_set: make *dst an owned copy of src (left alone when equal). */
static void sampler_set(char **dst, const char *src)
{
	if (*dst && strcmp(*dst, src) == 0)
		return;
	free(*dst);
	*dst = xstrdup(src);
}

/* sampler_ev_reading: the target (and, with watch, the watched fds) of
 * ev into the reading r. */
static void sampler_ev_reading(const struct sampler_evidence *ev, struct verdict_reading *r,
			       bool watch)
{
	r->have_target = ev->have_target;
	r->sock_proto = ev->sock_proto;
	if (ev->obj) {
		r->target = ev->obj->target;
		memcpy(r->target_desc, ev->obj->target_desc, sizeof(r->target_desc));
	}
	if (!watch)
		return;
	r->have_watch = ev->have_watch;
	r->watch_n = ev->watch_n;
	r->watch_net = ev->watch_net;
	if (ev->obj)
		memcpy(r->watch_desc, ev->obj->watch_desc, sizeof(r->watch_desc));
}

/* sampler_ev_obj: ev's object, made empty the first time. */
static struct sampler_obj *sampler_ev_obj(struct sampler_evidence *ev)
{
	if (!ev->obj)
		ev->obj = xcalloc(1, sizeof(*ev->obj));
	return ev->obj;
}

struct sampler *sampler_new(struct collect_proc *cp, struct collect_net *cn)
{
	struct sampler *sm = xcalloc(1, sizeof(*sm));

	sm->cp = cp;
	sm->cn = cn;
	return sm;
}

void sampler_free(struct sampler *sm)
{
	if (!sm)
		return;
	for (size_t i = 0; i < sm->nthr; i++)
		sampler_thr_free(sm->thr[i]);
	free(sm->thr);
	free(sm->moved_tid);
	free(sm->procs);
	free(sm->active);
	free(sm->locks);
	free(sm);
}

size_t sampler_active(const struct sampler *sm)
{
	return sm->nactive;
}

unsigned long long sampler_looks(const struct sampler *sm)
{
	return sm->looks;
}

/* sampler_strcpy: copy src into dst (size dsz), truncated to fit. */
static void sampler_strcpy(char *dst, size_t dsz, const char *src)
{
	size_t n = strnlen(src, dsz - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* sampler_find: the thread entry for tid, or NULL (binary search). */
static struct sampler_thr *sampler_find(struct sampler_thr **v, size_t n, int tid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid]->tid == tid)
			return v[mid];
		if (v[mid]->tid < tid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* sampler_proc_find: the process entry for pid, or NULL. */
static const struct sampler_proc *sampler_proc_find(const struct sampler *sm, int pid)
{
	size_t lo = 0, hi = sm->nprocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sm->procs[mid].pid == pid)
			return &sm->procs[mid];
		if (sm->procs[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* sampler_parse_vmstat: nr_dirty + nr_writeback and nr_dirty_threshold,
 * in pages, from /proc/vmstat text (pure).  0, or -1 if a field is missing. */
static int sampler_parse_vmstat(const char *text, unsigned long long *dirty,
				unsigned long long *limit)
{
	const char *d = strstr(text, "\nnr_dirty ");
	const char *w = strstr(text, "\nnr_writeback ");
	const char *t = strstr(text, "\nnr_dirty_threshold ");

	if (!d || !w || !t)
		return -1;
	*dirty = strtoull(d + 10, NULL, 10) + strtoull(w + 14, NULL, 10);
	*limit = strtoull(t + 20, NULL, 10);
	return 0;
}

/* sampler_dirty: fill the reading's dirty numbers (read once per tick). */
static void sampler_dirty(struct sampler *sm, struct verdict_reading *r)
{
	if (sm->dirty_gen != sm->gen) {
		char buf[8192];
		unsigned long long d, l;
		long page = sysconf(_SC_PAGESIZE);

		sm->dirty_gen = sm->gen;
		sm->have_dirty = util_read_file(AT_FDCWD, "/proc/vmstat", buf, sizeof(buf)) > 0 &&
				 sampler_parse_vmstat(buf, &d, &l) == 0;
		if (sm->have_dirty) {
			sm->dirty_bytes = d * (unsigned long long)page;
			sm->dirty_limit_bytes = l * (unsigned long long)page;
		}
	}
	r->have_dirty = sm->have_dirty;
	r->dirty_bytes = sm->dirty_bytes;
	r->dirty_limit_bytes = sm->dirty_limit_bytes;
}

/* sampler_bdi: the backing device (and its own dirty limits) of the file
 * a thread in balance_dirty_pages writes, when its syscall's fd is known. */
static void sampler_bdi(struct sampler *sm, const struct sampler_thr *e, const struct task_raw *t,
			struct verdict_reading *r)
{
	int fdarg = t->have_syscall && t->syscall_nr >= 0 ? verdict_syscall_fd(t->syscall_nr) : -1;
	int fd;

	if (fdarg < 0 || !e->ev.valid || !e->ev.have_target || !e->ev.obj ||
	    e->ev.obj->target.kind != FD_FILE || t->syscall_args[fdarg] >= 65536)
		return;
	fd = (int)t->syscall_args[fdarg];
	if (sm->bdi_pid != t->pid || sm->bdi_fd != fd ||
	    sm->now_s - sm->bdi_s >= SAMPLER_EVIDENCE_TTL_S) {
		sm->bdi_pid = t->pid;
		sm->bdi_fd = fd;
		sm->bdi_s = sm->now_s;
		sm->have_bdi = collect_limit_bdi(t->pid, fd, &sm->bdi) == 0;
	}
	r->have_bdi = sm->have_bdi;
	r->bdi = sm->bdi;
}

/* sampler_call_note: remember the syscall reading r is blocked in, if it
 * is one that does work, for the thread's cpu evidence. */
static void sampler_call_note(struct sampler *sm, struct sampler_thr *e,
			      const struct verdict_reading *r)
{
	const struct task_raw *t = r->task;
	struct sampler_call *slot = NULL;
	char text[MODEL_WHY_MAX];

	if (!t->have_syscall || t->syscall_nr < 0 || (t->state != 'S' && t->state != 'D') ||
	    (t->flags & 0x00200000UL) || !verdict_syscall_works(t->syscall_nr))
		return;
	verdict_call_text(r, text, sizeof(text));
	if (!e->call)
		e->call = xcalloc(SAMPLER_CALLS, sizeof(*e->call));
	for (int i = 0; i < SAMPLER_CALLS && !slot; i++)
		if (e->call[i].text && strcmp(e->call[i].text, text) == 0)
			slot = &e->call[i];
	for (int i = 0; i < SAMPLER_CALLS && !slot; i++)
		if (!e->call[i].text)
			slot = &e->call[i];
	if (!slot) {
		slot = &e->call[0];
		for (int i = 1; i < SAMPLER_CALLS; i++)
			if (e->call[i].looks < slot->looks)
				slot = &e->call[i];
		free(slot->text);
		slot->text = NULL;
	}
	if (!slot->text) {
		slot->text = xstrdup(text);
		slot->looks = 0;
	}
	slot->looks++;
	slot->seen_s = sm->now_s;
}

/* sampler_sock: proto and description of socket inode; -1 if not in the dump. */
static int sampler_sock(const struct sampler *sm, unsigned long inode, char *desc, size_t descsz)
{
	const struct sock_info *si = sm->cn ? collect_net_lookup(sm->cn, inode) : NULL;

	if (!si) {
		snprintf(desc, descsz, "socket:[%lu]", inode);
		return -1;
	}
	collect_net_format(si, desc, descsz);
	return (int)si->proto;
}

/* sampler_scan_relatives: children and siblings of (pid, ppid) found by
 * reading /proc/N/stat of at most SAMPLER_SCAN_MAX processes: for a view
 * filtered with -p, whose snapshot lacks the relatives.  Appends to cand. */
static size_t sampler_scan_relatives(int pid, int ppid, int *cand, size_t n, size_t max)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	size_t seen = 0;

	if (!d)
		return n;
	while (n < max && seen < SAMPLER_SCAN_MAX && (de = readdir(d)) != NULL) {
		char path[64], buf[1024];
		struct task_raw t;
		int p = atoi(de->d_name);

		if (p <= 0 || p == pid || p == ppid)
			continue;
		seen++;
		snprintf(path, sizeof(path), "/proc/%d/stat", p);
		if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0 ||
		    parse_proc_stat(buf, &t) < 0)
			continue;
		if (t.ppid == pid || (ppid > 1 && t.ppid == ppid))
			cand[n++] = p;
	}
	closedir(d);
	return n;
}

/* sampler_candidates: parent, children and siblings of pid, at most max. */
static size_t sampler_candidates(const struct sampler *sm, int pid, int ppid, int *cand, size_t max)
{
	size_t n = 0;

	if (ppid > 1)
		cand[n++] = ppid;
	if (ppid > 0 && !sampler_proc_find(sm, ppid)) {
		int k = collect_fd_relatives(pid, ppid, cand, n, max);

		return k >= 0 ? (size_t)k : sampler_scan_relatives(pid, ppid, cand, n, max);
	}
	for (size_t i = 0; i < sm->nprocs && n < max; i++)
		if (sm->procs[i].ppid == pid)
			cand[n++] = sm->procs[i].pid;
	for (size_t i = 0; i < sm->nprocs && n < max && ppid > 1; i++)
		if (sm->procs[i].ppid == ppid && sm->procs[i].pid != pid)
			cand[n++] = sm->procs[i].pid;
	return n;
}

/* sampler_pipe_peer: the process at the other end of pipe inode (cached), or 0. */
static int sampler_pipe_peer(struct sampler *sm, int pid, int ppid, unsigned long inode,
			     bool want_writer)
{
	struct sampler_peer *slot = &sm->peers[0];
	int cand[SAMPLER_CAND_MAX];
	size_t n;

	for (int i = 0; i < SAMPLER_PEERS; i++) {
		struct sampler_peer *p = &sm->peers[i];

		if (p->inode == inode && p->want_writer == want_writer &&
		    sm->now_s - p->when_s < SAMPLER_EVIDENCE_TTL_S)
			return p->peer;
		if (p->when_s < slot->when_s)
			slot = p;
	}
	n = sampler_candidates(sm, pid, ppid, cand, SAMPLER_CAND_MAX);
	slot->inode = inode;
	slot->want_writer = want_writer;
	slot->peer = collect_fd_pipe_peer(cand, n, pid, inode, want_writer, SAMPLER_PEER_MAX_FDS);
	slot->when_s = sm->now_s;
	return slot->peer;
}

/* sampler_target: resolve the fd argument into ev (target, proto, desc). */
static void sampler_target(struct sampler *sm, const struct task_raw *t, int fd,
			   struct sampler_evidence *ev)
{
	struct sampler_obj *o = sampler_ev_obj(ev);
	struct fd_target *tg = &o->target;

	ev->have_target = collect_fd_resolve(t->pid, fd, tg) == 0;
	if (!ev->have_target)
		return;
	switch (tg->kind) {
	case FD_SOCKET:
		ev->sock_proto =
		    sampler_sock(sm, tg->inode, o->target_desc, sizeof(o->target_desc));
		break;
	default:
		sampler_strcpy(o->target_desc, sizeof(o->target_desc), tg->path);
		break;
	}
}

/* sampler_watch_fd: count one watched socket inode (0: not a socket). */
static void sampler_watch_inode(const struct sampler *sm, unsigned long inode,
				struct sampler_evidence *ev)
{
	char desc[MODEL_WHY_MAX];
	int proto;

	ev->watch_n++;
	if (!inode)
		return;
	proto = sampler_sock(sm, inode, desc, sizeof(desc));
	if (proto == SOCK_P_TCP || proto == SOCK_P_UDP) {
		if (ev->watch_net++ == 0)
			snprintf(sampler_ev_obj(ev)->watch_desc, sizeof(ev->obj->watch_desc), "%s",
				 desc);
	}
}

/* sampler_watch: the fds of a blocked poll/select/epoll into ev. */
static void sampler_watch(struct sampler *sm, const struct task_raw *t, int kind,
			  struct sampler_evidence *ev)
{
	int fds[SAMPLER_WATCH_MAX];
	unsigned long inos[SAMPLER_WATCH_MAX];
	const unsigned long long *a = t->syscall_args;
	size_t n = 0;
	int rc;

	if (kind == 3)
		rc = collect_fd_epoll(t->pid, (int)a[0], fds, inos, SAMPLER_WATCH_MAX, &n);
	else if (kind == 1)
		rc = collect_fd_poll_fds(t->pid, a[0], a[1], fds, SAMPLER_WATCH_MAX, &n);
	else
		rc = collect_fd_select_fds(t->pid, a[0], &a[1], fds, SAMPLER_WATCH_MAX, &n);
	ev->have_watch = rc == 0;
	if (rc != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		struct fd_target tg;

		if (kind == 3)
			sampler_watch_inode(sm, inos[i], ev);
		else if (collect_fd_resolve(t->pid, fds[i], &tg) == 0 && tg.kind == FD_SOCKET)
			sampler_watch_inode(sm, tg.inode, ev);
		else
			ev->watch_n++;
	}
}

/* sampler_evidence: fill e->ev for t's current syscall unless the cached
 * one still applies (same syscall and arguments, young enough). */
static void sampler_evidence(struct sampler *sm, struct sampler_thr *e, const struct task_raw *t)
{
	struct sampler_evidence *ev = &e->ev;
	int fd, kind;

	if (ev->valid && ev->nr == t->syscall_nr &&
	    memcmp(ev->args, t->syscall_args, sizeof(ev->args)) == 0 &&
	    sm->now_s - ev->when_s < SAMPLER_EVIDENCE_TTL_S) {
		ev->seen_s = sm->now_s;
		return;
	}
	if (ev->obj)
		memset(ev->obj, 0, sizeof(*ev->obj));
	{
		struct sampler_obj *o = ev->obj;

		memset(ev, 0, sizeof(*ev));
		ev->obj = o;
	}
	ev->valid = true;
	ev->nr = t->syscall_nr;
	memcpy(ev->args, t->syscall_args, sizeof(ev->args));
	ev->when_s = ev->seen_s = sm->now_s;
	ev->sock_proto = -1;
	kind = verdict_syscall_is_poll(t->syscall_nr);
	fd = verdict_syscall_fd(t->syscall_nr);
	if (kind)
		sampler_watch(sm, t, kind, ev);
	else if (fd >= 0 && t->syscall_args[fd] < 65536)
		sampler_target(sm, t, (int)t->syscall_args[fd], ev);
	if (!ev->have_target && !ev->have_watch) {
		free(ev->obj);
		ev->obj = NULL;
	}
}

/* sampler_call_cached: sampler_call_note for a look identical to the
 * last one (its fd evidence is still e->ev). */
static void sampler_call_cached(struct sampler *sm, struct sampler_thr *e, const struct task_raw *t)
{
	struct verdict_reading r;

	memset(&r, 0, sizeof(r));
	r.task = t;
	if (e->ev.valid && e->ev.nr == t->syscall_nr) {
		sampler_ev_reading(&e->ev, &r, false);
		r.sock_proto = 0;
	}
	sampler_call_note(sm, e, &r);
}

/* sampler_look: classify one reading of thread e and tally it. */
static void sampler_look(struct sampler *sm, struct sampler_thr *e, const struct task_raw *t)
{
	struct sampler_last *l = &e->last;
	struct verdict_reading r;
	char why[MODEL_WHY_MAX];
	enum wait_cat c;

	sm->looks++;
	/* In D, the syscall file reads "running" when the kernel could not
	 * pin the task (its state changed during the read: fsync cycles
	 * through short I/O waits).  Within SAMPLER_RECENT_S of a look that
	 * saw its syscall, it is still in that syscall. */
	if (t->state == 'D' && t->have_syscall && t->syscall_nr == -2 && e->ev.valid &&
	    e->ev.nr >= 0 && sm->now_s - e->ev.seen_s < SAMPLER_RECENT_S) {
		sm->pinned = *t;
		sm->pinned.syscall_nr = e->ev.nr;
		memcpy(sm->pinned.syscall_args, e->ev.args, sizeof(e->ev.args));
		t = &sm->pinned;
	}
	if (l->valid && l->state == t->state && l->flags == t->flags &&
	    l->have_wchan == t->have_wchan && l->have_syscall == t->have_syscall &&
	    l->nr == t->syscall_nr && memcmp(l->args, t->syscall_args, sizeof(l->args)) == 0 &&
	    (l->wchan == t->wchan || strcmp(model_str(l->wchan), model_str(t->wchan)) == 0) &&
	    sm->now_s - l->when_s < SAMPLER_EVIDENCE_TTL_S) {
		verdict_tally_put(&e->tally, l->cat, l->why, l->rank, l->d_unknown);
		sampler_call_cached(sm, e, t);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.task = t;
	r.sock_proto = -1;
	if (t->have_syscall && t->syscall_nr >= 0 && !(t->flags & 0x00200000UL) &&
	    t->state != 'R' && t->state != 'Z' && t->state != 'T' && t->state != 't') {
		sampler_evidence(sm, e, t);
		sampler_ev_reading(&e->ev, &r, true);
	}
	if (t->have_wchan && strncmp(model_str(t->wchan), "balance_dirty_pages", 19) == 0) {
		sampler_dirty(sm, &r);
		sampler_bdi(sm, e, t, &r);
	}
	sampler_call_note(sm, e, &r);
	c = verdict_classify(&r, why, sizeof(why));
	verdict_tally_look(&e->tally, &r, c, why);
	/* keep it, unless it carries numbers that change (dirty pages) */
	l->valid = !r.have_dirty;
	l->state = t->state;
	l->flags = t->flags;
	l->have_wchan = t->have_wchan;
	l->have_syscall = t->have_syscall;
	l->nr = t->syscall_nr;
	memcpy(l->args, t->syscall_args, sizeof(l->args));
	l->wchan = t->wchan;
	l->when_s = sm->now_s;
	l->cat = c;
	l->rank = verdict_reading_rank(&r);
	l->d_unknown = verdict_reading_d_unknown(&r, c);
	sampler_set(&l->why, why);
}

/* sampler_raced: a D reading that names neither syscall nor site: the
 * task changed state while it was read. */
static bool sampler_raced(const struct task_raw *t)
{
	return t->state == 'D' && !(t->flags & 0x00200000UL) && t->have_syscall &&
	       (t->syscall_nr == -2 || !t->have_wchan || !model_str(t->wchan)[0]);
}

/* sampler_retry: read a raced D reading once more; keep the new one if
 * the task is still blocked (else the wait just ended: keep the first). */
static void sampler_retry(struct sampler *sm, struct task_raw *t)
{
	struct task_raw again;

	if (!sampler_raced(t) || collect_proc_read_thread(sm->cp, t->pid, t->tid, &again) != 0)
		return;
	if ((again.state == 'D' || again.state == 'S') && again.start_ticks == t->start_ticks)
		*t = again;
}

void sampler_tick(struct sampler *sm)
{
	struct task_raw raw;

	sm->gen++;
	sm->now_s = util_mono_s();
	for (size_t i = 0; i < sm->nactive; i++) {
		struct sampler_thr *e = sampler_find(sm->thr, sm->nthr, sm->active[i].tid);

		if (!e || collect_proc_read_thread(sm->cp, sm->active[i].pid, sm->active[i].tid,
						   &raw) != 0)
			continue;
		if (raw.start_ticks != e->start_ticks && raw.start_ticks && e->start_ticks)
			continue; /* the tid was reused */
		sampler_retry(sm, &raw);
		sampler_look(sm, e, &raw);
	}
}

/* sampler_cmp_tid: qsort order of thread entries. */
static int sampler_cmp_tid(const void *a, const void *b)
{
	const struct sampler_thr *x = *(struct sampler_thr *const *)a,
				 *y = *(struct sampler_thr *const *)b;

	return (x->tid > y->tid) - (x->tid < y->tid);
}

/* sampler_cmp_pid: qsort order of process entries. */
static int sampler_cmp_pid(const void *a, const void *b)
{
	const struct sampler_proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* sampler_adopt: the entry for task t: the old one (moved out of the old
 * index, tally and evidence kept) when it is the same thread, else new. */
static struct sampler_thr *sampler_adopt(struct sampler *sm, const struct task_raw *t)
{
	size_t lo = 0, hi = sm->nthr;
	struct sampler_thr *e;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sm->thr[mid] && sm->thr[mid]->tid == t->tid) {
			e = sm->thr[mid];
			if (e->start_ticks == t->start_ticks && e->pid == t->pid) {
				sm->thr[mid] = NULL; /* moved */
				return e;
			}
			break;
		}
		/* moved-out slots keep their tid order through the tid field copy */
		if ((sm->thr[mid] ? sm->thr[mid]->tid : sm->moved_tid[mid]) < t->tid)
			lo = mid + 1;
		else
			hi = mid;
	}
	e = xcalloc(1, sizeof(*e));
	e->last_storage = -1;
	e->pid = t->pid;
	e->tid = t->tid;
	e->start_ticks = t->start_ticks;
	return e;
}

/* sampler_look_scan: tally the scan's reading of t (read again when it
 * raced). */
static void sampler_look_scan(struct sampler *sm, const struct task_raw *t)
{
	struct sampler_thr *e = sampler_find(sm->thr, sm->nthr, t->tid);

	if (sampler_raced(t)) {
		struct task_raw copy = *t;

		sampler_retry(sm, &copy);
		sampler_look(sm, e, &copy);
		return;
	}
	sampler_look(sm, e, t);
}

/* sampler_rebuild: one entry per thread of snap (a process without thread
 * rows stands for its own main thread), each with the scan's reading
 * tallied when look is set; the process list for pipe-peer searches. */
static void sampler_rebuild(struct sampler *sm, const struct proc_snap *snap, bool look)
{
	size_t n = 0, cap = snap->nthreads + snap->nprocs;
	struct sampler_thr **v = xcalloc(cap ? cap : 1, sizeof(*v));

	free(sm->moved_tid);
	sm->moved_tid = xcalloc(sm->nthr ? sm->nthr : 1, sizeof(*sm->moved_tid));
	for (size_t i = 0; i < sm->nthr; i++)
		sm->moved_tid[i] = sm->thr[i]->tid;
	free(sm->procs);
	sm->procs = xcalloc(snap->nprocs ? snap->nprocs : 1, sizeof(*sm->procs));
	sm->nprocs = snap->nprocs;
	for (size_t i = 0; i < snap->nprocs; i++) {
		const struct proc_snap_entry *pe = &snap->procs[i];

		sm->procs[i].pid = pe->task.pid;
		sm->procs[i].ppid = pe->task.ppid;
		if (pe->thr_count == 0)
			v[n++] = sampler_adopt(sm, &pe->task);
		for (size_t k = 0; k < pe->thr_count; k++)
			v[n++] = sampler_adopt(sm, &snap->threads[pe->thr_first + k]);
	}
	qsort(sm->procs, sm->nprocs, sizeof(*sm->procs), sampler_cmp_pid);
	qsort(v, n, sizeof(*v), sampler_cmp_tid);
	for (size_t i = 0; i < sm->nthr; i++)
		sampler_thr_free(sm->thr[i]); /* threads that are gone (NULL when moved) */
	free(sm->thr);
	sm->thr = v;
	sm->nthr = n;
	for (size_t i = 0; look && i < snap->nprocs; i++) {
		const struct proc_snap_entry *pe = &snap->procs[i];

		if (pe->thr_count == 0)
			sampler_look_scan(sm, &pe->task);
		for (size_t k = 0; k < pe->thr_count; k++)
			sampler_look_scan(sm, &snap->threads[pe->thr_first + k]);
	}
}

/* sampler_follow_cmd: pid's command for why: its cmdline in the sample,
 * else its comm (never /proc/PID/cmdline here); -1 when it is gone. */
static int sampler_follow_cmd(const struct sample *s, int pid, char *buf, size_t bufsz)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];

		if (p->pid != pid || p->is_thread)
			continue;
		sampler_strcpy(buf, bufsz, p->cmdline && p->cmdline[0] ? p->cmdline : p->comm);
		return 0;
	}
	return collect_follow_comm(pid, buf, bufsz);
}

/* sampler_follow_owner: a process other than self holding socket inode:
 * the socket map's owner, else a search of /proc among the socket owner's
 * processes, SAMPLER_FOLLOW_MAX_FDS fd links per refresh, going on where
 * it stopped (found: cached SAMPLER_EVIDENCE_TTL_S, not found:
 * SAMPLER_FOLLOW_MISS_TTL_S). */
static int sampler_follow_owner(struct sampler *sm, unsigned long inode, int self)
{
	const struct sock_info *si = collect_net_lookup(sm->cn, inode);
	struct sampler_owner *slot = NULL, *old = &sm->owners[0];

	if (si && si->pid > 0 && si->pid != self)
		return si->pid;
	for (int i = 0; i < SAMPLER_PEERS && !slot; i++) {
		struct sampler_owner *o = &sm->owners[i];

		if (o->inode == inode)
			slot = o;
		else if (o->when_s < old->when_s)
			old = o;
	}
	if (slot && slot->pid >= 0 &&
	    sm->now_s - slot->when_s <
		(slot->pid ? SAMPLER_EVIDENCE_TTL_S : SAMPLER_FOLLOW_MISS_TTL_S))
		return slot->pid;
	if (slot && slot->pid > 0 && collect_follow_pid_holds(slot->pid, inode)) {
		slot->when_s = sm->now_s; /* still the owner: no new search */
		return slot->pid;
	}
	/* the socket map covers the whole box unless the view is filtered
	 * (-p); all searches of a refresh share one fd budget */
	if (sampler_proc_find(sm, 1) || sm->follow_gen != sm->gen) {
		sm->follow_gen = sm->gen;
		sm->follow_fds_left = SAMPLER_FOLLOW_MAX_FDS;
	}
	if (sampler_proc_find(sm, 1) || sm->follow_fds_left == 0)
		return 0;
	if (!slot) {
		slot = old;
		slot->inode = inode;
		slot->cursor = 0;
	}
	slot->pid =
	    collect_follow_sock_owner(inode, self, si && si->have_uid ? (long long)si->uid : -1,
				      &sm->follow_fds_left, &slot->cursor);
	slot->when_s = sm->now_s;
	return slot->pid > 0 ? slot->pid : 0;
}

/* sampler_follow_socket: the owner of the other end of socket inode (a
 * local TCP connection or a unix socket's peer), or 0. */
static int sampler_follow_socket(struct sampler *sm, unsigned long inode, enum follow_kind k,
				 int self)
{
	const struct sock_info *si = sm->cn ? collect_net_lookup(sm->cn, inode) : NULL;
	const struct sock_info *peer, *all;
	size_t n;

	if (!si)
		return 0;
	if (k == FOLLOW_UNIX) {
		if (!si->unix_peer_inode)
			return 0;
		if (si->peer_pid > 0 && si->peer_pid != self)
			return si->peer_pid;
		return sampler_follow_owner(sm, si->unix_peer_inode, self);
	}
	all = collect_net_sockets(sm->cn, &n);
	peer = follow_tcp_peer(all, n, si);
	return peer && peer->inode ? sampler_follow_owner(sm, peer->inode, self) : 0;
}

/* sampler_follow_lock: the holder of the lock pid waits for in syscall
 * nr (fd: its first argument), from /proc/locks (read at most once per
 * refresh) and the fd's inode from fdinfo, or 0. */
static int sampler_follow_lock(struct sampler *sm, int pid, long nr, int fd)
{
	unsigned long inode = 0;

	if (fd < 0 || collect_follow_fd_ino(pid, fd, &inode) < 0)
		return 0;
	if (sm->locks_gen != sm->gen) {
		if (!sm->locks)
			sm->locks = xcalloc(SAMPLER_FOLLOW_LOCKS, sizeof(*sm->locks));
		sm->locks_gen = sm->gen;
		if (collect_follow_locks(sm->locks, SAMPLER_FOLLOW_LOCKS, &sm->nlocks) < 0)
			sm->nlocks = 0;
	}
	return follow_lock_holder(sm->locks, sm->nlocks, pid, inode, 0, 0,
				  nr == SYS_flock ? "FLOCK" : NULL);
}

/* sampler_follow_child: the child pid's wait4/waitid waits for, or 0;
 * *more how many other children it may be waiting for. */
static int sampler_follow_child(struct sampler *sm, int pid, const struct sampler_evidence *ev,
				size_t *more)
{
	struct follow_proc kids[SAMPLER_CAND_MAX * 4];
	size_t n = 0, count = 0;
	int child;

	if (sampler_proc_find(sm, 1)) { /* the snapshot has every process */
		for (size_t i = 0; i < sm->nprocs && n < sizeof(kids) / sizeof(kids[0]); i++)
			if (sm->procs[i].ppid == pid) {
				kids[n].pid = sm->procs[i].pid;
				kids[n++].ppid = pid;
			}
	} else { /* -p: the children are not in it */
		n = collect_follow_children(pid, kids, sizeof(kids) / sizeof(kids[0]));
	}
	child = follow_child(kids, n, pid, follow_wait_pid(ev->nr, ev->args), &count);
	*more = count > 1 ? count - 1 : 0;
	return child;
}

/* sampler_follow_pid: the process at the other end of e's wait of kind k,
 * or 0; *more: other processes it could as well be (children). */
static int sampler_follow_pid(struct sampler *sm, const struct sampler_thr *e, enum follow_kind k,
			      size_t *more)
{
	const struct sampler_evidence *ev = &e->ev;
	const struct sampler_proc *me = sampler_proc_find(sm, e->pid);
	int dir = verdict_syscall_dir(ev->nr);

	*more = 0;
	switch (k) {
	case FOLLOW_TCP:
	case FOLLOW_UNIX:
		return ev->obj ? sampler_follow_socket(sm, ev->obj->target.inode, k, e->pid) : 0;
	case FOLLOW_PIPE:
		return dir && ev->obj ? sampler_pipe_peer(sm, e->pid, me ? me->ppid : 0,
							  ev->obj->target.inode, dir == 1)
				      : 0;
	case FOLLOW_LOCK:
		return ev->args[0] < 65536
			   ? sampler_follow_lock(sm, e->pid, ev->nr, (int)ev->args[0])
			   : 0;
	case FOLLOW_CHILD:
		return sampler_follow_child(sm, e->pid, ev, more);
	default:
		return 0;
	}
}

/* sampler_follow: th->why_pid and the "(pid N command)" of th->why when
 * the object th waits on (its current syscall's evidence, if it fits the
 * verdict) belongs to another local process we can name. */
static void sampler_follow(struct sampler *sm, const struct sampler_thr *e, struct thread_row *th,
			   const struct sample *s)
{
	const struct sampler_evidence *ev = e ? &e->ev : NULL;
	struct follow_wait w;
	enum follow_kind k;
	char cmd[MODEL_WHY_MAX], why[MODEL_WHY_MAX];
	size_t more;
	int pid;

	th->why_pid = 0;
	/* the evidence must be of the syscall the thread is in now */
	if (!ev || !th->have_wait || !ev->valid || ev->nr < 0 || !e->last.valid ||
	    !e->last.have_syscall || e->last.nr != ev->nr ||
	    memcmp(e->last.args, ev->args, sizeof(ev->args)) != 0)
		return;
	memset(&w, 0, sizeof(w));
	w.wait = th->wait;
	w.syscall_nr = ev->nr;
	memcpy(w.args, ev->args, sizeof(w.args));
	w.have_target = ev->have_target;
	w.target_kind = ev->obj ? ev->obj->target.kind : FD_UNKNOWN;
	w.sock_proto = ev->sock_proto;
	k = follow_kind_of(&w);
	if (k == FOLLOW_NONE)
		return;
	pid = sampler_follow_pid(sm, e, k, &more);
	if (pid <= 0 || pid == e->pid || sampler_follow_cmd(s, pid, cmd, sizeof(cmd)) < 0)
		return;
	th->why_pid = pid;
	snprintf(why, sizeof(why), "%s", model_str(th->why));
	follow_why(why, sizeof(why), follow_role(k, verdict_syscall_dir(ev->nr)), pid, cmd, more);
	model_set_why(&th->why, why);
}

/* sampler_verdicts: thread and process verdicts of s from the tallies. */
static void sampler_verdicts(struct sampler *sm, struct sample *s)
{
	for (size_t i = 0; i < s->nthreads; i++) {
		struct thread_row *th = &s->threads[i];
		struct sampler_thr *e = sampler_find(sm->thr, sm->nthr, th->tid);

		th->have_wait = false;
		if (e)
			verdict_thread(&e->tally, th);
		sampler_follow(sm, e, th, s);
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc_row *p = &s->procs[i];

		if (p->thr_count > 0 && p->thr_first + p->thr_count <= s->nthreads) {
			verdict_process(&s->threads[p->thr_first], p->thr_count, p);
		} else {
			struct sampler_thr *e =
			    sampler_find(sm->thr, sm->nthr, p->tid ? p->tid : p->pid);
			struct thread_row th;

			memset(&th, 0, sizeof(th));
			th.active = true;
			if (e)
				verdict_thread(&e->tally, &th);
			sampler_follow(sm, e, &th, s);
			verdict_process(&th, 1, p);
		}
	}
}

/* sampler_choose: the threads to look at until the next refresh: active
 * in the interval, or R/D now. */
static void sampler_choose(struct sampler *sm, const struct sample *s)
{
	free(sm->active);
	sm->active = xcalloc(SAMPLER_MAX_ACTIVE, sizeof(*sm->active));
	sm->nactive = 0;
	for (size_t i = 0; i < s->nthreads && sm->nactive < SAMPLER_MAX_ACTIVE; i++) {
		const struct thread_row *th = &s->threads[i];

		if (!th->active && th->state != 'R' && th->state != 'D')
			continue;
		sm->active[sm->nactive].pid = th->pid;
		sm->active[sm->nactive].tid = th->tid;
		sm->nactive++;
	}
}

void sampler_prime(struct sampler *sm, const struct proc_snap *snap)
{
	sm->now_s = sm->prev_finish_s = util_mono_s();
	sampler_rebuild(sm, snap, false);
	free(sm->active);
	sm->active = xcalloc(SAMPLER_MAX_ACTIVE, sizeof(*sm->active));
	sm->nactive = 0;
	for (size_t i = 0; i < snap->nprocs; i++) {
		const struct proc_snap_entry *pe = &snap->procs[i];

		for (size_t k = 0; k < proc_snap_nthr(pe) && sm->nactive < SAMPLER_MAX_ACTIVE;
		     k++) {
			const struct task_raw *t = proc_snap_thread(snap, pe, k);

			if (t->state != 'R' && t->state != 'D')
				continue;
			sm->active[sm->nactive].pid = t->pid;
			sm->active[sm->nactive].tid = t->tid;
			sm->nactive++;
		}
	}
}

/* sampler_why_from_syscall: when this interval's looks at a storage wait
 * c named no file (the syscall file read "running"), but the thread was
 * seen blocked in a syscall during the interval whose own verdict is c,
 * that syscall and its file are the evidence. */
static void sampler_why_from_syscall(struct sampler *sm, struct sampler_thr *e, enum wait_cat c)
{
	const struct sampler_evidence *ev = &e->ev;
	struct verdict_reading r;
	struct task_raw t;
	char why[MODEL_WHY_MAX];

	if (!ev->valid || ev->nr < 0 || ev->seen_s < sm->prev_finish_s || !ev->have_target)
		return;
	memset(&t, 0, sizeof(t));
	t.pid = e->pid;
	t.tid = e->tid;
	t.state = 'D';
	t.have_wchan = true;
	t.have_syscall = true;
	t.syscall_nr = ev->nr;
	memcpy(t.syscall_args, ev->args, sizeof(ev->args));
	memset(&r, 0, sizeof(r));
	r.task = &t;
	r.have_target = true;
	sampler_ev_reading(ev, &r, false);
	if (verdict_classify(&r, why, sizeof(why)) != c)
		return;
	verdict_tally_set_why(&e->tally, c, why);
	e->tally.why_rank[c] = 2;
}

/* sampler_storage_memory: remember each thread's storage wait, and give
 * D looks of unknown site to the storage wait seen in the last
 * SAMPLER_EVIDENCE_TTL_S when this interval saw none (an fsync loop whose
 * every look raced out of the syscall). */
static void sampler_storage_memory(struct sampler *sm)
{
	for (size_t i = 0; i < sm->nthr; i++) {
		struct sampler_thr *e = sm->thr[i];
		int c = verdict_tally_storage(&e->tally);

		bool recent =
		    e->last_storage >= 0 && sm->now_s - e->last_storage_s < SAMPLER_EVIDENCE_TTL_S;

		if (c >= 0 && e->tally.why_rank[c] < 2)
			sampler_why_from_syscall(sm, e, (enum wait_cat)c);
		if (c >= 0 && recent && c == e->last_storage && e->tally.why_rank[c] < 2 &&
		    e->last_storage_rank >= 2) {
			/* this interval's looks named no file; the last ones did */
			verdict_tally_set_why(&e->tally, (enum wait_cat)c,
					      e->last_storage_why ? e->last_storage_why : "");
			e->tally.why_rank[c] = 2;
			e->last_storage_s = sm->now_s;
		} else if (c >= 0) {
			e->last_storage = c;
			e->last_storage_s = sm->now_s;
			e->last_storage_rank = e->tally.why_rank[c];
			sampler_set(&e->last_storage_why,
				    verdict_tally_why(&e->tally, (enum wait_cat)c));
		} else if (e->tally.d_unknown && recent) {
			verdict_tally_fold_d(&e->tally, (enum wait_cat)e->last_storage,
					     e->last_storage_why ? e->last_storage_why : "");
		}
	}
}

/* sampler_call_best: the syscall most seen (within the evidence TTL) in
 * the looks at thread tid, or NULL. */
static const char *sampler_call_best(const struct sampler *sm, int tid)
{
	const struct sampler_thr *e = sampler_find(sm->thr, sm->nthr, tid);
	const struct sampler_call *best = NULL;

	for (int i = 0; e && e->call && i < SAMPLER_CALLS; i++) {
		const struct sampler_call *c = &e->call[i];

		if (c->text && sm->now_s - c->seen_s < SAMPLER_EVIDENCE_TTL_S &&
		    (!best || c->looks > best->looks ||
		     (c->looks == best->looks && c->seen_s > best->seen_s)))
			best = c;
	}
	return best ? best->text : NULL;
}

/* sampler_cpu_calls: a process whose verdict is cpu names the syscall
 * its threads were seen in (when its time is mostly system time); the
 * call counts then age by half. */
static void sampler_cpu_calls(struct sampler *sm, struct sample *s)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc_row *p = &s->procs[i];
		const char *best = NULL;
		double best_share = -1;
		char why[MODEL_WHY_MAX];

		if (!p->have_wait || p->wait != WAIT_CPU)
			continue;
		if (p->thr_count == 0 || p->thr_first + p->thr_count > s->nthreads) {
			best = sampler_call_best(sm, p->tid ? p->tid : p->pid);
		} else {
			for (size_t k = 0; k < p->thr_count; k++) {
				const struct thread_row *th = &s->threads[p->thr_first + k];
				const char *c = sampler_call_best(sm, th->tid);

				if (c && th->wait_share[WAIT_CPU] > best_share) {
					best = c;
					best_share = th->wait_share[WAIT_CPU];
				}
			}
		}
		verdict_cpu_call_why(p, best, why, sizeof(why));
		model_set_why(&p->why, why);
	}
	for (size_t i = 0; i < sm->nthr; i++)
		for (int k = 0; sm->thr[i]->call && k < SAMPLER_CALLS; k++)
			sm->thr[i]->call[k].looks /= 2;
}

void sampler_finish(struct sampler *sm, const struct proc_snap *snap, struct sample *s)
{
	sm->gen++;
	sm->now_s = util_mono_s();
	sampler_rebuild(sm, snap, true);
	sampler_storage_memory(sm);
	sampler_verdicts(sm, s);
	sampler_cpu_calls(sm, s);
	sampler_choose(sm, s);
	sm->prev_finish_s = sm->now_s;
	for (size_t i = 0; i < sm->nthr; i++)
		verdict_tally_reset(&sm->thr[i]->tally);
}
