/* opts.h - the command line, parsed from a table of options into a plain
 * struct before anything else runs.  Bad input: one line on stderr naming
 * the option and what it expects, exit status 2. */
#ifndef WAITTOP_OPTS_H
#define WAITTOP_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#define OPTS_MAX_PIDS 1024

struct opts {
	double delay_s; /* -d, default 1.0, minimum 0.1 */
	long iterations; /* -n; -1 forever */
	bool batch; /* -b */
	bool json; /* --json (implies batch) */
	int pids[OPTS_MAX_PIDS]; /* -p, sorted ascending */
	size_t npids;
	bool have_uid; /* -u */
	unsigned uid;
	int sort_col; /* -s, an enum table_col; -1 default */
	bool color; /* false with -C/--no-color or NO_COLOR */
	bool unicode; /* false with -U/--no-unicode or a non-UTF-8 locale */
	bool threads; /* -H: thread rows */
	bool full_cmd; /* show the full command line */
	bool kthreads; /* --kernel-threads: list kernel threads (hidden by default) */
	int delayacct; /* --delayacct=on: -1 leave, 1 switch on (root) */
	unsigned panes; /* --panes: MODEL_PANE_* rows to collect and print */
	bool drill; /* --drill: the drill-in of the one -p PID */
	int pane; /* --pane: an enum view_pane to start in (0 processes) */
	int pane_sort; /* ... and its sort column in that pane; -1 its default */
};

/* opts_parse: fill *o from argv.  Returns 0 to run; 1 when --help or
 * --version was printed (exit 0); 2 after printing an error (exit 2). */
int opts_parse(struct opts *o, int argc, char **argv);

#endif
