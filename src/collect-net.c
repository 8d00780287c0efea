/* collect-net.c - per-process TCP rates and the socket table: each refresh
 * dumps every network namespace we can enter, drains the destroy groups,
 * keeps the socket-inode -> pid map current by scanning only new processes
 * and, within a time budget, the likely owners of unknown inodes that moved
 * bytes, then sums per-socket deltas per process.  It does not read
 * process state beyond /proc/<pid>/fd and /proc/<pid>/ns/net. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "collect-net-int.h"
#include "collect-net.h"
#include "util.h"

#define NET_BUDGET_MS 5.0 /* fd scanning per refresh once every table was read */
#define NET_COLD_MS                                                                                \
	20.0 /* per refresh (the first too) until then: the cold                                   \
	      * scan is spread over refreshes, not paid up front */
#define NET_NEGATIVE_S 30.0 /* an owner not found is searched again after this */
#define NET_LISTEN_EVERY 10 /* refreshes between LISTEN dumps when nothing asks */

/* What we know of one process. */
struct net_pidst {
	unsigned long netns; /* 0: unknown (treated as ours) */
	unsigned long *inodes; /* socket inodes at the last scan */
	size_t n, cap;
	long nfds; /* open fds at the last scan */
	struct net_scan sc; /* the scan in progress */
	int pid;
	unsigned uid;
	unsigned gen; /* last refresh that listed it */
	unsigned pass_id; /* the owner search that last scanned it */
	unsigned scan_gen; /* the refresh that last scanned it */
	bool scanned, denied;
};

/* One network namespace we dump. */
struct net_nsent {
	unsigned long ino;
	struct net_nsock s;
	bool ok; /* sockets open in it */
	bool dumped; /* dumped at this refresh */
	bool dumped_before; /* dumped at the previous refresh */
	unsigned gen; /* last refresh with a process in it */
};

struct collect_net {
	int procfd;
	unsigned long self_ns;
	struct net_nsent *ns; /* ns[0] is ours */
	size_t nns, capns;
	struct net_table cur;
	struct net_prevtab prev;
	struct net_hmap prev_ns, now_ns; /* namespaces dumped at the previous / this refresh */
	struct net_hmap owner; /* socket inode -> pid */
	struct net_pidst *ps;
	size_t nps, capps;
	struct net_hmap ps_idx; /* pid -> index in ps */
	int *pending; /* new pids not scanned yet (FIFO) */
	size_t npending, cappending;
	int *pass; /* pids still to rescan for unknown inodes */
	size_t npass, pass_pos, cappass;
	unsigned pass_id; /* current owner search */
	bool pass_full; /* it reads every candidate (else only changed ones) */
	double scan_spent; /* seconds of fd scanning in this refresh */
	int *hint; /* listener owners to try first */
	size_t nhint, caphint;
	struct net_hmap negative; /* inode -> time (ms) a full pass did not find it */
	struct net_hmap
	    *wanted; /* inodes whose owner is searched for (a pointer: lookups add to it) */
	unsigned long *want; /* the same, as an array for this refresh */
	size_t nwant, capwant;
	struct net_acct acct;
	unsigned listen_period; /* a LISTEN dump every this many refreshes */
	struct net_hmap *listen_ask; /* inodes a lookup missed: dump listeners next */
	struct net_hmap listen_tried; /* missed inodes a LISTEN dump did not bring */
	double prev_dump_s, interval_s; /* monotonic time of the last dump; between the last two */
	unsigned refreshes, gen;
	bool dump_ok;
	bool warm; /* the cold scan of every fd table at start is done */
	struct net_stats st;
	int *listing; /* our own /proc listing when pids == NULL */
	size_t nlisting, caplisting;
};

/* net_now: monotonic seconds. */
static double net_now(void)
{
	return util_mono_s();
}

/* net_pid_get: state of pid, or NULL. */
static struct net_pidst *net_pid_get(const struct collect_net *cn, int pid)
{
	uint64_t i;
	return net_hmap_get(&cn->ps_idx, (uint64_t)pid, &i) ? &cn->ps[i] : NULL;
}

/* net_pid_forget_inodes: drop the map entries this pid owns. */
static void net_pid_forget_inodes(struct collect_net *cn, struct net_pidst *p)
{
	for (size_t i = 0; i < p->n; i++) {
		uint64_t v;
		if (net_hmap_get(&cn->owner, p->inodes[i], &v) && (int)v == p->pid)
			net_hmap_del(&cn->owner, p->inodes[i]);
	}
	p->n = 0;
}

/* net_pid_install: a completed scan replaces pid's entries in the owner map. */
static void net_pid_install(struct collect_net *cn, struct net_pidst *p)
{
	struct net_scan *sc = &p->sc;
	unsigned long *old = p->inodes;
	size_t oldcap = p->cap;

	net_pid_forget_inodes(cn, p);
	p->inodes = sc->inodes;
	p->n = sc->n;
	p->cap = sc->cap;
	p->nfds = (long)sc->nfds;
	p->uid = sc->uid;
	sc->inodes = old; /* the old array is reused by the next scan */
	sc->cap = old ? oldcap : 0;
	for (size_t i = 0; i < p->n; i++) {
		uint64_t o;
		struct net_pidst *q;
		/* A shared socket stays with its first holder while that one lives. */
		if (net_hmap_get(&cn->owner, p->inodes[i], &o) && (int)o != p->pid &&
		    (q = net_pid_get(cn, (int)o)) && q->gen == cn->gen)
			continue;
		net_hmap_put(&cn->owner, p->inodes[i], (uint64_t)p->pid);
	}
}

/* net_budget_s: seconds of fd scanning this refresh may take. */
static double net_budget_s(const struct collect_net *cn)
{
	return (cn->warm ? NET_BUDGET_MS : NET_COLD_MS) / 1000;
}

/* net_pid_scan: read (more of) pid's fd table; once complete, into the
 * owner map.  A table too big for the rest of this refresh's budget goes
 * on at the next refresh.  true when the scan is complete. */
static bool net_pid_scan(struct collect_net *cn, struct net_pidst *p)
{
	double t0 = net_now(), deadline = t0 + (net_budget_s(cn) - cn->scan_spent);
	int rc;

	if (p->sc.next_fd == 0) {
		p->sc.n = 0;
		p->sc.nfds = 0;
	}
	size_t before = p->sc.nfds;
	rc = net_map_scan_pid(cn->procfd, p->pid, &p->sc, deadline);
	cn->scan_spent += net_now() - t0;
	cn->st.pids_scanned++;
	cn->st.fds_scanned += p->sc.nfds - before;
	if (rc == 1)
		return false;
	p->scanned = true;
	p->pass_id = cn->pass_id;
	p->scan_gen = cn->gen;
	if (rc < 0) {
		net_pid_forget_inodes(cn, p);
		p->sc.next_fd = 0;
		p->denied = true;
		return true;
	}
	p->denied = false;
	net_pid_install(cn, p);
	if (!p->netns)
		p->netns = net_map_netns(cn->procfd, p->pid);
	return true;
}

/* net_pid_remove: forget a vanished pid (swap with the last). */
static void net_pid_remove(struct collect_net *cn, size_t i)
{
	struct net_pidst *p = &cn->ps[i];

	net_pid_forget_inodes(cn, p);
	free(p->inodes);
	free(p->sc.inodes);
	net_hmap_del(&cn->ps_idx, (uint64_t)p->pid);
	if (i != cn->nps - 1) {
		cn->ps[i] = cn->ps[cn->nps - 1];
		net_hmap_put(&cn->ps_idx, (uint64_t)cn->ps[i].pid, i);
	}
	cn->nps--;
}

/* net_int_push: append to a growing int array. */
static void net_int_push(int **v, size_t *n, size_t *cap, int x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = x;
}

/* net_int_push_ul: append to a growing unsigned long array. */
static void net_int_push_ul(unsigned long **v, size_t *n, size_t *cap, unsigned long x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = x;
}

/* net_list_proc: the numeric entries of /proc into cn->listing. */
static void net_list_proc(struct collect_net *cn)
{
	DIR *d = opendir("/proc");
	struct dirent *de;

	cn->nlisting = 0;
	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] > '0' && de->d_name[0] <= '9')
			net_int_push(&cn->listing, &cn->nlisting, &cn->caplisting,
				     atoi(de->d_name));
	closedir(d);
}

/* net_sync_pids: add new pids (pending a scan), drop vanished ones. */
static void net_sync_pids(struct collect_net *cn, const int *pids, size_t npids)
{
	/* sized to the listing (doubling left a third of it unused at
	 * 10,000 processes), grown by doubling only past that */
	if (cn->capps < npids) {
		cn->capps = npids + npids / 8 + 16;
		cn->ps = xrealloc(cn->ps, cn->capps * sizeof *cn->ps);
	}
	for (size_t i = 0; i < npids; i++) {
		struct net_pidst *p = net_pid_get(cn, pids[i]);
		if (!p) {
			if (cn->nps == cn->capps) {
				cn->capps = cn->capps ? cn->capps * 2 : 256;
				cn->ps = xrealloc(cn->ps, cn->capps * sizeof *cn->ps);
			}
			p = &cn->ps[cn->nps];
			*p = (struct net_pidst){ .pid = pids[i] };
			net_hmap_put(&cn->ps_idx, (uint64_t)pids[i], cn->nps);
			cn->nps++;
			net_int_push(&cn->pending, &cn->npending, &cn->cappending, pids[i]);
		}
		p->gen = cn->gen;
	}
	for (size_t i = cn->nps; i-- > 0;)
		if (cn->ps[i].gen != cn->gen)
			net_pid_remove(cn, i);
	if (cn->capps > 2 * cn->nps + 256) { /* most processes gone */
		cn->capps = cn->nps + cn->nps / 8 + 16;
		cn->ps = xrealloc(cn->ps, cn->capps * sizeof *cn->ps);
	}
}

/* net_budget_left: true while this refresh may still scan fd tables. */
static bool net_budget_left(const struct collect_net *cn)
{
	return cn->scan_spent < net_budget_s(cn);
}

/* net_scan_pending: scan new pids, oldest first, within the budget. */
static void net_scan_pending(struct collect_net *cn)
{
	size_t i = 0;

	for (; i < cn->npending && net_budget_left(cn); i++) {
		struct net_pidst *p = net_pid_get(cn, cn->pending[i]);
		if (p && !p->scanned && !net_pid_scan(cn, p))
			break; /* partial: it goes on first next time */
	}
	memmove(cn->pending, cn->pending + i, (cn->npending - i) * sizeof *cn->pending);
	cn->npending -= i;
	if (cn->npending == 0)
		cn->warm = true;
}

/* net_ns_find: the entry of namespace ino, or NULL. */
static struct net_nsent *net_ns_find(const struct collect_net *cn, unsigned long ino)
{
	for (size_t i = 0; i < cn->nns; i++)
		if (cn->ns[i].ino == ino)
			return &cn->ns[i];
	return NULL;
}

/* net_sync_ns: open sockets in each namespace that holds a known process
 * (entering one needs CAP_SYS_ADMIN; where it fails, its processes have no
 * rates), close those no process uses any more. */
static void net_sync_ns(struct collect_net *cn)
{
	for (size_t i = 0; i < cn->nps; i++) {
		struct net_pidst *p = &cn->ps[i];
		struct net_nsent *e;
		if (!p->netns || p->netns == cn->self_ns || p->denied)
			continue;
		e = net_ns_find(cn, p->netns);
		if (!e) {
			if (cn->nns == cn->capns) {
				cn->capns = cn->capns * 2;
				cn->ns = xrealloc(cn->ns, cn->capns * sizeof *cn->ns);
			}
			e = &cn->ns[cn->nns++];
			memset(e, 0, sizeof *e);
			e->ino = p->netns;
			e->s.destroy_fd = -1;
			e->ok = net_diag_open_in(p->pid, &e->s) == 0;
		}
		e->gen = cn->gen;
	}
	for (size_t i = cn->nns; i-- > 1;)
		if (cn->ns[i].gen != cn->gen) {
			net_diag_close(&cn->ns[i].s);
			cn->ns[i] = cn->ns[--cn->nns];
		}
}

/* net_listen_due: whether this refresh dumps TCP listeners (else it reuses
 * the last LISTEN dump's rows): every listen_period refreshes; when a lookup
 * missed an inode not missed before (a new listener the verdict asks for);
 * while owners of unknown inodes are searched for (listeners give hints). */
static bool net_listen_due(struct collect_net *cn)
{
	bool due = cn->listen_period <= 1 || cn->refreshes % cn->listen_period == 0;

	if (due)
		net_hmap_reset(&cn->listen_tried);
	if (cn->listen_ask->n) {
		for (size_t i = 0; i < cn->listen_ask->cap; i++)
			if (cn->listen_ask->keys[i])
				net_hmap_put(&cn->listen_tried, cn->listen_ask->keys[i], 1);
		net_hmap_reset(cn->listen_ask);
		due = true;
	}
	return due || cn->nwant > 0;
}

/* net_dump_all: dump and drain every namespace into cn->cur. */
static void net_dump_all(struct collect_net *cn)
{
	bool listeners = net_listen_due(cn);

	cn->st.listeners_dumped = listeners;
	net_table_reset(&cn->cur);
	net_hmap_reset(&cn->now_ns);
	cn->st.destroy_ok = true;
	for (size_t i = 0; i < cn->nns; i++) {
		struct net_nsent *e = &cn->ns[i];
		size_t got = 0;
		e->dumped_before = e->dumped;
		e->dumped = false;
		if (!e->ok) {
			cn->st.nnetns_failed++;
			continue;
		}
		e->dumped = net_diag_dump(&e->s, e->ino, &cn->cur, listeners) == 0;
		if (!e->dumped) {
			cn->st.nnetns_failed++;
			continue;
		}
		cn->st.nnetns++;
		net_hmap_put(&cn->now_ns, e->ino, 1);
		if (e->s.destroy_fd < 0)
			cn->st.destroy_ok = false;
		if (net_diag_drain(&e->s, e->ino, &cn->cur, &got) < 0)
			cn->st.destroy_overrun = true;
		cn->st.destroyed += got;
	}
	cn->dump_ok = cn->ns[0].dumped;
	net_table_index(&cn->cur);
}

/* net_fd_count: open fds of pid (the size procfs reports for fd/), or -1. */
static long net_fd_count(const struct collect_net *cn, int pid)
{
	char path[32];
	struct stat st;

	snprintf(path, sizeof path, "%d/fd", pid);
	return fstatat(cn->procfd, path, &st, 0) == 0 ? (long)st.st_size : -1;
}

/* net_listen_key: key of a TCP listener by namespace and port. */
static uint64_t net_listen_key(unsigned long netns, const union sock_addr *a)
{
	unsigned port = a->sa.sa_family == AF_INET    ? ntohs(a->in4.sin_port)
			: a->sa.sa_family == AF_INET6 ? ntohs(a->in6.sin6_port)
						      : 0;
	return (uint64_t)netns * 65536 + port + 1;
}

/* net_hint_listeners: first candidates: the owners of TCP listeners on the
 * local port of an unknown socket (an accepted connection). */
static void net_hint_listeners(struct collect_net *cn, int **v, size_t *n, size_t *cap)
{
	struct net_hmap want = { 0 };

	for (size_t i = 0; i < cn->nwant; i++) {
		const struct sock_info *si = net_table_find_inode(&cn->cur, cn->want[i]);
		if (si && si->proto == SOCK_P_TCP)
			net_hmap_put(&want, net_listen_key(si->netns, &si->local), 1);
	}
	for (size_t i = 0; want.n && i < cn->cur.n; i++) {
		const struct sock_info *si = &cn->cur.v[i];
		int pid;
		if (si->proto == SOCK_P_TCP && si->state == TCP_LISTEN &&
		    net_hmap_get(&want, net_listen_key(si->netns, &si->local), NULL) &&
		    (pid = net_owner_of(si, &cn->owner)) > 0)
			net_int_push(v, n, cap, pid);
	}
	net_hmap_free(&want);
}

/* net_pass_start: a new search for the owners of unknown inodes, in this
 * order: processes of the sockets' uids that already hold sockets, the rest
 * of those uids, everyone else we can read.  A quick pass skips processes
 * whose number of open fds did not change since their last scan (a new
 * socket is a new fd); if it ends with owners still unknown, a full pass
 * reads every candidate. */
static void net_pass_start(struct collect_net *cn, bool full)
{
	struct net_hmap uids = { 0 };

	cn->pass_id++;
	cn->pass_full = full;
	for (size_t i = 0; i < cn->nwant; i++) {
		const struct sock_info *si = net_table_find_inode(&cn->cur, cn->want[i]);
		if (si && si->have_uid)
			net_hmap_put(&uids, (uint64_t)si->uid + 1, 1);
	}
	cn->npass = cn->pass_pos = 0;
	for (int tier = 0; tier < 3; tier++)
		for (size_t i = 0; i < cn->nps; i++) {
			const struct net_pidst *p = &cn->ps[i];
			bool uid = net_hmap_get(&uids, (uint64_t)p->uid + 1, NULL);
			int t = uid ? (p->n ? 0 : 1) : 2;
			if (p->scanned && !p->denied && t == tier)
				net_int_push(&cn->pass, &cn->npass, &cn->cappass, p->pid);
		}
	net_hmap_free(&uids);
}

/* net_unknown_left: unknown inodes not yet found; drops found ones. */
static size_t net_unknown_left(struct collect_net *cn)
{
	size_t k = 0;
	for (size_t i = 0; i < cn->nwant; i++)
		if (!net_hmap_get(&cn->owner, cn->want[i], NULL))
			cn->want[k++] = cn->want[i];
		else
			net_hmap_del(cn->wanted, cn->want[i]);
	cn->nwant = k;
	return k;
}

/* net_want_update: the inodes whose owner is searched for: this refresh's
 * unknown inodes with traffic (unless a full pass missed them lately), and
 * earlier ones not found yet, as long as their socket is still open. */
static void net_want_update(struct collect_net *cn, double mono_s)
{
	for (size_t i = 0; i < cn->acct.nunknown; i++) {
		uint64_t t;
		unsigned long ino = cn->acct.unknown[i];
		if (net_hmap_get(&cn->negative, ino, &t) &&
		    mono_s * 1000 - (double)t < NET_NEGATIVE_S * 1000)
			continue;
		if (!net_hmap_get(cn->wanted, ino, NULL))
			net_hmap_put(cn->wanted, ino, 1);
	}
	cn->nwant = 0;
	for (size_t i = 0; i < cn->wanted->cap; i++) {
		uint64_t ino = cn->wanted->keys[i];
		if (!ino)
			continue;
		if (net_hmap_get(&cn->owner, ino, NULL) || !net_table_find_inode(&cn->cur, ino)) {
			net_hmap_del(cn->wanted, ino);
			i--; /* backward shift may have moved another key here */
			continue;
		}
		net_int_push_ul(&cn->want, &cn->nwant, &cn->capwant, (unsigned long)ino);
	}
}

/* net_rescan: look for the owners of sockets that moved bytes with no
 * known owner; returns true when some were found (account again). */
static bool net_rescan(struct collect_net *cn, double mono_s)
{
	size_t k, before;

	net_want_update(cn, mono_s);
	before = cn->nwant;
	if (before == 0)
		return false;
	if (cn->pass_pos >= cn->npass)
		net_pass_start(cn, false);
	/* Listener owners first, every time: cheap and usually right. */
	cn->nhint = 0;
	net_hint_listeners(cn, &cn->hint, &cn->nhint, &cn->caphint);
	for (size_t i = 0; i < cn->nhint && net_unknown_left(cn) > 0 && net_budget_left(cn); i++) {
		struct net_pidst *p = net_pid_get(cn, cn->hint[i]);
		if (p && p->scan_gen != cn->gen)
			net_pid_scan(cn, p);
	}
	for (;;) {
		while (cn->pass_pos < cn->npass && net_unknown_left(cn) > 0 &&
		       net_budget_left(cn)) {
			struct net_pidst *p = net_pid_get(cn, cn->pass[cn->pass_pos]);
			bool same = false;
			double t0;
			if (!p || p->pass_id == cn->pass_id) {
				cn->pass_pos++;
				continue;
			}
			if (!cn->pass_full && p->sc.next_fd == 0) {
				t0 = net_now();
				same = net_fd_count(cn, p->pid) == p->nfds;
				cn->scan_spent += net_now() - t0;
			}
			if (!same && !net_pid_scan(cn, p))
				break; /* partial: it goes on next time */
			cn->pass_pos++;
		}
		if (cn->pass_pos < cn->npass || net_unknown_left(cn) == 0 || cn->pass_full)
			break;
		net_pass_start(cn, true); /* the quick pass missed them */
	}
	k = net_unknown_left(cn);
	if (k > 0 && cn->pass_pos >= cn->npass) { /* a full pass missed them */
		for (size_t i = 0; i < k; i++) {
			net_hmap_put(&cn->negative, cn->want[i], (uint64_t)(mono_s * 1000));
			net_hmap_del(cn->wanted, cn->want[i]);
		}
		cn->nwant = 0;
	}
	if (k == 0)
		cn->pass_pos = cn->npass; /* done; the next unknowns start afresh */
	return k < before;
}

/* net_negative_trim: forget negative entries for sockets that are gone. */
static void net_negative_trim(struct collect_net *cn)
{
	for (size_t i = 0; i < cn->negative.cap; i++) {
		uint64_t ino = cn->negative.keys[i];
		if (ino && !net_table_find_inode(&cn->cur, (unsigned long)ino)) {
			net_hmap_del(&cn->negative, ino);
			i--; /* backward shift may have moved another key here */
		}
	}
}

/* net_fill_peers: the owner of each unix socket's peer. */
static void net_fill_peers(struct collect_net *cn)
{
	for (size_t i = 0; i < cn->cur.n; i++) {
		struct sock_info *si = &cn->cur.v[i];
		uint64_t v;
		if (si->proto == SOCK_P_UNIX && si->unix_peer_inode &&
		    net_hmap_get(&cn->owner, si->unix_peer_inode, &v))
			si->peer_pid = (int)v;
	}
}

struct collect_net *collect_net_new(void)
{
	struct collect_net *cn = xcalloc(1, sizeof *cn);
	struct stat st;
	int e;

	cn->wanted = xcalloc(1, sizeof *cn->wanted);
	cn->listen_ask = xcalloc(1, sizeof *cn->listen_ask);
	cn->listen_period = NET_LISTEN_EVERY;
	cn->procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cn->procfd < 0)
		goto fail;
	cn->self_ns = stat("/proc/self/ns/net", &st) == 0 ? st.st_ino : 0;
	cn->capns = 4;
	cn->ns = xcalloc(cn->capns, sizeof *cn->ns);
	cn->nns = 1;
	cn->ns[0].ino = cn->self_ns;
	if (net_diag_open(&cn->ns[0].s) < 0)
		goto fail;
	cn->ns[0].ok = true;
	return cn;
fail:
	e = errno;
	collect_net_free(cn);
	errno = e;
	return NULL;
}

void collect_net_free(struct collect_net *cn)
{
	if (!cn)
		return;
	for (size_t i = 0; i < cn->nns; i++)
		net_diag_close(&cn->ns[i].s);
	free(cn->ns);
	if (cn->procfd >= 0)
		close(cn->procfd);
	for (size_t i = 0; i < cn->nps; i++) {
		free(cn->ps[i].inodes);
		free(cn->ps[i].sc.inodes);
	}
	free(cn->ps);
	net_table_free(&cn->cur);
	net_prev_free(&cn->prev);
	net_hmap_free(&cn->prev_ns);
	net_hmap_free(&cn->now_ns);
	net_hmap_free(&cn->owner);
	net_hmap_free(&cn->ps_idx);
	net_hmap_free(&cn->negative);
	if (cn->wanted)
		net_hmap_free(cn->wanted);
	free(cn->wanted);
	if (cn->listen_ask)
		net_hmap_free(cn->listen_ask);
	free(cn->listen_ask);
	net_hmap_free(&cn->listen_tried);
	free(cn->want);
	net_acct_free(&cn->acct);
	free(cn->pending);
	free(cn->pass);
	free(cn->hint);
	free(cn->listing);
	free(cn);
}

int collect_net_refresh(struct collect_net *cn, double mono_s, const int *pids, size_t npids)
{
	double t0 = net_now(), t1;
	struct net_hmap swap;

	memset(&cn->st, 0, sizeof cn->st);
	cn->gen++;
	cn->scan_spent = 0;
	if (!pids) {
		net_list_proc(cn);
		pids = cn->listing;
		npids = cn->nlisting;
	}
	net_sync_pids(cn, pids, npids);
	net_scan_pending(cn);
	net_sync_ns(cn);
	t1 = net_now(); /* rates are over the time between dumps, not between calls */
	net_dump_all(cn);
	cn->st.dump_ms = (net_now() - t1) * 1000;

	net_acct_run(&cn->cur, &cn->prev, &cn->owner, &cn->prev_ns, &cn->acct);
	if (net_rescan(cn, mono_s))
		net_acct_run(&cn->cur, &cn->prev, &cn->owner, &cn->prev_ns, &cn->acct);
	net_negative_trim(cn);
	net_fill_peers(cn);

	cn->interval_s = cn->refreshes ? t1 - cn->prev_dump_s : 0;
	cn->prev_dump_s = t1;
	cn->refreshes++;
	net_prev_build(&cn->prev, &cn->cur);
	swap = cn->prev_ns;
	cn->prev_ns = cn->now_ns;
	cn->now_ns = swap;

	for (size_t i = 0; i < cn->cur.n; i++)
		cn->st.ntcp += cn->cur.v[i].proto == SOCK_P_TCP;
	for (size_t i = 0; i < cn->nps; i++)
		cn->st.pids_denied += cn->ps[i].denied;
	cn->st.nsockets = cn->cur.n;
	cn->st.interval_s = cn->interval_s;
	cn->st.pids_pending = cn->npending;
	cn->st.unknown_inodes = cn->nwant;
	if (cn->interval_s > 0) {
		cn->st.unattributed_rx_bps = (double)cn->acct.unattributed_rx / cn->interval_s;
		cn->st.unattributed_tx_bps = (double)cn->acct.unattributed_tx / cn->interval_s;
	}
	cn->st.total_ms = (net_now() - t0) * 1000;
	cn->st.scan_ms = cn->st.total_ms - cn->st.dump_ms;
	return cn->dump_ok ? 0 : -1;
}

void collect_net_rate(const struct collect_net *cn, int pid, struct net_proc_rate *out)
{
	const struct net_pidst *p = net_pid_get(cn, pid);
	const struct net_pid_bytes *b;

	memset(out, 0, sizeof *out);
	out->pid = pid;
	if (!p || !p->scanned || p->denied || !cn->dump_ok || cn->refreshes < 2 ||
	    cn->interval_s <= 0)
		return;
	if (p->netns && p->netns != cn->self_ns) { /* needs two dumps of its namespace */
		const struct net_nsent *e = net_ns_find(cn, p->netns);
		if (!e || !e->dumped || !e->dumped_before)
			return;
	}
	out->have = true;
	b = net_acct_get(&cn->acct, pid);
	if (b) {
		out->rx_bps = (double)b->rx / cn->interval_s;
		out->tx_bps = (double)b->tx / cn->interval_s;
	}
}

const struct sock_info *collect_net_lookup(const struct collect_net *cn, unsigned long inode)
{
	struct sock_info *si = net_table_find_inode(&cn->cur, inode);

	if (!si) { /* perhaps a listener newer than the last LISTEN dump */
		if (inode && !net_hmap_get(&cn->listen_tried, inode, NULL) &&
		    !net_hmap_get(cn->listen_ask, inode, NULL))
			net_hmap_put(cn->listen_ask, inode, 1);
		return NULL;
	}
	if (!si->pid) /* idle rows get their owner on demand */
		si->pid = net_owner_of(si, &cn->owner);
	/* A unix peer nobody owns in the map yet (opened after its process was
	 * scanned; unix sockets show no traffic to trigger a search): ask the
	 * next refresh to search for it (the wanted set is a cache behind a
	 * pointer, so this works on a const collector). */
	if (si->proto == SOCK_P_UNIX && si->unix_peer_inode && !si->peer_pid &&
	    net_table_find_inode(&cn->cur, si->unix_peer_inode)) {
		if (!net_hmap_get(&cn->negative, si->unix_peer_inode, NULL))
			net_hmap_put(cn->wanted, si->unix_peer_inode, 1);
	}
	return si;
}

const struct sock_info *collect_net_find(const struct collect_net *cn, unsigned long inode)
{
	return net_table_find_inode(&cn->cur, inode);
}

void collect_net_want_owner(const struct collect_net *cn, unsigned long inode)
{
	if (inode && !net_hmap_get(&cn->owner, inode, NULL) &&
	    !net_hmap_get(&cn->negative, inode, NULL) && net_table_find_inode(&cn->cur, inode))
		net_hmap_put(cn->wanted, inode, 1);
}

const struct sock_info *collect_net_sockets(const struct collect_net *cn, size_t *n)
{
	for (size_t i = 0; i < cn->cur.n; i++)
		if (!cn->cur.v[i].pid)
			cn->cur.v[i].pid = net_owner_of(&cn->cur.v[i], &cn->owner);
	*n = cn->cur.n;
	return cn->cur.v;
}

size_t collect_net_unattributed(const struct collect_net *cn, struct net_uid_rate *out, size_t max)
{
	if (cn->refreshes < 2 || cn->interval_s <= 0 || !cn->dump_ok)
		return 0;
	for (size_t i = 0; i < cn->acct.nuv && i < max; i++) {
		out[i].uid = cn->acct.uv[i].uid;
		out[i].rx_bps = (double)cn->acct.uv[i].rx / cn->interval_s;
		out[i].tx_bps = (double)cn->acct.uv[i].tx / cn->interval_s;
	}
	return cn->acct.nuv;
}

void net_set_listen_period(struct collect_net *cn, unsigned n)
{
	cn->listen_period = n ? n : 1;
}

void collect_net_stats(const struct collect_net *cn, struct net_stats *out)
{
	*out = cn->st;
}

/* net_fmt_addr: "1.2.3.4:80" or "[::1]:80" into buf. */
static void net_fmt_addr(const union sock_addr *a, char *buf, size_t bufsz)
{
	char ip[INET6_ADDRSTRLEN];

	if (a->sa.sa_family == AF_INET) {
		inet_ntop(AF_INET, &a->in4.sin_addr, ip, sizeof ip);
		snprintf(buf, bufsz, "%s:%u", ip, ntohs(a->in4.sin_port));
	} else if (a->sa.sa_family == AF_INET6) {
		inet_ntop(AF_INET6, &a->in6.sin6_addr, ip, sizeof ip);
		snprintf(buf, bufsz, "[%s]:%u", ip, ntohs(a->in6.sin6_port));
	} else {
		snprintf(buf, bufsz, "?");
	}
}

/* net_port: the port of an endpoint (0 when none). */
static unsigned net_port(const union sock_addr *a)
{
	return a->sa.sa_family == AF_INET    ? ntohs(a->in4.sin_port)
	       : a->sa.sa_family == AF_INET6 ? ntohs(a->in6.sin6_port)
					     : 0;
}

char *collect_net_format(const struct sock_info *si, char *buf, size_t bufsz)
{
	char l[64], p[64];

	if (bufsz == 0)
		return buf;
	if (si->proto == SOCK_P_UNIX) {
		if (si->unix_path[0])
			snprintf(buf, bufsz, "unix %s", si->unix_path);
		else if (si->peer_pid > 0)
			snprintf(buf, bufsz, "unix peer of pid %d", si->peer_pid);
		else if (si->unix_peer_inode)
			snprintf(buf, bufsz, "unix peer socket:[%lu]", si->unix_peer_inode);
		else
			snprintf(buf, bufsz, "unix");
		for (char *c = buf; *c; c++) /* a path is any bytes: keep it printable */
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
		return buf;
	}
	net_fmt_addr(&si->local, l, sizeof l);
	net_fmt_addr(&si->peer, p, sizeof p);
	const char *proto = si->proto == SOCK_P_TCP   ? "TCP"
			    : si->proto == SOCK_P_UDP ? "UDP"
						      : "inet";
	if (si->proto == SOCK_P_TCP && si->state == TCP_LISTEN)
		snprintf(buf, bufsz, "%s %s listen", proto, l);
	else if (net_port(&si->peer))
		snprintf(buf, bufsz, "%s %s -> %s", proto, l, p);
	else
		snprintf(buf, bufsz, "%s %s", proto, l);
	return buf;
}

char *collect_net_format_queues(const struct sock_info *si, char *buf, size_t bufsz)
{
	if (bufsz == 0)
		return buf;
	if (si->proto == SOCK_P_TCP && si->state == TCP_LISTEN)
		snprintf(buf, bufsz, "accept-q %u/%u", si->rqueue, si->wqueue);
	else if (si->have_drops)
		snprintf(buf, bufsz, "recv-q %u send-q %u drops %u", si->rqueue, si->wqueue,
			 si->drops);
	else
		snprintf(buf, bufsz, "recv-q %u send-q %u", si->rqueue, si->wqueue);
	return buf;
}
