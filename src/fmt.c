/* fmt.c - numbers and strings to short text for the pane, the strip and
 * batch output.  Pure: no I/O, no allocation; every output is bounded and
 * NUL-terminated. */
#include "config.h"
#include "fmt.h"

#include <stdio.h>
#include <string.h>

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
