/* collect-detail.c - read the drill-in's detail of the focused process.
 * Cost is paid only while a process is focused: one readdir of its fd
 * directory, a readlink and an fdinfo read per fd, statx(AT_STATX_DONT_SYNC)
 * of regular files only (never stat(), which waits on a stuck FUSE or NFS
 * server), lookups in the socket table the engine already dumped.
 * It does not decide verdicts and does not know about the screen. */
#include "config.h"
#include "collect-detail.h"
#include "collect-fd.h"
#include "deadline.h"
#include "util.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define DETAIL_MAX_FDS 4096 /* fds listed; the rest are counted as missing */
#define DETAIL_EPOLL_MAX 32 /* watched fds listed per epoll set */
/* fds re-read (link, fdinfo, size) per reading; the others keep their
 * previous row and get their turn at the next readings, so a process
 * with 1,000 fds has each re-read every 4th refresh.  New fds are always
 * read; sockets always get fresh queue and TCP facts from the table. */
#define DETAIL_FD_BUDGET 256
/* pipes whose other end is looked for per reading (new ones: the rest
 * keep the previous reading's answer), all in one pass over the kin's
 * fds, which reads at most DETAIL_PIPE_MAX_FDS fd links */
/* fdinfo files held open across readings (re-read with one pread instead
 * of open, read, close), at most this many, and only while RLIMIT_NOFILE
 * leaves DETAIL_HOLD_ROOM fds beyond them for the process reader's held
 * fds (at most 4,096) and the rest of the program */
#define DETAIL_HOLD_MAX 4096
#define DETAIL_HOLD_ROOM 5120
#define DETAIL_PIPE_PENDING 256
#define DETAIL_PIPE_MAX_FDS 512

struct detail_sock_prev {
	unsigned long inode;
	unsigned long long rx, tx;
};

struct collect_detail {
	int pid; /* the process of the previous reading; 0 none */
	unsigned long long start_ticks;
	double mono_s;
	struct drill_io io;
	struct drill_mem mem;
	struct detail_sock_prev *prev, *cur;
	size_t nprev, ncur, cap;
	unsigned long host_netns; /* 0 until read */
	struct drill_fd *fdprev; /* the previous reading's fds, sorted by fd */
	size_t nfdprev;
	size_t prev_next; /* where detail_fd_prev looks first */
	int fd_cursor; /* the next fd number whose turn it is to be re-read */
	int kin[DETAIL_KIN_MAX]; /* where a pipe's other end may be */
	size_t nkin;
	int kin_ppid; /* >= 0: kin from the kernel's lists when needed (-1: kin as set) */
	/* this reading's pipes whose other end is to be looked for */
	int pend_fd[DETAIL_PIPE_PENDING];
	unsigned long pend_inode[DETAIL_PIPE_PENDING];
	bool pend_writer[DETAIL_PIPE_PENDING]; /* look for the writer (a read end) */
	size_t npend;
	const struct drill_fd *fd_prev; /* the fd's previous row while detail_fd reads it */
	/* /proc/PID/fd and fdinfo of the process being read, held across
	 * readings (NULL, -1: none) */
	DIR *fd_dir;
	int info_dir;
	int *held; /* by the target's fd number: its held fdinfo fd, or -1 */
	size_t nheld_cap, nheld, hold_max;
	long fd_count; /* st_size of /proc/PID/fd at the last listing: open fds */
	bool relist; /* list the fd directory at the next reading */
};

void collect_detail_set_kin(struct collect_detail *cd, const int *pids, size_t n)
{
	cd->nkin = n < DETAIL_KIN_MAX ? n : DETAIL_KIN_MAX;
	memcpy(cd->kin, pids, cd->nkin * sizeof(*pids));
	cd->kin_ppid = -1;
}

void collect_detail_set_kin_lists(struct collect_detail *cd, int ppid)
{
	cd->kin_ppid = ppid;
}

/* detail_kin_lists: with set_kin_lists, the kin of pid from the kernel
 * now (the kin as set when this kernel has no children lists). */
static void detail_kin_lists(struct collect_detail *cd, int pid)
{
	int kin[DETAIL_KIN_MAX], k;
	size_t n = 0;

	if (cd->kin_ppid < 0)
		return;
	if (cd->kin_ppid > 1)
		kin[n++] = cd->kin_ppid;
	k = collect_fd_relatives(pid, cd->kin_ppid, kin, n, DETAIL_KIN_MAX);
	if (k < 0)
		return;
	cd->nkin = (size_t)k;
	memcpy(cd->kin, kin, cd->nkin * sizeof(*kin));
}

struct collect_detail *collect_detail_new(void)
{
	struct collect_detail *cd = xcalloc(1, sizeof(struct collect_detail));

	cd->info_dir = -1;
	cd->kin_ppid = -1;
	return cd;
}

/* detail_dirs_close: let go of the held fd and fdinfo directories. */
static void detail_dirs_close(struct collect_detail *cd)
{
	if (cd->fd_dir)
		closedir(cd->fd_dir);
	if (cd->info_dir >= 0)
		close(cd->info_dir);
	cd->fd_dir = NULL;
	cd->info_dir = -1;
	for (size_t i = 0; i < cd->nheld_cap; i++)
		if (cd->held[i] >= 0)
			close(cd->held[i]);
	free(cd->held);
	cd->held = NULL;
	cd->nheld_cap = cd->nheld = 0;
}

/* detail_hold_max: how many fdinfo files may be held, by RLIMIT_NOFILE. */
static size_t detail_hold_max(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 0;
	if (rl.rlim_cur == RLIM_INFINITY)
		return DETAIL_HOLD_MAX;
	if (rl.rlim_cur <= DETAIL_HOLD_ROOM)
		return 0;
	return rl.rlim_cur - DETAIL_HOLD_ROOM < DETAIL_HOLD_MAX ? rl.rlim_cur - DETAIL_HOLD_ROOM
								: DETAIL_HOLD_MAX;
}

/* detail_fdinfo_pread: fdinfo text from an open fdinfo file; length or -1. */
static ssize_t detail_fdinfo_pread(int f, char *buf, size_t bufsz)
{
	ssize_t n = pread(f, buf, bufsz - 1, 0);

	if (n < 0 || (size_t)n < bufsz - 1) { /* all of it: fdinfo is made in one go */
		if (n >= 0)
			buf[n] = '\0';
		return n;
	}
	return util_pread_all(f, buf, bufsz);
}

/* detail_fdinfo: the fdinfo text of the target's fd (name), through its
 * held fdinfo file if any, else opened (and kept while the limit allows). */
static ssize_t detail_fdinfo(struct collect_detail *cd, int info_dir, const char *name, int fd,
			     char *buf, size_t bufsz)
{
	ssize_t n;
	int f;

	if (fd >= 0 && (size_t)fd < cd->nheld_cap && cd->held[fd] >= 0) {
		n = detail_fdinfo_pread(cd->held[fd], buf, bufsz);
		if (n > 0)
			return n;
		close(cd->held[fd]); /* the fd was closed: open it afresh */
		cd->held[fd] = -1;
		cd->nheld--;
	}
	f = openat(info_dir, name, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return -1;
	n = detail_fdinfo_pread(f, buf, bufsz);
	if (n <= 0 || fd < 0 || cd->nheld >= cd->hold_max || fd >= DETAIL_HOLD_MAX * 16) {
		close(f);
		return n;
	}
	if ((size_t)fd >= cd->nheld_cap) {
		size_t cap = cd->nheld_cap ? cd->nheld_cap : 256;

		while (cap <= (size_t)fd)
			cap *= 2;
		cd->held = xrealloc(cd->held, cap * sizeof(*cd->held));
		for (size_t i = cd->nheld_cap; i < cap; i++)
			cd->held[i] = -1;
		cd->nheld_cap = cap;
	}
	cd->held[fd] = f;
	cd->nheld++;
	return n;
}

void collect_detail_free(struct collect_detail *cd)
{
	if (!cd)
		return;
	detail_dirs_close(cd);
	free(cd->prev);
	free(cd->cur);
	free(cd->fdprev);
	free(cd);
}

/* detail_read: /proc/PID/<name> (pid 0: /proc/<name>) into buf; length or -1. */
static ssize_t detail_read(int pid, const char *name, char *buf, size_t bufsz)
{
	char path[96];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	return util_read_file(AT_FDCWD, path, buf, bufsz);
}

/* detail_comm: the comm of pid into out ("" when gone or unreadable). */
static void detail_comm(int pid, char *out, size_t outsz)
{
	char buf[MODEL_COMM_MAX];
	ssize_t n = pid > 0 ? detail_read(pid, "comm", buf, sizeof(buf)) : -1;

	out[0] = '\0';
	if (n <= 0)
		return;
	buf[strcspn(buf, "\n")] = '\0';
	for (char *c = buf; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	snprintf(out, outsz, "%s", buf);
}

/* detail_netns: the inode of pid's network namespace link; 0 if unreadable. */
static unsigned long detail_netns(int pid)
{
	char path[64], link[64];
	ssize_t n;

	if (pid > 0)
		snprintf(path, sizeof(path), "/proc/%d/ns/net", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/ns/net");
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return 0;
	link[n] = '\0';
	return parse_detail_ns(link);
}

/* detail_header: nice, policy, cgroup, netns and the parent's name. */
static void detail_header(struct collect_detail *cd, int pid, struct drill *d,
			  unsigned long long *minflt, unsigned long long *majflt, bool *have_flt)
{
	char buf[4096];

	*have_flt = detail_read(pid, "stat", buf, sizeof(buf)) > 0 &&
		    parse_detail_stat(buf, &d->nice, &d->policy, minflt, majflt) == 0;
	d->have_sched = *have_flt;
	if (detail_read(pid, "cgroup", buf, sizeof(buf)) <= 0 ||
	    parse_detail_cgroup(buf, d->cgroup, sizeof(d->cgroup)) < 0)
		d->cgroup[0] = '\0';
	if (!cd->host_netns && !(cd->host_netns = detail_netns(1)))
		cd->host_netns = detail_netns(0);
	d->netns_ino = detail_netns(pid);
	d->have_netns = d->netns_ino != 0;
	d->netns_host = d->netns_ino == cd->host_netns;
	detail_comm(d->proc.ppid, d->parent_comm, sizeof(d->parent_comm));
}

/* detail_rate: (cur - prev) / dt, 0 when the counter went back. */
static double detail_rate(unsigned long long cur, unsigned long long prev, double dt)
{
	return cur >= prev && dt > 0 ? (double)(cur - prev) / dt : 0;
}

/* detail_io_mem: /proc/PID/io and status, with rates against cd's previous reading. */
static void detail_io_mem(struct collect_detail *cd, int pid, bool same, double dt, struct drill *d)
{
	char buf[4096];
	struct drill_io *io = &d->io;
	struct drill_mem *m = &d->mem;

	if (detail_read(pid, "io", buf, sizeof(buf)) > 0)
		parse_detail_io(buf, io);
	if (io->have && same && cd->io.have) {
		io->have_rate = true;
		io->rchar_bps = detail_rate(io->rchar, cd->io.rchar, dt);
		io->wchar_bps = detail_rate(io->wchar, cd->io.wchar, dt);
		io->syscr_ps = detail_rate(io->syscr, cd->io.syscr, dt);
		io->syscw_ps = detail_rate(io->syscw, cd->io.syscw, dt);
		io->read_bps = detail_rate(io->read_bytes, cd->io.read_bytes, dt);
		io->write_bps = detail_rate(io->write_bytes, cd->io.write_bytes, dt);
		io->cancelled_bps = detail_rate(io->cancelled_bytes, cd->io.cancelled_bytes, dt);
	}
	if (detail_read(pid, "status", buf, sizeof(buf)) > 0)
		parse_detail_status(buf, m);
	if (m->have && same && cd->mem.have) {
		m->have_rate = true;
		m->minflt_ps = detail_rate(m->minflt, cd->mem.minflt, dt);
		m->majflt_ps = detail_rate(m->majflt, cd->mem.majflt, dt);
		m->vctx_ps = detail_rate(m->vctx, cd->mem.vctx, dt);
		m->ivctx_ps = detail_rate(m->ivctx, cd->mem.ivctx, dt);
	}
	cd->io = *io;
	cd->mem = *m;
}

/* detail_stack: the kernel stack of tid (root only). */
static void detail_stack(int pid, int tid, struct drill *d)
{
	char path[64], buf[4096], names[2048];

	d->stack_tid = tid;
	if (geteuid() != 0) {
		d->stack_denied = true;
		return;
	}
	/* lock_trace: an exec stuck on I/O holds cred_guard_mutex; on the worker */
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stack", pid, tid);
	if (deadline_pread(pid, AT_FDCWD, path, -1, buf, sizeof(buf), 0) < 0) {
		d->stack_denied = errno == EACCES || errno == EPERM;
		return;
	}
	parse_detail_stack(buf, names, sizeof(names));
	d->stack = xstrdup(names);
	d->have_stack = true;
}

/* detail_fd_cmp: by fd number. */
static int detail_fd_cmp(const void *a, const void *b)
{
	const struct drill_fd *x = a, *y = b;

	return (x->fd > y->fd) - (x->fd < y->fd);
}

/* detail_addr: "127.0.0.1:8000" or "[::1]:8000"; "" when none. */
static void detail_addr(const union sock_addr *a, char *out, size_t outsz)
{
	char ip[INET6_ADDRSTRLEN];

	out[0] = '\0';
	if (a->sa.sa_family == AF_INET && inet_ntop(AF_INET, &a->in4.sin_addr, ip, sizeof(ip)))
		snprintf(out, outsz, "%s:%u", ip, ntohs(a->in4.sin_port));
	else if (a->sa.sa_family == AF_INET6 &&
		 inet_ntop(AF_INET6, &a->in6.sin6_addr, ip, sizeof(ip)))
		snprintf(out, outsz, "[%s]:%u", ip, ntohs(a->in6.sin6_port));
}

/* detail_sock_prev_find: the previous byte counters of a socket, or NULL. */
static const struct detail_sock_prev *detail_sock_prev_find(const struct collect_detail *cd,
							    unsigned long inode)
{
	for (size_t i = 0; i < cd->nprev; i++)
		if (cd->prev[i].inode == inode)
			return &cd->prev[i];
	return NULL;
}

/* detail_same_addr: are two inet endpoints equal? */
static bool detail_same_addr(const union sock_addr *a, const union sock_addr *b)
{
	if (a->sa.sa_family != b->sa.sa_family)
		return false;
	if (a->sa.sa_family == AF_INET)
		return a->in4.sin_port == b->in4.sin_port &&
		       a->in4.sin_addr.s_addr == b->in4.sin_addr.s_addr;
	if (a->sa.sa_family == AF_INET6)
		return a->in6.sin6_port == b->in6.sin6_port &&
		       !memcmp(&a->in6.sin6_addr, &b->in6.sin6_addr, sizeof(a->in6.sin6_addr));
	return false;
}

/* detail_local_peer: the pid owning the other end of a TCP connection
 * that stays on this host (loopback or a local address), or 0. */
static int detail_local_peer(const struct collect_net *cn, const struct sock_info *si)
{
	const struct sock_info *all;
	size_t n;

	if (si->proto != SOCK_P_TCP || !si->peer.sa.sa_family || si->state == 10)
		return 0;
	all = collect_net_sockets(cn, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sock_info *o = &all[i];
		const struct sock_info *hit;

		if (o->proto != SOCK_P_TCP || o->netns != si->netns || o == si ||
		    !detail_same_addr(&o->local, &si->peer) ||
		    !detail_same_addr(&o->peer, &si->local))
			continue;
		hit = o->inode ? collect_net_lookup(cn, o->inode) : NULL;
		return hit ? hit->pid : 0;
	}
	return 0;
}

/* detail_sock: one socket row for fd from the table row si. */
static void detail_sock(struct collect_detail *cd, const struct collect_net *cn, int fd,
			const struct sock_info *si, bool same, double dt, struct drill_sock *o)
{
	const struct detail_sock_prev *pv = same ? detail_sock_prev_find(cd, si->inode) : NULL;

	memset(o, 0, sizeof(*o));
	o->fd = fd;
	snprintf(o->proto, sizeof(o->proto), "%s",
		 si->proto == SOCK_P_TCP    ? "TCP"
		 : si->proto == SOCK_P_UDP  ? "UDP"
		 : si->proto == SOCK_P_UNIX ? "unix"
					    : "?");
	o->rqueue = si->rqueue;
	o->wqueue = si->wqueue;
	if (si->proto == SOCK_P_UNIX) {
		snprintf(o->local, sizeof(o->local), "%s", si->unix_path);
		o->peer_pid = si->peer_pid;
		if (o->peer_pid > 0)
			detail_comm(o->peer_pid, o->peer_comm, sizeof(o->peer_comm));
		o->listener = si->state == 10; /* TCP_LISTEN numbering */
		snprintf(o->state, sizeof(o->state), "%s", parse_detail_tcp_state(si->state));
		return;
	}
	detail_addr(&si->local, o->local, sizeof(o->local));
	detail_addr(&si->peer, o->peer, sizeof(o->peer));
	o->listener = si->proto == SOCK_P_TCP && si->state == 10;
	snprintf(o->state, sizeof(o->state), "%s",
		 si->proto == SOCK_P_TCP ? parse_detail_tcp_state(si->state)
		 : si->peer.sa.sa_family ? "conn"
					 : "-");
	o->have_drops = si->have_drops;
	o->drops = si->drops;
	o->peer_pid = detail_local_peer(cn, si);
	if (o->peer_pid > 0)
		detail_comm(o->peer_pid, o->peer_comm, sizeof(o->peer_comm));
	if (si->have_tcpi) {
		o->have_tcpi = true;
		o->rtt_ms = si->rtt_us / 1000.0;
		o->cwnd_segs = si->cwnd_segs;
		o->retrans = si->total_retrans;
		o->delivery_bps = (double)si->delivery_rate_bps;
	}
	if (si->have_bytes && cd->ncur < cd->cap) {
		cd->cur[cd->ncur++] =
		    (struct detail_sock_prev){ si->inode, si->bytes_received, si->bytes_sent };
		if (pv) {
			o->have_rate = true;
			o->rx_bps = detail_rate(si->bytes_received, pv->rx, dt);
			o->tx_bps = detail_rate(si->bytes_sent, pv->tx, dt);
		}
	}
}

/* detail_dirs: the open fd and fdinfo directories of the process being read. */
struct detail_dirs {
	int fd, info;
};

/* detail_fd_file: size (statx, AT_STATX_DONT_SYNC: never waits for a
 * server to confirm it) of a file fd; a FIFO is called one. */
static void detail_fd_file(const struct detail_dirs *dd, const char *name, struct drill_fd *o)
{
	struct statx sx;

	if (statx(dd->fd, name, AT_STATX_DONT_SYNC, STATX_TYPE | STATX_SIZE, &sx) != 0 ||
	    !(sx.stx_mask & STATX_SIZE))
		return;
	o->have_size = S_ISREG(sx.stx_mode);
	o->size_bytes = sx.stx_size;
	if (S_ISFIFO(sx.stx_mode))
		snprintf(o->kind, sizeof(o->kind), "fifo");
}

/* detail_fd_epoll: the fds an epoll set watches, from its fdinfo text. */
static void detail_fd_epoll(const char *info, struct drill_fd *o)
{
	int tfds[DETAIL_EPOLL_MAX];
	unsigned long inos[DETAIL_EPOLL_MAX];
	size_t nw = 0, w = 0;

	if (parse_fdinfo_epoll(info, tfds, inos, DETAIL_EPOLL_MAX, &nw) < 0)
		return;
	for (size_t i = 0; i < nw && w + 12 < sizeof(o->watch); i++)
		w += (size_t)snprintf(o->watch + w, sizeof(o->watch) - w, "%s%d", i ? " " : "",
				      tfds[i]);
}

/* detail_fd_pipe_due: whether pipe row o (path filled) still needs its
 * other end looked for this reading; when an earlier reading of the same
 * pipe looked already, its answer is copied in and false returned. */
static bool detail_fd_pipe_due(struct collect_detail *cd, struct drill_fd *o)
{
	const struct drill_fd *pv = cd->fd_prev;

	if (pv && pv->peer_looked && strcmp(pv->path, o->path) == 0) {
		o->peer_looked = true;
		o->peer_pid = pv->peer_pid;
		memcpy(o->peer_comm, pv->peer_comm, sizeof(o->peer_comm));
		return false;
	}
	return cd->npend < DETAIL_PIPE_PENDING;
}

/* detail_fd_pipe: look for the process at the other end of pipe inode
 * (the writer when o is a read end) after the walk (detail_fds_pipes). */
static void detail_fd_pipe(struct collect_detail *cd, unsigned long inode, struct drill_fd *o)
{
	cd->pend_fd[cd->npend] = o->fd;
	cd->pend_inode[cd->npend] = inode;
	cd->pend_writer[cd->npend] = (o->flags & O_ACCMODE) == O_RDONLY;
	cd->npend++;
	o->peer_looked = true;
}

/* detail_fd: fill one fd row from its link and fdinfo; sockets also go to d->socks. */
static void detail_fd(struct collect_detail *cd, const struct detail_dirs *dd, const char *name,
		      int fd, const struct collect_net *cn, bool same, double dt, struct drill *d,
		      size_t *capsock)
{
	char link[MODEL_PATH_MAX], info[2048];
	struct drill_fd *o = &d->fds[d->nfds];
	struct fd_target t;
	ssize_t n;

	info[0] = '\0';
	n = readlinkat(dd->fd, name, link, sizeof(link) - 1);
	if (n <= 0)
		return;
	link[n] = '\0';
	if (parse_fd_link(link, &t) < 0)
		return;
	memset(o, 0, sizeof(*o));
	o->fd = fd;
	snprintf(o->kind, sizeof(o->kind), "%s", fd_kind_name(t.kind));
	snprintf(o->path, sizeof(o->path), "%s", t.path);
	/* fdinfo only where position or flags say something: files, ttys, epoll sets */
	/* an epoll's fdinfo waits on its mutex, which epoll_ctl holds while it
	 * polls a file on a stuck server: on the deadline worker */
	if (t.kind == FD_EPOLL && dd->info >= 0 &&
	    deadline_pread(d->pid, dd->info, name, -1, info, sizeof(info), 0) > 0)
		o->have_pos = parse_detail_fdinfo(info, &o->pos_bytes, &o->flags) == 0;
	else if ((t.kind == FD_FILE || t.kind == FD_TTY ||
		  (t.kind == FD_PIPE && detail_fd_pipe_due(cd, o))) &&
		 dd->info >= 0 && detail_fdinfo(cd, dd->info, name, fd, info, sizeof(info)) > 0)
		o->have_pos = parse_detail_fdinfo(info, &o->pos_bytes, &o->flags) == 0;
	if (t.kind == FD_FILE) {
		detail_fd_file(dd, name, o);
	} else if (t.kind == FD_EPOLL) {
		detail_fd_epoll(info, o);
	} else if (t.kind == FD_PIPE && o->have_pos) {
		detail_fd_pipe(cd, t.inode, o);
	} else if (t.kind == FD_SOCKET && cn) {
		const struct sock_info *si = collect_net_lookup(cn, t.inode);

		if (si) {
			if (d->nsocks == *capsock) {
				*capsock = *capsock ? *capsock * 2 : 16;
				d->socks = xrealloc(d->socks, *capsock * sizeof(*d->socks));
			}
			detail_sock(cd, cn, fd, si, same, dt, &d->socks[d->nsocks++]);
		}
	}
	d->nfds++;
}

/* detail_fd_prev: fd's row in the previous reading, or NULL.  fds come
 * in ascending order, so the row after the last one found is tried first. */
static const struct drill_fd *detail_fd_prev(struct collect_detail *cd, int fd)
{
	size_t lo = 0, hi = cd->nfdprev;

	if (cd->prev_next < cd->nfdprev && cd->fdprev[cd->prev_next].fd == fd)
		return &cd->fdprev[cd->prev_next++];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cd->fdprev[mid].fd == fd) {
			cd->prev_next = mid + 1;
			return &cd->fdprev[mid];
		}
		if (cd->fdprev[mid].fd < fd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* detail_fd_carry: keep fd's previous row (not its turn to be re-read);
 * a socket still gets its fresh row from the table. */
static void detail_fd_carry(struct collect_detail *cd, const struct drill_fd *prev,
			    const struct collect_net *cn, bool same, double dt, struct drill *d,
			    size_t *capsock)
{
	const struct sock_info *si;
	struct fd_target t;

	d->fds[d->nfds++] = *prev;
	if (!cn || strcmp(prev->kind, "socket") != 0 || parse_fd_link(prev->path, &t) < 0)
		return;
	si = collect_net_lookup(cn, t.inode);
	if (!si)
		return;
	if (d->nsocks == *capsock) {
		*capsock = *capsock ? *capsock * 2 : 16;
		d->socks = xrealloc(d->socks, *capsock * sizeof(*d->socks));
	}
	detail_sock(cd, cn, prev->fd, si, same, dt, &d->socks[d->nsocks++]);
}

/* detail_walk: the state of one reading's pass over the fds. */
struct detail_walk {
	const struct collect_net *cn;
	bool same;
	double dt;
	size_t cap, capsock, budget;
	int last; /* the last fd re-read from the previous reading */
};

/* detail_fd_visit: fd's row: its previous one carried when it is not its
 * turn, else read now (a listed fd that is gone marks the list stale). */
static void detail_fd_visit(struct collect_detail *cd, const struct detail_dirs *dd,
			    const char *name, int fd, struct detail_walk *w, struct drill *d)
{
	const struct drill_fd *prev;
	size_t before = d->nfds;

	if (d->nfds == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		d->fds = xrealloc(d->fds, w->cap * sizeof(*d->fds));
	}
	if (cd->cap < w->cap) {
		cd->cap = w->cap;
		cd->cur = xrealloc(cd->cur, w->cap * sizeof(*cd->cur));
		cd->prev = xrealloc(cd->prev, w->cap * sizeof(*cd->prev));
	}
	prev = w->same ? detail_fd_prev(cd, fd) : NULL;
	if (prev && (fd < cd->fd_cursor || w->budget == 0)) {
		detail_fd_carry(cd, prev, w->cn, w->same, w->dt, d, &w->capsock);
		return;
	}
	if (prev) {
		w->budget--;
		w->last = fd;
	}
	cd->fd_prev = prev;
	detail_fd(cd, dd, name, fd, w->cn, w->same, w->dt, d, &w->capsock);
	if (d->nfds == before)
		cd->relist = true;
}

/* detail_fds_open: hold pid's fd and fdinfo directories; false when the
 * fd directory cannot be opened (fds_denied says whether for permission). */
static bool detail_fds_open(struct collect_detail *cd, int pid, bool same, struct drill *d)
{
	char path[64];

	if (same && cd->fd_dir)
		return true;
	detail_dirs_close(cd);
	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	cd->fd_dir = opendir(path);
	if (!cd->fd_dir) {
		d->fds_denied = errno == EACCES || errno == EPERM;
		return false;
	}
	snprintf(path, sizeof(path), "/proc/%d/fdinfo", pid);
	cd->info_dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cd->hold_max = detail_hold_max();
	cd->relist = true;
	return true;
}

/* detail_fds_list_due: whether this reading lists the fd directory: the
 * first of a process, then whenever the count of open fds (the st_size
 * of /proc/PID/fd, since Linux 6.2; 0 before) changed, a row was found
 * gone, or the re-reading in turn wrapped to fd 0 again.  Otherwise the
 * previous reading's fd numbers are walked. */
static bool detail_fds_list_due(struct collect_detail *cd)
{
	struct stat st;
	long count = fstat(dirfd(cd->fd_dir), &st) == 0 ? (long)st.st_size : 0;
	bool due = cd->relist || count <= 0 || count != cd->fd_count || cd->fd_cursor == 0;

	if (due)
		cd->fd_count = count;
	cd->relist = false;
	return due;
}

/* detail_fds_pipes: the other ends of this reading's new pipes, in one
 * pass over the kin's fds, into their rows (d->fds sorted). */
static void detail_fds_pipes(struct collect_detail *cd, struct drill *d)
{
	int peer[DETAIL_PIPE_PENDING];

	if (!cd->npend)
		return;
	detail_kin_lists(cd, d->pid);
	collect_fd_pipe_peers(cd->kin, cd->nkin, d->pid, cd->pend_inode, cd->pend_writer, peer,
			      cd->npend, DETAIL_PIPE_MAX_FDS);
	for (size_t i = 0; i < cd->npend; i++) {
		struct drill_fd key = { .fd = cd->pend_fd[i] }, *o;

		o = bsearch(&key, d->fds, d->nfds, sizeof(*d->fds), detail_fd_cmp);
		if (!o || peer[i] <= 0)
			continue;
		o->peer_pid = peer[i];
		detail_comm(o->peer_pid, o->peer_comm, sizeof(o->peer_comm));
	}
	cd->npend = 0;
}

/* detail_fds: every fd of pid (up to DETAIL_MAX_FDS), sorted. */
static void detail_fds(struct collect_detail *cd, int pid, const struct collect_net *cn, bool same,
		       double dt, struct drill *d)
{
	struct detail_walk w = { .cn = cn, .same = same, .dt = dt, .budget = DETAIL_FD_BUDGET };
	struct detail_dirs dd;
	struct dirent *de;

	if (!detail_fds_open(cd, pid, same, d))
		return;
	dd.fd = dirfd(cd->fd_dir);
	dd.info = cd->info_dir;
	cd->prev_next = 0;
	if (same && cd->nfdprev) { /* room for as many as last time: no regrowing */
		w.cap = cd->nfdprev + 64;
		d->fds = xrealloc(d->fds, w.cap * sizeof(*d->fds));
	}
	if (detail_fds_list_due(cd)) {
		rewinddir(cd->fd_dir);
		while ((de = readdir(cd->fd_dir)) && d->nfds < DETAIL_MAX_FDS) {
			char *end;
			long fd = strtol(de->d_name, &end, 10);

			if (de->d_name[0] >= '0' && de->d_name[0] <= '9' && !*end)
				detail_fd_visit(cd, &dd, de->d_name, (int)fd, &w, d);
		}
	} else {
		for (size_t i = 0; i < cd->nfdprev; i++) {
			char name[16];

			snprintf(name, sizeof(name), "%d", cd->fdprev[i].fd);
			detail_fd_visit(cd, &dd, name, cd->fdprev[i].fd, &w, d);
		}
	}
	cd->fd_cursor = w.budget ? 0 : w.last + 1; /* the end reached: start again at 0 */
	for (size_t i = 1; i < d->nfds; i++)
		if (d->fds[i - 1].fd > d->fds[i].fd) { /* /proc lists them in order */
			qsort(d->fds, d->nfds, sizeof(*d->fds), detail_fd_cmp);
			break;
		}
	detail_fds_pipes(cd, d);
	cd->fdprev = xrealloc(cd->fdprev, (d->nfds ? d->nfds : 1) * sizeof(*cd->fdprev));
	memcpy(cd->fdprev, d->fds, d->nfds * sizeof(*d->fds));
	cd->nfdprev = d->nfds;
}

void collect_detail_read(struct collect_detail *cd, int pid, unsigned long long start_ticks,
			 int tid, const struct collect_net *cn, double mono_s, struct drill *d)
{
	bool same = cd->pid == pid && cd->start_ticks == start_ticks;
	double dt = mono_s - cd->mono_s;
	unsigned long long minflt = 0, majflt = 0;
	bool have_flt;
	struct detail_sock_prev *sw;

	detail_header(cd, pid, d, &minflt, &majflt, &have_flt);
	d->mem.minflt = minflt;
	d->mem.majflt = majflt;
	cd->ncur = 0;
	cd->npend = 0;
	detail_fds(cd, pid, cn, same, dt, d);
	detail_io_mem(cd, pid, same, dt, d);
	if (!have_flt)
		d->mem.have_rate = false;
	detail_stack(pid, tid > 0 ? tid : pid, d);
	sw = cd->prev;
	cd->prev = cd->cur;
	cd->cur = sw;
	cd->nprev = cd->ncur;
	cd->pid = pid;
	cd->start_ticks = start_ticks;
	cd->mono_s = mono_s;
}
