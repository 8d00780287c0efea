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

	bool have_load; /* load[] and procs_running/blocked are valid */

	double stretch_s; /* > 0: waittop used more than ENGINE_CPU_BUDGET of a
			   * CPU and paces its refreshes this far apart instead
			   * of -d; 0: it keeps -d */
};

/* One thread of a process: the per-thread facts the verdict and the
 * drill-in view are built from. */
struct thread_row {
	int pid, tid;
	char state; /* R S D T t Z X I, '?' unknown */
	char comm[MODEL_COMM_MAX];
	bool have_cpu; /* false on the first frame: no interval yet */
	double cpu_pct; /* 100 = one core */
	bool active; /* ran, or was R/D, in the interval */
	bool have_sched;
	double run_pct, runq_pct; /* schedstat deltas as % of the interval */
	bool have_wchan;
	char wchan[MODEL_WCHAN_MAX]; /* "" when running */
	bool have_syscall;
	long syscall_nr; /* -1 outside a syscall; only if have_syscall */
	bool have_wait;
	enum wait_cat wait;
	double wait_share[WAIT_NCAT]; /* percent of the interval */
	char why[MODEL_WHY_MAX];
	bool have_blkio; /* delay accounting counted block I/O delay this interval */
	double blkio_pct; /* that delay as % of the interval (stat field 42) */
};

/* One process, identified by (pid, start_ticks). */
struct proc_row {
	int pid, ppid;
	unsigned long long start_ticks; /* stat field 22: pid + start = identity */
	unsigned uid;
	char user[MODEL_USER_MAX];
	char state;
	int nthreads;
	bool kthread;
	bool is_thread; /* a thread row shown in H mode (pid = tgid, tid below) */
	int tid;

	bool have_cpu; /* false on the first frame (no interval yet): "-" */
	double cpu_pct; /* 100 = one core, like htop */
	double cpu_user_pct, cpu_sys_pct;

	bool have_wchan;
	char wchan[MODEL_WCHAN_MAX]; /* "" when running */

	bool have_io; /* /proc/PID/io readable and a previous reading exists */
	double disk_read_bps, disk_write_bps;

	bool have_net; /* fds readable and the socket dump worked */
	double net_rx_bps, net_tx_bps;

	bool have_wait;
	enum wait_cat wait;
	double wait_share[WAIT_NCAT];
	char why[MODEL_WHY_MAX];

	char comm[MODEL_COMM_MAX];
	char *cmdline; /* owned; NUL-separated args joined by spaces; "" for kthreads */
	const char *cmdline_why; /* static; NULL, or why cmdline is unknown ("") */

	size_t thr_first, thr_count; /* this process's threads in sample.threads */
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

/* Everything one refresh produced. */
struct sample {
	struct sys_row sys;
	struct proc_row *procs;
	size_t nprocs;
	struct thread_row *threads;
	size_t nthreads;
	struct net_uid_row unattrib[MODEL_UNATTRIB_MAX]; /* busiest first */
	size_t nunattrib;
	bool root; /* euid 0: the header hint about permissions */
	bool any_denied; /* some process could not be read fully */
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
/* model_sample_clear: free what a sample owns and zero it; NULL is a no-op. */
void model_sample_clear(struct sample *s);
/* model_sample_copy: deep copy of src into dst (dst must be clear); 0, or -1 on ENOMEM. */
int model_sample_copy(struct sample *dst, const struct sample *src);

#endif
