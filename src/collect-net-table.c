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

struct sock_info *net_table_grow(struct net_table *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	return &t->v[t->n++];
}

struct sock_info *net_table_add(struct net_table *t)
{
	struct sock_info *si = net_table_grow(t);
	memset(si, 0, sizeof *si);
	return si;
}

void net_table_index(struct net_table *t)
{
	net_hmap_reset(&t->by_inode);
	net_hmap_reset(&t->by_gone);
	t->ngone = 0;
	for (size_t i = 0; i < t->n; i++) {
		/* A socket destroyed while the dump ran has a live row and a gone
		 * row; by_gone tells the accounting to count the gone one only. */
		if (t->v[i].gone) {
			t->ngone++;
			net_hmap_put(&t->by_gone, t->v[i].cookie, i);
		} else if (t->v[i].inode) {
			net_hmap_put(&t->by_inode, t->v[i].inode, i);
		}
	}
}

void net_table_reset(struct net_table *t)
{
	t->n = 0;
	t->ngone = 0;
	net_hmap_reset(&t->by_inode);
	net_hmap_reset(&t->by_gone);
}

void net_table_free(struct net_table *t)
{
	free(t->v);
	net_hmap_free(&t->by_inode);
	net_hmap_free(&t->by_gone);
	memset(t, 0, sizeof *t);
}

struct sock_info *net_table_find_gone(const struct net_table *t, uint64_t cookie)
{
	uint64_t i;
	return t->ngone && net_hmap_get(&t->by_gone, cookie, &i) ? &t->v[i] : NULL;
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

/* net_acct_add_uid: add unattributed bytes to uid's sums. */
static void net_acct_add_uid(struct net_acct *a, unsigned uid, unsigned long long rx,
			     unsigned long long tx)
{
	uint64_t i;
	if (!net_hmap_get(&a->by_uid, (uint64_t)uid + 1, &i)) {
		if (a->nuv == a->capuv) {
			a->capuv = a->capuv ? a->capuv * 2 : 16;
			a->uv = xrealloc(a->uv, a->capuv * sizeof *a->uv);
		}
		i = a->nuv++;
		a->uv[i] = (struct net_uid_bytes){ .uid = uid };
		net_hmap_put(&a->by_uid, (uint64_t)uid + 1, i);
	}
	a->uv[i].rx += rx;
	a->uv[i].tx += tx;
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

/* net_prev_find: the previous reading of cookie; *cursor follows the dump
 * order, the index is built only when the order breaks. */
static const struct net_prev *net_prev_find(struct net_prevtab *prev, uint64_t cookie,
					    size_t *cursor)
{
	uint64_t i;

	if (*cursor < prev->n && prev->v[*cursor].cookie == cookie)
		return &prev->v[(*cursor)++];
	if (!prev->indexed) {
		net_hmap_reset(&prev->by_cookie);
		for (size_t j = 0; j < prev->n; j++)
			net_hmap_put(&prev->by_cookie, prev->v[j].cookie, j);
		prev->indexed = true;
	}
	if (!net_hmap_get(&prev->by_cookie, cookie, &i))
		return NULL;
	*cursor = (size_t)i + 1;
	return &prev->v[i];
}

int net_owner_of(const struct sock_info *si, const struct net_hmap *owner)
{
	uint64_t v;
	return si->inode && !si->gone && net_hmap_get(owner, si->inode, &v) ? (int)v : 0;
}

void net_acct_run(struct net_table *cur, struct net_prevtab *prev, const struct net_hmap *owner,
		  const struct net_hmap *prev_ns, struct net_acct *out)
{
	size_t cursor = 0;

	out->n = 0;
	out->nunknown = 0;
	out->unattributed_rx = out->unattributed_tx = 0;
	out->nuv = 0;
	net_hmap_reset(&out->by_pid);
	net_hmap_reset(&out->by_uid);

	for (size_t i = 0; i < cur->n; i++) {
		struct sock_info *si = &cur->v[i];
		const struct net_prev *p;
		unsigned long long rx, tx;
		uint64_t v;

		si->pid = 0;
		if (!si->have_bytes)
			continue;
		p = net_prev_find(prev, si->cookie, &cursor);
		if (!si->inode && p) /* closed or destroyed: its last owner */
			si->pid = p->pid;
		if (!si->inode && p && !si->pid && p->inode && net_hmap_get(owner, p->inode, &v))
			si->pid = (int)v;
		/* A live row and a gone row of the same socket (destroyed while the
		 * dump ran): count the gone row only, it has the final counters. */
		if (!si->gone && net_table_find_gone(cur, si->cookie))
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
		if (si->inode)
			si->pid = net_owner_of(si, owner);
		if (si->pid > 0) {
			net_acct_add(out, si->pid, rx, tx);
		} else {
			out->unattributed_rx += rx;
			out->unattributed_tx += tx;
			if (si->have_uid)
				net_acct_add_uid(out, si->uid, rx, tx);
			if (si->inode && !si->gone)
				net_acct_unknown(out, si->inode);
		}
	}
}

void net_acct_free(struct net_acct *a)
{
	free(a->v);
	free(a->unknown);
	free(a->uv);
	net_hmap_free(&a->by_pid);
	net_hmap_free(&a->by_uid);
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
	prev->indexed = false;
	for (size_t i = 0; i < cur->n; i++) {
		const struct sock_info *si = &cur->v[i];
		if (!si->have_bytes || si->gone || !si->cookie)
			continue;
		if (net_table_find_gone(cur, si->cookie))
			continue; /* destroyed during the dump: already final */
		if (prev->n == prev->cap) {
			prev->cap = prev->cap ? prev->cap * 2 : 256;
			prev->v = xrealloc(prev->v, prev->cap * sizeof *prev->v);
		}
		prev->v[prev->n++] = (struct net_prev){ si->cookie, si->bytes_received,
							si->bytes_sent, si->inode, si->pid };
	}
}

void net_prev_free(struct net_prevtab *prev)
{
	free(prev->v);
	net_hmap_free(&prev->by_cookie);
	memset(prev, 0, sizeof *prev);
}
