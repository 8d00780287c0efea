/* action.h - what the user may do to a process: send it a signal and
 * change its nice value, each only after checking that the pid still is
 * the process the user chose (pid + start time; pids are reused).  Reads
 * /proc so that the UI does not have to.  Errors are returned, never
 * printed. */
#ifndef WAITTOP_ACTION_H
#define WAITTOP_ACTION_H

/* action_signal: send sig to process pid if its start time still is
 * start_ticks (through a pidfd when the kernel has pidfd_open, so the
 * signal cannot reach a process that took the pid meanwhile).  0, or a
 * negative errno: -ESRCH when the process is gone or is another one,
 * -EPERM when it is not ours. */
int action_signal(int pid, unsigned long long start_ticks, int sig);
/* action_renice: add delta to the nice value of every thread of pid
 * (of thread tid alone when tid > 0), clamped to [-20, 19], if pid's
 * start time still is start_ticks.  *old_nice and *new_nice get the
 * values.  0, or a negative errno (-EACCES/-EPERM: only root may lower
 * it, -ESRCH: gone). */
int action_renice(int pid, int tid, unsigned long long start_ticks, int delta, int *old_nice,
		  int *new_nice);

#endif
