/* opts.c - the command line: a table of options (flag, argument, help,
 * parser) drives getopt_long, --help and the error messages.  Nothing here
 * touches the terminal or /proc beyond looking up a user name. */
#include "config.h"
#include "opts.h"
#include "table.h"
#include "view.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An option handler: 0, or -1 after printing an error. */
typedef int (*opts_fn)(struct opts *o, const char *arg);

struct opts_def {
	int key; /* short letter, or a value >= 256 for long-only */
	const char *name; /* long name */
	const char *arg; /* argument name for --help; NULL when none */
	const char *help;
	opts_fn fn; /* parses the argument; NULL for a plain flag */
	size_t flag; /* a flag: offset of the bool it sets, or 0 */
	bool flag_value;
};

#define OPTS_FN(fn) fn, 0, false
#define OPTS_FLAG(field, value) NULL, offsetof(struct opts, field), value
/* a flag's offset is never 0: the first member is not a flag */
_Static_assert(offsetof(struct opts, delay_s) == 0, "opts.delay_s must come first");

/* opts_err: the one-line error for a bad option argument; returns -1. */
static int opts_err(const char *opt, const char *expect, const char *got)
{
	fprintf(stderr, "waittop: %s: expected %s, got '%s'\n", opt, expect, got);
	return -1;
}

/* opts_is_decimal: digits with at most one '.' (frac) and nothing else: no
 * sign, blank, exponent or hex, which strtod and strtol would accept. */
static bool opts_is_decimal(const char *s, bool frac)
{
	int digits = 0, dots = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && frac && dots++ == 0)
			continue;
		else
			return false;
	}
	return digits > 0;
}

static int opts_delay(struct opts *o, const char *arg)
{
	char *end;
	double v;

	errno = 0;
	v = opts_is_decimal(arg, true) ? strtod(arg, &end) : 0;
	if (errno || !(v >= 0.1) || v > 86400)
		return opts_err("-d", "seconds from 0.1 to 86400 (decimals allowed)", arg);
	o->delay_s = v;
	return 0;
}

static int opts_iterations(struct opts *o, const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = opts_is_decimal(arg, false) ? strtol(arg, &end, 10) : 0;
	if (errno || v < 1)
		return opts_err("-n", "a number of refreshes >= 1", arg);
	o->iterations = v;
	return 0;
}

static int opts_pids(struct opts *o, const char *arg)
{
	const char *p = arg;

	while (*p) {
		char *end;
		long v;

		errno = 0;
		v = strtol(p, &end, 10);
		if (errno || end == p || (*end && *end != ',') || v < 1 || v > INT_MAX)
			return opts_err("-p", "process ids separated by commas", arg);
		if (o->npids >= OPTS_MAX_PIDS)
			return opts_err("-p", "at most 1024 process ids", arg);
		o->pids[o->npids++] = (int)v;
		p = *end ? end + 1 : end;
		if (*end && !*p)
			return opts_err("-p", "process ids separated by commas", arg);
	}
	if (!o->npids)
		return opts_err("-p", "process ids separated by commas", arg);
	qsort(o->pids, o->npids, sizeof(o->pids[0]), util_int_cmp);
	return 0;
}

static int opts_user(struct opts *o, const char *arg)
{
	struct passwd *pw = getpwnam(arg);
	char *end;
	unsigned long v;

	if (pw) {
		o->uid = pw->pw_uid;
	} else {
		errno = 0;
		v = strtoul(arg, &end, 10);
		if (errno || end == arg || *end || v > UINT_MAX || arg[0] == '-')
			return opts_err("-u", "a user name or uid", arg);
		o->uid = (unsigned)v;
	}
	o->have_uid = true;
	return 0;
}

static int opts_sort(struct opts *o, const char *arg)
{
	int c = table_col_parse(arg);

	if (c < 0)
		return opts_err("-s",
				"a column: pid user state cpu wchan wait disk_r disk_w "
				"net_rx net_tx command why",
				arg);
	o->sort_col = c;
	return 0;
}

static int opts_json(struct opts *o, const char *arg)
{
	o->json = o->batch = true;
	return 0;
}

/* The names --panes takes, with their MODEL_PANE_* bits (sockets is not in all). */
static const struct {
	const char *name;
	unsigned bit;
} opts_pane_names[] = {
	{ "disks", MODEL_PANE_DISKS },	     { "interfaces", MODEL_PANE_IFACES },
	{ "connections", MODEL_PANE_CONNS }, { "groups", MODEL_PANE_GROUPS },
	{ "all", MODEL_PANE_ALL },	     { "sockets", MODEL_PANE_CONNS | MODEL_PANE_SOCKETS },
};

static int opts_panes(struct opts *o, const char *arg)
{
	char buf[256], *save = NULL;

	if (strlen(arg) >= sizeof(buf) || !arg[0])
		return opts_err(
		    "--panes", "a list of disks,interfaces,connections,sockets,groups or all", arg);
	snprintf(buf, sizeof(buf), "%s", arg);
	o->panes = 0;
	for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t i, n = sizeof(opts_pane_names) / sizeof(opts_pane_names[0]);

		for (i = 0; i < n && strcmp(w, opts_pane_names[i].name) != 0; i++)
			;
		if (i == n)
			return opts_err(
			    "--panes",
			    "a list of disks,interfaces,connections,sockets,groups or all", arg);
		o->panes |= opts_pane_names[i].bit;
	}
	if (!o->panes)
		return opts_err(
		    "--panes", "a list of disks,interfaces,connections,sockets,groups or all", arg);
	return 0;
}

/* opts_pane: --pane NAME[:COLUMN]: the pane to start in and its sort
 * (the Processes pane's columns are -s's). */
static int opts_pane(struct opts *o, const char *arg)
{
	const char *expect = "processes, disks, interfaces, connections or groups, "
			     "then :COLUMN of that pane (see waittop(1))";
	char name[64];
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
	int p, c = -1;

	if (n >= sizeof(name))
		return opts_err("--pane", expect, arg);
	memcpy(name, arg, n);
	name[n] = '\0';
	if ((p = view_pane_parse(name)) < 0)
		return opts_err("--pane", expect, arg);
	if (colon && p == VIEW_PROCS)
		c = table_col_parse(colon + 1);
	else if (colon)
		c = view_col_parse((enum view_pane)p, colon + 1);
	if (colon && c < 0)
		return opts_err("--pane", expect, arg);
	o->pane = p;
	o->pane_sort = p == VIEW_PROCS ? -1 : c;
	if (p == VIEW_PROCS && c >= 0)
		o->sort_col = c;
	return 0;
}

static int opts_delayacct(struct opts *o, const char *arg)
{
	o->delayacct = 1;
	return 0;
}

enum {
	OPT_JSON = 256,
	OPT_KTHREADS,
	OPT_DELAYACCT,
	OPT_PANES,
	OPT_DRILL,
	OPT_PANE,
	OPT_HELP,
	OPT_VERSION
};

static const struct opts_def opts_table[] = {
	{ 'd', "delay", "SECS", "refresh every SECS seconds (default 1, minimum 0.1)",
	  OPTS_FN(opts_delay) },
	{ 'n', "iterations", "N", "exit after N refreshes", OPTS_FN(opts_iterations) },
	{ 'b', "batch", NULL, "plain text to stdout, one block per refresh (like top -b)",
	  OPTS_FLAG(batch, true) },
	{ OPT_JSON, "json", NULL, "one JSON object per refresh and line (implies -b)",
	  OPTS_FN(opts_json) },
	{ 'p', "pid", "PID[,PID...]", "show only these processes", OPTS_FN(opts_pids) },
	{ 'u', "user", "USER", "show only processes of USER (name or uid)", OPTS_FN(opts_user) },
	{ 's', "sort", "COLUMN",
	  "sort by COLUMN: pid user state cpu wchan wait disk_r disk_w "
	  "net_rx net_tx command why",
	  OPTS_FN(opts_sort) },
	{ 'H', "threads", NULL, "show threads as rows", OPTS_FLAG(threads, true) },
	{ OPT_KTHREADS, "kernel-threads", NULL,
	  "list kernel threads too (hidden by default, on screen and in -b; K toggles)",
	  OPTS_FLAG(kthreads, true) },
	{ 'c', "full-command", NULL, "show full command lines instead of names",
	  OPTS_FLAG(full_cmd, true) },
	{ 'C', "no-color", NULL, "no colour (also when NO_COLOR is set)", OPTS_FLAG(color, false) },
	{ 'U', "no-unicode", NULL, "plain ASCII drawing (also when the locale is not UTF-8)",
	  OPTS_FLAG(unicode, false) },
	{ OPT_DELAYACCT, "delayacct", NULL,
	  "as root, set kernel.task_delayacct=1 (counts only "
	  "processes started afterwards)",
	  OPTS_FN(opts_delayacct) },
	{ OPT_PANES, "panes", "LIST",
	  "with -b/--json, also print disks,interfaces,connections,groups (or all; sockets: UDP, "
	  "unix)",
	  OPTS_FN(opts_panes) },
	{ OPT_PANE, "pane", "NAME[:COL]",
	  "start in pane NAME (processes disks interfaces connections groups), "
	  "sorted by COL",
	  OPTS_FN(opts_pane) },
	{ OPT_DRILL, "drill", NULL,
	  "with one -p PID: start in its drill-in view (with --json: its detail per refresh)",
	  OPTS_FLAG(drill, true) },
	{ OPT_HELP, "help", NULL, "show this help and exit", OPTS_FN(NULL) },
	{ 'V', "version", NULL, "show the version and exit", OPTS_FN(NULL) },
};
#define OPTS_N (sizeof(opts_table) / sizeof(opts_table[0]))

/* opts_usage: GNU-style --help on stdout, generated from the table. */
static void opts_usage(void)
{
	printf("Usage: waittop [OPTION]...\n"
	       "Show why programs are slow: what each process waits on, with evidence,\n"
	       "next to system CPU, writeback, disk, network and pressure.\n\n");
	for (size_t i = 0; i < OPTS_N; i++) {
		const struct opts_def *d = &opts_table[i];
		char left[64];

		if (d->key < 256)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", d->key, d->name,
				 d->arg ? " " : "", d->arg ? d->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", d->name, d->arg ? " " : "",
				 d->arg ? d->arg : "");
		printf("  %-28s %s\n", left, d->help);
	}
	printf("\nIn the full-screen view press h for the keys.  Exit status: 0 ok,\n"
	       "1 runtime error (e.g. none of the -p processes exists), 2 bad command line.\n"
	       "See waittop(1).\n");
}

/* opts_defaults: the values before any option; colour and unicode from the environment. */
static void opts_defaults(struct opts *o)
{
	const char *cs;

	memset(o, 0, sizeof(*o));
	o->delay_s = 1.0;
	o->iterations = -1;
	o->sort_col = -1;
	o->pane_sort = -1;
	o->delayacct = -1;
	o->color = !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]);
	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	o->unicode = cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* opts_find: the table entry for a getopt return value, or NULL. */
static const struct opts_def *opts_find(int key)
{
	for (size_t i = 0; i < OPTS_N; i++)
		if (opts_table[i].key == key)
			return &opts_table[i];
	return NULL;
}

/* opts_long_error: the one line for a long option getopt refused (word is
 * the argument as typed, "--name" or "--name=value"): takes no argument,
 * ambiguous (with the candidates), or unknown. */
static void opts_long_error(const char *word)
{
	const char *name = word + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct opts_def *hit = NULL;
	char cands[256] = "";
	int n = 0;

	for (size_t i = 0; i < OPTS_N; i++) {
		const struct opts_def *d = &opts_table[i];
		if (strncmp(d->name, name, len) != 0)
			continue;
		if (strlen(d->name) == len) { /* exact: it wins over prefixes */
			hit = d;
			n = 1;
			break;
		}
		hit = d;
		n++;
		snprintf(cands + strlen(cands), sizeof(cands) - strlen(cands), " --%s", d->name);
	}
	if (n == 1 && eq && !hit->arg)
		fprintf(stderr, "waittop: option '--%s' takes no argument (see waittop --help)\n",
			hit->name);
	else if (n == 1 && !eq && hit->arg)
		fprintf(stderr, "waittop: option '--%s' needs an argument (see waittop --help)\n",
			hit->name);
	else if (n > 1)
		fprintf(stderr, "waittop: option '--%.*s' is ambiguous; possibilities:%s\n",
			(int)len, name, cands);
	else
		fprintf(stderr, "waittop: unknown option '--%.*s' (see waittop --help)\n", (int)len,
			name);
}

int opts_parse(struct opts *o, int argc, char **argv)
{
	struct option longs[OPTS_N + 1];
	char shorts[2 * OPTS_N + 2];
	size_t ns = 0;
	int c;

	opts_defaults(o);
	shorts[ns++] = ':';
	for (size_t i = 0; i < OPTS_N; i++) {
		const struct opts_def *d = &opts_table[i];

		longs[i] = (struct option){ d->name, d->arg ? required_argument : no_argument, NULL,
					    d->key };
		if (d->key < 256) {
			shorts[ns++] = (char)d->key;
			if (d->arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	memset(&longs[OPTS_N], 0, sizeof(longs[OPTS_N]));
	opterr = 0;
	optind = 0; /* 0, not 1: glibc also forgets a half-read word of an earlier call */
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const struct opts_def *d;

		if ((c == '?' || c == ':') && optind > 1 &&
		    strncmp(argv[optind - 1], "--", 2) == 0 && argv[optind - 1][2]) {
			opts_long_error(argv[optind - 1]);
			return 2;
		}
		if (c == '?') {
			if (optopt && optopt < 256)
				fprintf(stderr,
					"waittop: unknown option '-%c' (see waittop --help)\n",
					optopt);
			else
				fprintf(stderr,
					"waittop: unknown option '%s' (see waittop --help)\n",
					argv[optind - 1]);
			return 2;
		}
		if (c == ':') {
			fprintf(stderr, "waittop: %s: needs an argument (see waittop --help)\n",
				argv[optind - 1]);
			return 2;
		}
		if (c == OPT_HELP) {
			opts_usage();
			return 1;
		}
		if (c == 'V') {
			printf("waittop %s\n", PACKAGE_VERSION);
			printf(
			    "License GPL-2.0-or-later: GNU GPL version 2 or later.\n"
			    "This is free software: you are free to change and redistribute it.\n"
			    "There is NO WARRANTY, to the extent permitted by law.\n");
			return 1;
		}
		d = opts_find(c);
		if (!d)
			return 2;
		if (d->flag)
			*(bool *)((char *)o + d->flag) = d->flag_value;
		else if (!d->fn || d->fn(o, optarg) < 0)
			return 2;
	}
	if (optind < argc) {
		fprintf(stderr, "waittop: unexpected argument '%s' (see waittop --help)\n",
			argv[optind]);
		return 2;
	}
	if (o->drill && o->npids != 1) {
		fprintf(stderr, "waittop: --drill: needs exactly one process, given with -p PID\n");
		return 2;
	}
	if (o->drill && o->batch && !o->json) {
		fprintf(stderr, "waittop: --drill: in batch mode only with --json\n");
		return 2;
	}
	return 0;
}
