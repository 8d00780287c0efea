/* follow.h - following a wait to the local process at the other end: which
 * lookup a wait calls for, /proc/locks parsed and searched for the holder
 * of a blocked lock, the child a wait4/waitid waits for, the socket at the
 * other end of a TCP connection, and the "(pid N command)" suffix of why.
 * Pure: tables in, a pid out.  The tables come from collectors
 * (collect-follow.c, collect-net.c); the sampler glues them together. */
#ifndef WAITTOP_FOLLOW_H
#define WAITTOP_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"
#include "collect-fd.h"
#include "collect-net.h"

/* Which lookup names the process at the other end of a wait. */
enum follow_kind {
	FOLLOW_NONE,
	FOLLOW_TCP, /* the owner of the connection's other socket */
	FOLLOW_UNIX, /* the owner of the unix socket's peer */
	FOLLOW_PIPE, /* the writer (reader) of the pipe */
	FOLLOW_LOCK, /* the holder of the flock/fcntl lock, from /proc/locks */
	FOLLOW_CHILD /* the child of wait4/waitid */
};

/* What a thread was seen waiting in: its verdict and the last resolved
 * syscall evidence. */
struct follow_wait {
	enum wait_cat wait;
	long syscall_nr;
	unsigned long long args[4];
	bool have_target;
	enum fd_kind target_kind;
	int sock_proto; /* enum sock_proto; -1 unknown */
};

/* follow_kind_of: the lookup a wait calls for; FOLLOW_NONE when the
 * evidence does not fit the verdict (a recvfrom on a TCP socket under an
 * ipc verdict, a futex, a sleep...). */
enum follow_kind follow_kind_of(const struct follow_wait *w);
/* follow_role: the word put before the pid in why ("writer", "holder",
 * "child"; "" for sockets); dir is verdict_syscall_dir of the syscall. */
const char *follow_role(enum follow_kind k, int dir);

/* One line of /proc/locks. */
struct follow_lock {
	long id; /* the leading number; waiters share their blocker's */
	bool blocked; /* a "->" line: waiting for the lock above it */
	char type[8]; /* POSIX, FLOCK, OFDLCK, LEASE, DELEG... */
	bool write;
	int pid; /* -1 for OFD locks (no owning process) */
	unsigned major, minor; /* device, hex in the file */
	unsigned long inode;
};

/* follow_parse_locks: the lines of a /proc/locks text into v (at most max;
 * *n how many); malformed lines are skipped.  0, or -1 when text is NULL. */
int follow_parse_locks(const char *text, struct follow_lock *v, size_t max, size_t *n);
/* follow_lock_holder: the pid holding the lock that waiter's blocked
 * request (a "->" line with pid waiter on inode; dev matched too when
 * major or minor is non-zero, type when not NULL) waits for; 0 when there
 * is no such request, the holder is an OFD lock (pid -1) or the waiter
 * itself. */
int follow_lock_holder(const struct follow_lock *v, size_t n, int waiter, unsigned long inode,
		       unsigned major, unsigned minor, const char *type);

/* follow_parse_fdinfo_ino: the "ino:" value of an fdinfo text (the
 * file's inode, without a stat into its filesystem); 0, or -1 when the
 * line is missing (kernels before 5.14). */
int follow_parse_fdinfo_ino(const char *text, unsigned long *ino);

/* A process as the child rule sees it. */
struct follow_proc {
	int pid, ppid;
};

/* follow_child: the child of waiter that its wait4 (want_pid: the first
 * argument, as a signed pid) or waitid (idtype P_PID: want_pid = the id;
 * other idtypes: pass -1) waits for: that pid when it is a child, else
 * (any child, a process group) the lowest-numbered child; 0 when none.
 * *nchildren (may be NULL) is how many children could be meant. */
int follow_child(const struct follow_proc *v, size_t n, int waiter, long long want_pid,
		 size_t *nchildren);
/* follow_wait_pid: want_pid for follow_child from a wait4/waitid
 * syscall's arguments (nr is wait4's or waitid's number). */
long long follow_wait_pid(long nr, const unsigned long long *args);

/* follow_tcp_peer: the socket at the other end of TCP socket si among
 * v[0..n) (same namespace, addresses swapped), or, for a connect still
 * in SYN-SENT, the listener it knocks on (same address, or a wildcard
 * listener when the address is loopback or si's own); NULL when the
 * other end is not a local socket. */
const struct sock_info *follow_tcp_peer(const struct sock_info *v, size_t n,
					const struct sock_info *si);

/* follow_why: append " (ROLE: pid PID CMD)" (" (pid PID CMD)" when role
 * is "", ", +K more" before the parenthesis when more > 0) to why of size
 * whysz, shortening the command, then why itself, so the pid always fits.
 * Control characters in cmd are written as '?'. */
void follow_why(char *why, size_t whysz, const char *role, int pid, const char *cmd, size_t more);

#endif
