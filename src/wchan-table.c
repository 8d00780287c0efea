/* wchan-table.c - kernel wait sites (the /proc/PID/task/TID/wchan text) to
 * wait categories, as data.  The syscall decides first (verdict.c): this
 * table is the second opinion, for threads outside a known syscall, kernel
 * threads, and syscalls whose fd could not be resolved.  Each entry says
 * what the function is and where it was seen ("6.18": Linux 6.18, by the
 * named fixture in tests/fixtures or on an idle system).  Names change
 * between kernel versions; older names are marked as not seen here. */
#include "config.h"
#include "verdict.h"

#include <string.h>

struct wchan_entry {
	const char *name;
	enum wait_cat cat;
};

static const struct wchan_entry wchan_table[] = {
	/* network */
	{ "wait_woken", WAIT_NET }, /* TCP recv (under sk_wait_data), TCP connect, and tty read
				     * (under n_tty_read): ambiguous, the syscall and fd decide;
				     * 6.18: recvfrom in fixture net-client.py, read of /dev/pts in
				     * tty-reader.py */
	{ "sk_wait_data",
	  WAIT_NET }, /* TCP recv wait before ~4.x; 6.18: only a stack frame under wait_woken */
	{ "inet_csk_accept",
	  WAIT_NET }, /* accept4() on a TCP listener; 6.18, fixture slow-server.py */
	{ "inet_wait_for_connect",
	  WAIT_NET }, /* connect() in progress; older kernels, not seen here */
	{ "sk_stream_wait_memory", WAIT_NET }, /* TCP send buffer full; 6.18, by source */
	{ "sk_stream_wait_connect", WAIT_NET }, /* send before the handshake finished; by source */
	{ "__skb_wait_for_more_packets",
	  WAIT_NET }, /* UDP recv, and unix dgram recv (ambiguous: the fd decides); 6.18 */
	{ "__skb_recv_udp", WAIT_NET }, /* UDP receive path; by source */

	/* ipc: pipes, FIFOs, unix sockets, message queues */
	{ "anon_pipe_read",
	  WAIT_IPC }, /* read on an empty pipe; 6.18, fixture pipe-reader.py, and idle shells */
	{ "anon_pipe_write", WAIT_IPC }, /* write on a full pipe; 6.18, by source */
	{ "pipe_read", WAIT_IPC }, /* pipe read before 6.x; not seen here */
	{ "pipe_write", WAIT_IPC }, /* pipe write before 6.x; not seen here */
	{ "pipe_wait", WAIT_IPC }, /* pipe wait before 5.x; not seen here */
	{ "wait_for_partner", WAIT_IPC }, /* open() of a FIFO with no other end; by source */
	{ "unix_stream_read_generic", WAIT_IPC }, /* read on an AF_UNIX stream socket; 6.18 */
	{ "unix_wait_for_peer", WAIT_IPC }, /* send on a full AF_UNIX dgram socket; by source */
	{ "do_msgrcv", WAIT_IPC }, /* SysV message queue receive; by source */
	{ "do_msgsnd", WAIT_IPC }, /* SysV message queue send (full); by source */
	{ "wq_sleep", WAIT_IPC }, /* POSIX message queue; by source */

	/* locks */
	{ "futex_do_wait",
	  WAIT_LOCK }, /* futex wait (pthread mutex, condvar); 6.18, fixture mutex.c */
	{ "futex_wait_queue", WAIT_LOCK }, /* futex wait, 5.16-6.x; not seen here */
	{ "futex_wait_queue_me", WAIT_LOCK }, /* futex wait before 5.16; not seen here */
	{ "locks_lock_inode_wait", WAIT_LOCK }, /* contended flock(); 6.18 */
	{ "fcntl_setlk", WAIT_LOCK }, /* contended fcntl(F_SETLKW); 6.18 */
	{ "flock_lock_inode_wait", WAIT_LOCK }, /* flock on older kernels; not seen here */
	{ "do_semtimedop", WAIT_LOCK }, /* SysV semaphore; by source */
	{ "rwsem_down_read_slowpath",
	  WAIT_LOCK }, /* kernel rw-semaphore (often mmap_lock); by source */
	{ "rwsem_down_write_slowpath", WAIT_LOCK }, /* kernel rw-semaphore; by source */
	{ "__mutex_lock", WAIT_LOCK }, /* kernel mutex; by source */

	/* poll */
	{ "do_epoll_wait", WAIT_POLL }, /* epoll_wait (net when every watched fd is TCP/UDP); 6.18,
					   fixture epoll-net.py */
	{ "ep_poll", WAIT_POLL }, /* epoll_wait before 5.x; not seen here */
	{ "poll_schedule_timeout",
	  WAIT_POLL }, /* poll/select/pselect6 (".constprop.0" on 6.18); 6.18,
			* fixture poll-mix.py, and bash reading its script */
	{ "do_select", WAIT_POLL }, /* select; by source */
	{ "do_sys_poll", WAIT_POLL }, /* poll; by source */

	/* sleep */
	{ "hrtimer_nanosleep",
	  WAIT_SLEEP }, /* nanosleep/clock_nanosleep; 6.18, fixture sleeper.py */
	{ "do_nanosleep", WAIT_SLEEP }, /* nanosleep on older kernels; not seen here */
	{ "do_sigtimedwait", WAIT_SLEEP }, /* sigtimedwait/sigwaitinfo; by source */
	{ "sigsuspend", WAIT_SLEEP }, /* sigsuspend/pause; by source */

	/* tty */
	{ "n_tty_read",
	  WAIT_TTY }, /* terminal read before 4.x; 6.18 shows wait_woken (tty-reader.py) */
	{ "n_tty_write", WAIT_TTY }, /* terminal write (flow control); by source */

	/* child */
	{ "do_wait", WAIT_CHILD }, /* wait4/waitid/waitpid; 6.18, fixture waiter.py, and shells */

	/* stopped */
	{ "do_signal_stop",
	  WAIT_STOPPED }, /* SIGSTOP/SIGTSTP; 6.18, sleeper.py stopped by wait-stopped.sh */
	{ "ptrace_stop", WAIT_STOPPED }, /* traced and stopped by the tracer; by source */

	/* disk read */
	{ "folio_wait_bit_common",
	  WAIT_DISK_READ }, /* page read-in for read() and page faults (also page-lock waits);
			     * 6.18, buffered and mmap reads after drop_caches */
	{ "wait_on_page_bit_common", WAIT_DISK_READ }, /* same before 5.16; not seen here */
	{ "__lock_page_killable", WAIT_DISK_READ }, /* older page read-in; not seen here */
	{ "blkdev_direct_IO", WAIT_DISK_READ }, /* O_DIRECT on a block device; by source */
	{ "__iomap_dio_rw", WAIT_DISK_READ }, /* O_DIRECT on ext4 (read or write: the syscall
						 decides); 6.18, fixture disk-reader.c */
	{ "iomap_dio_rw", WAIT_DISK_READ }, /* the same, outer function; by source */

	/* disk write */
	{ "folio_wait_bit", WAIT_DISK_WRITE }, /* waiting for writeback of a page (fsync); 6.18,
						  fixture fsync-writer.py */
	{ "folio_wait_writeback", WAIT_DISK_WRITE }, /* the same, one level up; by source */
	{ "submit_bio_wait", WAIT_DISK_WRITE }, /* synchronous bio: cache flush in fsync,
						   discard; 6.18, fixture fsync-writer.py */
	{ "jbd2_log_wait_commit",
	  WAIT_DISK_WRITE }, /* ext4 journal commit for fsync; 6.18, journaled loop ext4 */
	{ "rq_qos_wait",
	  WAIT_DISK_WRITE }, /* writeback throttling (wbt), e.g. close() after rewrite; 6.18 */
	{ "__sync_dirty_buffer", WAIT_DISK_WRITE }, /* synchronous metadata buffer write; 6.18 */
	{ "ext4_wait_block_bitmap", WAIT_DISK_WRITE }, /* block allocation during writeback; 6.18 */
	{ "wait_on_page_bit", WAIT_DISK_WRITE }, /* writeback wait before 5.16; not seen here */
	{ "sleep_on_page", WAIT_DISK_WRITE }, /* before 3.x; not seen here */

	/* dirty throttling */
	{ "balance_dirty_pages",
	  WAIT_DIRTY_THROTTLE }, /* writer throttled over the dirty limit; 6.18, dd
				    in wait-dirty-throttle.sh */

	/* kernel threads waiting for work (only used for PF_KTHREAD tasks in practice) */
	{ "worker_thread", WAIT_IDLE }, /* idle kworker; 6.18, idle system */
	{ "rescuer_thread", WAIT_IDLE }, /* workqueue rescuer; 6.18, idle system */
	{ "smpboot_thread_fn", WAIT_IDLE }, /* ksoftirqd, cpuhp, migration; 6.18, idle system */
	{ "kthread_worker_fn", WAIT_IDLE }, /* kthread workers; 6.18, idle system */
	{ "kthreadd", WAIT_IDLE }, /* 6.18, idle system */
	{ "rcu_gp_kthread", WAIT_IDLE }, /* RCU grace-period kthread; by source */
	{ "rcu_gp_fqs_loop",
	  WAIT_IDLE }, /* rcu_preempt/rcu_sched between grace periods; 6.18, idle system */
	{ "rcu_tasks_one_gp", WAIT_IDLE }, /* rcu_tasks kthreads; 6.18, idle system */
	{ "irq_thread", WAIT_IDLE }, /* threaded interrupt handlers; 6.18, idle system */
	{ "watchdog", WAIT_IDLE }, /* khungtaskd; 6.18, idle system */
	{ "oom_reaper", WAIT_IDLE }, /* 6.18, idle system */
	{ "kswapd", WAIT_IDLE }, /* reclaim, idle when memory is plentiful; 6.18, idle system */
	{ "kcompactd", WAIT_IDLE }, /* 6.18, idle system */
	{ "khugepaged", WAIT_IDLE }, /* 6.18, idle system */
	{ "ksm_scan_thread", WAIT_IDLE }, /* 6.18, idle system */
	{ "kauditd_thread", WAIT_IDLE }, /* 6.18, idle system */
	{ "hwrng_fillfn", WAIT_IDLE }, /* 6.18, idle system */
	{ "devtmpfs_work_loop", WAIT_IDLE }, /* 6.18, idle system */
	{ "kdamond_fn", WAIT_IDLE }, /* DAMON; 6.18, idle system */
	{ "kjournald2", WAIT_IDLE }, /* jbd2 thread between commits; 6.18, journaled loop ext4 */
};

int verdict_wchan_lookup(const char *wchan)
{
	size_t len;

	if (!wchan || !*wchan)
		return -1;
	/* compiler clones keep their base name before the first '.':
	 * poll_schedule_timeout.constprop.0, foo.isra.0, bar.part.0 */
	len = strcspn(wchan, ".");
	for (size_t i = 0; i < sizeof(wchan_table) / sizeof(wchan_table[0]); i++)
		if (strlen(wchan_table[i].name) == len &&
		    strncmp(wchan_table[i].name, wchan, len) == 0)
			return (int)wchan_table[i].cat;
	return -1;
}
