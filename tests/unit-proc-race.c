/* unit-proc-race.c - a task caught between setting its sleep state and
 * leaving the CPU reads wchan "0"; the reader must not cache that as its
 * wait site.  Starts a spinner (so the CPUs are busy) and a child that
 * execs sleep, scans right away and again later: the later scans must
 * show hrtimer_nanosleep.  Ten rounds: the race hit ~1 in 3 before. */
#include "config.h"
#include "collect-proc.h"
#include "test.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* race_round: one child; 0 when its wchan ended up right, 1 otherwise. */
static int race_round(void)
{
	int spin = fork(), child, bad = 0;

	if (spin == 0)
		for (;;)
			;
	child = fork();
	if (child == 0) {
		execlp("sleep", "sleep", "600", (char *)NULL);
		_exit(127);
	}
	int pids[1] = { child };
	struct collect_proc_opts o = { .threads = true, .only_pids = pids, .n_only_pids = 1 };
	struct collect_proc *cp = collect_proc_new(&o);
	struct proc_snap s = { 0 };

	for (int i = 0; i < 4 && cp; i++) {
		collect_proc_scan(cp, &s);
		if (i == 3) {
			const struct task_raw *t = s.nprocs ? &s.procs[0].task : NULL;

			bad = !t || !t->have_wchan || strcmp(t->wchan, "hrtimer_nanosleep") != 0;
			if (bad)
				fprintf(stderr, "child %d: state %c wchan '%s'\n", child, t ? t->state : '?',
					t && t->have_wchan ? t->wchan : "(none)");
		}
		proc_snap_clear(&s);
		usleep(i == 0 ? 1000 : 100000);
	}
	collect_proc_free(cp);
	kill(child, SIGKILL);
	kill(spin, SIGKILL);
	waitpid(child, NULL, 0);
	waitpid(spin, NULL, 0);
	return bad;
}

int main(void)
{
	int bad = 0;

	for (int i = 0; i < 10; i++)
		bad += race_round();
	CHECK_INT(bad, 0);
	return test_done("unit-proc-race");
}
