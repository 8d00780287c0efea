/* parse-proc.c - pure parsers for /proc/PID/{stat,io,schedstat,syscall,
 * cmdline} text, and the sanitiser that keeps control characters and
 * escape sequences from ever reaching a terminal.  No I/O here: each
 * function takes the file's bytes, so tests can feed captured texts. */
#include "config.h"
#include "collect-proc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* parse_proc_utf8_len: length of a valid UTF-8 sequence at s (at most n
 * bytes), 0 if invalid, or if it encodes a C1 control (U+0080..U+009F). */
static size_t parse_proc_utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return len;
}

/* parse_proc_sanitize: copy n bytes of src to dst (size dstsz) keeping
 * printable ASCII and valid UTF-8; every control byte (C0, DEL, C1) and
 * every invalid byte becomes '?'; NUL becomes sep (if sep is '\0' it ends
 * the copy).  Never splits a UTF-8 sequence when truncating.  Returns
 * strlen(dst). */
static size_t parse_proc_sanitize(const char *src, size_t n, char *dst, size_t dstsz, char sep)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, o = 0;

	if (dstsz == 0)
		return 0;
	while (i < n) {
		size_t len;

		if (s[i] == '\0' && sep == '\0')
			break;
		if (s[i] == '\0' || s[i] < 0x20 || s[i] == 0x7f) {
			if (o + 1 >= dstsz)
				break;
			dst[o++] = s[i] == '\0' ? sep : '?';
			i++;
			continue;
		}
		len = parse_proc_utf8_len(s + i, n - i);
		if (len == 0) {
			if (o + 1 >= dstsz)
				break;
			dst[o++] = '?';
			i++;
			continue;
		}
		if (o + len >= dstsz)
			break;
		memcpy(dst + o, s + i, len);
		o += len;
		i += len;
	}
	dst[o] = '\0';
	return o;
}

/* parse_proc_ull: strtoull that advances *p past the number and its
 * leading blanks; -1 when there is no number. */
static int parse_proc_ull(const char **p, int base, unsigned long long *v)
{
	char *end;

	while (**p == ' ')
		(*p)++;
	if (**p == '-' || **p == '\0' || **p == '\n')
		return -1;
	*v = strtoull(*p, &end, base);
	if (end == *p)
		return -1;
	*p = end;
	return 0;
}

/* parse_proc_ll: a signed decimal at *p (after blanks), advancing *p past
 * it; -1 when there is none or it needs more than 64 bits.  Hand-rolled: strtoll's locale handling
 * was a visible share of a scan of thousands of stat lines. */
static int parse_proc_ll(const char **p, long long *v)
{
	const char *s = *p;
	unsigned long long x = 0;
	bool neg = false;

	while (*s == ' ')
		s++;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9') {
		unsigned d = (unsigned)(*s++ - '0');
		if (x > (ULLONG_MAX - d) / 10)
			return -1; /* out of range: malformed */
		x = x * 10 + d;
	}
	/* Negate in unsigned arithmetic: -(long long)x overflows for
	 * -9223372036854775808.  Unsigned fields above LLONG_MAX (rsslim is
	 * 18446744073709551615) keep their bits, as the callers expect. */
	*v = (long long)(neg ? 0 - x : x);
	*p = s;
	return 0;
}

int parse_proc_stat(const char *text, struct task_raw *out)
{
	const char *open = strchr(text, '(');
	const char *close = strrchr(text, ')');
	const char *p;
	unsigned long long f[43]; /* f[k] = field k (1-based, as in proc(5)) */
	long long pid, ppid;
	int k;

	if (!open || !close || close < open || parse_proc_ll(&text, &pid) < 0 || pid <= 0)
		return -1;
	parse_proc_sanitize(open + 1, (size_t)(close - open - 1), out->comm, sizeof(out->comm),
			    '\0');
	p = close + 1;
	if (p[0] != ' ' || p[1] == '\0' || p[2] != ' ')
		return -1;
	out->state = p[1];
	p += 2;
	if (parse_proc_ll(&p, &ppid) < 0)
		return -1;
	memset(f, 0, sizeof(f));
	/* Fields 5..42.  Some (e.g. 7 tty_nr, 8 tpgid, 19 nice) may be
	 * negative: read them signed and ignore them.  42 is missing on old
	 * kernels: stop quietly after 39. */
	for (k = 5; k <= 42; k++) {
		long long v;

		if (parse_proc_ll(&p, &v) < 0) {
			if (k > 39)
				break;
			return -1;
		}
		f[k] = (unsigned long long)v;
	}
	out->pid = out->tid = (int)pid;
	out->ppid = (int)ppid;
	out->flags = (unsigned long)f[9];
	out->minflt = (unsigned long)f[10];
	out->majflt = (unsigned long)f[12];
	out->utime_ticks = f[14];
	out->stime_ticks = f[15];
	out->nthreads = (int)f[20];
	out->start_ticks = f[22];
	out->processor = (int)f[39];
	out->blkio_ticks = f[42];
	return 0;
}

int parse_proc_io(const char *text, struct task_raw *out)
{
	static const char *const keys[] = { "rchar", "wchar", "read_bytes", "write_bytes",
					    "cancelled_write_bytes" };
	unsigned long long v[5];
	unsigned seen = 0;
	const char *line = text;

	while (*line) {
		const char *colon = strchr(line, ':');
		const char *nl = strchr(line, '\n');
		size_t i;

		if (!colon || (nl && nl < colon))
			return -1;
		for (i = 0; i < 5; i++) {
			size_t kl = strlen(keys[i]);
			const char *p = colon + 1;

			if ((size_t)(colon - line) == kl && memcmp(line, keys[i], kl) == 0) {
				if (parse_proc_ull(&p, 10, &v[i]) < 0)
					return -1;
				seen |= 1u << i;
			}
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	if (seen != 0x1f)
		return -1;
	out->rchar = v[0];
	out->wchar = v[1];
	out->read_bytes = v[2];
	out->write_bytes = v[3];
	out->cancelled_write_bytes = v[4];
	out->have_io = true;
	return 0;
}

int parse_proc_schedstat(const char *text, struct task_raw *out)
{
	const char *p = text;
	unsigned long long run, wait, slices;

	if (parse_proc_ull(&p, 10, &run) < 0 || parse_proc_ull(&p, 10, &wait) < 0 ||
	    parse_proc_ull(&p, 10, &slices) < 0)
		return -1;
	out->run_ns = run;
	out->wait_ns = wait;
	out->slices = slices;
	out->have_sched = true;
	return 0;
}

int parse_proc_syscall(const char *text, struct task_raw *out)
{
	const char *p = text;
	long long nr;
	int i;

	memset(out->syscall_args, 0, sizeof(out->syscall_args));
	if (strncmp(text, "running", 7) == 0) {
		out->syscall_nr = -2;
		out->have_syscall = true;
		return 0;
	}
	if (parse_proc_ll(&p, &nr) < 0 || nr < -1)
		return -1;
	if (nr == -1) {
		/* "-1 SP PC": blocked outside a syscall (page fault, zombie) */
		unsigned long long sp, pc;

		if (parse_proc_ull(&p, 16, &sp) < 0 || parse_proc_ull(&p, 16, &pc) < 0)
			return -1;
	} else {
		for (i = 0; i < 6; i++) { /* six are checked, the first few kept */
			unsigned long long a;

			if (parse_proc_ull(&p, 16, &a) < 0)
				return -1;
			if (i < COLLECT_PROC_SYSCALL_ARGS)
				out->syscall_args[i] = a;
		}
	}
	out->syscall_nr = (long)nr;
	out->have_syscall = true;
	return 0;
}

size_t parse_proc_cmdline(const char *buf, size_t n, char *dst, size_t dstsz)
{
	size_t len;

	/* Drop the trailing NULs (and the padding spaces setproctitle leaves). */
	while (n > 0 && (buf[n - 1] == '\0' || buf[n - 1] == ' '))
		n--;
	len = parse_proc_sanitize(buf, n, dst, dstsz, ' ');
	return len;
}

size_t parse_proc_text(const char *buf, size_t n, char *dst, size_t dstsz)
{
	return parse_proc_sanitize(buf, n, dst, dstsz, '\0');
}

int parse_proc_status_uids(const char *text, unsigned *ruid, unsigned *euid)
{
	const char *p = text;

	while (p && strncmp(p, "Uid:", 4) != 0) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p)
		return -1;
	p += 4;
	for (int i = 0; i < 2; i++) {
		unsigned long long v;

		while (*p == '\t' || *p == ' ')
			p++;
		if (parse_proc_ull(&p, 10, &v) < 0 || v > 0xffffffffULL)
			return -1;
		if (*p != '\t' && *p != ' ' && *p != '\n' && *p != '\0')
			return -1;
		*(i == 0 ? ruid : euid) = (unsigned)v;
	}
	return 0;
}
