/* follow.c - the rules that name the process at the other end of a wait:
 * which lookup a verdict's evidence calls for, the /proc/locks parser and
 * the holder of a blocked lock, the child a wait4 waits for, the other
 * socket of a local TCP connection, and the why suffix.  Pure: no /proc,
 * no syscalls; the collectors hand the tables in. */
#include "config.h"
#include "follow.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define FOLLOW_CMD_MAX 48 /* characters of the command kept in why */
#define FOLLOW_CMD_MIN 16 /* shorten why itself before the command gets shorter */

/* follow_is_lock_syscall: flock(), or fcntl() waiting for a record lock. */
static bool follow_is_lock_syscall(long nr, const unsigned long long *args)
{
	if (nr == SYS_flock)
		return true;
	return nr == SYS_fcntl && (args[1] == F_SETLKW || args[1] == F_OFD_SETLKW);
}

enum follow_kind follow_kind_of(const struct follow_wait *w)
{
	bool sock = w->have_target && w->target_kind == FD_SOCKET;

	switch (w->wait) {
	case WAIT_NET:
		return sock && w->sock_proto == SOCK_P_TCP ? FOLLOW_TCP : FOLLOW_NONE;
	case WAIT_IPC:
		if (sock && w->sock_proto == SOCK_P_UNIX)
			return FOLLOW_UNIX;
		return w->have_target && w->target_kind == FD_PIPE ? FOLLOW_PIPE : FOLLOW_NONE;
	case WAIT_LOCK:
		return w->have_target && follow_is_lock_syscall(w->syscall_nr, w->args)
			   ? FOLLOW_LOCK
			   : FOLLOW_NONE;
	case WAIT_CHILD:
		return w->syscall_nr == SYS_wait4 || w->syscall_nr == SYS_waitid ? FOLLOW_CHILD
										 : FOLLOW_NONE;
	default:
		return FOLLOW_NONE;
	}
}

const char *follow_role(enum follow_kind k, int dir)
{
	switch (k) {
	case FOLLOW_PIPE:
		return dir == 2 ? "reader" : "writer";
	case FOLLOW_LOCK:
		return "holder";
	case FOLLOW_CHILD:
		return "child";
	default:
		return "";
	}
}

/* follow_parse_lock_line: one /proc/locks line ("1: -> POSIX  ADVISORY
 * WRITE 361 fe:00:10953530 0 EOF") into *l; 0, or -1 when malformed. */
static int follow_parse_lock_line(const char *s, struct follow_lock *l)
{
	char *end;
	char mode[16];
	int used = 0;

	memset(l, 0, sizeof(*l));
	l->id = strtol(s, &end, 10);
	if (end == s || *end != ':')
		return -1;
	s = end + 1;
	while (*s == ' ')
		s++;
	if (strncmp(s, "->", 2) == 0) {
		l->blocked = true;
		s += 2;
	}
	if (sscanf(s, " %7s %*s %15s %d %x:%x:%lu%n", l->type, mode, &l->pid, &l->major, &l->minor,
		   &l->inode, &used) != 6 ||
	    used == 0)
		return -1;
	l->write = strcmp(mode, "WRITE") == 0;
	return 0;
}

int follow_parse_locks(const char *text, struct follow_lock *v, size_t max, size_t *n)
{
	*n = 0;
	if (!text)
		return -1;
	while (*text && *n < max) {
		const char *eol = strchr(text, '\n');
		char line[256];
		size_t len = eol ? (size_t)(eol - text) : strlen(text);

		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, text, len);
		line[len] = '\0';
		if (follow_parse_lock_line(line, &v[*n]) == 0)
			(*n)++;
		if (!eol)
			break;
		text = eol + 1;
	}
	return 0;
}

int follow_lock_holder(const struct follow_lock *v, size_t n, int waiter, unsigned long inode,
		       unsigned major, unsigned minor, const char *type)
{
	for (size_t i = 0; i < n; i++) {
		const struct follow_lock *w = &v[i];

		if (!w->blocked || w->pid != waiter || w->inode != inode)
			continue;
		if ((major || minor) && (w->major != major || w->minor != minor))
			continue;
		if (type && strcmp(w->type, type) != 0)
			continue;
		/* the holder is the first line of the group, above its waiters */
		for (size_t k = i; k-- > 0;) {
			if (v[k].id != w->id)
				break;
			if (!v[k].blocked)
				return v[k].pid > 0 && v[k].pid != waiter ? v[k].pid : 0;
		}
		return 0;
	}
	return 0;
}

int follow_parse_fdinfo_ino(const char *text, unsigned long *ino)
{
	const char *p = text;

	while (p && *p) {
		if (strncmp(p, "ino:", 4) == 0) {
			char *end;

			*ino = strtoul(p + 4, &end, 10);
			return end == p + 4 ? -1 : 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

long long follow_wait_pid(long nr, const unsigned long long *args)
{
	if (nr == SYS_wait4)
		return (long long)(int)args[0];
	if (nr == SYS_waitid && args[0] == P_PID)
		return (long long)(int)args[1];
	return -1;
}

int follow_child(const struct follow_proc *v, size_t n, int waiter, long long want_pid,
		 size_t *nchildren)
{
	int best = 0;
	size_t count = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i].ppid != waiter || v[i].pid <= 0)
			continue;
		if (want_pid > 0) {
			if (v[i].pid == want_pid) {
				best = v[i].pid;
				count = 1;
				break;
			}
			continue;
		}
		count++;
		if (!best || v[i].pid < best)
			best = v[i].pid;
	}
	if (nchildren)
		*nchildren = count;
	return best;
}

/* follow_addr_norm: an endpoint with v4-mapped IPv6 addresses as IPv4. */
static union sock_addr follow_addr_norm(const union sock_addr *a)
{
	union sock_addr r = *a;

	if (a->sa.sa_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&a->in6.sin6_addr)) {
		memset(&r, 0, sizeof(r));
		r.in4.sin_family = AF_INET;
		r.in4.sin_port = a->in6.sin6_port;
		memcpy(&r.in4.sin_addr, &a->in6.sin6_addr.s6_addr[12], 4);
	}
	return r;
}

/* follow_addr_eq: same address (and port unless any_port). */
static bool follow_addr_eq(const union sock_addr *x, const union sock_addr *y, bool any_port)
{
	union sock_addr a = follow_addr_norm(x), b = follow_addr_norm(y);

	if (a.sa.sa_family != b.sa.sa_family)
		return false;
	if (a.sa.sa_family == AF_INET)
		return a.in4.sin_addr.s_addr == b.in4.sin_addr.s_addr &&
		       (any_port || a.in4.sin_port == b.in4.sin_port);
	if (a.sa.sa_family == AF_INET6)
		return memcmp(&a.in6.sin6_addr, &b.in6.sin6_addr, sizeof(a.in6.sin6_addr)) == 0 &&
		       (any_port || a.in6.sin6_port == b.in6.sin6_port);
	return false;
}

/* follow_addr_port: the port of an endpoint (network order), 0 if none. */
static unsigned follow_addr_port(const union sock_addr *a)
{
	return a->sa.sa_family == AF_INET    ? a->in4.sin_port
	       : a->sa.sa_family == AF_INET6 ? a->in6.sin6_port
					     : 0;
}

/* follow_addr_wild: 0.0.0.0 or ::. */
static bool follow_addr_wild(const union sock_addr *a)
{
	if (a->sa.sa_family == AF_INET)
		return a->in4.sin_addr.s_addr == htonl(INADDR_ANY);
	return a->sa.sa_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&a->in6.sin6_addr);
}

/* follow_addr_loop: 127.0.0.0/8, ::1 or their v4-mapped form. */
static bool follow_addr_loop(const union sock_addr *x)
{
	union sock_addr a = follow_addr_norm(x);

	if (a.sa.sa_family == AF_INET)
		return (ntohl(a.in4.sin_addr.s_addr) >> 24) == 127;
	return a.sa.sa_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&a.in6.sin6_addr);
}

/* follow_listener_for: does listener l take connections to si's peer? */
static bool follow_listener_for(const struct sock_info *l, const struct sock_info *si)
{
	if (follow_addr_port(&l->local) != follow_addr_port(&si->peer))
		return false;
	if (follow_addr_eq(&l->local, &si->peer, false))
		return true;
	/* a wildcard listener only for an address that is surely this host's */
	return follow_addr_wild(&l->local) &&
	       (follow_addr_loop(&si->peer) || follow_addr_eq(&si->peer, &si->local, true));
}

const struct sock_info *follow_tcp_peer(const struct sock_info *v, size_t n,
					const struct sock_info *si)
{
	const struct sock_info *listener = NULL;

	if (si->proto != SOCK_P_TCP || !follow_addr_port(&si->peer) || si->state == TCP_LISTEN)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct sock_info *o = &v[i];

		if (o == si || o->proto != SOCK_P_TCP || o->netns != si->netns || o->gone)
			continue;
		if (o->state == TCP_LISTEN) {
			if (si->state == TCP_SYN_SENT && !listener && follow_listener_for(o, si))
				listener = o;
			continue;
		}
		if (follow_addr_eq(&o->local, &si->peer, false) &&
		    follow_addr_eq(&o->peer, &si->local, false))
			return o;
	}
	return listener;
}

void follow_why(char *why, size_t whysz, const char *role, int pid, const char *cmd, size_t more)
{
	char head[48], tail[32] = "", c[FOLLOW_CMD_MAX + 1];
	size_t fixed, base, room, cl, i;

	if (whysz == 0)
		return;
	snprintf(head, sizeof(head), " (%s%spid %d", role, role[0] ? ": " : "", pid);
	if (more)
		snprintf(tail, sizeof(tail), ", +%zu more", more);
	strcat(tail, ")");
	for (i = 0; cmd && cmd[i] && i < FOLLOW_CMD_MAX; i++)
		c[i] = ((unsigned char)cmd[i] < 0x20 || cmd[i] == 0x7f) ? '?' : cmd[i];
	c[i] = '\0';
	while (i > 0 && c[i - 1] == ' ')
		c[--i] = '\0';
	cl = i;
	fixed = strlen(head) + strlen(tail) + (cl ? 1 : 0);
	if (fixed + 1 > whysz) {
		why[0] = '\0';
		return;
	}
	base = strnlen(why, whysz - 1);
	room = whysz - 1 - fixed; /* for why itself and the command */
	if (base + cl > room) {
		size_t keep_cmd = cl < FOLLOW_CMD_MIN ? cl : FOLLOW_CMD_MIN;

		if (keep_cmd > room)
			keep_cmd = room;

		if (base > room - keep_cmd)
			base = room - keep_cmd;
		if (cl > room - base)
			cl = room - base;
		c[cl] = '\0';
	}
	why[base] = '\0';
	snprintf(why + base, whysz - base, "%s%s%s%s", head, cl ? " " : "", c, tail);
}
