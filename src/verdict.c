/* verdict.c - what a thread waits on, and what a process waits on.
 * Pure: a reading (state, flags, wchan, syscall, the resolved fd) in, a
 * category and a short evidence string out.  Order of trust: hard states
 * (R, T, Z), then the syscall and its fd, then the wchan (wchan-table.c),
 * then the bare state.  Reads nothing from the kernel itself. */
#include "config.h"
#include "verdict.h"
#include "collect-net.h"
#include "util.h"

#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#define VERDICT_PF_KTHREAD 0x00200000UL

/* What kind of wait a syscall is, before looking at its fd. */
enum verdict_sk {
	SK_READ,
	SK_WRITE,
	SK_CONNECT,
	SK_SYNC,
	SK_LOCK,
	SK_FCNTL,
	SK_CHILD,
	SK_SLEEP,
	SK_SIGWAIT,
	SK_POLL,
	SK_SELECT,
	SK_EPOLL,
	SK_MSG,
	SK_OTHER
};

struct verdict_sc {
	long nr;
	const char *name;
	enum verdict_sk kind;
	int fdarg; /* argument holding the fd, or -1 */
};

/* By number from <sys/syscall.h>, so the table is right on every
 * architecture; entries an architecture lacks (poll, select, pause on
 * aarch64) drop out. */
static const struct verdict_sc verdict_scs[] = {
#ifdef SYS_read
	{ SYS_read, "read", SK_READ, 0 },
#endif
#ifdef SYS_readv
	{ SYS_readv, "readv", SK_READ, 0 },
#endif
#ifdef SYS_pread64
	{ SYS_pread64, "pread64", SK_READ, 0 },
#endif
#ifdef SYS_preadv
	{ SYS_preadv, "preadv", SK_READ, 0 },
#endif
#ifdef SYS_preadv2
	{ SYS_preadv2, "preadv2", SK_READ, 0 },
#endif
#ifdef SYS_recvfrom
	{ SYS_recvfrom, "recvfrom", SK_READ, 0 },
#endif
#ifdef SYS_recvmsg
	{ SYS_recvmsg, "recvmsg", SK_READ, 0 },
#endif
#ifdef SYS_recvmmsg
	{ SYS_recvmmsg, "recvmmsg", SK_READ, 0 },
#endif
#ifdef SYS_splice
	{ SYS_splice, "splice", SK_READ, 0 },
#endif
#ifdef SYS_write
	{ SYS_write, "write", SK_WRITE, 0 },
#endif
#ifdef SYS_writev
	{ SYS_writev, "writev", SK_WRITE, 0 },
#endif
#ifdef SYS_pwrite64
	{ SYS_pwrite64, "pwrite64", SK_WRITE, 0 },
#endif
#ifdef SYS_pwritev
	{ SYS_pwritev, "pwritev", SK_WRITE, 0 },
#endif
#ifdef SYS_pwritev2
	{ SYS_pwritev2, "pwritev2", SK_WRITE, 0 },
#endif
#ifdef SYS_sendto
	{ SYS_sendto, "sendto", SK_WRITE, 0 },
#endif
#ifdef SYS_sendmsg
	{ SYS_sendmsg, "sendmsg", SK_WRITE, 0 },
#endif
#ifdef SYS_sendmmsg
	{ SYS_sendmmsg, "sendmmsg", SK_WRITE, 0 },
#endif
#ifdef SYS_sendfile
	{ SYS_sendfile, "sendfile", SK_WRITE, 0 },
#endif
#ifdef SYS_connect
	{ SYS_connect, "connect", SK_CONNECT, 0 },
#endif
#ifdef SYS_accept
	{ SYS_accept, "accept", SK_CONNECT, 0 },
#endif
#ifdef SYS_accept4
	{ SYS_accept4, "accept4", SK_CONNECT, 0 },
#endif
#ifdef SYS_fsync
	{ SYS_fsync, "fsync", SK_SYNC, 0 },
#endif
#ifdef SYS_fdatasync
	{ SYS_fdatasync, "fdatasync", SK_SYNC, 0 },
#endif
#ifdef SYS_sync
	{ SYS_sync, "sync", SK_SYNC, -1 },
#endif
#ifdef SYS_syncfs
	{ SYS_syncfs, "syncfs", SK_SYNC, 0 },
#endif
#ifdef SYS_sync_file_range
	{ SYS_sync_file_range, "sync_file_range", SK_SYNC, 0 },
#endif
#ifdef SYS_msync
	{ SYS_msync, "msync", SK_SYNC, -1 },
#endif
#ifdef SYS_futex
	{ SYS_futex, "futex", SK_LOCK, -1 },
#endif
#ifdef SYS_futex_waitv
	{ SYS_futex_waitv, "futex_waitv", SK_LOCK, -1 },
#endif
#ifdef SYS_flock
	{ SYS_flock, "flock", SK_LOCK, 0 },
#endif
#ifdef SYS_semop
	{ SYS_semop, "semop", SK_LOCK, -1 },
#endif
#ifdef SYS_semtimedop
	{ SYS_semtimedop, "semtimedop", SK_LOCK, -1 },
#endif
#ifdef SYS_fcntl
	{ SYS_fcntl, "fcntl", SK_FCNTL, 0 },
#endif
#ifdef SYS_wait4
	{ SYS_wait4, "wait4", SK_CHILD, -1 },
#endif
#ifdef SYS_waitid
	{ SYS_waitid, "waitid", SK_CHILD, -1 },
#endif
#ifdef SYS_nanosleep
	{ SYS_nanosleep, "nanosleep", SK_SLEEP, -1 },
#endif
#ifdef SYS_clock_nanosleep
	{ SYS_clock_nanosleep, "clock_nanosleep", SK_SLEEP, -1 },
#endif
#ifdef SYS_pause
	{ SYS_pause, "pause", SK_SIGWAIT, -1 },
#endif
#ifdef SYS_rt_sigsuspend
	{ SYS_rt_sigsuspend, "rt_sigsuspend", SK_SIGWAIT, -1 },
#endif
#ifdef SYS_rt_sigtimedwait
	{ SYS_rt_sigtimedwait, "rt_sigtimedwait", SK_SIGWAIT, -1 },
#endif
#ifdef SYS_poll
	{ SYS_poll, "poll", SK_POLL, -1 },
#endif
#ifdef SYS_ppoll
	{ SYS_ppoll, "ppoll", SK_POLL, -1 },
#endif
#ifdef SYS_select
	{ SYS_select, "select", SK_SELECT, -1 },
#endif
#ifdef SYS_pselect6
	{ SYS_pselect6, "pselect6", SK_SELECT, -1 },
#endif
#ifdef SYS_epoll_wait
	{ SYS_epoll_wait, "epoll_wait", SK_EPOLL, 0 },
#endif
#ifdef SYS_epoll_pwait
	{ SYS_epoll_pwait, "epoll_pwait", SK_EPOLL, 0 },
#endif
#ifdef SYS_epoll_pwait2
	{ SYS_epoll_pwait2, "epoll_pwait2", SK_EPOLL, 0 },
#endif
#ifdef SYS_msgrcv
	{ SYS_msgrcv, "msgrcv", SK_MSG, -1 },
#endif
#ifdef SYS_msgsnd
	{ SYS_msgsnd, "msgsnd", SK_MSG, -1 },
#endif
#ifdef SYS_mq_timedreceive
	{ SYS_mq_timedreceive, "mq_timedreceive", SK_MSG, -1 },
#endif
#ifdef SYS_mq_timedsend
	{ SYS_mq_timedsend, "mq_timedsend", SK_MSG, -1 },
#endif
#ifdef SYS_open
	{ SYS_open, "open", SK_OTHER, -1 },
#endif
#ifdef SYS_openat
	{ SYS_openat, "openat", SK_OTHER, -1 },
#endif
#ifdef SYS_close
	{ SYS_close, "close", SK_OTHER, -1 },
#endif
#ifdef SYS_ftruncate
	{ SYS_ftruncate, "ftruncate", SK_OTHER, -1 },
#endif
#ifdef SYS_unlinkat
	{ SYS_unlinkat, "unlinkat", SK_OTHER, -1 },
#endif
#ifdef SYS_mmap
	{ SYS_mmap, "mmap", SK_OTHER, -1 },
#endif
#ifdef SYS_munmap
	{ SYS_munmap, "munmap", SK_OTHER, -1 },
#endif
#ifdef SYS_io_getevents
	{ SYS_io_getevents, "io_getevents", SK_OTHER, -1 },
#endif
#ifdef SYS_io_uring_enter
	{ SYS_io_uring_enter, "io_uring_enter", SK_OTHER, -1 },
#endif
#ifdef SYS_ioctl
	{ SYS_ioctl, "ioctl", SK_OTHER, -1 },
#endif
#ifdef SYS_unlink
	{ SYS_unlink, "unlink", SK_OTHER, -1 },
#endif
#ifdef SYS_rename
	{ SYS_rename, "rename", SK_OTHER, -1 },
#endif
#ifdef SYS_renameat
	{ SYS_renameat, "renameat", SK_OTHER, -1 },
#endif
#ifdef SYS_renameat2
	{ SYS_renameat2, "renameat2", SK_OTHER, -1 },
#endif
#ifdef SYS_truncate
	{ SYS_truncate, "truncate", SK_OTHER, -1 },
#endif
#ifdef SYS_fallocate
	{ SYS_fallocate, "fallocate", SK_OTHER, -1 },
#endif
#ifdef SYS_mkdir
	{ SYS_mkdir, "mkdir", SK_OTHER, -1 },
#endif
#ifdef SYS_mkdirat
	{ SYS_mkdirat, "mkdirat", SK_OTHER, -1 },
#endif
#ifdef SYS_rmdir
	{ SYS_rmdir, "rmdir", SK_OTHER, -1 },
#endif
#ifdef SYS_execve
	{ SYS_execve, "execve", SK_OTHER, -1 },
#endif
#ifdef SYS_clone
	{ SYS_clone, "clone", SK_OTHER, -1 },
#endif
#ifdef SYS_clone3
	{ SYS_clone3, "clone3", SK_OTHER, -1 },
#endif
#ifdef SYS_fork
	{ SYS_fork, "fork", SK_OTHER, -1 },
#endif
#ifdef SYS_vfork
	{ SYS_vfork, "vfork", SK_OTHER, -1 },
#endif
#ifdef SYS_kill
	{ SYS_kill, "kill", SK_OTHER, -1 },
#endif
#ifdef SYS_tgkill
	{ SYS_tgkill, "tgkill", SK_OTHER, -1 },
#endif
#ifdef SYS_sched_yield
	{ SYS_sched_yield, "sched_yield", SK_OTHER, -1 },
#endif
#ifdef SYS_getrandom
	{ SYS_getrandom, "getrandom", SK_OTHER, -1 },
#endif
#ifdef SYS_socket
	{ SYS_socket, "socket", SK_OTHER, -1 },
#endif
#ifdef SYS_bind
	{ SYS_bind, "bind", SK_OTHER, -1 },
#endif
#ifdef SYS_listen
	{ SYS_listen, "listen", SK_OTHER, -1 },
#endif
#ifdef SYS_shutdown
	{ SYS_shutdown, "shutdown", SK_OTHER, -1 },
#endif
#ifdef SYS_lseek
	{ SYS_lseek, "lseek", SK_OTHER, -1 },
#endif
#ifdef SYS_fstat
	{ SYS_fstat, "fstat", SK_OTHER, -1 },
#endif
#ifdef SYS_lstat
	{ SYS_lstat, "lstat", SK_OTHER, -1 },
#endif
#ifdef SYS_stat
	{ SYS_stat, "stat", SK_OTHER, -1 },
#endif
#ifdef SYS_access
	{ SYS_access, "access", SK_OTHER, -1 },
#endif
#ifdef SYS_faccessat
	{ SYS_faccessat, "faccessat", SK_OTHER, -1 },
#endif
#ifdef SYS_faccessat2
	{ SYS_faccessat2, "faccessat2", SK_OTHER, -1 },
#endif
#ifdef SYS_readlink
	{ SYS_readlink, "readlink", SK_OTHER, -1 },
#endif
#ifdef SYS_readlinkat
	{ SYS_readlinkat, "readlinkat", SK_OTHER, -1 },
#endif
#ifdef SYS_memfd_create
	{ SYS_memfd_create, "memfd_create", SK_OTHER, -1 },
#endif
#ifdef SYS_mremap
	{ SYS_mremap, "mremap", SK_OTHER, -1 },
#endif
#ifdef SYS_process_vm_readv
	{ SYS_process_vm_readv, "process_vm_readv", SK_OTHER, -1 },
#endif
#ifdef SYS_ptrace
	{ SYS_ptrace, "ptrace", SK_OTHER, -1 },
#endif
#ifdef SYS_madvise
	{ SYS_madvise, "madvise", SK_OTHER, -1 },
#endif
#ifdef SYS_mprotect
	{ SYS_mprotect, "mprotect", SK_OTHER, -1 },
#endif
#ifdef SYS_brk
	{ SYS_brk, "brk", SK_OTHER, -1 },
#endif
#ifdef SYS_getdents64
	{ SYS_getdents64, "getdents64", SK_OTHER, -1 },
#endif
#ifdef SYS_statx
	{ SYS_statx, "statx", SK_OTHER, -1 },
#endif
#ifdef SYS_newfstatat
	{ SYS_newfstatat, "newfstatat", SK_OTHER, -1 },
#endif
#ifdef SYS_sendfile64
	{ SYS_sendfile64, "sendfile64", SK_OTHER, -1 },
#endif
#ifdef SYS_copy_file_range
	{ SYS_copy_file_range, "copy_file_range", SK_OTHER, -1 },
#endif
#ifdef SYS_readahead
	{ SYS_readahead, "readahead", SK_OTHER, -1 },
#endif
#ifdef SYS_umount2
	{ SYS_umount2, "umount2", SK_OTHER, -1 },
#endif
#ifdef SYS_mount
	{ SYS_mount, "mount", SK_OTHER, -1 },
#endif
#ifdef SYS_exit_group
	{ SYS_exit_group, "exit_group", SK_OTHER, -1 },
#endif
};

/* verdict_sc_find: the table entry for nr, or NULL. */
static const struct verdict_sc *verdict_sc_find(long nr)
{
	for (size_t i = 0; i < sizeof(verdict_scs) / sizeof(verdict_scs[0]); i++)
		if (verdict_scs[i].nr == nr)
			return &verdict_scs[i];
	return NULL;
}

const char *verdict_syscall_name(long nr)
{
	const struct verdict_sc *sc = verdict_sc_find(nr);

	return sc ? sc->name : NULL;
}

int verdict_syscall_fd(long nr)
{
	const struct verdict_sc *sc = verdict_sc_find(nr);

	return sc ? sc->fdarg : -1;
}

int verdict_syscall_is_poll(long nr)
{
	const struct verdict_sc *sc = verdict_sc_find(nr);

	if (!sc)
		return 0;
	return sc->kind == SK_POLL ? 1 : sc->kind == SK_SELECT ? 2 : sc->kind == SK_EPOLL ? 3 : 0;
}

int verdict_syscall_dir(long nr)
{
	const struct verdict_sc *sc = verdict_sc_find(nr);

	if (!sc)
		return 0;
	return sc->kind == SK_READ ? 1 : (sc->kind == SK_WRITE || sc->kind == SK_CONNECT) ? 2 : 0;
}

bool verdict_syscall_works(long nr)
{
	const struct verdict_sc *sc = verdict_sc_find(nr);

	if (!sc)
		return true;
	switch (sc->kind) {
	case SK_READ:
	case SK_WRITE:
	case SK_CONNECT:
	case SK_SYNC:
	case SK_OTHER:
		return true;
	default:
		return false;
	}
}

/* verdict_copy: src into dst (size dsz), truncated to fit. */
static void verdict_copy(char *dst, size_t dsz, const char *src)
{
	size_t n = strnlen(src, dsz - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* verdict_wchan_cat: the table's category of the reading's wchan, or -1. */
static int verdict_wchan_cat(const struct task_raw *t)
{
	if (!t->have_wchan || !model_str(t->wchan)[0])
		return -1;
	return verdict_wchan_lookup(model_str(t->wchan));
}

/* verdict_fmt_bytes: 1.9G, 512M, 64K. */
static void verdict_fmt_bytes(unsigned long long b, char *buf, size_t sz)
{
	static const char units[] = "BKMGTP";
	double v = (double)b;
	int u = 0;

	while (v >= 1024.0 && u < 5) {
		v /= 1024.0;
		u++;
	}
	if (u == 0)
		snprintf(buf, sz, "%lluB", b);
	else
		snprintf(buf, sz, v < 10.0 ? "%.1f%c" : "%.0f%c", v, units[u]);
}

/* verdict_dirty_bdi: the evidence naming the device's own dirty limit
 * (FUSE, some network filesystems, a lowered max_ratio): that limit is
 * the one that throttles, not the global threshold.  false when the
 * device has none. */
static bool verdict_dirty_bdi(const struct verdict_reading *r, char *why, size_t whysz)
{
	const struct limit_bdi *b = &r->bdi;
	char lim[24] = "", d[16], g[16], ratio[24] = "";
	size_t n;

	if (!r->have_bdi || !limit_bdi_own(b))
		return false;
	if (b->have_max_bytes) {
		verdict_fmt_bytes(b->max_bytes, d, sizeof(d));
		snprintf(lim, sizeof(lim), " %s", d);
	}
	if (b->max_ratio_pct < 100)
		snprintf(ratio, sizeof(ratio), "max_ratio %u%%", b->max_ratio_pct);
	snprintf(why, whysz, "balance_dirty_pages: device %s's own limit%s (%s%s%s)", b->name, lim,
		 ratio, ratio[0] && b->strict_limit ? ", " : "",
		 b->strict_limit ? "strict_limit" : "");
	n = strlen(why);
	if (r->have_dirty && n < whysz) {
		verdict_fmt_bytes(r->dirty_bytes, d, sizeof(d));
		verdict_fmt_bytes(r->dirty_limit_bytes, g, sizeof(g));
		snprintf(why + n, whysz - n, ", system Dirty %s of %s", d, g);
		n = strlen(why);
	}
	if (b->mnt[0] && n < whysz)
		snprintf(why + n, whysz - n, " on %s", b->mnt);
	return true;
}

/* verdict_dirty: dirty-throttle with the numbers when we have them. */
static enum wait_cat verdict_dirty(const struct verdict_reading *r, const char *sname, char *why,
				   size_t whysz)
{
	if (verdict_dirty_bdi(r, why, whysz))
		return WAIT_DIRTY_THROTTLE;
	if (r->have_dirty) {
		char d[16], l[16];

		verdict_fmt_bytes(r->dirty_bytes, d, sizeof(d));
		verdict_fmt_bytes(r->dirty_limit_bytes, l, sizeof(l));
		snprintf(why, whysz, "balance_dirty_pages: Dirty %s%s limit %s", d,
			 r->dirty_bytes >= r->dirty_limit_bytes ? " over" : ",", l);
	} else if (sname && r->have_target) {
		snprintf(why, whysz, "balance_dirty_pages in %s() on %s", sname, r->target_desc);
	} else {
		snprintf(why, whysz, "balance_dirty_pages");
	}
	return WAIT_DIRTY_THROTTLE;
}

/* verdict_socket: a socket fd: TCP/UDP is net, unix is ipc. */
static enum wait_cat verdict_socket(const struct verdict_reading *r)
{
	int wc = verdict_wchan_cat(r->task);

	if (r->sock_proto == SOCK_P_TCP || r->sock_proto == SOCK_P_UDP)
		return WAIT_NET;
	if (r->sock_proto == SOCK_P_UNIX)
		return WAIT_IPC;
	/* not in the dump (netlink, another namespace, no dump): the wchan
	 * may still say unix (unix_stream_read_generic) */
	return wc == WAIT_IPC ? WAIT_IPC : WAIT_NET;
}

/* verdict_rw: read/write-like syscalls, by what the fd is.  -1 to let the
 * wchan decide. */
static int verdict_rw(const struct verdict_reading *r, const struct verdict_sc *sc)
{
	const struct task_raw *t = r->task;
	int wc = verdict_wchan_cat(t);
	bool is_write = sc->kind == SK_WRITE;

	if (wc == WAIT_DIRTY_THROTTLE)
		return WAIT_DIRTY_THROTTLE;
	if (!r->have_target)
		return -1;
	switch (r->target.kind) {
	case FD_SOCKET:
		return verdict_socket(r);
	case FD_PIPE:
		return WAIT_IPC;
	case FD_TTY:
		return WAIT_TTY;
	case FD_EVENTFD:
		return WAIT_IPC;
	case FD_TIMERFD:
		return WAIT_SLEEP;
	case FD_FILE:
		if (wc == WAIT_DISK_READ || wc == WAIT_DISK_WRITE)
			return is_write ? WAIT_DISK_WRITE : WAIT_DISK_READ;
		if (t->state == 'D')
			return is_write ? WAIT_DISK_WRITE : WAIT_DISK_READ;
		return wc >= 0 ? wc : WAIT_OTHER;
	default:
		return wc >= 0 ? wc : WAIT_OTHER;
	}
}

/* verdict_watch: poll/select/epoll: all-network watch sets are net, an
 * empty one is a timed sleep, anything else is poll. */
static enum wait_cat verdict_watch(const struct verdict_reading *r, const char *sname, char *why,
				   size_t whysz)
{
	if (!r->have_watch) {
		snprintf(why, whysz, "%s()", sname);
		return WAIT_POLL;
	}
	if (r->watch_n == 0) {
		snprintf(why, whysz, "%s() with no fds: a timed sleep", sname);
		return WAIT_SLEEP;
	}
	if (r->watch_net == r->watch_n) {
		if (r->watch_n == 1)
			snprintf(why, whysz, "%s() on %s", sname, r->watch_desc);
		else
			snprintf(why, whysz, "%s() on %s (+%u more)", sname, r->watch_desc,
				 r->watch_n - 1);
		return WAIT_NET;
	}
	snprintf(why, whysz, "%s() on %u fds (%u network)", sname, r->watch_n, r->watch_net);
	return WAIT_POLL;
}

/* verdict_on: "<syscall>() on <target>" or "<syscall>()". */
static void verdict_on(const struct verdict_reading *r, const char *sname, char *why, size_t whysz)
{
	if (r->have_target && r->target_desc[0])
		snprintf(why, whysz, "%s() on %s", sname, r->target_desc);
	else if (r->have_target)
		snprintf(why, whysz, "%s() on %s", sname, r->target.path);
	else
		snprintf(why, whysz, "%s()", sname);
}

/* verdict_by_syscall: the syscall's verdict, or -1 to let the wchan and
 * state decide (unknown syscalls, fcntl without a lock wait...). */
static int verdict_by_syscall(const struct verdict_reading *r, char *why, size_t whysz)
{
	const struct task_raw *t = r->task;
	const struct verdict_sc *sc = verdict_sc_find(t->syscall_nr);
	int c;

	if (!sc)
		return -1;
	switch (sc->kind) {
	case SK_READ:
	case SK_WRITE:
		c = verdict_rw(r, sc);
		if (c == WAIT_DIRTY_THROTTLE)
			return verdict_dirty(r, sc->name, why, whysz);
		if (c >= 0)
			verdict_on(r, sc->name, why, whysz);
		return c;
	case SK_CONNECT:
		verdict_on(r, sc->name, why, whysz);
		return r->have_target && r->target.kind == FD_SOCKET ? (int)verdict_socket(r)
		       : verdict_wchan_cat(t) == WAIT_IPC	     ? WAIT_IPC
								     : WAIT_NET;
	case SK_SYNC:
		verdict_on(r, sc->name, why, whysz);
		return WAIT_DISK_WRITE;
	case SK_LOCK:
		verdict_on(r, sc->name, why, whysz);
		if (!r->have_target && sc->fdarg < 0)
			snprintf(why, whysz, "%s", sc->name);
		return WAIT_LOCK;
	case SK_FCNTL:
		if (t->syscall_args[1] != F_SETLKW && t->syscall_args[1] != F_OFD_SETLKW)
			return -1;
		if (r->have_target)
			snprintf(why, whysz, "fcntl(F_SETLKW) on %s",
				 r->target_desc[0] ? r->target_desc : r->target.path);
		else
			snprintf(why, whysz, "fcntl(F_SETLKW)");
		return WAIT_LOCK;
	case SK_CHILD:
		snprintf(why, whysz, "%s(): waiting for a child", sc->name);
		return WAIT_CHILD;
	case SK_SLEEP:
		snprintf(why, whysz, "%s()", sc->name);
		return WAIT_SLEEP;
	case SK_SIGWAIT:
		snprintf(why, whysz, "%s(): waiting for a signal", sc->name);
		return WAIT_SLEEP;
	case SK_POLL:
	case SK_SELECT:
	case SK_EPOLL:
		return verdict_watch(r, sc->name, why, whysz);
	case SK_MSG:
		snprintf(why, whysz, "%s()", sc->name);
		return WAIT_IPC;
	case SK_OTHER:
		return -1;
	}
	return -1;
}

/* verdict_kthread: kernel threads never use the syscall file ("0 0x0..."
 * reads like read()). */
static enum wait_cat verdict_kthread(const struct task_raw *t, char *why, size_t whysz)
{
	int wc = verdict_wchan_cat(t);

	if (t->state == 'I') {
		snprintf(why, whysz, "idle kernel thread%s%s", wc >= 0 ? " in " : "",
			 wc >= 0 ? model_str(t->wchan) : "");
		return WAIT_IDLE;
	}
	if (wc >= 0) {
		snprintf(why, whysz, "kernel thread in %s", model_str(t->wchan));
		return (enum wait_cat)wc;
	}
	if (t->state == 'D') {
		snprintf(why, whysz, "D, site unknown%s%s",
			 t->have_wchan && model_str(t->wchan)[0] ? ": " : "",
			 t->have_wchan ? model_str(t->wchan) : "");
		return WAIT_OTHER;
	}
	/* S in a function the table does not know: a kernel thread waiting for work */
	snprintf(why, whysz, "kernel thread waiting in %s",
		 t->have_wchan && model_str(t->wchan)[0] ? model_str(t->wchan) : "?");
	return WAIT_IDLE;
}

/* verdict_hard_state: R, T, t, Z, X decide alone; -1 otherwise. */
static int verdict_hard_state(const struct task_raw *t, char *why, size_t whysz)
{
	switch (t->state) {
	case 'R':
		snprintf(why, whysz, "running");
		return WAIT_CPU;
	case 'T':
		snprintf(why, whysz, "stopped by a signal");
		return WAIT_STOPPED;
	case 't':
		snprintf(why, whysz, "stopped by a tracer");
		return WAIT_STOPPED;
	case 'Z':
		snprintf(why, whysz, "zombie: parent pid %d has not reaped it", t->ppid);
		return WAIT_ZOMBIE;
	case 'X':
		snprintf(why, whysz, "exiting");
		return WAIT_OTHER;
	default:
		return -1;
	}
}

enum wait_cat verdict_classify(const struct verdict_reading *r, char *why, size_t whysz)
{
	const struct task_raw *t = r->task;
	const char *sname = NULL;
	int c;

	why[0] = '\0';
	if ((c = verdict_hard_state(t, why, whysz)) >= 0)
		return (enum wait_cat)c;
	if (t->flags & VERDICT_PF_KTHREAD)
		return verdict_kthread(t, why, whysz);
	if (!t->have_syscall && !t->have_wchan) {
		snprintf(why, whysz, "no permission: state %c", t->state);
		return t->state == 'I' ? WAIT_IDLE : WAIT_OTHER;
	}
	if (t->have_syscall && t->syscall_nr >= 0) {
		if ((c = verdict_by_syscall(r, why, whysz)) >= 0)
			return (enum wait_cat)c;
		sname = verdict_syscall_name(t->syscall_nr);
	}
	c = verdict_wchan_cat(t);
	if (c == WAIT_DIRTY_THROTTLE)
		return verdict_dirty(r, sname, why, whysz);
	if (c >= 0) {
		if (t->have_syscall && t->syscall_nr == -1)
			snprintf(why, whysz, "%s %s",
				 c == WAIT_DISK_READ ? "page fault read-in:" : "outside a syscall:",
				 model_str(t->wchan));
		else if (sname)
			snprintf(why, whysz, "%s() in %s", sname, model_str(t->wchan));
		else if (t->have_syscall && t->syscall_nr >= 0)
			snprintf(why, whysz, "syscall %ld in %s", t->syscall_nr,
				 model_str(t->wchan));
		else
			snprintf(why, whysz, "%s", model_str(t->wchan));
		return (enum wait_cat)c;
	}
	if (t->state == 'I') {
		snprintf(why, whysz, "idle");
		return WAIT_IDLE;
	}
	if (t->state == 'D')
		snprintf(why, whysz, "D, site unknown");
	else
		snprintf(why, whysz, "%c", t->state);
	{
		size_t len = strlen(why);
		if (sname)
			snprintf(why + len, whysz - len, " in %s()", sname);
		else if (t->have_syscall && t->syscall_nr >= 0)
			snprintf(why + len, whysz - len, " in syscall %ld", t->syscall_nr);
		len = strlen(why);
		if (t->have_wchan && model_str(t->wchan)[0])
			snprintf(why + len, whysz - len, " at %s", model_str(t->wchan));
	}
	return WAIT_OTHER;
}

const char *verdict_tally_why(const struct verdict_tally *t, enum wait_cat c)
{
	if ((int)c < 0 || c >= WAIT_NCAT || t->why_slot[c] == 0)
		return "";
	return t->why[t->why_slot[c] - 1] ? t->why[t->why_slot[c] - 1] : "";
}

void verdict_tally_clear(struct verdict_tally *t)
{
	for (int s = 0; s < VERDICT_TALLY_WHYS; s++)
		free(t->why[s]);
	memset(t, 0, sizeof(*t));
}

/* verdict_tally_empty: make slot s's evidence "" (its buffer is kept). */
static void verdict_tally_empty(struct verdict_tally *t, int s)
{
	if (t->why[s])
		t->why[s][0] = '\0';
}

/* verdict_tally_slot: a slot for c's evidence: its own, a free one, or
 * the one of the category with the fewest looks (which loses its why). */
static int verdict_tally_slot(struct verdict_tally *t, enum wait_cat c)
{
	bool used[VERDICT_TALLY_WHYS] = { false };
	int victim = -1;

	if (t->why_slot[c])
		return t->why_slot[c] - 1;
	for (int k = 0; k < WAIT_NCAT; k++)
		if (t->why_slot[k])
			used[t->why_slot[k] - 1] = true;
	for (int s = 0; s < VERDICT_TALLY_WHYS; s++)
		if (!used[s]) {
			verdict_tally_empty(t, s);
			t->why_slot[c] = (unsigned char)(s + 1);
			return s;
		}
	for (int k = 0; k < WAIT_NCAT; k++)
		if (t->why_slot[k] && k != (int)c && (victim < 0 || t->count[k] < t->count[victim]))
			victim = k;
	assert(victim >= 0);
	t->why_slot[c] = t->why_slot[victim];
	t->why_slot[victim] = 0;
	t->why_rank[victim] = 0;
	verdict_tally_empty(t, t->why_slot[c] - 1);
	return t->why_slot[c] - 1;
}

void verdict_tally_set_why(struct verdict_tally *t, enum wait_cat c, const char *why)
{
	int s;
	size_t n;

	if ((int)c < 0 || c >= WAIT_NCAT)
		return;
	if (!why)
		why = "";
	s = verdict_tally_slot(t, c);
	if (strcmp(t->why[s] ? t->why[s] : "", why) == 0)
		return;
	n = strnlen(why, MODEL_WHY_MAX - 1);
	if (!t->why[s] || strlen(t->why[s]) < n) {
		free(t->why[s]);
		t->why[s] = xmalloc(n + 1);
	}
	memcpy(t->why[s], why, n);
	t->why[s][n] = '\0';
}

void verdict_tally_add(struct verdict_tally *t, enum wait_cat c, const char *why)
{
	if ((int)c < 0 || c >= WAIT_NCAT)
		c = WAIT_OTHER;
	t->n++;
	t->count[c]++;
	verdict_tally_set_why(t, c, why);
	t->why_rank[c] = 1;
}

void verdict_tally_reset(struct verdict_tally *t)
{
	t->n = 0;
	t->d_unknown = 0;
	memset(t->count, 0, sizeof(t->count));
	memset(t->why_rank, 0, sizeof(t->why_rank));
}

void verdict_tally_put(struct verdict_tally *t, enum wait_cat c, const char *why, unsigned rank,
		       bool d_unknown)
{
	if ((int)c < 0 || c >= WAIT_NCAT)
		c = WAIT_OTHER;
	if (rank >= t->why_rank[c]) {
		verdict_tally_add(t, c, why);
		t->why_rank[c] = (unsigned char)rank;
	} else {
		t->n++;
		t->count[c]++;
	}
	if (d_unknown)
		t->d_unknown++;
}

unsigned verdict_reading_rank(const struct verdict_reading *r)
{
	return (r->have_target || r->have_watch) ? 2 : 1;
}

bool verdict_reading_d_unknown(const struct verdict_reading *r, enum wait_cat c)
{
	const struct task_raw *k = r->task;

	return c == WAIT_OTHER && k->state == 'D' && (!k->have_wchan || !model_str(k->wchan)[0]) &&
	       !(k->flags & VERDICT_PF_KTHREAD);
}

void verdict_tally_look(struct verdict_tally *t, const struct verdict_reading *r, enum wait_cat c,
			const char *why)
{
	verdict_tally_put(t, c, why, verdict_reading_rank(r), verdict_reading_d_unknown(r, c));
}

void verdict_tally_fold_d(struct verdict_tally *t, enum wait_cat c, const char *why)
{
	if (t->d_unknown == 0 || (int)c < 0 || c >= WAIT_NCAT || c == WAIT_OTHER)
		return;
	t->count[WAIT_OTHER] -= t->d_unknown;
	t->count[c] += t->d_unknown;
	t->d_unknown = 0;
	if (t->why_rank[c] < 2) {
		verdict_tally_set_why(t, c, why);
		t->why_rank[c] = 2;
	}
}

int verdict_tally_storage(const struct verdict_tally *t)
{
	static const enum wait_cat storage[] = { WAIT_DISK_READ, WAIT_DISK_WRITE,
						 WAIT_DIRTY_THROTTLE };
	int best = -1;

	for (size_t i = 0; i < 3; i++)
		if (t->count[storage[i]] > 0 && (best < 0 || t->count[storage[i]] > t->count[best]))
			best = (int)storage[i];
	return best;
}

/* verdict_off_counts: the off-CPU looks per category, with the D looks of
 * unknown site shared among the storage waits seen; returns their sum. */
static double verdict_off_counts(const struct verdict_tally *t, double *cnt)
{
	static const enum wait_cat storage[] = { WAIT_DISK_READ, WAIT_DISK_WRITE,
						 WAIT_DIRTY_THROTTLE };
	double sum = 0, disk = 0;

	for (int c = 0; c < WAIT_NCAT; c++)
		cnt[c] = (c == WAIT_CPU || c == WAIT_RUNQUEUE) ? 0 : t->count[c];
	for (size_t i = 0; i < 3; i++)
		disk += cnt[storage[i]];
	if (disk > 0 && t->d_unknown > 0) {
		cnt[WAIT_OTHER] -= t->d_unknown;
		for (size_t i = 0; i < 3; i++)
			cnt[storage[i]] += t->d_unknown * cnt[storage[i]] / disk;
	}
	for (int c = 0; c < WAIT_NCAT; c++)
		sum += cnt[c];
	return sum;
}

/* verdict_clamp_pct: into [0, 100]. */
static double verdict_clamp_pct(double v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

/* verdict_argmax: the category with the largest share (ties: the first). */
static enum wait_cat verdict_argmax(const double *share)
{
	int best = 0;

	for (int c = 1; c < WAIT_NCAT; c++)
		if (share[c] > share[best])
			best = c;
	return (enum wait_cat)best;
}

/* verdict_blkio: with delay accounting on, the kernel's own count of the
 * thread's block I/O delay is exact; when the looks gave the storage
 * categories less than that, grow them to it (in their own proportion),
 * taking the time first from unknown sites (other), then from the rest of
 * the off-CPU categories.  Without a storage look there is nothing to say
 * which kind of storage wait it was, so nothing is moved. */
static void verdict_blkio(const struct thread_row *th, double *w)
{
	static const enum wait_cat storage[] = { WAIT_DISK_READ, WAIT_DISK_WRITE,
						 WAIT_DIRTY_THROTTLE };
	double s = 0, need, donors = 0, take;

	if (!th->have_blkio)
		return;
	for (size_t i = 0; i < sizeof(storage) / sizeof(storage[0]); i++)
		s += w[storage[i]];
	need = th->blkio_pct - s;
	if (s <= 0 || need <= 0)
		return;
	take = need < w[WAIT_OTHER] ? need : w[WAIT_OTHER];
	w[WAIT_OTHER] -= take;
	need -= take;
	for (int c = 0; c < WAIT_NCAT; c++)
		if (c != WAIT_CPU && c != WAIT_RUNQUEUE && c != WAIT_OTHER && c != WAIT_DISK_READ &&
		    c != WAIT_DISK_WRITE && c != WAIT_DIRTY_THROTTLE)
			donors += w[c];
	if (need > donors)
		need = donors;
	for (int c = 0; c < WAIT_NCAT && need > 0; c++)
		if (c != WAIT_CPU && c != WAIT_RUNQUEUE && c != WAIT_OTHER && c != WAIT_DISK_READ &&
		    c != WAIT_DISK_WRITE && c != WAIT_DIRTY_THROTTLE)
			w[c] -= w[c] * need / donors;
	take += need;
	for (size_t i = 0; i < sizeof(storage) / sizeof(storage[0]); i++)
		w[storage[i]] += take * w[storage[i]] / s;
}

void verdict_thread(const struct verdict_tally *t, struct thread_row *th)
{
	double cnt[WAIT_NCAT];
	double off = verdict_off_counts(t, cnt);
	double run = 0, rq = 0, w[WAIT_NCAT] = { 0 };
	char why[MODEL_WHY_MAX];

	memset(th->wait_share, 0, sizeof(th->wait_share));
	th->have_wait = false;
	model_set_why(&th->why, NULL);
	if (th->have_sched) {
		run = verdict_clamp_pct(th->run_pct);
		rq = verdict_clamp_pct(th->runq_pct);
		if (run + rq > 100) {
			double k = 100 / (run + rq);
			run *= k;
			rq *= k;
		}
	}
	if (th->have_sched && off > 0) {
		double rest = 100 - run - rq;

		w[WAIT_CPU] = run;
		w[WAIT_RUNQUEUE] = rq;
		for (int c = 0; c < WAIT_NCAT; c++)
			w[c] += rest * cnt[c] / off;
	} else if (th->have_sched && run + rq > 0) {
		/* every look saw it runnable: the short waits between were not seen */
		w[WAIT_CPU] = 100 * run / (run + rq);
		w[WAIT_RUNQUEUE] = 100 * rq / (run + rq);
	} else if (t->n > 0) {
		/* no schedstat: the looks decide alone, R looks as cpu */
		cnt[WAIT_CPU] = t->count[WAIT_CPU];
		for (int c = 0; c < WAIT_NCAT; c++)
			w[c] = 100.0 * cnt[c] / (off + cnt[WAIT_CPU]);
	} else {
		return;
	}
	th->have_wait = true;
	verdict_blkio(th, w);
	th->wait = verdict_argmax(w);
	for (int c = 0; c < WAIT_NCAT; c++)
		th->wait_share[c] = (float)w[c];
	if (th->wait == WAIT_RUNQUEUE)
		snprintf(why, sizeof(why), "runqueue: %.0f%% of the interval waiting for a CPU",
			 w[WAIT_RUNQUEUE]);
	else
		verdict_copy(why, sizeof(why), verdict_tally_why(t, th->wait));
	model_set_why(&th->why, why);
}

/* verdict_cpu_why: "cpu: 80% user, 20% system" from the process's split. */
static void verdict_cpu_why(const struct proc_row *p, char *why, size_t whysz)
{
	double u = p->cpu_user_pct, s = p->cpu_sys_pct;

	if (u + s > 0)
		snprintf(why, whysz, "cpu: %.0f%% user, %.0f%% system", 100 * u / (u + s),
			 100 * s / (u + s));
	else
		snprintf(why, whysz, "cpu: running");
}

void verdict_process(const struct thread_row *threads, size_t n, struct proc_row *p)
{
	bool any_active = false;
	size_t counted = 0;
	const struct thread_row *best = NULL;
	char why[MODEL_WHY_MAX];
	double w[WAIT_NCAT] = { 0 };

	memset(p->wait_share, 0, sizeof(p->wait_share));
	p->have_wait = false;
	model_set_why(&p->why, NULL);
	p->why_pid = 0;
	for (size_t i = 0; i < n; i++)
		if (threads[i].have_wait && threads[i].active)
			any_active = true;
	for (size_t i = 0; i < n; i++) {
		if (!threads[i].have_wait || (any_active && !threads[i].active))
			continue;
		counted++;
		for (int c = 0; c < WAIT_NCAT; c++)
			w[c] += threads[i].wait_share[c];
	}
	if (counted == 0)
		return;
	for (int c = 0; c < WAIT_NCAT; c++) {
		w[c] /= (double)counted;
		p->wait_share[c] = (float)w[c];
	}
	p->have_wait = true;
	p->wait = verdict_argmax(w);
	for (size_t i = 0; i < n; i++) {
		const struct thread_row *th = &threads[i];

		if (!th->have_wait || (any_active && !th->active) || th->wait != p->wait)
			continue;
		if (!best || th->wait_share[p->wait] > best->wait_share[p->wait])
			best = th;
	}
	if (p->wait == WAIT_CPU)
		verdict_cpu_why(p, why, sizeof(why));
	else if (p->wait == WAIT_RUNQUEUE)
		snprintf(why, sizeof(why), "runqueue: %.0f%% of the interval waiting for a CPU",
			 w[WAIT_RUNQUEUE]);
	else if (best) {
		verdict_copy(why, sizeof(why), model_str(best->why));
		p->why_pid = best->why_pid;
	} else
		snprintf(why, sizeof(why), "%s", model_wait_name(p->wait));
	model_set_why(&p->why, why);
}

void verdict_call_text(const struct verdict_reading *r, char *buf, size_t sz)
{
	const struct task_raw *t = r->task;
	const char *name;
	char num[32];

	buf[0] = '\0';
	if (!t->have_syscall || t->syscall_nr < 0)
		return;
	name = verdict_syscall_name(t->syscall_nr);
	if (!name) {
		snprintf(num, sizeof(num), "syscall %ld", t->syscall_nr);
		name = num;
	}
	verdict_on(r, name, buf, sz);
}

void verdict_cpu_call_why(const struct proc_row *p, const char *call, char *why, size_t whysz)
{
	double u = p->cpu_user_pct, s = p->cpu_sys_pct;

	if (!call || !call[0] || u + s <= 0 || s < u) {
		verdict_cpu_why(p, why, whysz);
		return;
	}
	snprintf(why, whysz, "cpu: %.0f%% system, in %s", 100 * s / (u + s), call);
}

void verdict_fmt_us(long long us, char *buf, size_t sz)
{
	if (us < 1000)
		snprintf(buf, sz, "%lldus", us);
	else if (us < 1000000)
		snprintf(buf, sz, "%.3gms", (double)us / 1000.0);
	else
		snprintf(buf, sz, "%.3gs", (double)us / 1e6);
}

void verdict_runqueue_why(double share, const struct limit_cpu *lim, char *why, size_t whysz)
{
	char q[16], per[16];

	if (!lim || !lim->have || !lim->have_delta || lim->nr_throttled == 0 ||
	    lim->throttled_pct < 1) {
		snprintf(why, whysz, "runqueue: %.0f%% of the interval waiting for a CPU", share);
		return;
	}
	verdict_fmt_us(lim->quota_us, q, sizeof(q));
	verdict_fmt_us(lim->period_us, per, sizeof(per));
	if (lim->throttled_pct >= share / 2)
		snprintf(why, whysz, "runqueue: %.0f%% throttled by CPU quota %s/%s (cgroup %s)",
			 share, q, per, lim->cgroup);
	else /* busy CPUs first, the quota hit too */
		snprintf(why, whysz,
			 "runqueue: %.0f%% of the interval waiting for a CPU, %.0f%% throttled by "
			 "CPU quota %s/%s (cgroup %s)",
			 share, lim->throttled_pct, q, per, lim->cgroup);
}

static const char *const verdict_explains[WAIT_NCAT] = {
	[WAIT_CPU] =
	    "running on a CPU; why splits user and system time. "
	    "Profile it (perf top -p PID); much system time means many or costly syscalls.",
	[WAIT_RUNQUEUE] = "runnable but waiting for a CPU: busy CPUs, or a CPU quota (cpu.max). "
			  "Find the other CPU users, lower their priority (nice), or add CPUs.",
	[WAIT_DISK_READ] =
	    "blocked reading storage (read, page-fault read-in, O_DIRECT). "
	    "Check the disk's utilisation; read less, cache more, or use faster storage.",
	[WAIT_DISK_WRITE] =
	    "blocked until its writes reach storage (fsync, sync, O_SYNC/O_DIRECT, writeback). "
	    "Sync less often, batch writes, or use faster storage.",
	[WAIT_DIRTY_THROTTLE] =
	    "throttled because the system or its device has too many dirty pages. "
	    "The disk is slower than the writers; see Dirty and vm.dirty_bytes/vm.dirty_ratio.",
	[WAIT_NET] = "blocked on a network socket (receive, full send buffer, connect, accept). "
		     "why names the peer: look at that server or the network in between.",
	[WAIT_LOCK] = "waiting for a lock: futex, mutex, semaphore, flock or fcntl lock. "
		      "Find the holder (another thread or process) and what it is doing.",
	[WAIT_IPC] =
	    "waiting on another process through a pipe, FIFO, unix socket or message queue. "
	    "why names the other end: look at what that process waits on.",
	[WAIT_POLL] = "poll/select/epoll over a mix of fds: an event loop waiting for work. "
		      "Usually idle by design; look at what should be sending it events.",
	[WAIT_SLEEP] = "a timed sleep (nanosleep, a timeout, pause). "
		       "Deliberate: check the program's own delays, retries and back-off.",
	[WAIT_TTY] = "waiting for terminal input. "
		     "It is waiting for you (or for whoever owns that terminal).",
	[WAIT_CHILD] = "waiting for a child process to exit. "
		       "Look at the child: its own WAIT says why it is slow.",
	[WAIT_STOPPED] = "stopped by a signal (Ctrl-Z, SIGSTOP) or a debugger. "
			 "Resume it with fg or kill -CONT PID, or detach the debugger.",
	[WAIT_ZOMBIE] = "exited, but its parent has not collected its status yet. "
			"Harmless alone; many mean the parent is stuck or buggy.",
	[WAIT_IDLE] = "a kernel thread with nothing to do. "
		      "Nothing to do.",
	[WAIT_OTHER] =
	    "anything else; why names the kernel function (wchan) or the state. "
	    "Search the wchan name; D with an unknown site is often brief storage or driver waits.",
};

const char *verdict_explain(enum wait_cat c)
{
	if ((int)c < 0 || c >= WAIT_NCAT)
		return NULL;
	return verdict_explains[c];
}
