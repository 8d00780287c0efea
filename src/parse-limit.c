/* parse-limit.c - pure parsers for the limit collector: /proc/PID/cgroup,
 * the cgroup mounts in mountinfo, cpu.max, cfs_quota_us, cpu.stat (v1 and
 * v2), fdinfo's mnt_id and a mount's device in mountinfo.  Each takes the
 * file's text; none opens a file. */
#include "collect-limit.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* parse_limit_copy: n bytes of src into dst (size dsz), truncated, NUL-ended. */
static void parse_limit_copy(char *dst, size_t dsz, const char *src, size_t n)
{
	if (n >= dsz)
		n = dsz - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* parse_limit_has_token: does the comma-separated list [s, e) hold tok? */
static bool parse_limit_has_token(const char *s, const char *e, const char *tok)
{
	size_t tl = strlen(tok);

	while (s < e) {
		const char *c = memchr(s, ',', (size_t)(e - s));
		const char *end = c ? c : e;

		if ((size_t)(end - s) == tl && memcmp(s, tok, tl) == 0)
			return true;
		s = end + 1;
	}
	return false;
}

int parse_limit_proc_cgroup(const char *text, char *v2, size_t v2sz, char *v1cpu, size_t v1sz)
{
	const char *line = text;
	bool any = false;

	v2[0] = v1cpu[0] = '\0';
	while (line && *line) {
		const char *eol = strchr(line, '\n');
		const char *c1, *c2;

		if (!eol)
			eol = line + strlen(line);
		c1 = memchr(line, ':', (size_t)(eol - line));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;
		if (c2 && c2[1] == '/') {
			any = true;
			if (c2 == c1 + 1 && line[0] == '0' && c1 == line + 1)
				parse_limit_copy(v2, v2sz, c2 + 1, (size_t)(eol - c2 - 1));
			else if (parse_limit_has_token(c1 + 1, c2, "cpu"))
				parse_limit_copy(v1cpu, v1sz, c2 + 1, (size_t)(eol - c2 - 1));
		}
		line = *eol ? eol + 1 : NULL;
	}
	return any ? 0 : -1;
}

/* parse_limit_field: the start and end of space-separated field k (0-based) of [s, e). */
static const char *parse_limit_field(const char *s, const char *e, int k, const char **end)
{
	for (int i = 0;; i++) {
		const char *sp;

		while (s < e && *s == ' ')
			s++;
		if (s >= e)
			return NULL;
		sp = memchr(s, ' ', (size_t)(e - s));
		if (!sp)
			sp = e;
		if (i == k) {
			*end = sp;
			return s;
		}
		s = sp;
	}
}

int parse_limit_cgroup_mounts(const char *text, char *v2, size_t v2sz, char *v1cpu, size_t v1sz)
{
	const char *line = text;

	v2[0] = v1cpu[0] = '\0';
	while (line && *line) {
		const char *eol = strchr(line, '\n');
		const char *dash, *mp, *mpe = NULL, *fs, *fse = NULL, *so, *soe = NULL;

		if (!eol)
			eol = line + strlen(line);
		dash = strstr(line, " - ");
		mp = parse_limit_field(line, eol, 4, &mpe);
		if (dash && dash < eol && mp && (fs = parse_limit_field(dash + 3, eol, 0, &fse))) {
			so = parse_limit_field(dash + 3, eol, 2, &soe);
			if (fse - fs == 7 && memcmp(fs, "cgroup2", 7) == 0 && !v2[0])
				parse_limit_copy(v2, v2sz, mp, (size_t)(mpe - mp));
			else if (fse - fs == 6 && memcmp(fs, "cgroup", 6) == 0 && so &&
				 parse_limit_has_token(so, soe, "cpu") && !v1cpu[0])
				parse_limit_copy(v1cpu, v1sz, mp, (size_t)(mpe - mp));
		}
		line = *eol ? eol + 1 : NULL;
	}
	return v2[0] || v1cpu[0] ? 0 : -1;
}

int parse_limit_ll(const char *text, long long *v)
{
	char *end;

	while (*text == ' ')
		text++;
	if (!isdigit((unsigned char)*text) && !(*text == '-' && isdigit((unsigned char)text[1])))
		return -1;
	errno = 0;
	*v = strtoll(text, &end, 10);
	if (errno || (*end && *end != '\n' && *end != ' '))
		return -1;
	return 0;
}

int parse_limit_cpu_max(const char *text, long long *quota_us, long long *period_us)
{
	const char *sp = strchr(text, ' ');

	if (!sp || parse_limit_ll(sp + 1, period_us) < 0 || *period_us <= 0)
		return -1;
	if (strncmp(text, "max ", 4) == 0) {
		*quota_us = -1;
		return 0;
	}
	if (!isdigit((unsigned char)*text))
		return -1;
	*quota_us = strtoll(text, NULL, 10);
	return *quota_us > 0 ? 0 : -1;
}

/* parse_limit_key: the number after "key " at the start of a line; -1 if absent. */
static int parse_limit_key(const char *text, const char *key, unsigned long long *v)
{
	size_t kl = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, kl) == 0 && p[kl] == ' ' && isdigit((unsigned char)p[kl + 1])) {
			*v = strtoull(p + kl + 1, NULL, 10);
			return 0;
		}
	}
	return -1;
}

int parse_limit_cpu_stat(const char *text, struct limit_cpu_stat *out)
{
	unsigned long long us;

	memset(out, 0, sizeof(*out));
	if (parse_limit_key(text, "nr_periods", &out->nr_periods) < 0 ||
	    parse_limit_key(text, "nr_throttled", &out->nr_throttled) < 0)
		return -1;
	if (parse_limit_key(text, "throttled_usec", &us) == 0)
		out->throttled_ns = us * 1000ULL;
	else if (parse_limit_key(text, "throttled_time", &out->throttled_ns) < 0)
		return -1;
	return 0;
}

void limit_cpu_delta(const struct limit_cpu_stat *prev, const struct limit_cpu_stat *cur,
		     double dt_s, struct limit_cpu *out)
{
	out->have_delta = false;
	if (dt_s <= 0 || cur->nr_periods < prev->nr_periods ||
	    cur->nr_throttled < prev->nr_throttled || cur->throttled_ns < prev->throttled_ns)
		return;
	out->have_delta = true;
	out->nr_periods = cur->nr_periods - prev->nr_periods;
	out->nr_throttled = cur->nr_throttled - prev->nr_throttled;
	out->throttled_pct = (double)(cur->throttled_ns - prev->throttled_ns) / 1e9 / dt_s * 100.0;
}

int parse_limit_fdinfo_mnt_id(const char *text, int *mnt_id)
{
	unsigned long long v;

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, "mnt_id:", 7) == 0) {
			const char *q = p + 7;

			while (*q == ' ' || *q == '\t')
				q++;
			if (!isdigit((unsigned char)*q))
				return -1;
			v = strtoull(q, NULL, 10);
			if (v > 0x7fffffff)
				return -1;
			*mnt_id = (int)v;
			return 0;
		}
	}
	return -1;
}

int parse_limit_mountinfo_dev(const char *text, int mnt_id, unsigned *major, unsigned *minor,
			      char *mnt, size_t mntsz)
{
	const char *line = text;

	while (line && *line) {
		const char *eol = strchr(line, '\n');
		const char *f, *fe;
		char *end;

		if (!eol)
			eol = line + strlen(line);
		if (isdigit((unsigned char)*line) && strtol(line, &end, 10) == mnt_id &&
		    *end == ' ' && (f = parse_limit_field(line, eol, 2, &fe)) != NULL) {
			unsigned ma, mi;
			const char *m, *me;
			char dev[32];

			parse_limit_copy(dev, sizeof(dev), f, (size_t)(fe - f));
			if (sscanf(dev, "%u:%u", &ma, &mi) != 2)
				return -1;
			*major = ma;
			*minor = mi;
			m = parse_limit_field(line, eol, 4, &me);
			if (m)
				parse_limit_copy(mnt, mntsz, m, (size_t)(me - m));
			else
				mnt[0] = '\0';
			return 0;
		}
		line = *eol ? eol + 1 : NULL;
	}
	return -1;
}
