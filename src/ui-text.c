/* ui-text.c - putting text on the screen so that nothing but printable
 * characters reaches the terminal: control bytes, escape sequences and
 * invalid UTF-8 become '?', non-ASCII too in plain ASCII mode.  Widths are
 * in cells (wcwidth), so columns stay aligned with wide characters. */
#include "config.h"
#include "ui-priv.h"
#include "fmt.h"

#include <ncurses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define UI_TEXT_MAX 4096

/* ui_text_clean: the printable part of s fitting w cells into out (bytes
 * <= outsz-1); returns the cells it takes. */
static int ui_text_clean(char *out, size_t outsz, const char *s, int w, bool unicode)
{
	size_t n = 0;
	int cells = 0;
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	while (s && *s && cells < w && n + 8 < outsz) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80 || !unicode) {
			out[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
			cells++;
			s++;
			continue;
		}
		wchar_t wc;
		size_t len = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		int cw;

		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			memset(&st, 0, sizeof(st));
			out[n++] = '?';
			cells++;
			s++;
			continue;
		}
		cw = (wc >= 0x80 && wc < 0xa0) || fmt_cp_invisible((unsigned)wc) ? -1 : wcwidth(wc);
		if (cw < 0) {
			out[n++] = '?';
			cells++;
		} else {
			if (cells + cw > w)
				break;
			memcpy(out + n, s, len);
			n += len;
			cells += cw;
		}
		s += len;
	}
	out[n] = '\0';
	return cells;
}

int ui_text_put(int y, int x, int w, const char *s, bool right, bool unicode)
{
	char clean[UI_TEXT_MAX];
	char line[UI_TEXT_MAX + 1024];
	int cells, pad;
	size_t n = 0;

	if (w <= 0)
		return 0;
	if (w > 1000)
		w = 1000;
	cells = ui_text_clean(clean, sizeof(clean), s, w, unicode);
	pad = w - cells;
	if (right) {
		memset(line, ' ', (size_t)pad);
		n = (size_t)pad;
	}
	memcpy(line + n, clean, strlen(clean));
	n += strlen(clean);
	if (!right) {
		memset(line + n, ' ', (size_t)pad);
		n += (size_t)pad;
	}
	line[n] = '\0';
	mvaddstr(y, x, line);
	return w;
}

int ui_text_printf(int y, int x, int w, bool unicode, const char *fmt, ...)
{
	char buf[UI_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return ui_text_put(y, x, w, buf, false, unicode);
}

int ui_text_cells(const char *s, bool unicode)
{
	char clean[UI_TEXT_MAX];

	return ui_text_clean(clean, sizeof(clean), s, 1000, unicode);
}
