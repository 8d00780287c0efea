/* fmt.c - numbers and strings to short text for the pane, the strip and
 * batch output.  Pure: no I/O, no allocation; every output is bounded and
 * NUL-terminated. */
#include "config.h"
#include "fmt.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

char *fmt_bytes(char *buf, size_t bufsz, double bytes)
{
	static const char units[] = "KMGTPE";
	double v = bytes;
	int u = -1;

	if (bytes < 0)
		bytes = v = 0;
	if (v < 1024) {
		snprintf(buf, bufsz, "%.0f", v);
		return buf;
	}
	while (v >= 1024 && u < (int)sizeof(units) - 2) {
		v /= 1024;
		u++;
	}
	/* 9.95 would print as "10.0": use the integer form from there on */
	if (v < 9.95)
		snprintf(buf, bufsz, "%.1f%c", v, units[u]);
	else if (v < 1023.5)
		snprintf(buf, bufsz, "%.0f%c", v, units[u]);
	else
		snprintf(buf, bufsz, "%.1f%c", v / 1024, units[u + 1]);
	return buf;
}

char *fmt_rate(char *buf, size_t bufsz, bool have, double bps)
{
	if (!have) {
		snprintf(buf, bufsz, "-");
		return buf;
	}
	return fmt_bytes(buf, bufsz, bps);
}

char *fmt_pct(char *buf, size_t bufsz, bool have, double pct)
{
	if (!have)
		snprintf(buf, bufsz, "-");
	else if (pct < 0)
		snprintf(buf, bufsz, "0.0");
	else if (pct < 99.95)
		snprintf(buf, bufsz, "%.1f", pct);
	else
		snprintf(buf, bufsz, "%.0f", pct);
	return buf;
}

bool fmt_cp_invisible(unsigned cp)
{
	static const unsigned ranges[][2] = {
		{ 0x00ad, 0x00ad }, /* soft hyphen: width 0 or 1 by terminal */
		{ 0x0600, 0x0605 }, /* Arabic number signs (prepended) */
		{ 0x061c, 0x061c }, /* Arabic letter mark (bidi) */
		{ 0x06dd, 0x06dd },   { 0x070f, 0x070f },   { 0x08e2, 0x08e2 },
		{ 0x115f, 0x1160 }, /* Hangul fillers: blank */
		{ 0x180e, 0x180e }, /* Mongolian vowel separator */
		{ 0x200b, 0x200f }, /* zero width space, joiners, LRM, RLM */
		{ 0x2028, 0x2029 }, /* line and paragraph separators */
		{ 0x202a, 0x202e }, /* bidi embeddings and overrides */
		{ 0x2060, 0x2064 }, /* word joiner, invisible operators */
		{ 0x2066, 0x206f }, /* bidi isolates, deprecated format */
		{ 0x3164, 0x3164 }, /* Hangul filler */
		{ 0xfeff, 0xfeff }, /* zero width no-break space (BOM) */
		{ 0xffa0, 0xffa0 }, /* halfwidth Hangul filler */
		{ 0xfff9, 0xfffb }, /* interlinear annotation */
		{ 0x110bd, 0x110bd }, { 0x110cd, 0x110cd }, { 0x13430, 0x1343f },
		{ 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a }, { 0xe0001, 0xe0001 }, /* language tag */
		{ 0xe0020, 0xe007f }, /* tag characters */
	};

	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

/* fmt_utf8_cp: length of the valid UTF-8 sequence at s and its code point
 * in *cpp, or 0 if invalid. */
static size_t fmt_utf8_cp(const unsigned char *s, unsigned *cpp)
{
	size_t n;
	unsigned cp;

	*cpp = s[0];
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	/* C1 controls (U+0080..U+009F) act as escapes on some terminals */
	if (cp >= 0x80 && cp <= 0x9f)
		return 0;
	*cpp = cp;
	return n;
}

/* fmt_utf8_len: length of the valid UTF-8 sequence at s, or 0 if invalid. */
static size_t fmt_utf8_len(const unsigned char *s)
{
	unsigned cp;
	return fmt_utf8_cp(s, &cp);
}

char *fmt_sanitize(char *dst, size_t dstsz, const char *src, bool utf8)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0;

	if (dstsz == 0)
		return dst;
	while (*s && o + 1 < dstsz) {
		unsigned cp = *s;
		size_t n = utf8 ? fmt_utf8_cp(s, &cp) : (*s < 0x80);

		if (n == 1 && (*s < 0x20 || *s == 0x7f))
			n = 0;
		if (n > 1 && fmt_cp_invisible(cp)) { /* one '?' for the whole character */
			dst[o++] = '?';
			s += n;
			continue;
		}
		if (n == 0) {
			dst[o++] = '?';
			s++;
			continue;
		}
		if (o + n >= dstsz)
			break;
		memcpy(dst + o, s, n);
		o += n;
		s += n;
	}
	dst[o] = '\0';
	return dst;
}

char *fmt_json_string(char *dst, size_t dstsz, const char *src)
{
	size_t o = strlen(dst);
	const unsigned char *s = (const unsigned char *)src;
	char esc[8];

	/* keep room for the closing quote and NUL */
	if (o + 3 > dstsz)
		return dst;
	dst[o++] = '"';
	while (*s) {
		size_t n = fmt_utf8_len(s);
		const char *piece = (const char *)s;
		size_t plen = n;

		if (n == 0) {
			piece = "\\ufffd";
			plen = 6;
			n = 1;
		} else if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*s;
			piece = esc;
			plen = 2;
		} else if (*s < 0x20 || *s == 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", *s);
			piece = esc;
			plen = 6;
		}
		if (o + plen + 2 > dstsz)
			break;
		memcpy(dst + o, piece, plen);
		o += plen;
		s += n;
	}
	dst[o++] = '"';
	dst[o] = '\0';
	return dst;
}

/* fmt_wait_others: categories other than 'skip' with a share, largest
 * first, into order[] (at most max); returns how many. */
static int fmt_wait_others(int *order, int max, enum wait_cat skip,
			   const float share_pct[WAIT_NCAT])
{
	int n = 0;

	for (int c = 0; c < WAIT_NCAT; c++) {
		int k;

		if (c == (int)skip || !(share_pct[c] >= 0.5))
			continue;
		for (k = n; k > 0 && share_pct[order[k - 1]] < share_pct[c]; k--)
			if (k < max)
				order[k] = order[k - 1];
		if (k < max)
			order[k] = c;
		if (n < max)
			n++;
	}
	return n;
}

char *fmt_wait_long(char *buf, size_t bufsz, bool have, enum wait_cat wait,
		    const float share_pct[WAIT_NCAT])
{
	int order[3], n;
	size_t o;

	if (!have || !model_wait_name(wait)) {
		snprintf(buf, bufsz, "-");
		return buf;
	}
	if (share_pct[wait] > 0)
		snprintf(buf, bufsz, "%s %.0f%%", model_wait_name(wait), share_pct[wait]);
	else
		snprintf(buf, bufsz, "%s", model_wait_name(wait));
	n = fmt_wait_others(order, 3, wait, share_pct);
	for (int i = 0; i < n; i++) {
		o = strlen(buf);
		snprintf(buf + o, bufsz - o, "%s%s %.0f%%", i ? ", " : " (",
			 model_wait_name((enum wait_cat)order[i]), share_pct[order[i]]);
	}
	o = strlen(buf);
	if (n)
		snprintf(buf + o, bufsz - o, ")");
	return buf;
}

char *fmt_wait_short(char *buf, size_t bufsz, bool have, enum wait_cat wait,
		     const float share_pct[WAIT_NCAT])
{
	if (!have || !model_wait_short(wait))
		snprintf(buf, bufsz, "-");
	else if (share_pct[wait] > 0)
		snprintf(buf, bufsz, "%s %.0f%%", model_wait_short(wait), share_pct[wait]);
	else
		snprintf(buf, bufsz, "%s", model_wait_short(wait));
	return buf;
}

int fmt_wait_bar(int *cells, int n, const float share_pct[WAIT_NCAT])
{
	int got[WAIT_NCAT], filled = 0, want;
	double rem[WAIT_NCAT], total = 0;

	for (int c = 0; c < WAIT_NCAT; c++) {
		double v = share_pct[c] > 0 ? share_pct[c] : 0;
		double exact = v * n / 100.0;

		total += v;
		got[c] = (int)exact;
		rem[c] = exact - got[c];
		filled += got[c];
	}
	/* cells the shares cover in all, rounded, never more than n */
	want = (int)(total * n / 100.0 + 0.5);
	if (want > n)
		want = n;
	while (filled < want) {
		int best = -1;

		for (int c = 0; c < WAIT_NCAT; c++)
			if (share_pct[c] > 0 && (best < 0 || rem[c] > rem[best]))
				best = c;
		if (best < 0)
			break;
		got[best]++;
		rem[best] = -1;
		filled++;
	}
	filled = 0;
	for (int c = 0; c < WAIT_NCAT; c++)
		for (int k = 0; k < got[c] && filled < n; k++)
			cells[filled++] = c;
	for (int i = filled; i < n; i++)
		cells[i] = -1;
	return filled;
}

/* fmt_char: the next character of s: its length in bytes (at least 1), the
 * bytes to show in out (a '?' for what must not reach a terminal) and its
 * width in cells. */
static size_t fmt_char(const unsigned char *s, bool utf8, char out[8], int *cells)
{
	size_t n = utf8 ? fmt_utf8_len(s) : (*s < 0x80);
	wchar_t wc = 0;
	mbstate_t st;

	if (n == 1 && (*s < 0x20 || *s == 0x7f))
		n = 0;
	if (n == 0) {
		out[0] = '?', out[1] = '\0', *cells = 1;
		return 1;
	}
	memcpy(out, s, n);
	out[n] = '\0';
	*cells = 1;
	if (n > 1) {
		int w;

		memset(&st, 0, sizeof(st));
		if (mbrtowc(&wc, (const char *)s, n, &st) != n || (w = wcwidth(wc)) < 0) {
			out[0] = '?', out[1] = '\0';
			return n;
		}
		*cells = w;
	}
	return n;
}

int fmt_cells(const char *src, bool utf8)
{
	const unsigned char *s = (const unsigned char *)src;
	int cells = 0, w;
	char ch[8];

	while (s && *s) {
		s += fmt_char(s, utf8, ch, &w);
		cells += w;
	}
	return cells;
}

int fmt_cut(char *dst, size_t dstsz, const char *src, int skip, int width, bool utf8)
{
	const char *dots = utf8 ? "\u2026" : "~";
	const unsigned char *s = (const unsigned char *)(src ? src : "");
	int total = fmt_cells(src, utf8), pos = 0, cells = 0, w;
	bool cut_end, cut_start;
	size_t o = 0;
	char ch[8];

	dst[0] = '\0';
	if (dstsz < 8 || width <= 0)
		return 0;
	if (skip > total - width)
		skip = total - width;
	if (skip < 0)
		skip = 0;
	cut_start = skip > 0;
	cut_end = total - skip > width;
	/* the ellipses take one cell each from the window */
	int room = width - (cut_end ? 1 : 0) - (cut_start ? 1 : 0);

	if (room < 0)
		room = 0;
	if (cut_start && o + strlen(dots) < dstsz) {
		strcpy(dst, dots);
		o = strlen(dots);
		cells = 1;
		skip++; /* the first cell shown is under the ellipsis */
	}
	while (*s) {
		size_t n = fmt_char(s, utf8, ch, &w);

		s += n;
		if (pos < skip) {
			pos += w;
			if (pos > skip && cells < (cut_start ? 1 : 0) + room) {
				/* a wide character straddles the left edge */
				dst[o++] = ' ';
				cells++;
			}
			continue;
		}
		pos += w;
		if (cells + w > (cut_start ? 1 : 0) + room || o + strlen(ch) + 4 >= dstsz)
			break;
		memcpy(dst + o, ch, strlen(ch));
		o += strlen(ch);
		cells += w;
	}
	while (cut_end && cells < width - 1 && o + 2 < dstsz) {
		dst[o++] = ' '; /* a wide character did not fit */
		cells++;
	}
	dst[o] = '\0';
	if (cut_end && o + strlen(dots) < dstsz) {
		strcpy(dst + o, dots);
		cells++;
	}
	return cells;
}

/* The interpreters whose script or main class names the program. */
static const char *const fmt_interps[] = {
	"python", "perl", "ruby", "node", "nodejs",  "java",  "sh",   "bash", "dash", "zsh",
	"ksh",	  "mksh", "php",  "lua",  "Rscript", "tclsh", "wish", "pypy", "deno", "bun",
};

/* fmt_is_interp: base is an interpreter's name, maybe with a version
 * ("python3", "python3.12", "perl5.36"). */
static bool fmt_is_interp(const char *base, size_t len)
{
	for (size_t i = 0; i < sizeof(fmt_interps) / sizeof(fmt_interps[0]); i++) {
		size_t n = strlen(fmt_interps[i]);

		if (len < n || strncmp(base, fmt_interps[i], n) != 0)
			continue;
		while (n < len && ((base[n] >= '0' && base[n] <= '9') || base[n] == '.'))
			n++;
		if (n == len)
			return true;
	}
	return false;
}

/* fmt_base: the last path component of the word [w, w+len). */
static const char *fmt_base(const char *w, size_t *len)
{
	const char *b = w;

	for (size_t i = 0; i < *len; i++)
		if (w[i] == '/' && i + 1 < *len)
			b = w + i + 1;
	*len -= (size_t)(b - w);
	return b;
}

/* fmt_takes_value: an interpreter option whose value is the next word. */
static bool fmt_takes_value(const char *w, size_t len)
{
	static const char *const opts[] = { "-cp", "-classpath", "--class-path", "-W",
					    "-X",  "-I",	 "-r",		 "--require" };

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (strlen(opts[i]) == len && strncmp(w, opts[i], len) == 0)
			return true;
	return false;
}

/* fmt_word_end: the start of the word after the one at w (spaces skipped). */
static const char *fmt_next_word(const char *w)
{
	w += strcspn(w, " ");
	while (*w == ' ')
		w++;
	return w;
}

char *fmt_command(char *buf, size_t bufsz, const char *comm, const char *cmdline)
{
	const char *base, *arg;
	size_t blen;

	if (!cmdline || !cmdline[0]) {
		snprintf(buf, bufsz, "%s", comm);
		return buf;
	}
	blen = strcspn(cmdline, " ");
	base = fmt_base(cmdline, &blen);
	/* a process that named itself (prctl, /proc/self/comm) is its name */
	if (strlen(comm) > blen || strncmp(base, comm, strlen(comm)) != 0) {
		snprintf(buf, bufsz, "%s", comm);
		return buf;
	}
	if (!fmt_is_interp(base, blen)) {
		/* the base name when comm agrees (comm is cut at 15 characters) */
		if ((blen == strlen(comm) || (strlen(comm) == 15 && blen > 15)) &&
		    strncmp(base, comm, strlen(comm)) == 0)
			snprintf(buf, bufsz, "%.*s", (int)blen, base);
		else
			snprintf(buf, bufsz, "%s", comm);
		return buf;
	}
	for (arg = fmt_next_word(cmdline); *arg == '-';) {
		size_t al = strcspn(arg, " ");

		/* -c, -e and -m: the code or module given is what runs */
		if (al == 2 && (arg[1] == 'c' || arg[1] == 'e' || arg[1] == 'm')) {
			snprintf(buf, bufsz, "%.*s %s", (int)blen, base, arg);
			return buf;
		}
		if (al == 4 && strncmp(arg, "-jar", 4) == 0) {
			arg = fmt_next_word(arg);
			break;
		}
		arg = fmt_takes_value(arg, al) ? fmt_next_word(fmt_next_word(arg))
					       : fmt_next_word(arg);
	}
	if (*arg) {
		size_t sl = strcspn(arg, " ");
		const char *sb = fmt_base(arg, &sl);

		snprintf(buf, bufsz, "%.*s %.*s", (int)blen, base, (int)sl, sb);
	} else {
		snprintf(buf, bufsz, "%.*s", (int)blen, base);
	}
	return buf;
}
