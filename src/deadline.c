/* deadline.c - the deadline worker: one thread does the reads that can
 * wait on another process (a held mmap lock, a held cred_guard_mutex),
 * and the caller waits for it at most DEADLINE_READ_S.  A worker that
 * misses the deadline is abandoned, not cancelled (it sleeps in the
 * kernel): it is joined once its read comes back.  Every function here
 * is called from the main thread only; the worker touches nothing but
 * its own struct.  Deliberately no queue: a read is one round trip. */
#include "config.h"
#include "deadline.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DL_BUF_MAX 8192
#define DL_REST_SLOTS 64

enum dl_state { DL_IDLE, DL_JOB, DL_DONE, DL_QUIT };

/* One worker thread and the one read it does at a time. */
struct dl_worker {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv; /* state changed (either direction) */
	enum dl_state state;
	bool abandoned; /* missed its deadline: exits after this read */
	int pid, dirfd, fd;
	char path[96];
	off_t off;
	size_t len;
	ssize_t n;
	int err;
	char buf[DL_BUF_MAX];
};

/* A pid that missed a deadline: not asked while its read is out, nor
 * until until_s. */
struct dl_rest {
	int pid;
	bool in_flight;
	double until_s;
	char what[24];
};

static struct dl_worker *dl_cur;
static struct dl_worker *dl_stuck[DEADLINE_MAX_STUCK];
static struct dl_rest dl_rest[DL_REST_SLOTS];
static unsigned long long dl_reads, dl_missed;

/* dl_do: the read itself, on the worker; bytes or -1 with errno. */
static ssize_t dl_do(struct dl_worker *w)
{
	ssize_t n;
	int fd = w->fd;

	if (fd < 0)
		fd = openat(w->dirfd, w->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	do
		n = pread(fd, w->buf, w->len, w->off);
	while (n < 0 && errno == EINTR);
	if (w->fd < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
	}
	return n;
}

/* dl_main: the worker's loop: wait for a job, do it, hand it back. */
static void *dl_main(void *arg)
{
	struct dl_worker *w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		ssize_t n;
		int err;

		while (w->state != DL_JOB && w->state != DL_QUIT)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->state == DL_QUIT)
			break;
		pthread_mutex_unlock(&w->mu);
		n = dl_do(w);
		err = errno;
		pthread_mutex_lock(&w->mu);
		w->n = n;
		w->err = err;
		w->state = DL_DONE;
		pthread_cond_broadcast(&w->cv);
		if (w->abandoned)
			break;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* dl_free: destroy a worker whose thread has been joined. */
static void dl_free(struct dl_worker *w)
{
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}

/* dl_new: a worker thread, all signals blocked (they belong to the main
 * thread's loop); NULL when no thread can be made. */
static struct dl_worker *dl_new(void)
{
	struct dl_worker *w = xcalloc(1, sizeof(*w));
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	pthread_mutex_init(&w->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w->th, NULL, dl_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		dl_free(w);
		return NULL;
	}
	return w;
}

/* dl_rest_find: the rest slot of pid, or NULL. */
static struct dl_rest *dl_rest_find(int pid)
{
	for (size_t i = 0; i < DL_REST_SLOTS; i++)
		if (dl_rest[i].pid == pid)
			return &dl_rest[i];
	return NULL;
}

/* dl_reap: join the abandoned workers whose read has come back; their
 * pid rests until its backoff ends. */
static void dl_reap(void)
{
	for (size_t i = 0; i < DEADLINE_MAX_STUCK; i++) {
		struct dl_worker *w = dl_stuck[i];
		struct dl_rest *r;
		bool done;

		if (!w)
			continue;
		pthread_mutex_lock(&w->mu);
		done = w->state == DL_DONE;
		pthread_mutex_unlock(&w->mu);
		if (!done)
			continue;
		pthread_join(w->th, NULL);
		r = dl_rest_find(w->pid);
		if (r)
			r->in_flight = false;
		dl_free(w);
		dl_stuck[i] = NULL;
	}
}

/* dl_stuck_count: workers still out on a missed read. */
static unsigned dl_stuck_count(void)
{
	unsigned n = 0;

	for (size_t i = 0; i < DEADLINE_MAX_STUCK; i++)
		n += dl_stuck[i] != NULL;
	return n;
}

/* dl_abandon: w missed its deadline on pid: keep it among the stuck and
 * let pid rest. */
static void dl_abandon(struct dl_worker *w, double now_s)
{
	struct dl_rest *r = dl_rest_find(w->pid);
	const char *base = strrchr(w->path, '/');

	for (size_t i = 0; i < DEADLINE_MAX_STUCK; i++)
		if (!dl_stuck[i]) {
			dl_stuck[i] = w;
			break;
		}
	if (!r) { /* a free slot, else the resting one whose rest ends first */
		for (size_t i = 0; i < DL_REST_SLOTS; i++) {
			struct dl_rest *c = &dl_rest[i];

			if (c->pid == 0) {
				r = c;
				break;
			}
			if (!c->in_flight && (!r || c->until_s < r->until_s))
				r = c;
		}
		if (!r) /* cannot happen: at most DEADLINE_MAX_STUCK are in flight */
			r = &dl_rest[0];
	}
	r->pid = w->pid;
	r->in_flight = true;
	r->until_s = now_s + DEADLINE_BACKOFF_S;
	snprintf(r->what, sizeof(r->what), "%.23s", base ? base + 1 : w->path);
	dl_missed++;
}

bool deadline_resting(int pid, const char **what)
{
	struct dl_rest *r;

	if (dl_missed == 0)
		return false; /* nothing ever missed: the common case, kept cheap */
	dl_reap();
	r = pid > 0 ? dl_rest_find(pid) : NULL;
	if (!r || (!r->in_flight && util_mono_s() >= r->until_s))
		return false;
	if (what)
		*what = r->what;
	return true;
}

/* dl_wait: wait for w's read until deadline_s; true if it came back. */
static bool dl_wait(struct dl_worker *w, double deadline_s)
{
	struct timespec ts;
	bool done;

	ts.tv_sec = (time_t)deadline_s;
	ts.tv_nsec = (long)((deadline_s - (double)ts.tv_sec) * 1e9);
	pthread_mutex_lock(&w->mu);
	while (w->state != DL_DONE)
		if (pthread_cond_timedwait(&w->cv, &w->mu, &ts) == ETIMEDOUT)
			break;
	done = w->state == DL_DONE;
	if (!done)
		w->abandoned = true;
	pthread_mutex_unlock(&w->mu);
	return done;
}

ssize_t deadline_pread(int pid, int dirfd, const char *path, int fd, char *buf, size_t bufsz,
		       off_t off)
{
	struct dl_worker *w;
	double now;

	if (bufsz == 0) {
		errno = EINVAL;
		return -1;
	}
	if (deadline_resting(pid, NULL) || dl_stuck_count() >= DEADLINE_MAX_STUCK) {
		errno = EAGAIN;
		return -1;
	}
	if (!dl_cur && !(dl_cur = dl_new())) {
		errno = EAGAIN;
		return -1;
	}
	w = dl_cur;
	now = util_mono_s();
	pthread_mutex_lock(&w->mu);
	w->pid = pid;
	w->dirfd = dirfd;
	w->fd = fd;
	snprintf(w->path, sizeof(w->path), "%s", path ? path : "");
	w->off = off;
	w->len = (bufsz < DL_BUF_MAX ? bufsz : DL_BUF_MAX) - 1;
	w->state = DL_JOB;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	dl_reads++;
	if (!dl_wait(w, now + DEADLINE_READ_S)) {
		dl_cur = NULL; /* the next read gets a fresh worker */
		dl_abandon(w, now);
		errno = ETIMEDOUT;
		return -1;
	}
	pthread_mutex_lock(&w->mu);
	w->state = DL_IDLE;
	pthread_mutex_unlock(&w->mu);
	if (w->n < 0) {
		errno = w->err;
		return -1;
	}
	memcpy(buf, w->buf, (size_t)w->n);
	buf[w->n] = '\0';
	return w->n;
}

void deadline_stats(unsigned long long *reads, unsigned long long *missed, unsigned *stuck)
{
	dl_reap();
	if (reads)
		*reads = dl_reads;
	if (missed)
		*missed = dl_missed;
	if (stuck)
		*stuck = dl_stuck_count();
}

void deadline_shutdown(void)
{
	dl_reap();
	if (dl_cur) {
		pthread_mutex_lock(&dl_cur->mu);
		dl_cur->state = DL_QUIT;
		pthread_cond_broadcast(&dl_cur->cv);
		pthread_mutex_unlock(&dl_cur->mu);
		pthread_join(dl_cur->th, NULL);
		dl_free(dl_cur);
		dl_cur = NULL;
	}
}
