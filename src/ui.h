/* ui.h - the full-screen terminal interface: system strip, process pane,
 * help, sort menu, search and filter.  Draws only from struct sample and
 * struct table; never reads /proc. */
#ifndef WAITTOP_UI_H
#define WAITTOP_UI_H

#include "engine.h"
#include "opts.h"

/* ui_run: take the terminal, refresh every o->delay_s from e until the
 * user quits or SIGINT/SIGTERM/SIGHUP arrives, and always restore the
 * terminal.  Returns the process exit status. */
int ui_run(const struct opts *o, struct engine *e);

#endif
