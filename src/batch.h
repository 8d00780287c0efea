/* batch.h - plain text (like top -b) and JSON lines output, from the same
 * table the UI draws.  For scripts and tests: no curses here. */
#ifndef WAITTOP_BATCH_H
#define WAITTOP_BATCH_H

#include <stdio.h>
#include "engine.h"
#include "opts.h"
#include "table.h"

/* batch_run: print o->iterations refreshes (forever when -1) of e to
 * stdout, waiting o->delay_s between them.  Returns the exit status. */
int batch_run(const struct opts *o, struct engine *e);
/* batch_text: one refresh as text: strip lines, a header, then t's rows. */
void batch_text(FILE *f, const struct sample *s, const struct table *t, bool full_cmd);
/* batch_json: one refresh as one JSON object on one line. */
void batch_json(FILE *f, const struct sample *s, const struct table *t);
/* batch_json_drill: one refresh of the drill-in (s->drill) as one JSON
 * object on one line (batch-drill.c). */
void batch_json_drill(FILE *f, const struct sample *s);

#endif
