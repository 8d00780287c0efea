/* collect-net-table.c - the pure data side of the network collector: an
 * integer hash map, the socket table with its inode and cookie indexes,
 * and the accounting pass that turns two dumps into bytes per process.
 * No system calls here, so every rule is unit-testable. */
#include <stdlib.h>
#include <string.h>

#include "collect-net-int.h"
#include "util.h"

/* net_hmap_hash: a 64-bit mix (splitmix64 finaliser). */
static size_t net_hmap_hash(uint64_t k)
{
	k ^= k >> 30;
	k *= 0xbf58476d1ce4e5b9ULL;
	k ^= k >> 27;
	k *= 0x94d049bb133111ebULL;
	k ^= k >> 31;
	return (size_t)k;
}

/* net_hmap_grow: rehash into twice the room. */
static void net_hmap_grow(struct net_hmap *m)
{
	size_t ocap = m->cap, ncap = ocap ? ocap * 2 : 64;
	uint64_t *ok = m->keys, *ov = m->vals;

	m->keys = xcalloc(ncap, sizeof *m->keys);
	m->vals = xcalloc(ncap, sizeof *m->vals);
	m->cap = ncap;
	m->n = 0;
	for (size_t i = 0; i < ocap; i++)
		if (ok[i])
			net_hmap_put(m, ok[i], ov[i]);
	free(ok);
	free(ov);
}

void net_hmap_put(struct net_hmap *m, uint64_t key, uint64_t val)
{
	size_t i;

	if (key == 0)
		return;
	if ((m->n + 1) * 4 > m->cap * 3)
		net_hmap_grow(m);
	for (i = net_hmap_hash(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key) {
			m->vals[i] = val;
			return;
		}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
}

/* net_hmap_slot: index of key, or cap when absent. */
static size_t net_hmap_slot(const struct net_hmap *m, uint64_t key)
{
	if (key == 0 || m->n == 0)
		return m->cap;
	for (size_t i = net_hmap_hash(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return i;
	return m->cap;
}

bool net_hmap_get(const struct net_hmap *m, uint64_t key, uint64_t *val)
{
	size_t i = net_hmap_slot(m, key);
	if (i == m->cap)
		return false;
	if (val)
		*val = m->vals[i];
	return true;
}

bool net_hmap_del(struct net_hmap *m, uint64_t key)
{
	size_t i = net_hmap_slot(m, key), mask = m->cap - 1;

	if (i == m->cap)
		return false;
	/* Backward-shift deletion keeps every probe chain unbroken. */
	for (size_t j = (i + 1) & mask; m->keys[j]; j = (j + 1) & mask) {
		size_t home = net_hmap_hash(m->keys[j]) & mask;
		if (((j - home) & mask) >= ((j - i) & mask)) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			i = j;
		}
	}
	m->keys[i] = 0;
	m->n--;
	return true;
}

void net_hmap_reset(struct net_hmap *m)
{
	if (m->cap && m->n)
		memset(m->keys, 0, m->cap * sizeof *m->keys);
	m->n = 0;
}

void net_hmap_free(struct net_hmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

struct sock_info *net_table_add(struct net_table *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	memset(&t->v[t->n], 0, sizeof t->v[t->n]);
	return &t->v[t->n++];
}

void net_table_index(struct net_table *t)
{
	net_hmap_reset(&t->by_inode);
	net_hmap_reset(&t->by_cookie);
	for (size_t i = 0; i < t->n; i++) {
		/* A socket destroyed while the dump ran has a live row and a gone
		 * row; the cookie index points at the gone one (final counters). */
		if (t->v[i].gone || !net_hmap_get(&t->by_cookie, t->v[i].cookie, NULL))
			net_hmap_put(&t->by_cookie, t->v[i].cookie, i);
		if (t->v[i].inode && !t->v[i].gone)
			net_hmap_put(&t->by_inode, t->v[i].inode, i);
	}
}

void net_table_reset(struct net_table *t)
{
	t->n = 0;
	net_hmap_reset(&t->by_inode);
	net_hmap_reset(&t->by_cookie);
}

void net_table_free(struct net_table *t)
{
	free(t->v);
	net_hmap_free(&t->by_inode);
	net_hmap_free(&t->by_cookie);
	memset(t, 0, sizeof *t);
}

struct sock_info *net_table_find_cookie(const struct net_table *t, uint64_t cookie)
{
	uint64_t i;
	return net_hmap_get(&t->by_cookie, cookie, &i) ? &t->v[i] : NULL;
}

struct sock_info *net_table_find_inode(const struct net_table *t, unsigned long inode)
{
	uint64_t i;
	return net_hmap_get(&t->by_inode, inode, &i) ? &t->v[i] : NULL;
}

/* net_acct_add: add bytes to pid's sums. */
static void net_acct_add(struct net_acct *a, int pid, unsigned long long rx, unsigned long long tx)
{
	uint64_t i;
	if (!net_hmap_get(&a->by_pid, (uint64_t)pid, &i)) {
		if (a->n == a->cap) {
			a->cap = a->cap ? a->cap * 2 : 64;
			a->v = xrealloc(a->v, a->cap * sizeof *a->v);
		}
		i = a->n++;
		a->v[i] = (struct net_pid_bytes){ .pid = pid };
		net_hmap_put(&a->by_pid, (uint64_t)pid, i);
	}
	a->v[i].rx += rx;
	a->v[i].tx += tx;
}

/* net_acct_unknown: remember an inode with traffic and no owner. */
static void net_acct_unknown(struct net_acct *a, unsigned long inode)
{
	if (a->nunknown == a->capunknown) {
		a->capunknown = a->capunknown ? a->capunknown * 2 : 32;
		a->unknown = xrealloc(a->unknown, a->capunknown * sizeof *a->unknown);
	}
	a->unknown[a->nunknown++] = inode;
}

/* net_acct_delta: counter growth, or 0 when it went backwards (a reused cookie). */
static unsigned long long net_acct_delta(unsigned long long now, unsigned long long before)
{
	return now >= before ? now - before : 0;
}

void net_acct_run(struct net_table *cur, const struct net_prevtab *prev,
		  const struct net_hmap *owner, const struct net_hmap *prev_ns,
		  struct net_acct *out)
{
	out->n = 0;
	out->nunknown = 0;
	out->unattributed_rx = out->unattributed_tx = 0;
	net_hmap_reset(&out->by_pid);

	for (size_t i = 0; i < cur->n; i++) {
		struct sock_info *si = &cur->v[i];
		const struct net_prev *p = NULL;
		unsigned long long rx, tx;
		uint64_t v;

		if (net_hmap_get(&prev->by_cookie, si->cookie, &v))
			p = &prev->v[v];
		si->pid = 0;
		if (si->inode && !si->gone && net_hmap_get(owner, si->inode, &v))
			si->pid = (int)v;
		else if (!si->inode && p)
			si->pid = p->pid; /* closed or destroyed: its last owner */
		if (!si->have_bytes)
			continue;
		/* A live row and a gone row of the same socket (destroyed while the
		 * dump ran): count the gone row only, it has the final counters. */
		if (!si->gone && net_table_find_cookie(cur, si->cookie) != si)
			continue;
		if (p) {
			rx = net_acct_delta(si->bytes_received, p->rx);
			tx = net_acct_delta(si->bytes_sent, p->tx);
		} else if (net_hmap_get(prev_ns, si->netns, NULL)) {
			rx = si->bytes_received; /* opened during the interval */
			tx = si->bytes_sent;
		} else {
			continue; /* first sight of this namespace: a baseline */
		}
		if (rx == 0 && tx == 0)
			continue;
		if (si->pid > 0) {
			net_acct_add(out, si->pid, rx, tx);
		} else {
			out->unattributed_rx += rx;
			out->unattributed_tx += tx;
			if (si->inode && !si->gone)
				net_acct_unknown(out, si->inode);
		}
	}
}

void net_acct_free(struct net_acct *a)
{
	free(a->v);
	free(a->unknown);
	net_hmap_free(&a->by_pid);
	memset(a, 0, sizeof *a);
}

const struct net_pid_bytes *net_acct_get(const struct net_acct *a, int pid)
{
	uint64_t i;
	return net_hmap_get(&a->by_pid, (uint64_t)pid, &i) ? &a->v[i] : NULL;
}

void net_prev_build(struct net_prevtab *prev, const struct net_table *cur)
{
	prev->n = 0;
	net_hmap_reset(&prev->by_cookie);
	for (size_t i = 0; i < cur->n; i++) {
		const struct sock_info *si = &cur->v[i];
		uint64_t j;
		if (!si->have_bytes || si->gone || !si->cookie)
			continue;
		if (net_hmap_get(&cur->by_cookie, si->cookie, &j) && cur->v[j].gone)
			continue; /* destroyed during the dump: already final */
		if (prev->n == prev->cap) {
			prev->cap = prev->cap ? prev->cap * 2 : 256;
			prev->v = xrealloc(prev->v, prev->cap * sizeof *prev->v);
		}
		prev->v[prev->n] = (struct net_prev){ si->cookie, si->bytes_received, si->bytes_sent, si->pid };
		net_hmap_put(&prev->by_cookie, si->cookie, prev->n);
		prev->n++;
	}
}

void net_prev_free(struct net_prevtab *prev)
{
	free(prev->v);
	net_hmap_free(&prev->by_cookie);
	memset(prev, 0, sizeof *prev);
}
