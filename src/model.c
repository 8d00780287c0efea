/* model.c - names of the wait categories and sample ownership.
 * The structs themselves are in model.h; nothing here reads the kernel. */
#include "config.h"
#include "model.h"
#include "util.h"

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

void model_sample_clear(struct sample *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nprocs; i++)
		free(s->procs[i].cmdline);
	free(s->procs);
	free(s->threads);
	memset(s, 0, sizeof(*s));
}

int model_sample_copy(struct sample *dst, const struct sample *src)
{
	*dst = *src;
	dst->procs = NULL;
	dst->threads = NULL;
	dst->nprocs = dst->nthreads = 0;
	if (src->nprocs) {
		dst->procs = malloc(src->nprocs * sizeof(*src->procs));
		if (!dst->procs)
			return -1;
		memcpy(dst->procs, src->procs, src->nprocs * sizeof(*src->procs));
		dst->nprocs = src->nprocs;
		for (size_t i = 0; i < src->nprocs; i++)
			dst->procs[i].cmdline = NULL;
		for (size_t i = 0; i < src->nprocs; i++) {
			const char *c = src->procs[i].cmdline ? src->procs[i].cmdline : "";
			dst->procs[i].cmdline = strdup(c);
			if (!dst->procs[i].cmdline) {
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
	}
	return 0;
}
