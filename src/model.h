/* model.h - the plain data of one refresh: what the engine hands to the
 * table, the UI and batch output.  Only numbers, fixed strings and owned
 * heap strings: no fds, no curses, no pointers back into collectors, so a
 * sample can be copied into a history ring or serialised.
 * Every value a reader may lack has a have_ flag; false is drawn as "-"
 * (text) or null (JSON), never as 0. */
#ifndef WAITTOP_MODEL_H
#define WAITTOP_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#define MODEL_COMM_MAX 64 /* kernel comm is 16; kernel threads' names run longer */
#define MODEL_THREAD_COMM_MAX 16 /* TASK_COMM_LEN: a user thread's name */
#define MODEL_WCHAN_MAX 64
#define MODEL_USER_MAX 33
#define MODEL_WHY_MAX 160
#define MODEL_DEV_MAX 32

/* Wait categories, in the order the man page lists them. */
enum wait_cat {
	WAIT_CPU, /* on a CPU */
	WAIT_RUNQUEUE, /* runnable, waiting for a CPU */
	WAIT_DISK_READ, /* blocked reading storage */
	WAIT_DISK_WRITE, /* blocked until its writes reach storage */
	WAIT_DIRTY_THROTTLE, /* balance_dirty_pages */
	WAIT_NET, /* network socket */
	WAIT_LOCK, /* futex, mutex, flock, fcntl lock */
	WAIT_IPC, /* pipe, FIFO, unix socket, message queue */
	WAIT_POLL, /* poll/select/epoll over a mix of fds */
	WAIT_SLEEP, /* timed sleep */
	WAIT_TTY, /* terminal input */
	WAIT_CHILD, /* waiting for a child */
	WAIT_STOPPED, /* stopped or traced */
	WAIT_ZOMBIE,
	WAIT_IDLE, /* kernel thread with nothing to do */
	WAIT_OTHER, /* anything else; why names the wchan */
	WAIT_NCAT
};

/* One system-wide row: rates are over the last interval. */
struct sys_row {
	double time_s; /* unix seconds at the end of the interval */
	double interval_s; /* measured, CLOCK_MONOTONIC */

	bool have_cpu;
	double cpu_user_pct, cpu_system_pct, cpu_iowait_pct, cpu_steal_pct, cpu_idle_pct;
	int ncpu;

	double load[3];
	int procs_running, procs_blocked;

	bool have_mem;
	unsigned long long dirty_bytes, writeback_bytes;
	unsigned long long dirty_bg_thresh_bytes, dirty_thresh_bytes;
	double dirtied_bps, written_bps; /* nr_dirtied, nr_written deltas */

	bool have_disk;
	double disk_read_bps, disk_write_bps; /* whole disks, not partitions */
	char busiest_disk[MODEL_DEV_MAX]; /* "" when no disk */
	double busiest_util_pct;

	bool have_net;
	double net_rx_bps, net_tx_bps; /* every interface but lo */
	double lo_rx_bps, lo_tx_bps;
	bool have_retrans;
	double tcp_retrans_ps; /* RetransSegs per second */

	bool have_psi; /* /proc/pressure exists and is readable */
	double psi_cpu_some, psi_io_some, psi_io_full, psi_mem_some, psi_mem_full; /* avg10 */

	int delayacct; /* kernel.task_delayacct: 1, 0, or -1 unknown */

	/* the age of the oldest dirty data, for when it will be written */
	bool have_dirty_expire;
	double dirty_expire_s, dirty_writeback_s; /* vm.dirty_{expire,writeback}_centisecs */
	bool have_dirty_since; /* Dirty is above about zero (SYS_DIRTY_ZERO_BYTES) */
	double dirty_since_s; /* unix seconds it last stood at about zero */
	bool dirty_since_exact; /* false: dirty since before waittop's first reading */

	bool have_load; /* load[] and procs_running/blocked are valid */

	double stretch_s; /* > 0: waittop used more than ENGINE_CPU_BUDGET of a
			   * CPU and paces its refreshes this far apart instead
			   * of -d; 0: it keeps -d */
};

/* One thread of a process: the per-thread facts the verdict and the
 * drill-in view are built from.  Ordered to leave no padding: there is
 * one for every thread on the box. */
struct thread_row {
	int pid, tid;
	char comm[MODEL_THREAD_COMM_MAX]; /* a user thread's name has at most 15
					   * bytes; a kernel thread's longer
					   * name is whole in its proc_row */
	double cpu_pct; /* 100 = one core; only if have_cpu */
	double run_pct, runq_pct; /* schedstat deltas as % of the interval */
	double blkio_pct; /* delay accounting's block I/O delay as % of the
			   * interval (stat field 42); only if have_blkio */
	const char *wchan; /* model_intern()ed, not owned; NULL or "" when running */
	char *why; /* owned (model_set_why); NULL: no evidence */
	long syscall_nr; /* -1 outside a syscall; only if have_syscall */
	float wait_share[WAIT_NCAT]; /* percent of the interval */
	enum wait_cat wait;
	int why_pid; /* 0: none */
	char state; /* R S D T t Z X I, '?' unknown */
	bool have_cpu; /* false on the first frame: no interval yet */
	bool active; /* ran, or was R/D, in the interval */
	bool have_sched;
	bool have_wchan;
	bool have_syscall;
	bool have_wait;
	bool have_blkio; /* delay accounting counted block I/O delay this interval */
};

/* One process, identified by (pid, start_ticks).  Grouped by size so
 * that no padding is left: there is one for every process on the box. */
struct proc_row {
	unsigned long long start_ticks; /* stat field 22: pid + start = identity */
	double cpu_pct; /* 100 = one core, like htop; only if have_cpu */
	double cpu_user_pct, cpu_sys_pct;
	double disk_read_bps, disk_write_bps; /* only if have_io */
	double net_rx_bps, net_tx_bps; /* only if have_net */
	const char *wchan; /* model_intern()ed, not owned; NULL or "" when running */
	char *why; /* owned (model_set_why); NULL: no evidence */
	char *cmdline; /* owned; NUL-separated args joined by spaces; "" for kthreads */
	const char *cmdline_why; /* static; NULL, or why cmdline is unknown ("") */
	size_t thr_first, thr_count; /* this process's threads in sample.threads */
	float wait_share[WAIT_NCAT]; /* percent of the interval */
	/* A one-thread process keeps no thread row after the refresh
	 * (engine_tick): the two fields of that row this row lacks. */
	float lone_runq_pct; /* only if lone_have_sched */
	int lone_syscall_nr; /* -1 outside a syscall; only if lone_have_syscall */
	int pid, ppid;
	int tid; /* the thread of a row shown in H mode */
	unsigned uid;
	int nthreads;
	enum wait_cat wait;
	int why_pid; /* 0: none */
	int group; /* 1 + its row in sample.groups; 0 unknown (Groups not collected) */
	char user[MODEL_USER_MAX];
	char comm[MODEL_COMM_MAX];
	char state;
	bool kthread;
	bool is_thread; /* a thread row shown in H mode (pid = tgid, tid below) */
	bool have_cpu; /* false on the first frame (no interval yet): "-" */
	bool have_wchan;
	bool have_io; /* /proc/PID/io readable and a previous reading exists */
	bool have_net; /* fds readable and the socket dump worked */
	bool have_wait;
	bool lone_have_sched, lone_have_syscall;
};

/* The load average explained: what the R and D threads did over the
 * interval, as average numbers of threads (active.c). */
enum active_cat {
	ACTIVE_CPU, /* on a CPU */
	ACTIVE_RUNQUEUE, /* runnable, waiting for a CPU */
	ACTIVE_DISK_READ,
	ACTIVE_DISK_WRITE,
	ACTIVE_DIRTY_THROTTLE,
	ACTIVE_OTHER_D, /* other uninterruptible waits (lock, other) of D threads */
	ACTIVE_NCAT
};

struct active_row {
	bool have; /* some thread had a verdict this interval */
	double threads[ACTIVE_NCAT]; /* average threads in each */
	double total; /* their sum */
	int top_cat; /* the largest term; -1 when all are 0 */
	int top_pid; /* the process with most of it; 0 none */
	char top_comm[MODEL_COMM_MAX];
};

#define MODEL_UNATTRIB_MAX 8

/* TCP traffic no process could be given (another user's processes when
 * unprivileged, connections that opened and closed within the interval),
 * by the uid owning the sockets. */
struct net_uid_row {
	unsigned uid;
	char user[MODEL_USER_MAX];
	double rx_bps, tx_bps;
};

/* --- the panes' rows (only with engine option panes; see doc/DESIGN.md) --- */
#define MODEL_PANE_DISKS 1u
#define MODEL_PANE_IFACES 2u
#define MODEL_PANE_CONNS 4u
#define MODEL_PANE_GROUPS 8u
#define MODEL_PANE_ALL 15u
/* UDP and unix sockets as conns rows too (the Connections pane's `a`);
 * not in MODEL_PANE_ALL, so --panes all prints what it did */
#define MODEL_PANE_SOCKETS 16u
#define MODEL_SOCKETS_MAX 16384 /* UDP and unix rows per refresh, at most */
#define MODEL_SLAVES_MAX 96
#define MODEL_ADDR_MAX 112 /* "[ffff:...:ffff]:65535", a unix path */
#define MODEL_CGROUP_MAX 256

/* One block device from /proc/diskstats, rates over the interval. */
struct disk_row {
	char name[MODEL_DEV_MAX];
	unsigned major, minor;
	bool partition; /* a partition of a whole disk (its I/O is in the disk's too) */
	bool stacked; /* dm/md: built on the devices in slaves */
	char slaves[MODEL_SLAVES_MAX]; /* "sda2 sdb2", "" when none */
	double reads_ps, writes_ps; /* completed requests */
	double read_bps, write_bps;
	bool have_r_await, have_w_await; /* false: no request completed */
	double r_await_ms, w_await_ms; /* ticks per request */
	double queue; /* average requests in flight (weighted ticks / interval) */
	double util_pct; /* io_ticks / interval */
	bool have_discard; /* the kernel reports discards (4.18+) */
	double discards_ps;
	bool have_flush; /* ... and flushes (5.5+) */
	double flushes_ps;
};

/* One network interface from /proc/net/dev, lo included. */
struct iface_row {
	char name[MODEL_DEV_MAX];
	double rx_bps, tx_bps, rx_pps, tx_pps;
	double rx_errs_ps, tx_errs_ps, rx_drops_ps, tx_drops_ps;
};

/* TCP counters of /proc/net/netstat and snmp for the interfaces' title. */
struct netstat_row {
	bool have; /* /proc/net/netstat readable with both columns */
	double listen_overflows_ps, listen_drops_ps;
};

enum conn_proto { CONN_P_TCP, CONN_P_UDP, CONN_P_UNIX };

/* One TCP connection of the socket table (the NET columns' table), or
 * with MODEL_PANE_SOCKETS one UDP or unix socket. */
struct conn_row {
	enum conn_proto proto; /* 0: TCP */
	/* unix: the socket's path and its peer's ("" unnamed; '@' abstract) */
	char local[MODEL_ADDR_MAX], peer[MODEL_ADDR_MAX];
	int state; /* TCP_ESTABLISHED... (netinet/tcp.h numbering) */
	bool have_rate; /* tcp_info bytes, and a previous reading */
	double rx_bps, tx_bps;
	bool have_rtt;
	double rtt_ms;
	bool have_retrans;
	unsigned retrans; /* tcpi_total_retrans: segments over the connection's life */
	unsigned rqueue, wqueue; /* bytes; LISTEN: waiting connections, backlog */
	int pid; /* owner; 0 none found */
	char comm[MODEL_COMM_MAX]; /* "" when pid is 0 */
	/* UDP and unix rows only */
	unsigned long inode;
	bool have_drops;
	unsigned drops; /* UDP: datagrams dropped (SKMEMINFO_DROPS) */
	int type; /* unix: SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
	unsigned long peer_inode; /* unix: 0 no peer */
	int peer_pid; /* unix: the peer's owner; 0 unknown */
	char peer_comm[MODEL_COMM_MAX]; /* "" unknown */
};

/* One cgroup with its processes summed. */
struct group_row {
	char path[MODEL_CGROUP_MAX]; /* "/system.slice/ssh.service"; "-" unreadable */
	int nprocs;
	double cpu_pct;
	bool have_io; /* every user process's /proc/PID/io was read */
	double disk_read_bps, disk_write_bps;
	bool have_net; /* ... and its sockets */
	double net_rx_bps, net_tx_bps;
	bool have_wait;
	enum wait_cat wait; /* the category with most threads */
	double wait_threads; /* its threads summed: share/100 over threads */
	bool have_psi_cpu, have_psi_io, have_psi_mem;
	double psi_cpu_some, psi_io_some, psi_mem_some; /* the cgroup's avg10 */
	bool have_mem;
	unsigned long long mem_current_bytes;
};

/* --- drill-in: the detail of one focused process ------------------------ */

#define MODEL_HIST_LEN 120 /* intervals in a process's timeline */
#define MODEL_PATH_MAX 256

/* One interval of a process's wait timeline: shares in whole percent. */
struct hist_point {
	bool have; /* false: no verdict that interval (or before the process was seen) */
	unsigned char wait; /* enum wait_cat: the largest share */
	unsigned char share_pct[WAIT_NCAT];
};

/* One open file descriptor of the focused process. */
struct drill_fd {
	int fd;
	char kind[12]; /* fd_kind_name(): "file", "socket", "pipe"... */
	char path[MODEL_PATH_MAX]; /* the link text, sanitised */
	bool have_pos; /* fdinfo readable */
	unsigned long long pos_bytes;
	unsigned flags; /* fdinfo "flags:" (O_* bits), valid with have_pos */
	bool have_size; /* statx(AT_STATX_DONT_SYNC) of a regular file or block device */
	unsigned long long size_bytes;
	int peer_pid; /* a pipe's other end (a unix socket's: see drill_sock); 0 unknown */
	bool peer_looked; /* a pipe: its other end was looked for (peer_pid is the answer) */
	char peer_comm[MODEL_COMM_MAX];
	char watch[MODEL_WHY_MAX]; /* an epoll fd: the fds it watches ("3 5 7"); "" */
};

/* One socket of the focused process, from the sock_diag table. */
struct drill_sock {
	int fd;
	char proto[8]; /* "TCP", "UDP", "unix", "?" */
	char local[MODEL_ADDR_MAX], peer[MODEL_ADDR_MAX]; /* "" when none */
	char state[12]; /* "ESTAB", "LISTEN"... */
	bool listener;
	unsigned rqueue, wqueue; /* bytes; a listener: waiting connections, backlog */
	bool have_rate; /* a previous reading of this socket exists (TCP) */
	double rx_bps, tx_bps;
	bool have_tcpi;
	double rtt_ms;
	unsigned cwnd_segs, retrans;
	double delivery_bps;
	bool have_drops; /* UDP */
	unsigned drops;
	int peer_pid; /* unix peer's owner; 0 unknown */
	char peer_comm[MODEL_COMM_MAX];
};

/* /proc/PID/io: totals and rates over the interval. */
struct drill_io {
	bool have; /* readable */
	bool have_rate; /* and a previous reading exists */
	unsigned long long rchar, wchar, syscr, syscw, read_bytes, write_bytes, cancelled_bytes;
	double rchar_bps, wchar_bps, syscr_ps, syscw_ps, read_bps, write_bps, cancelled_bps;
};

/* /proc/PID/status and stat: memory, faults and context switches. */
struct drill_mem {
	bool have; /* status readable */
	unsigned long long rss_kb, swap_kb;
	bool have_swap; /* no VmSwap line without swap accounting */
	bool have_rate; /* a previous reading exists */
	unsigned long long minflt, majflt, vctx, ivctx; /* totals */
	double minflt_ps, majflt_ps, vctx_ps, ivctx_ps;
};

/* The drill-in's view of one process: everything the screen and the JSON
 * drill-in show beyond the process list.  Owned by struct sample. */
struct drill {
	int pid;
	unsigned long long start_ticks;
	struct proc_row proc; /* the process row (cmdline owned here) */
	struct thread_row *threads; /* owned, nthreads */
	size_t nthreads;
	bool exited; /* gone: the rest is the last reading */
	double exit_time_s; /* unix seconds of the first refresh it was missing */
	double start_time_s; /* unix seconds */
	char parent_comm[MODEL_COMM_MAX]; /* "" unknown */
	bool have_sched;
	int nice;
	int policy; /* SCHED_* from stat field 41 */
	char cgroup[MODEL_CGROUP_MAX]; /* v2 path, or "cpu:/a blkio:/b"; "" unknown */
	bool have_netns;
	bool netns_host; /* the same namespace as pid 1 (or as waittop, unprivileged) */
	unsigned long netns_ino;
	/* the kernel stack of one thread: function names, newest first */
	int stack_tid;
	bool have_stack;
	bool stack_denied; /* not root (or EACCES) */
	char *stack; /* owned; names separated by '\n'; NULL without */
	struct drill_fd *fds; /* owned, sorted by fd */
	size_t nfds;
	bool fds_denied; /* /proc/PID/fd unreadable */
	struct drill_sock *socks; /* owned */
	size_t nsocks;
	struct drill_io io;
	struct drill_mem mem;
	/* the last MODEL_HIST_LEN intervals, oldest first */
	struct hist_point timeline[MODEL_HIST_LEN];
	size_t ntimeline;
	double cost_ms; /* CPU time the detail read took this refresh */
};

/* Everything one refresh produced. */
struct sample {
	struct sys_row sys;
	struct proc_row *procs;
	size_t nprocs;
	struct thread_row *threads;
	size_t nthreads;
	struct net_uid_row unattrib[MODEL_UNATTRIB_MAX]; /* busiest first */
	size_t nunattrib;
	struct active_row active; /* the load average explained */
	unsigned panes; /* MODEL_PANE_* collected for this sample (asked and readable) */
	struct disk_row *disks;
	size_t ndisks;
	struct iface_row *ifaces;
	size_t nifaces;
	struct netstat_row netstat;
	struct conn_row *conns;
	size_t nconns;
	size_t nconns_omitted; /* UDP and unix sockets past MODEL_SOCKETS_MAX */
	struct group_row *groups;
	size_t ngroups;
	/* processes with files open on filesystems of one disk (only while the
	 * engine is asked for them: engine_set_open_disk) */
	bool have_open;
	char open_disk[MODEL_DEV_MAX];
	int *open_pids; /* sorted ascending; owned */
	size_t nopen_pids;
	bool open_complete; /* every process was looked at since it was asked */
	bool root; /* euid 0: the header hint about permissions */
	bool any_denied; /* some process could not be read fully */
	struct drill *drill; /* owned; NULL unless the engine has a focus */
};

/* model_wait_name: the stable category string ("disk-read"...); NULL if out of range. */
const char *model_wait_name(enum wait_cat c);
/* model_wait_short: the category's short name for narrow cells and
 * headers (at most 6 characters: "disk-w", "runq", "dirty"...); NULL if
 * out of range.  The pane, the help and the strip all use these. */
const char *model_wait_short(enum wait_cat c);
/* model_wait_letter: the category's one-letter code in the WAIT bar ('c'
 * cpu, 'r' runqueue, 'W' disk-write...); '?' if out of range. */
char model_wait_letter(enum wait_cat c);
/* model_wait_slows: 2 for the waits that slow a program down (runqueue,
 * disk-read, disk-write, dirty-throttle, lock), 1 for net and ipc (often
 * a peer's pace), 0 for the rest: the WAIT sort's weights. */
int model_wait_slows(enum wait_cat c);
/* model_wait_parse: category from its name; -1 if unknown. */
int model_wait_parse(const char *name);
/* model_str: s, or "" for NULL: how the rows' why and wchan are read. */
static inline const char *model_str(const char *s)
{
	return s ? s : "";
}
/* model_set_why: make *dst an owned copy of why (NULL for "" or NULL),
 * freeing the old one.  Exits through fatal() on ENOMEM. */
void model_set_why(char **dst, const char *why);
/* model_rows_dup_whys: replace the why of n thread rows, copied from rows
 * that keep theirs, by owned copies.  0, or -1 on ENOMEM (those left are NULL). */
int model_rows_dup_whys(struct thread_row *t, size_t n);
/* model_thread_rows_free: free the whys of n thread rows and the array. */
void model_thread_rows_free(struct thread_row *t, size_t n);
/* model_intern: a shared copy of s that lives until exit, for the few
 * hundred kernel function names wchan shows (so a row holds a pointer,
 * not 64 bytes).  Past MODEL_INTERN_MAX different strings it gives "?".
 * Thread-safe.  NULL for NULL. */
const char *model_intern(const char *s);
#define MODEL_INTERN_MAX 8192
/* model_sample_clear: free what a sample owns and zero it; NULL is a no-op. */
void model_sample_clear(struct sample *s);
/* model_sample_copy: deep copy of src into dst (dst must be clear); 0, or -1 on ENOMEM. */
int model_sample_copy(struct sample *dst, const struct sample *src);
/* model_drill_free: free a drill and what it owns; NULL is a no-op. */
void model_drill_free(struct drill *d);
/* model_drill_dup: a deep copy of d; NULL on ENOMEM (or when d is NULL). */
struct drill *model_drill_dup(const struct drill *d);
/* model_policy_name: "other", "fifo", "rr", "batch", "idle", "deadline"
 * for a SCHED_* number; "?" when unknown. */
const char *model_policy_name(int policy);

#endif
