/* parse-sys.c - pure parsers for the system-wide /proc files libproc2 does
 * not cover: /proc/pressure/{cpu,io,memory}, /proc/loadavg, /proc/net/dev, /proc/net/snmp
 * and kernel.task_delayacct, plus the whole-disk name filter.  Each takes
 * the file's text and fills plain structs; none opens a file, so they can
 * be tested on captured text. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>

#include "collect-sys.h"

/* parse_sys_ull: strtoull that must consume at least one digit; -1 if not. */
static int parse_sys_ull(const char **p, unsigned long long *out)
{
	char *end;

	while (**p == ' ' || **p == '\t')
		(*p)++;
	if (!isdigit((unsigned char)**p))
		return -1;
	errno = 0;
	*out = strtoull(*p, &end, 10);
	if (errno)
		return -1;
	*p = end;
	return 0;
}

/* parse_sys_psi_field: the number after "key=" in line (up to eol); -1 if absent. */
static int parse_sys_psi_field(const char *line, const char *eol, const char *key, double *d,
			       unsigned long long *u)
{
	size_t klen = strlen(key);
	const char *p = line;
	char *end;

	while (p && p < eol) {
		p = strstr(p, key);
		if (!p || p >= eol)
			return -1;
		if ((p == line || p[-1] == ' ') && p[klen] == '=')
			break;
		p += klen;
	}
	if (!p || p >= eol)
		return -1;
	p += klen + 1;
	errno = 0;
	if (d)
		*d = strtod(p, &end);
	else
		*u = strtoull(p, &end, 10);
	if (errno || end == p || end > eol)
		return -1;
	return 0;
}

/* parse_sys_psi_line: one "some ..." or "full ..." line into *l. */
static int parse_sys_psi_line(const char *line, const char *eol, struct psi_line *l)
{
	if (parse_sys_psi_field(line, eol, "avg10", &l->avg10, NULL) < 0 ||
	    parse_sys_psi_field(line, eol, "avg60", &l->avg60, NULL) < 0 ||
	    parse_sys_psi_field(line, eol, "avg300", &l->avg300, NULL) < 0 ||
	    parse_sys_psi_field(line, eol, "total", NULL, &l->total_us) < 0)
		return -1;
	l->have = true;
	return 0;
}

int parse_sys_psi(const char *text, struct psi_raw *out)
{
	const char *line = text;

	memset(out, 0, sizeof(*out));
	while (line && *line) {
		const char *eol = strchr(line, '\n');

		if (!eol)
			eol = line + strlen(line);
		if (strncmp(line, "some ", 5) == 0) {
			if (parse_sys_psi_line(line + 5, eol, &out->some) < 0)
				return -1;
		} else if (strncmp(line, "full ", 5) == 0) {
			if (parse_sys_psi_line(line + 5, eol, &out->full) < 0)
				return -1;
		}
		line = *eol ? eol + 1 : NULL;
	}
	/* "full" is optional (cpu has none before Linux 5.13); "some" is not. */
	return out->some.have ? 0 : -1;
}

int parse_sys_loadavg(const char *text, double load[3])
{
	const char *p = text;

	for (int i = 0; i < 3; i++) {
		char *end;

		errno = 0;
		load[i] = strtod(p, &end);
		if (errno || end == p || load[i] < 0)
			return -1;
		p = end;
	}
	return 0;
}

/* parse_sys_netdev_line: "  eth0: rx_bytes p e d f fr c m tx_bytes ..." */
static int parse_sys_netdev_line(const char *line, struct sys_iface_raw *ifc)
{
	const char *colon = strchr(line, ':');
	const char *name = line, *p;
	unsigned long long v;
	size_t len;

	if (!colon)
		return -1;
	while (*name == ' ')
		name++;
	len = (size_t)(colon - name);
	if (len == 0 || len >= sizeof(ifc->name))
		return -1;
	memcpy(ifc->name, name, len);
	ifc->name[len] = '\0';
	p = colon + 1;
	for (int i = 0; i < 9; i++) {
		if (parse_sys_ull(&p, &v) < 0)
			return -1;
		if (i == 0)
			ifc->rx_bytes = v;
		else if (i == 8)
			ifc->tx_bytes = v;
	}
	return 0;
}

int parse_sys_netdev(const char *text, struct sys_iface_raw *ifaces, size_t max, size_t *n)
{
	const char *line = text;
	int lineno = 0;

	*n = 0;
	while (line && *line) {
		const char *eol = strchr(line, '\n');
		char buf[512];
		size_t len = eol ? (size_t)(eol - line) : strlen(line);

		/* the first two lines are the header */
		if (lineno++ >= 2 && len > 0) {
			if (len >= sizeof(buf))
				return -1;
			memcpy(buf, line, len);
			buf[len] = '\0';
			if (*n < max) {
				if (parse_sys_netdev_line(buf, &ifaces[*n]) < 0)
					return -1;
				(*n)++;
			}
		}
		line = eol ? eol + 1 : NULL;
	}
	return lineno >= 2 ? 0 : -1;
}

int parse_sys_snmp_retrans(const char *text, unsigned long long *retrans)
{
	const char *hdr = strstr(text, "\nTcp: ");
	const char *vals, *eol, *p;
	int col = -1, i = 0;

	if (strncmp(text, "Tcp: ", 5) == 0)
		hdr = text;
	else if (hdr)
		hdr++;
	if (!hdr)
		return -1;
	eol = strchr(hdr, '\n');
	if (!eol || strncmp(eol + 1, "Tcp: ", 5) != 0)
		return -1;
	/* find the column named RetransSegs in the header line */
	for (p = hdr + 5; p < eol; i++) {
		size_t w = strcspn(p, " \n");

		if (w == strlen("RetransSegs") && strncmp(p, "RetransSegs", w) == 0) {
			col = i;
			break;
		}
		p += w;
		while (*p == ' ')
			p++;
	}
	if (col < 0)
		return -1;
	vals = eol + 1 + 5;
	for (i = 0; i <= col; i++) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(vals, &end, 10); /* MaxConn is -1: columns may be signed */
		if (errno || end == vals)
			return -1;
		if (i == col) {
			if (v < 0)
				return -1;
			*retrans = (unsigned long long)v;
		}
		vals = end;
	}
	return 0;
}

int parse_sys_delayacct(const char *text)
{
	if ((text[0] == '0' || text[0] == '1') && (text[1] == '\n' || text[1] == '\0'))
		return text[0] - '0';
	return -1;
}

int parse_sys_centisecs(const char *text)
{
	unsigned long long v;
	const char *p = text;

	if (parse_sys_ull(&p, &v) < 0 || (*p && *p != '\n') || v > 0x7fffffff)
		return -1;
	return (int)v;
}

/* parse_sys_has_prefix_digits: name is prefix followed by one or more digits only. */
static bool parse_sys_prefix_digits(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);

	if (strncmp(name, prefix, n) != 0 || !name[n])
		return false;
	for (const char *p = name + n; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return true;
}

bool parse_sys_is_whole_disk(const char *name)
{
	static const char *const skip[] = { "loop", "ram", "zram" };
	static const char *const letter_disks[] = { "sd", "vd", "xvd", "hd" };
	const char *p;

	if (!name || !*name)
		return false;
	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (parse_sys_prefix_digits(name, skip[i]))
			return false;
	/* sda1, vdb2, xvda1: letters then a partition number */
	for (size_t i = 0; i < sizeof(letter_disks) / sizeof(letter_disks[0]); i++) {
		size_t n = strlen(letter_disks[i]);

		if (strncmp(name, letter_disks[i], n) != 0)
			continue;
		p = name + n;
		if (!islower((unsigned char)*p))
			continue;
		while (islower((unsigned char)*p))
			p++;
		if (*p == '\0')
			return true;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == '\0')
			return false;
	}
	/* nvme0n1p1, mmcblk0p1: a "p<digits>" suffix after a digit */
	if (strncmp(name, "nvme", 4) == 0 || strncmp(name, "mmcblk", 6) == 0) {
		p = strrchr(name, 'p');
		if (p && p > name && isdigit((unsigned char)p[-1]) &&
		    parse_sys_prefix_digits(p, "p"))
			return false;
	}
	return true;
}

/* parse_sys_vmstat_field: where /proc/vmstat's name goes in a sys_raw. */
static unsigned long long *parse_sys_vmstat_field(struct sys_raw *out, const char *name, size_t len,
						  unsigned *bit)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		{ "nr_dirty_threshold", offsetof(struct sys_raw, dirty_thresh_pages) },
		{ "nr_dirty_background_threshold",
		  offsetof(struct sys_raw, dirty_bg_thresh_pages) },
		{ "nr_dirtied", offsetof(struct sys_raw, nr_dirtied) },
		{ "nr_written", offsetof(struct sys_raw, nr_written) },
	};

	for (unsigned i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].name) == len && strncmp(fields[i].name, name, len) == 0) {
			*bit = 1u << i;
			return (unsigned long long *)(void *)((char *)out + fields[i].off);
		}
	return NULL;
}

int parse_sys_vmstat(const char *text, struct sys_raw *out)
{
	const char *line = text;
	unsigned seen = 0, bit;

	while (line && *line) {
		const char *eol = strchr(line, '\n');
		size_t len = strcspn(line, " \n");
		unsigned long long *field = parse_sys_vmstat_field(out, line, len, &bit);
		const char *p = line + len;

		if (field && *p == ' ') {
			if (parse_sys_ull(&p, field) < 0)
				return -1;
			seen |= bit;
		}
		line = eol ? eol + 1 : NULL;
	}
	return seen == 0xf ? 0 : -1;
}

int parse_sys_meminfo(const char *text, struct sys_raw *out)
{
	const char *line = text;
	unsigned seen = 0;

	while (line && *line) {
		const char *eol = strchr(line, '\n');
		const char *p = NULL;
		unsigned long long *field = NULL;

		if (strncmp(line, "Dirty:", 6) == 0) {
			p = line + 6, field = &out->dirty_kb, seen |= 1;
		} else if (strncmp(line, "Writeback:", 10) == 0) {
			p = line + 10, field = &out->writeback_kb, seen |= 2;
		}
		if (field && parse_sys_ull(&p, field) < 0)
			return -1;
		line = eol ? eol + 1 : NULL;
	}
	return seen == 3 ? 0 : -1;
}
