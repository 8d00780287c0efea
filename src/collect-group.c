/* collect-group.c - the Groups pane's data.  /proc/PID/cgroup is read
 * once per process identity (pid, start ticks), its path interned, so a
 * refresh costs a lookup per process and one pass to sum; a group's
 * pressure (cpu/io/memory.pressure, some avg10) and memory.current come
 * from the cgroup2 hierarchy when the group is a v2 path. */
#include "config.h"
#include "collect-group.h"
#include "collect-sys.h"
#include "util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct group_ent {
	int pid;
	unsigned long long start_ticks;
	int id; /* into paths; -1 unreadable */
};

struct collect_group {
	char v2_mount[256], cpu_mount[256];
	struct group_ent *ents; /* sorted by pid */
	size_t nents;
	char **paths; /* interned; "v2:" or "v1:" prefix */
	size_t npaths, cappaths;
};

/* parse_group_has_cpu: does a v1 controller list "cpu,cpuacct" name cpu? */
static bool parse_group_has_cpu(const char *list, size_t len)
{
	for (const char *p = list; p < list + len;) {
		const char *comma = memchr(p, ',', (size_t)(list + len - p));
		size_t n = comma ? (size_t)(comma - p) : (size_t)(list + len - p);

		if (n == 3 && strncmp(p, "cpu", 3) == 0)
			return true;
		p += n + 1;
	}
	return false;
}

int parse_group_cgroup(const char *text, char *path, size_t sz, bool *v2)
{
	bool found_v2 = false;

	for (const char *p = text; p && *p;) {
		const char *eol = strchr(p, '\n'), *c1 = strchr(p, ':'), *c2;
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (!c1 || c1 >= p + len || !(c2 = memchr(c1 + 1, ':', (size_t)(p + len - c1 - 1))))
			goto next;
		if (parse_group_has_cpu(c1 + 1, (size_t)(c2 - c1 - 1))) {
			snprintf(path, sz, "%.*s", (int)(p + len - c2 - 1), c2 + 1);
			*v2 = false;
			return 0;
		}
		if (c2 == c1 + 1 && strncmp(p, "0:", 2) == 0 && !found_v2) {
			snprintf(path, sz, "%.*s", (int)(p + len - c2 - 1), c2 + 1);
			found_v2 = true;
		}
	next:
		p = eol ? eol + 1 : NULL;
	}
	*v2 = found_v2;
	return found_v2 ? 0 : -1;
}

void parse_group_mounts(const char *text, char *v2, size_t v2sz, char *cpu, size_t cpusz)
{
	v2[0] = cpu[0] = '\0';
	for (const char *p = text; p && *p;) {
		const char *eol = strchr(p, '\n');
		char line[1024], mnt[512], fstype[64], opts[512];
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *dash;

		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		p = eol ? eol + 1 : NULL;
		dash = strstr(line, " - ");
		if (!dash || sscanf(line, "%*s %*s %*s %*s %511s", mnt) != 1 ||
		    sscanf(dash + 3, "%63s %*s %511s", fstype, opts) != 2)
			continue;
		if (strcmp(fstype, "cgroup2") == 0 && !v2[0])
			snprintf(v2, v2sz, "%s", mnt);
		else if (strcmp(fstype, "cgroup") == 0 && !cpu[0] &&
			 parse_group_has_cpu(opts, strlen(opts)))
			snprintf(cpu, cpusz, "%s", mnt);
	}
}

/* group_acc_wait: add th's shares into w[] (per category, percent). */
static void group_acc_wait(const struct thread_row *th, double w[WAIT_NCAT])
{
	for (int c = 0; c < WAIT_NCAT; c++)
		w[c] += th->wait_share[c];
}

/* group_finish_wait: the dominant category of the group's sums. */
static void group_finish_wait(struct group_row *r, const double act[WAIT_NCAT],
			      const double all[WAIT_NCAT], bool any_active, bool any)
{
	const double *w = any_active ? act : all;
	int best = -1;

	if (!any)
		return;
	/* idle kernel threads have nothing to do: the group's answer is
	 * what the others wait on, idle only when nothing else is there */
	for (int c = 0; c < WAIT_NCAT; c++)
		if (c != WAIT_IDLE && w[c] > 0 && (best < 0 || w[c] > w[best]))
			best = c;
	if (best < 0)
		best = WAIT_IDLE;
	r->have_wait = true;
	r->wait = (enum wait_cat)best;
	r->wait_threads = w[best] / 100.0;
}

/* group_add_proc: p and its threads into r and the wait sums. */
static void group_add_proc(const struct sample *s, const struct proc_row *p, struct group_row *r,
			   double act[WAIT_NCAT], double all[WAIT_NCAT], bool *any_active,
			   bool *any)
{
	r->nprocs++;
	r->cpu_pct += p->cpu_pct;
	if (p->have_io) {
		r->have_io = true;
		r->disk_read_bps += p->disk_read_bps;
		r->disk_write_bps += p->disk_write_bps;
	}
	if (p->have_net) {
		r->have_net = true;
		r->net_rx_bps += p->net_rx_bps;
		r->net_tx_bps += p->net_tx_bps;
	}
	for (size_t k = 0; k < p->thr_count && p->thr_first + k < s->nthreads; k++) {
		const struct thread_row *th = &s->threads[p->thr_first + k];

		if (!th->have_wait)
			continue;
		*any = true;
		group_acc_wait(th, all);
		if (th->active) {
			*any_active = true;
			group_acc_wait(th, act);
		}
	}
}

/* group_missing: note in miss[0] (I/O) and miss[1] (network) that p is a
 * user process whose counter could not be read. */
static void group_missing(const struct proc_row *p, bool miss[2])
{
	if (p->kthread || p->state == 'Z')
		return;
	if (!p->have_io)
		miss[0] = true;
	if (!p->have_net)
		miss[1] = true;
}

long group_aggregate(const struct sample *s, const int *ids, const char *const *paths,
		     size_t npaths, struct group_row **rows)
{
	int *slot = malloc((npaths + 1) * sizeof(*slot)); /* id + 1 -> row */
	double(*act)[WAIT_NCAT] = calloc(npaths + 1, sizeof(*act));
	double(*all)[WAIT_NCAT] = calloc(npaths + 1, sizeof(*all));
	/* per group: any_active, any, io_missing, net_missing */
	bool *flags = calloc(4 * (npaths + 1), sizeof(*flags));
	size_t n = 0;

	*rows = s->nprocs ? malloc(s->nprocs * sizeof(**rows)) : NULL;
	if (!slot || !act || !all || !flags || (s->nprocs && !*rows)) {
		free(slot), free(act), free(all), free(flags), free(*rows);
		*rows = NULL;
		return -1;
	}
	for (size_t i = 0; i <= npaths; i++)
		slot[i] = -1;
	for (size_t i = 0; i < s->nprocs; i++) {
		size_t g = ids[i] >= 0 && (size_t)ids[i] < npaths ? (size_t)ids[i] + 1 : 0;

		if (slot[g] < 0) {
			slot[g] = (int)n;
			memset(&(*rows)[n], 0, sizeof(**rows));
			snprintf((*rows)[n].path, sizeof((*rows)[n].path), "%s",
				 g ? paths[g - 1] : "-");
			n++;
		}
		group_add_proc(s, &s->procs[i], &(*rows)[slot[g]], act[g], all[g], &flags[4 * g],
			       &flags[4 * g + 1]);
		group_missing(&s->procs[i], &flags[4 * g + 2]);
	}
	for (size_t g = 0; g <= npaths; g++) {
		struct group_row *r = &(*rows)[slot[g]];

		if (slot[g] < 0)
			continue;
		group_finish_wait(r, act[g], all[g], flags[4 * g], flags[4 * g + 1]);
		/* a sum with a process left out is not the group's: null */
		if (flags[4 * g + 2])
			r->have_io = false, r->disk_read_bps = r->disk_write_bps = 0;
		if (flags[4 * g + 3])
			r->have_net = false, r->net_rx_bps = r->net_tx_bps = 0;
	}
	free(slot), free(act), free(all), free(flags);
	return (long)n;
}

struct collect_group *collect_group_new(void)
{
	struct collect_group *cg = xcalloc(1, sizeof(*cg));
	size_t sz = 1 << 18;
	char *text = xmalloc(sz);

	if (util_read_file(AT_FDCWD, "/proc/self/mountinfo", text, sz) > 0)
		parse_group_mounts(text, cg->v2_mount, sizeof(cg->v2_mount), cg->cpu_mount,
				   sizeof(cg->cpu_mount));
	free(text);
	return cg;
}

void collect_group_free(struct collect_group *cg)
{
	if (!cg)
		return;
	for (size_t i = 0; i < cg->npaths; i++)
		free(cg->paths[i]);
	free(cg->paths);
	free(cg->ents);
	free(cg);
}

/* collect_group_intern: the id of path (tagged "v2:"/"v1:"), added if new. */
static int collect_group_intern(struct collect_group *cg, const char *tagged)
{
	for (size_t i = cg->npaths; i-- > 0;)
		if (strcmp(cg->paths[i], tagged) == 0)
			return (int)i;
	if (cg->npaths == cg->cappaths) {
		cg->cappaths = cg->cappaths ? cg->cappaths * 2 : 64;
		cg->paths = xrealloc(cg->paths, cg->cappaths * sizeof(*cg->paths));
	}
	cg->paths[cg->npaths] = xstrdup(tagged);
	return (int)cg->npaths++;
}

/* collect_group_read_pid: the interned id of pid's cgroup, -1 unreadable. */
static int collect_group_read_pid(struct collect_group *cg, int pid)
{
	char path[64], text[4096], cg_path[MODEL_CGROUP_MAX], tagged[MODEL_CGROUP_MAX + 4];
	bool v2;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	if (util_read_file(AT_FDCWD, path, text, sizeof(text)) <= 0 ||
	    parse_group_cgroup(text, cg_path, sizeof(cg_path), &v2) < 0)
		return -1;
	snprintf(tagged, sizeof(tagged), "%s:%s", v2 ? "v2" : "v1", cg_path);
	return collect_group_intern(cg, tagged);
}

/* collect_group_ent_cmp: by pid. */
static int collect_group_ent_cmp(const void *a, const void *b)
{
	const struct group_ent *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* collect_group_compact: drop the interned paths no process uses any
 * more (cgroups of exited containers and sessions) once they are most of
 * the table, renumbering ids[0..n) and the cache. */
static void collect_group_compact(struct collect_group *cg, int *ids, size_t n)
{
	int *map;
	size_t used = 0;

	if (cg->npaths < 128)
		return;
	map = xmalloc(cg->npaths * sizeof(*map));
	for (size_t i = 0; i < cg->npaths; i++)
		map[i] = -1;
	for (size_t i = 0; i < n; i++)
		if (ids[i] >= 0 && map[ids[i]] < 0)
			map[ids[i]] = 0, used++;
	if (used * 2 > cg->npaths) {
		free(map);
		return;
	}
	used = 0;
	for (size_t i = 0; i < cg->npaths; i++) {
		if (map[i] < 0) {
			free(cg->paths[i]);
			continue;
		}
		map[i] = (int)used;
		cg->paths[used++] = cg->paths[i];
	}
	cg->npaths = used;
	for (size_t i = 0; i < n; i++)
		if (ids[i] >= 0)
			ids[i] = map[ids[i]];
	for (size_t i = 0; i < cg->nents; i++)
		if (cg->ents[i].id >= 0)
			cg->ents[i].id = map[cg->ents[i].id];
	free(map);
}

/* collect_group_ids: ids[i] for s->procs[i], from the cache or read; the
 * cache becomes this sample's processes. */
static void collect_group_ids(struct collect_group *cg, const struct sample *s, int *ids)
{
	struct group_ent *next = xmalloc((s->nprocs + 1) * sizeof(*next));

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *p = &s->procs[i];
		struct group_ent key = { .pid = p->pid }, *e = NULL;

		if (cg->nents)
			e = bsearch(&key, cg->ents, cg->nents, sizeof(key), collect_group_ent_cmp);
		if (e && e->start_ticks == p->start_ticks && e->id >= 0)
			ids[i] = e->id;
		else
			ids[i] = collect_group_read_pid(cg, p->pid);
		next[i] = (struct group_ent){ p->pid, p->start_ticks, ids[i] };
	}
	qsort(next, s->nprocs, sizeof(*next), collect_group_ent_cmp);
	free(cg->ents);
	cg->ents = next;
	cg->nents = s->nprocs;
	collect_group_compact(cg, ids, s->nprocs);
}

/* collect_group_psi: the some avg10 of a pressure file under dir. */
static bool collect_group_psi(const char *dir, const char *file, double *avg10)
{
	char path[MODEL_CGROUP_MAX + 300], text[512];
	struct psi_raw r;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (util_read_file(AT_FDCWD, path, text, sizeof(text)) <= 0 ||
	    parse_sys_psi(text, &r) < 0 || !r.some.have)
		return false;
	*avg10 = r.some.avg10;
	return true;
}

/* collect_group_files: a v2 group's pressure and memory.current; the
 * "v2:"/"v1:" tag comes off the path. */
static void collect_group_files(const struct collect_group *cg, struct group_row *r)
{
	char dir[MODEL_CGROUP_MAX + 260], text[64];
	bool v2 = strncmp(r->path, "v2:", 3) == 0;

	if (strncmp(r->path, "v2:", 3) == 0 || strncmp(r->path, "v1:", 3) == 0)
		memmove(r->path, r->path + 3, strlen(r->path + 3) + 1);
	if (!v2 || !cg->v2_mount[0])
		return;
	snprintf(dir, sizeof(dir), "%s%s", cg->v2_mount, r->path);
	r->have_psi_cpu = collect_group_psi(dir, "cpu.pressure", &r->psi_cpu_some);
	r->have_psi_io = collect_group_psi(dir, "io.pressure", &r->psi_io_some);
	r->have_psi_mem = collect_group_psi(dir, "memory.pressure", &r->psi_mem_some);
	snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/memory.current");
	if (util_read_file(AT_FDCWD, dir, text, sizeof(text)) > 0 &&
	    sscanf(text, "%llu", &r->mem_current_bytes) == 1)
		r->have_mem = true;
}

/* collect_group_rows_of: row_of[i] = 1 + the row of s->procs[i] in
 * group_aggregate's first-seen order (0 never: the unknown go to "-"). */
static void collect_group_rows_of(const struct sample *s, const int *ids, size_t npaths,
				  int *row_of)
{
	int *slot = xmalloc((npaths + 1) * sizeof(*slot));
	int n = 0;

	for (size_t i = 0; i <= npaths; i++)
		slot[i] = -1;
	for (size_t i = 0; i < s->nprocs; i++) {
		size_t g = ids[i] >= 0 && (size_t)ids[i] < npaths ? (size_t)ids[i] + 1 : 0;

		if (slot[g] < 0)
			slot[g] = n++;
		row_of[i] = slot[g] + 1;
	}
	free(slot);
}

long collect_group_build(struct collect_group *cg, const struct sample *s, struct group_row **rows,
			 int *row_of)
{
	int *ids = xmalloc((s->nprocs + 1) * sizeof(*ids));
	long n;

	collect_group_ids(cg, s, ids);
	n = group_aggregate(s, ids, (const char *const *)cg->paths, cg->npaths, rows);
	if (n >= 0 && row_of)
		collect_group_rows_of(s, ids, cg->npaths, row_of);
	free(ids);
	for (long i = 0; i < n; i++)
		collect_group_files(cg, &(*rows)[i]);
	return n;
}
