/* fuzz-net-walk.c - libFuzzer harness: the sock_diag walker
 * (collect-net-diag.c) fed a whole receive buffer, lengths that lie
 * included, as a TCP, a UDP and a unix dump would be: the first byte picks
 * the protocol, the rest is the buffer, copied to exactly its size.  The
 * rows it made then go through the Connections pane (TCP rows, UDP and
 * unix rows with their peers' names) and its JSON and text output. */
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "collect-conn.h"
#include "collect-net-int.h"

/* fuzz_find: a unix peer by inode in the walked table. */
static const struct sock_info *fuzz_find(const void *ctx, unsigned long inode)
{
	return net_table_find_inode(ctx, inode);
}

/* fuzz_panes: the walked rows as the Connections pane builds and prints them. */
static void fuzz_panes(const struct net_table *t)
{
	static FILE *null;
	struct conn_prev prev = { 0 };
	struct sample s = { 0 };
	unsigned asked = MODEL_PANE_CONNS | MODEL_PANE_SOCKETS;
	long n;

	if (!null && !(null = fopen("/dev/null", "w")))
		return;
	n = conn_build(t->v, t->n, 1.0, &prev, &s.conns);
	if (n >= 0)
		n = conn_add_sockets(t->v, t->n, 64, fuzz_find, t, &s.conns, (size_t)n,
				     &s.nconns_omitted);
	if (n >= 0) {
		s.nconns = (size_t)n;
		s.panes = asked;
		batch_panes_json(null, &s, asked);
		batch_panes_text(null, &s, asked, true);
	}
	free(s.conns);
	conn_prev_clear(&prev);
}

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
	fuzz_panes(&t);
	net_table_free(&t);
	free(buf);
	return 0;
}
