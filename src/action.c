/* action.c - signals and renice for the process list and the drill-in.
 * The identity check reads /proc/PID/stat; the signal goes through a
 * pidfd opened before that check, so it reaches the process checked or
 * nothing.  No curses: the UI turns the errno into its status line. */
#include "config.h"
#include "action.h"
#include "collect-proc.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* action_same: is pid the process that started at start_ticks? */
static bool action_same(int pid, unsigned long long start_ticks)
{
	char path[64], buf[1024];
	struct task_raw t;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (util_read_file(AT_FDCWD, path, buf, sizeof(buf)) <= 0 || parse_proc_stat(buf, &t) < 0)
		return false;
	return t.start_ticks == start_ticks;
}

/* action_pidfd_open: a pidfd for pid, or -1 (ENOSYS on old kernels). */
static int action_pidfd_open(int pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

/* action_pidfd_signal: pidfd_send_signal(pidfd, sig); 0 or -1. */
static int action_pidfd_signal(int pidfd, int sig)
{
#ifdef SYS_pidfd_send_signal
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
#else
	(void)pidfd;
	(void)sig;
	errno = ENOSYS;
	return -1;
#endif
}

int action_signal(int pid, unsigned long long start_ticks, int sig)
{
	int pidfd, rc, e;

	if (pid <= 0)
		return -ESRCH;
	pidfd = action_pidfd_open(pid);
	if (pidfd < 0 && errno == ESRCH)
		return -ESRCH;
	if (!action_same(pid, start_ticks)) {
		if (pidfd >= 0)
			close(pidfd);
		return -ESRCH;
	}
	if (pidfd >= 0) {
		rc = action_pidfd_signal(pidfd, sig);
		e = errno;
		close(pidfd);
		if (rc == 0 || e != ENOSYS)
			return rc == 0 ? 0 : -e;
	}
	return kill(pid, sig) == 0 ? 0 : -errno;
}

/* action_nice_of: the nice value of task tid into *nice; 0 or -errno. */
static int action_nice_of(int tid, int *nice)
{
	errno = 0;
	*nice = getpriority(PRIO_PROCESS, (id_t)tid);
	return errno ? -errno : 0;
}

/* action_set_nice: set the nice value of task tid; 0 or -errno. */
static int action_set_nice(int tid, int nice)
{
	return setpriority(PRIO_PROCESS, (id_t)tid, nice) == 0 ? 0 : -errno;
}

/* action_set_threads: set the nice value of every thread of pid; the
 * first error (the main thread's comes first) or 0. */
static int action_set_threads(int pid, int nice)
{
	char path[64];
	struct dirent *de;
	DIR *d;
	int rc;

	if ((rc = action_set_nice(pid, nice)) < 0)
		return rc;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL) {
		int tid = atoi(de->d_name);
		int r;

		if (tid <= 0 || tid == pid)
			continue;
		r = action_set_nice(tid, nice);
		if (r < 0 && r != -ESRCH && rc == 0)
			rc = r;
	}
	closedir(d);
	return rc;
}

int action_renice(int pid, int tid, unsigned long long start_ticks, int delta, int *old_nice,
		  int *new_nice)
{
	int rc, nice;

	if (pid <= 0 || !action_same(pid, start_ticks))
		return -ESRCH;
	if ((rc = action_nice_of(tid > 0 ? tid : pid, old_nice)) < 0)
		return rc;
	nice = *old_nice + delta;
	nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
	*new_nice = nice;
	if (nice == *old_nice)
		return 0;
	return tid > 0 && tid != pid ? action_set_nice(tid, nice) : action_set_threads(pid, nice);
}
