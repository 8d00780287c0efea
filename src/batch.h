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
/* batch_json_panes: batch_json with the arrays of the panes in asked
 * (MODEL_PANE_*) after "processes". */
void batch_json_panes(FILE *f, const struct sample *s, const struct table *t, unsigned asked);

/* batch-panes.c */
/* batch_panes_json: ,"disks":[...],"interfaces":[...],"tcp":{...},
 * "connections":[...],"groups":[...] for the panes in asked; a pane not
 * in s->panes (unreadable) is null. */
void batch_panes_json(FILE *f, const struct sample *s, unsigned asked);
/* batch_panes_text: a table per pane in asked, each followed by a blank
 * line; "NAME n/a" for one not in s->panes. */
void batch_panes_text(FILE *f, const struct sample *s, unsigned asked, bool utf8);

/* batch_json_drill: one refresh of the drill-in (s->drill) as one JSON
 * object on one line (batch-drill.c). */
void batch_json_drill(FILE *f, const struct sample *s);

/* batch_json_num: "key":v with decimals, or "key":null when !have. */
void batch_json_num(FILE *f, const char *key, bool have, double v, int decimals);
/* batch_json_str: "key":"v", escaped for JSON (v is not sanitised: JSON
 * carries the text as it is). */
void batch_json_str(FILE *f, const char *key, const char *v);

#endif
