/* collect-follow.h - the tables the follow rules (follow.h) need that no
 * other collector keeps: /proc/locks, the children of a process when the
 * snapshot is filtered, the owner of a socket inode the socket map has
 * not seen, and the name of a process.  Bounded reads, on demand only;
 * never a stat() through an fd link (nothing enters the target's
 * filesystem) and never /proc/PID/cmdline (it can wait on mmap_lock). */
#ifndef WAITTOP_COLLECT_FOLLOW_H
#define WAITTOP_COLLECT_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>
#include "follow.h"

#define COLLECT_FOLLOW_LOCKS_BYTES 65536 /* of /proc/locks read */
#define COLLECT_FOLLOW_SCAN_MAX 4096 /* /proc entries looked at per children scan */

/* collect_follow_locks: /proc/locks parsed into v (at most max; *n how
 * many; the first COLLECT_FOLLOW_LOCKS_BYTES only).  0, or -1 with errno. */
int collect_follow_locks(struct follow_lock *v, size_t max, size_t *n);
/* collect_follow_children: the processes whose parent is pid, from the
 * kernel's children lists (without them, from /proc/N/stat of at most
 * COLLECT_FOLLOW_SCAN_MAX processes); at most max into v.  How many. */
size_t collect_follow_children(int pid, struct follow_proc *v, size_t max);
/* collect_follow_sock_owner: a process other than self holding socket
 * INODE, looking at the processes after pid *cursor (0: from the start)
 * until *budget fd links were read (it counts down; at least one process
 * is looked at whole); only processes of uid (the socket's owner; -1:
 * any) are looked into, and fd tables we may not read are skipped.  The
 * pid; 0 when the rest of /proc holds none; -1 when the budget ran out:
 * *cursor is where to go on from in a later call. */
int collect_follow_sock_owner(unsigned long inode, int self, long long uid, size_t *budget,
			      int *cursor);
/* collect_follow_fd_ino: the inode of pid's fd from its fdinfo (read on
 * the deadline worker: never a stat into the file's filesystem); 0, or
 * -1 with errno. */
int collect_follow_fd_ino(int pid, int fd, unsigned long *ino);
/* collect_follow_pid_holds: does pid (still) hold socket INODE? */
bool collect_follow_pid_holds(int pid, unsigned long inode);
/* collect_follow_comm: the comm of pid (sanitised) into buf; 0, or -1
 * when the process is gone. */
int collect_follow_comm(int pid, char *buf, size_t bufsz);

#endif
