/* users.c - a small cache of uid -> name (getpwuid is slow: it may read
 * /etc/passwd or ask NSS each time).  Linear probing over a sorted-by-
 * insertion array is enough: a box has few distinct process owners. */
#include "config.h"
#include "users.h"
#include "util.h"
#include "fmt.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct users_entry {
	unsigned uid;
	char name[33];
};

struct users {
	struct users_entry *v;
	size_t n, cap;
};

struct users *users_new(void)
{
	return xcalloc(1, sizeof(struct users));
}

void users_free(struct users *u)
{
	if (!u)
		return;
	free(u->v);
	free(u);
}

const char *users_name(struct users *u, unsigned uid, char *buf, size_t bufsz)
{
	struct users_entry *e = NULL;
	struct passwd *pw;

	for (size_t i = 0; i < u->n; i++)
		if (u->v[i].uid == uid) {
			e = &u->v[i];
			break;
		}
	if (!e) {
		if (u->n == u->cap) {
			u->cap = u->cap ? 2 * u->cap : 16;
			u->v = xrealloc(u->v, u->cap * sizeof(*u->v));
		}
		e = &u->v[u->n++];
		e->uid = uid;
		pw = getpwuid(uid);
		if (pw && pw->pw_name[0])
			fmt_sanitize(e->name, sizeof(e->name), pw->pw_name, false);
		else
			snprintf(e->name, sizeof(e->name), "%u", uid);
	}
	snprintf(buf, bufsz, "%s", e->name);
	return buf;
}
