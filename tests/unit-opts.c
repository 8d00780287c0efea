/* unit-opts.c - the command line: good values land in struct opts, bad
 * ones return 2 (the message goes to stderr), --help/--version return 1. */
#include "config.h"
#include "opts.h"
#include "table.h"
#include "test.h"

#include <stdlib.h>

/* parse: run opts_parse on a NULL-terminated list of words. */
static int parse(struct opts *o, const char **words)
{
	static char store[32][64];
	char *argv[32];
	int argc = 0;

	snprintf(store[0], sizeof(store[0]), "waittop");
	argv[argc] = store[argc];
	argc++;
	while (*words && argc < 31) {
		snprintf(store[argc], sizeof(store[argc]), "%s", *words++);
		argv[argc] = store[argc];
		argc++;
	}
	argv[argc] = NULL;
	return opts_parse(o, argc, argv);
}

#define P(...) parse(&o, (const char *[]){ __VA_ARGS__, NULL })

int main(void)
{
	struct opts o;

	unsetenv("NO_COLOR");
	CHECK_INT(parse(&o, (const char *[]){ NULL }), 0);
	CHECK_NEAR(o.delay_s, 1.0, 1e-9);
	CHECK_INT(o.iterations, -1);
	CHECK(!o.batch && !o.json && o.color);
	CHECK_INT(o.sort_col, -1);

	CHECK_INT(P("-d", "0.5", "-n", "3", "-b"), 0);
	CHECK_NEAR(o.delay_s, 0.5, 1e-9);
	CHECK_INT(o.iterations, 3);
	CHECK(o.batch);
	CHECK_INT(P("--json"), 0);
	CHECK(o.json && o.batch);
	CHECK_INT(P("-p", "30,4,17"), 0);
	CHECK_INT(o.npids, 3);
	CHECK_INT(o.pids[0], 4);
	CHECK_INT(o.pids[2], 30);
	CHECK_INT(P("-u", "root"), 0);
	CHECK(o.have_uid && o.uid == 0);
	CHECK_INT(P("-u", "0"), 0);
	CHECK_INT(P("-s", "cpu"), 0);
	CHECK_INT(o.sort_col, COL_CPU);
	CHECK_INT(P("--sort=disk_w"), 0);
	CHECK_INT(o.sort_col, COL_DISK_W);
	CHECK_INT(P("-C", "-U", "-H", "-c"), 0);
	CHECK(!o.color && !o.unicode && o.threads && o.full_cmd);
	setenv("NO_COLOR", "1", 1);
	CHECK_INT(P("-b"), 0);
	CHECK(!o.color);
	unsetenv("NO_COLOR");

	/* bad input: exit status 2 */
	CHECK_INT(P("-d", "abc"), 2);
	CHECK_INT(P("-d", "0"), 2);
	CHECK_INT(P("-d", "0.05"), 2);
	CHECK_INT(P("-d", "1x"), 2);
	CHECK_INT(P("-d", "nan"), 2);
	CHECK_INT(P("-n", "-3"), 2);
	CHECK_INT(P("-n", "0"), 2);
	CHECK_INT(P("-p", "notapid"), 2);
	CHECK_INT(P("-p", "12,"), 2);
	CHECK_INT(P("-p", "-5"), 2);
	CHECK_INT(P("-p", ""), 2);
	CHECK_INT(P("-s", "nosuchcolumn"), 2);
	CHECK_INT(P("-u", "no-such-user-waittop"), 2);
	CHECK_INT(P("--bogus"), 2);
	CHECK_INT(P("-x"), 2);
	CHECK_INT(P("-d"), 2);
	CHECK_INT(P("extra"), 2);
	/* issue 9: long options with a value they do not take, ambiguous
	 * prefixes, numbers in other forms than plain decimals */
	CHECK_INT(P("--threads=1"), 2);
	CHECK_INT(P("--json=1"), 2);
	CHECK_INT(P("--d", "1"), 2);
	CHECK_INT(P("--thr"), 0); /* a unique prefix is fine */
	CHECK(o.threads);
	CHECK_INT(P("--delay=0.5"), 0);
	CHECK_NEAR(o.delay_s, 0.5, 1e-9);
	CHECK_INT(P("-d", "0x10"), 2);
	CHECK_INT(P("-d", " 1"), 2);
	CHECK_INT(P("-d", "1 "), 2);
	CHECK_INT(P("-d", "1e1"), 2);
	CHECK_INT(P("-d", "inf"), 2);
	CHECK_INT(P("-d", "+1"), 2);
	CHECK_INT(P("-d", "1."), 0);
	CHECK_INT(P("-d", ".5"), 0);
	CHECK_INT(P("-d", "1.2.3"), 2);
	CHECK_INT(P("-n", " 3"), 2);
	CHECK_INT(P("-n", "+3"), 2);
	CHECK_INT(P("-n", "3 "), 2);

	CHECK_INT(P("--help"), 1);
	CHECK_INT(P("--version"), 1);
	return test_done("unit-opts");
}
