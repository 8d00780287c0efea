/* fmt.h - numbers and strings to short, fixed-width text.  Pure; every
 * function writes at most bufsz bytes, NUL-terminated, and returns buf. */
#ifndef WAITTOP_FMT_H
#define WAITTOP_FMT_H

#include <stddef.h>
#include <stdbool.h>

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

#endif
