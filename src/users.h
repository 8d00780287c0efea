/* users.h - uid -> user name, looked up once per uid and cached.
 * Unknown uids print as the number, like ps. */
#ifndef WAITTOP_USERS_H
#define WAITTOP_USERS_H

#include <stddef.h>

struct users;

/* users_new: an empty cache (never NULL: dies on ENOMEM). */
struct users *users_new(void);
/* users_free: NULL is a no-op. */
void users_free(struct users *u);
/* users_name: the name of uid (or its number) into buf; returns buf. */
const char *users_name(struct users *u, unsigned uid, char *buf, size_t bufsz);

#endif
