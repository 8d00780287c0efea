/* unit-iface.c - the Interfaces pane's parsers and delta: /proc/net/dev
 * (lo included, header skipped, names up to the colon even when the
 * numbers touch it), TcpExt columns found by name, rates, and counters
 * that went backwards. */
#include "config.h"
#include "collect-iface.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static const char netdev1[] =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop "
    "fifo colls carrier compressed\n"
    "    lo: 1000 10 0 0 0 0 0 0 1000 10 0 0 0 0 0 0\n"
    "  eth0:123456789012 200 1 2 0 0 0 0 5000 300 3 4 0 0 0 0\n";
static const char netdev2[] = "    lo: 3000 30 0 0 0 0 0 0 3000 30 0 0 0 0 0 0\n"
			      "  eth0:123456789112 220 3 2 0 0 0 0 4000 310 3 8 0 0 0 0\n"
			      "  veth9: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n";
static const char netstat[] = "TcpExt: SyncookiesSent ListenOverflows ListenDrops TCPTimeouts\n"
			      "TcpExt: 0 17 19 4\n"
			      "IpExt: InNoRoutes ListenOverflows\n"
			      "IpExt: 0 99\n";

int main(void)
{
	struct iface_snap a = { 0 }, b = { 0 };
	struct iface_row *rows;
	struct netstat_row ns;
	unsigned long long o = 0, d = 0;
	long n;

	n = parse_iface_netdev(netdev1, &a.v);
	CHECK_INT(n, 2);
	a.n = (size_t)n;
	CHECK_STR(a.v[0].name, "lo");
	CHECK_STR(a.v[1].name, "eth0");
	CHECK_INT(a.v[1].rx_bytes, 123456789012ULL);
	CHECK_INT(a.v[1].rx_errs, 1);
	CHECK_INT(a.v[1].tx_drops, 4);
	CHECK_INT(parse_iface_netstat(netstat, &o, &d), 0);
	CHECK_INT(o, 17);
	CHECK_INT(d, 19);
	CHECK_INT(parse_iface_netstat("TcpExt: A B\nTcpExt: 1 2\n", &o, &d), -1);
	CHECK_INT(parse_iface_netstat("", &o, &d), -1);
	a.have_netstat = true, a.listen_overflows = 17, a.listen_drops = 19, a.mono_s = 1;

	n = parse_iface_netdev(netdev2, &b.v);
	b.n = (size_t)n;
	b.have_netstat = true, b.listen_overflows = 21, b.listen_drops = 19, b.mono_s = 3;
	n = iface_delta(&a, &b, &rows, &ns);
	CHECK_INT(n, 2); /* veth9 has one reading only */
	CHECK_STR(rows[0].name, "lo");
	CHECK_NEAR(rows[0].rx_bps, 1000, 1e-9);
	CHECK_NEAR(rows[0].tx_pps, 10, 1e-9);
	CHECK_NEAR(rows[1].rx_bps, 50, 1e-9);
	CHECK_NEAR(rows[1].tx_bps, 0, 1e-9); /* went backwards */
	CHECK_NEAR(rows[1].rx_errs_ps, 1, 1e-9);
	CHECK_NEAR(rows[1].tx_drops_ps, 2, 1e-9);
	CHECK(ns.have);
	CHECK_NEAR(ns.listen_overflows_ps, 2, 1e-9);
	CHECK_NEAR(ns.listen_drops_ps, 0, 1e-9);
	free(rows);
	b.have_netstat = false;
	n = iface_delta(&a, &b, &rows, &ns);
	CHECK(!ns.have); /* unreadable: null, not 0 */
	free(rows);
	iface_snap_clear(&a);
	iface_snap_clear(&b);

	CHECK_INT(collect_iface_read(&a), 0);
	CHECK(a.n >= 1); /* lo at least */
	iface_snap_clear(&a);
	return test_done("unit-iface");
}
