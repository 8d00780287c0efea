/* main.c - parse the command line, build the engine, then hand over to
 * the full-screen UI or to batch output.  Errors before the terminal is
 * touched: bad input exits 2, a runtime failure exits 1. */
#include "config.h"
#include "batch.h"
#include "engine.h"
#include "opts.h"
#include "ui.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

int main(int argc, char **argv)
{
	struct opts o;
	struct engine *e;
	char err[256];
	int status;

	if (util_stdout_guard() != 0) {
		fprintf(stderr, "waittop: write error: %s\n", strerror(EBADF));
		return 1;
	}
	switch (opts_parse(&o, argc, argv)) {
	case 0:
		break;
	case 1:
		return util_close_stdout(); /* --help, --version */
	default:
		return 2;
	}
	e = engine_new(&o, err, sizeof(err));
	if (!e) {
		fprintf(stderr, "waittop: %s\n", err);
		return 1;
	}
	status = o.batch ? batch_run(&o, e) : ui_run(&o, e);
	engine_free(e);
	if (o.batch && status == 0 && util_close_stdout() != 0)
		status = 1;
	return status;
}
