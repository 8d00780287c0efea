/* fuzz-fd.c - libFuzzer harness: the fd-link and fdinfo parsers
 * (collect-fd.c: parse_fd_link, parse_fdinfo_epoll, parse_fdinfo_flags;
 * collect-net-map.c: net_map_parse_link) on the same NUL-terminated input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect-fd.h"
#include "collect-net-int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct fd_target ft;
	int tfds[8];
	unsigned long inos[8];
	unsigned flags;
	size_t n;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	(void)parse_fd_link(text, &ft);
	(void)parse_fdinfo_epoll(text, tfds, inos, sizeof tfds / sizeof tfds[0], &n);
	(void)parse_fdinfo_flags(text, &flags);
	(void)net_map_parse_link(text);
	free(text);
	return 0;
}
