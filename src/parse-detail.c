/* parse-detail.c - pure parsers for the drill-in's /proc texts: stat
 * (nice, policy, faults), status, io, cgroup, fdinfo, a kernel stack and a
 * namespace link.  No I/O: each takes the file's text. */
#include "config.h"
#include "collect-detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int parse_detail_stat(const char *text, int *nice, int *policy, unsigned long long *minflt,
		      unsigned long long *majflt)
{
	const char *p = strrchr(text, ')');
	long long f[42] = { 0 }; /* f[k] = field k */
	int k;

	if (!p || p[1] != ' ' || !p[2])
		return -1;
	p += 3; /* past ") S" */
	for (k = 4; k <= 41; k++) {
		char *end;

		while (*p == ' ')
			p++;
		f[k] = strtoll(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
	}
	*nice = (int)f[19];
	*policy = (int)f[41];
	*minflt = (unsigned long long)f[10];
	*majflt = (unsigned long long)f[12];
	return 0;
}

/* parse_detail_field: the number after "key:" at the start of a line of text. */
static bool parse_detail_field(const char *text, const char *key, unsigned long long *v)
{
	size_t kl = strlen(key);

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char *end;

		if (strncmp(l, key, kl) != 0 || l[kl] != ':')
			continue;
		*v = strtoull(l + kl + 1, &end, 10);
		return end != l + kl + 1;
	}
	return false;
}

int parse_detail_status(const char *text, struct drill_mem *m)
{
	if (!parse_detail_field(text, "voluntary_ctxt_switches", &m->vctx) ||
	    !parse_detail_field(text, "nonvoluntary_ctxt_switches", &m->ivctx))
		return -1;
	if (!parse_detail_field(text, "VmRSS", &m->rss_kb))
		m->rss_kb = 0; /* kernel threads and zombies have no VmRSS */
	m->have_swap = parse_detail_field(text, "VmSwap", &m->swap_kb);
	m->have = true;
	return 0;
}

int parse_detail_io(const char *text, struct drill_io *io)
{
	if (!parse_detail_field(text, "rchar", &io->rchar) ||
	    !parse_detail_field(text, "wchar", &io->wchar) ||
	    !parse_detail_field(text, "syscr", &io->syscr) ||
	    !parse_detail_field(text, "syscw", &io->syscw) ||
	    !parse_detail_field(text, "read_bytes", &io->read_bytes) ||
	    !parse_detail_field(text, "write_bytes", &io->write_bytes) ||
	    !parse_detail_field(text, "cancelled_write_bytes", &io->cancelled_bytes))
		return -1;
	io->have = true;
	return 0;
}

/* parse_detail_has_ctl: does the comma list ctls (up to end) name ctl? */
static bool parse_detail_has_ctl(const char *ctls, const char *end, const char *ctl)
{
	size_t n = strlen(ctl);

	for (const char *c = ctls; c < end;) {
		const char *comma = memchr(c, ',', (size_t)(end - c));
		const char *e = comma ? comma : end;

		if ((size_t)(e - c) == n && strncmp(c, ctl, n) == 0)
			return true;
		c = e + 1;
	}
	return false;
}

int parse_detail_cgroup(const char *text, char *out, size_t outsz)
{
	size_t o = 0;

	out[0] = '\0';
	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n'), *end = nl ? nl : l + strlen(l);
		const char *c1 = memchr(l, ':', (size_t)(end - l));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;

		if (c2 && c1 == l + 1 && l[0] == '0' && c2 == c1 + 1) { /* v2: wins */
			snprintf(out, outsz, "%.*s", (int)(end - c2 - 1), c2 + 1);
			return 0;
		}
		for (int k = 0; c2 && k < 2; k++) {
			const char *ctl = k ? "blkio" : "cpu";

			if (parse_detail_has_ctl(c1 + 1, c2, ctl) && o < outsz)
				o += (size_t)snprintf(out + o, outsz - o, "%s%s:%.*s", o ? " " : "",
						      ctl, (int)(end - c2 - 1), c2 + 1);
		}
		l = nl ? nl + 1 : end;
	}
	return out[0] ? 0 : -1;
}

int parse_detail_fdinfo(const char *text, unsigned long long *pos, unsigned *flags)
{
	const char *f;
	char *end;

	if (strncmp(text, "pos:", 4) != 0)
		return -1;
	*pos = strtoull(text + 4, &end, 10);
	f = strstr(text, "\nflags:");
	if (end == text + 4 || !f)
		return -1;
	*flags = (unsigned)strtoul(f + 7, &end, 8);
	return end == f + 7 ? -1 : 0;
}

int parse_detail_stack(const char *text, char *out, size_t outsz)
{
	size_t o = 0;
	int n = 0;

	if (outsz)
		out[0] = '\0';
	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n'), *end = nl ? nl : l + strlen(l);
		const char *name = memchr(l, ']', (size_t)(end - l));
		size_t len;

		l = nl ? nl + 1 : end;
		if (!name)
			continue;
		name++;
		while (name < end && *name == ' ')
			name++;
		len = strcspn(name, "+ \n");
		if (name + len > end)
			len = (size_t)(end - name);
		if (!len || o + len + 2 > outsz)
			continue;
		memcpy(out + o, name, len);
		o += len;
		out[o++] = '\n';
		out[o] = '\0';
		n++;
	}
	if (o)
		out[o - 1] = '\0';
	return n;
}

unsigned long parse_detail_ns(const char *link)
{
	const char *b = strchr(link, '[');

	return b ? strtoul(b + 1, NULL, 10) : 0;
}

const char *parse_detail_tcp_state(int state)
{
	static const char *const names[] = { "?",	   "ESTAB",	"SYN-SENT",  "SYN-RECV",
					     "FIN-WAIT1",  "FIN-WAIT2", "TIME-WAIT", "CLOSE",
					     "CLOSE-WAIT", "LAST-ACK",	"LISTEN",    "CLOSING" };

	if (state < 0 || state >= (int)(sizeof(names) / sizeof(names[0])))
		return "?";
	return names[state];
}
