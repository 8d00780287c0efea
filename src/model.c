/* model.c - names of the wait categories and sample ownership.
 * The structs themselves are in model.h; nothing here reads the kernel. */
#include "config.h"
#include "model.h"
#include "util.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const model_wait_names[WAIT_NCAT] = {
	[WAIT_CPU] = "cpu",
	[WAIT_RUNQUEUE] = "runqueue",
	[WAIT_DISK_READ] = "disk-read",
	[WAIT_DISK_WRITE] = "disk-write",
	[WAIT_DIRTY_THROTTLE] = "dirty-throttle",
	[WAIT_NET] = "net",
	[WAIT_LOCK] = "lock",
	[WAIT_IPC] = "ipc",
	[WAIT_POLL] = "poll",
	[WAIT_SLEEP] = "sleep",
	[WAIT_TTY] = "tty",
	[WAIT_CHILD] = "child",
	[WAIT_STOPPED] = "stopped",
	[WAIT_ZOMBIE] = "zombie",
	[WAIT_IDLE] = "idle",
	[WAIT_OTHER] = "other",
};

const char *model_wait_name(enum wait_cat c)
{
	if ((int)c < 0 || c >= WAIT_NCAT)
		return NULL;
	return model_wait_names[c];
}

/* Short names and bar letters, in enum order. */
static const struct {
	const char *short_name;
	char letter;
	int slows;
} model_wait_facts[WAIT_NCAT] = {
	[WAIT_CPU] = { "cpu", 'c', 0 },
	[WAIT_RUNQUEUE] = { "runq", 'r', 2 },
	[WAIT_DISK_READ] = { "disk-r", 'R', 2 },
	[WAIT_DISK_WRITE] = { "disk-w", 'W', 2 },
	[WAIT_DIRTY_THROTTLE] = { "dirty", 'D', 2 },
	[WAIT_NET] = { "net", 'n', 1 },
	[WAIT_LOCK] = { "lock", 'L', 2 },
	[WAIT_IPC] = { "ipc", 'i', 1 },
	[WAIT_POLL] = { "poll", 'p', 0 },
	[WAIT_SLEEP] = { "sleep", 's', 0 },
	[WAIT_TTY] = { "tty", 't', 0 },
	[WAIT_CHILD] = { "child", 'k', 0 },
	[WAIT_STOPPED] = { "stop", 'T', 0 },
	[WAIT_ZOMBIE] = { "zombie", 'Z', 0 },
	[WAIT_IDLE] = { "idle", 'I', 0 },
	[WAIT_OTHER] = { "other", 'o', 0 },
};

const char *model_wait_short(enum wait_cat c)
{
	if ((int)c < 0 || c >= WAIT_NCAT)
		return NULL;
	return model_wait_facts[c].short_name;
}

char model_wait_letter(enum wait_cat c)
{
	if ((int)c < 0 || c >= WAIT_NCAT)
		return '?';
	return model_wait_facts[c].letter;
}

int model_wait_slows(enum wait_cat c)
{
	if ((int)c < 0 || c >= WAIT_NCAT)
		return 0;
	return model_wait_facts[c].slows;
}

int model_wait_parse(const char *name)
{
	for (int i = 0; i < WAIT_NCAT; i++)
		if (strcasecmp(name, model_wait_names[i]) == 0)
			return i;
	return -1;
}

void model_set_why(char **dst, const char *why)
{
	size_t n = why ? strlen(why) : 0;

	if (*dst && n && strcmp(*dst, why) == 0)
		return;
	free(*dst);
	*dst = n ? xstrdup(why) : NULL;
}

int model_rows_dup_whys(struct thread_row *t, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if (t[i].why && !(t[i].why = strdup(t[i].why)))
			rc = -1;
	return rc;
}

void model_thread_rows_free(struct thread_row *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++)
		free(t[i].why);
	free(t);
}

/* The intern table: open addressing over twice MODEL_INTERN_MAX slots. */
#define MODEL_INTERN_SLOTS (2 * MODEL_INTERN_MAX)
static const char *model_interned[MODEL_INTERN_SLOTS];
static size_t model_ninterned;
static pthread_mutex_t model_intern_lock = PTHREAD_MUTEX_INITIALIZER;

/* model_hash: FNV-1a of s. */
static uint32_t model_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

const char *model_intern(const char *s)
{
	const char *r;
	size_t i;

	if (!s)
		return NULL;
	if (!*s)
		return "";
	pthread_mutex_lock(&model_intern_lock);
	for (i = model_hash(s) % MODEL_INTERN_SLOTS; model_interned[i];
	     i = (i + 1) % MODEL_INTERN_SLOTS)
		if (strcmp(model_interned[i], s) == 0)
			break;
	if (!model_interned[i]) {
		if (model_ninterned < MODEL_INTERN_MAX) {
			model_interned[i] = xstrdup(s);
			model_ninterned++;
		}
	}
	r = model_interned[i] ? model_interned[i] : "?";
	pthread_mutex_unlock(&model_intern_lock);
	return r;
}

void model_sample_clear(struct sample *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nprocs; i++) {
		free(s->procs[i].cmdline);
		free(s->procs[i].why);
	}
	free(s->procs);
	model_thread_rows_free(s->threads, s->nthreads);
	free(s->disks);
	free(s->ifaces);
	free(s->conns);
	free(s->groups);
	free(s->open_pids);
	model_drill_free(s->drill);
	memset(s, 0, sizeof(*s));
}

/* model_dup: a heap copy of n elements of size sz at *p (NULL when n is
 * 0); -1 on ENOMEM with *p NULL. */
static int model_dup(void **p, size_t n, size_t sz)
{
	void *src = *p;

	*p = NULL;
	if (!n)
		return 0;
	*p = malloc(n * sz);
	if (!*p)
		return -1;
	memcpy(*p, src, n * sz);
	return 0;
}

/* model_copy_panes: deep copies of the panes' rows arrays (dst shallow from src). */
static int model_copy_panes(struct sample *dst)
{
	int rc = 0;

	rc |= model_dup((void **)&dst->disks, dst->ndisks, sizeof(*dst->disks));
	rc |= model_dup((void **)&dst->ifaces, dst->nifaces, sizeof(*dst->ifaces));
	rc |= model_dup((void **)&dst->conns, dst->nconns, sizeof(*dst->conns));
	rc |= model_dup((void **)&dst->groups, dst->ngroups, sizeof(*dst->groups));
	rc |= model_dup((void **)&dst->open_pids, dst->nopen_pids, sizeof(*dst->open_pids));
	return rc;
}

int model_sample_copy(struct sample *dst, const struct sample *src)
{
	*dst = *src;
	dst->procs = NULL;
	dst->threads = NULL;
	dst->drill = NULL;
	dst->nprocs = dst->nthreads = 0;
	if (model_copy_panes(dst) < 0) { /* clear frees the copies made */
		model_sample_clear(dst);
		return -1;
	}
	if (src->nprocs) {
		dst->procs = malloc(src->nprocs * sizeof(*src->procs));
		if (!dst->procs)
			return -1;
		memcpy(dst->procs, src->procs, src->nprocs * sizeof(*src->procs));
		dst->nprocs = src->nprocs;
		for (size_t i = 0; i < src->nprocs; i++)
			dst->procs[i].cmdline = dst->procs[i].why = NULL;
		for (size_t i = 0; i < src->nprocs; i++) {
			const char *c = src->procs[i].cmdline ? src->procs[i].cmdline : "";
			const char *w = src->procs[i].why;

			dst->procs[i].cmdline = strdup(c);
			dst->procs[i].why = w ? strdup(w) : NULL;
			if (!dst->procs[i].cmdline || (w && !dst->procs[i].why)) {
				model_sample_clear(dst);
				return -1;
			}
		}
	}
	if (src->nthreads) {
		dst->threads = malloc(src->nthreads * sizeof(*src->threads));
		if (!dst->threads) {
			model_sample_clear(dst);
			return -1;
		}
		memcpy(dst->threads, src->threads, src->nthreads * sizeof(*src->threads));
		dst->nthreads = src->nthreads;
		if (model_rows_dup_whys(dst->threads, dst->nthreads) < 0) {
			model_sample_clear(dst);
			return -1;
		}
	}
	if (src->drill) {
		dst->drill = model_drill_dup(src->drill);
		if (!dst->drill) {
			model_sample_clear(dst);
			return -1;
		}
	}
	return 0;
}

void model_drill_free(struct drill *d)
{
	if (!d)
		return;
	free(d->proc.cmdline);
	free(d->proc.why);
	model_thread_rows_free(d->threads, d->nthreads);
	free(d->stack);
	free(d->fds);
	free(d->socks);
	free(d);
}

/* model_memdup: a copy of n elements of size sz (NULL for none); *ok false on ENOMEM. */
static void *model_memdup(const void *src, size_t n, size_t sz, bool *ok)
{
	void *p;

	if (!n || !src)
		return NULL;
	p = malloc(n * sz);
	if (!p) {
		*ok = false;
		return NULL;
	}
	memcpy(p, src, n * sz);
	return p;
}

struct drill *model_drill_dup(const struct drill *d)
{
	struct drill *c;
	bool ok = true;

	if (!d || !(c = malloc(sizeof(*c))))
		return NULL;
	*c = *d;
	c->proc.cmdline = strdup(d->proc.cmdline ? d->proc.cmdline : "");
	c->proc.why = d->proc.why ? strdup(d->proc.why) : NULL;
	if (d->proc.why && !c->proc.why)
		ok = false;
	c->threads = model_memdup(d->threads, d->nthreads, sizeof(*d->threads), &ok);
	if (c->threads && model_rows_dup_whys(c->threads, d->nthreads) < 0)
		ok = false;
	c->fds = model_memdup(d->fds, d->nfds, sizeof(*d->fds), &ok);
	c->socks = model_memdup(d->socks, d->nsocks, sizeof(*d->socks), &ok);
	c->stack = d->stack ? strdup(d->stack) : NULL;
	if (!ok || !c->proc.cmdline || (d->stack && !c->stack)) {
		model_drill_free(c);
		return NULL;
	}
	return c;
}

const char *model_policy_name(int policy)
{
	static const char *const names[] = { "other", "fifo", "rr",	 "batch",
					     "iso",   "idle", "deadline" };

	return policy >= 0 && policy < (int)(sizeof(names) / sizeof(names[0])) ? names[policy]
									       : "?";
}
