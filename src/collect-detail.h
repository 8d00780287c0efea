/* collect-detail.h - the drill-in's detail of one focused process: its
 * open fds (kind, path, fdinfo position and flags, size by statx with
 * AT_STATX_DONT_SYNC, never stat()), its sockets from the sock_diag table
 * (with tcp_info), /proc/PID/io, status, stat (nice, policy, faults),
 * cgroup, network namespace, and one thread's kernel stack (root only).
 * Read only for the focused process; pure parsers are in parse-detail.c. */
#ifndef WAITTOP_COLLECT_DETAIL_H
#define WAITTOP_COLLECT_DETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include "collect-net.h"
#include "model.h"

struct collect_detail;

/* collect_detail_new: a reader with no previous reading; never NULL. */
struct collect_detail *collect_detail_new(void);
/* collect_detail_free: NULL is a no-op. */
void collect_detail_free(struct collect_detail *cd);
/* collect_detail_set_kin: the processes the next read may look among for
 * the other end of a pipe (parent, children, siblings); copied, at most
 * DETAIL_KIN_MAX kept. */
void collect_detail_set_kin(struct collect_detail *cd, const int *pids, size_t n);
#define DETAIL_KIN_MAX 64
/* collect_detail_set_kin_lists: after set_kin: the next read takes the
 * parent ppid, the children and the siblings from the kernel's children
 * lists instead, only if a pipe needs them (for a -p view, whose
 * snapshot lacks them); the kin set stays for kernels without them. */
void collect_detail_set_kin_lists(struct collect_detail *cd, int ppid);
/* collect_detail_read: read pid now into d (its proc, threads and
 * timeline are left alone); rates are over the time since the previous
 * call for the same (pid, start_ticks), else have_rate is false.  cn may be
 * NULL (no sockets).  tid: the thread whose kernel stack to read (0: pid). */
void collect_detail_read(struct collect_detail *cd, int pid, unsigned long long start_ticks,
			 int tid, const struct collect_net *cn, double mono_s, struct drill *d);

/* Pure parsers (parse-detail.c): 0, or -1 when the text is malformed. */
/* parse_detail_stat: nice (field 19), policy (41), minflt (10), majflt (12). */
int parse_detail_stat(const char *text, int *nice, int *policy, unsigned long long *minflt,
		      unsigned long long *majflt);
/* parse_detail_status: VmRSS, VmSwap (have_swap), voluntary and
 * nonvoluntary context switches into m (have set). */
int parse_detail_status(const char *text, struct drill_mem *m);
/* parse_detail_io: every /proc/PID/io counter into io (have set). */
int parse_detail_io(const char *text, struct drill_io *io);
/* parse_detail_cgroup: the v2 path ("0::/a/b" -> "/a/b"), or the v1 cpu
 * and blkio paths ("cpu:/a blkio:/b"), into out.  -1 when neither. */
int parse_detail_cgroup(const char *text, char *out, size_t outsz);
/* parse_detail_fdinfo: "pos:" and "flags:" (octal) of an fdinfo text. */
int parse_detail_fdinfo(const char *text, unsigned long long *pos, unsigned *flags);
/* parse_detail_stack: "[<0>] do_sys_poll+0x1/0x2" lines to function names,
 * one per line, into out (truncated at a whole line).  The count of names. */
int parse_detail_stack(const char *text, char *out, size_t outsz);
/* parse_detail_ns: the inode of a namespace link text "net:[4026531840]"; 0 if none. */
unsigned long parse_detail_ns(const char *link);
/* parse_detail_tcp_state: "ESTAB", "LISTEN"... for a TCP state number; "?" if unknown. */
const char *parse_detail_tcp_state(int state);

#endif
