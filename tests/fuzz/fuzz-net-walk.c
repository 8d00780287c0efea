/* fuzz-net-walk.c - libFuzzer harness: the sock_diag walker
 * (collect-net-diag.c) fed a whole receive buffer, lengths that lie
 * included, as a TCP, a UDP and a unix dump would be: the first byte picks
 * the protocol, the rest is the buffer, copied to exactly its size. */
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect-net-int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_IP };
	struct net_table t = { 0 };
	void *buf;

	if (size < 1)
		return 0;
	buf = malloc(size - 1 ? size - 1 : 1);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	(void)net_diag_walk(buf, size - 1, 0, 0, protos[data[0] % 3], 1, &t);
	net_table_index(&t);
	net_table_free(&t);
	free(buf);
	return 0;
}
