/* fmt.h - numbers and strings to short, fixed-width text.  Pure; every
 * function writes at most bufsz bytes, NUL-terminated, and returns buf. */
#ifndef WAITTOP_FMT_H
#define WAITTOP_FMT_H

#include <stddef.h>
#include <stdbool.h>
#include "model.h"

/* fmt_bytes: 1023 -> "1023", 1536 -> "1.5K", 3e9 -> "2.8G" (binary units),
 * at most 5 characters. */
char *fmt_bytes(char *buf, size_t bufsz, double bytes);
/* fmt_rate: fmt_bytes for a rate, or "-" when !have. */
char *fmt_rate(char *buf, size_t bufsz, bool have, double bps);
/* fmt_pct: "12.3" below 100, "250" above; "-" when !have. */
char *fmt_pct(char *buf, size_t bufsz, bool have, double pct);
/* fmt_cp_invisible: true for a code point that draws nothing yet changes
 * the text around it: Unicode format characters (category Cf: bidi
 * controls, zero-width space and joiners, BOM, soft hyphen, tags), line
 * and paragraph separators, and the blank Hangul fillers.  Combining marks
 * (Mn, Me) are not in it: they attach to the character before. */
bool fmt_cp_invisible(unsigned cp);
/* fmt_sanitize: copy src to dst, replacing control characters, bytes
 * >= 0x7f (when !utf8), and invisible characters (fmt_cp_invisible) by
 * '?', so nothing reaches the terminal raw or reorders the line. */
char *fmt_sanitize(char *dst, size_t dstsz, const char *src, bool utf8);
/* fmt_json_string: append src as a JSON string literal (quotes included,
 * control characters \u-escaped, invalid UTF-8 replaced) to dst; returns
 * dst, truncating cleanly (never a half escape) if it does not fit. */
char *fmt_json_string(char *dst, size_t dstsz, const char *src);

/* fmt_wait_long: the batch WAIT cell: the verdict and its share, then the
 * other categories above 0.5 %, largest first, at most three of them:
 * "disk-write 39% (runqueue 49%, cpu 12%)"; "-" when !have. */
char *fmt_wait_long(char *buf, size_t bufsz, bool have, enum wait_cat wait,
		    const float share_pct[WAIT_NCAT]);
/* fmt_wait_short: the pane's WAIT text: the verdict's short name and its
 * share, "disk-w 39%" (the name alone when its share is 0); "-" when !have. */
char *fmt_wait_short(char *buf, size_t bufsz, bool have, enum wait_cat wait,
		     const float share_pct[WAIT_NCAT]);
/* fmt_wait_bar: a stacked bar of the shares in n cells: cells[i] is the
 * category of cell i (largest remainder, so a share of at least one cell's
 * worth gets a cell), or -1 where the shares do not reach (the rest of an
 * interval no category covers).  Returns the cells filled. */
int fmt_wait_bar(int *cells, int n, const float share_pct[WAIT_NCAT]);
/* fmt_cut: the part of src shown in a window of 'width' cells after
 * skipping 'skip' cells (horizontal scroll), into dst: control bytes and
 * invalid UTF-8 become '?' (non-ASCII too when !utf8); when text is cut at
 * the end the last cell is an ellipsis ("\u2026" when utf8, '~' when
 * not), and at the start when skip > 0.  Never splits a character: a wide
 * one that does not fit leaves a space.  Returns the cells written. */
int fmt_cut(char *dst, size_t dstsz, const char *src, int skip, int width, bool utf8);
/* fmt_cells: display width of src as fmt_cut counts it. */
int fmt_cells(const char *src, bool utf8);
/* fmt_command: what COMMAND shows by default: for an interpreter (python,
 * perl, ruby, node, java, sh, bash...) its name and the script or main
 * class ("python3 adder.py", "java Main", "sh -c sleep 100; true"),
 * else the program's base name from the command line (not cut at 15
 * characters like comm).  comm when the command line's program does not
 * start with comm (a process that renamed itself, a script run by its
 * #! line: comm "build.sh").  cmdline may be NULL or "". */
char *fmt_command(char *buf, size_t bufsz, const char *comm, const char *cmdline);

#endif
