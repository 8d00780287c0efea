/* unit-sys.c - the system collector's pure parts: the /proc parsers in
 * parse-sys.c and sys_delta.  All text and counters were captured from
 * /proc on a Linux 6.18 VM (2 vCPUs, virtio disk vda, 4 KiB pages); the
 * few edited copies say what was changed and why. */
#include <stdlib.h>
#include <string.h>

#include "collect-sys.h"
#include "test.h"

/* captured text: one /proc line per source line */
/* clang-format off */
static const char psi_cpu_txt[] =
	"some avg10=3.60 avg60=1.15 avg300=0.47 total=3517576\n"
	"full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
static const char psi_io_txt[] =
	"some avg10=0.74 avg60=0.22 avg300=0.33 total=2863586\n"
	"full avg10=0.74 avg60=0.22 avg300=0.32 total=2756419\n";
static const char psi_mem_txt[] =
	"some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
	"full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
/* the cpu file as kernels before 5.13 write it: no "full" line */
static const char psi_cpu_old_txt[] =
	"some avg10=3.60 avg60=1.15 avg300=0.47 total=3517576\n";

static const char loadavg_txt[] = "0.16 0.04 0.01 1/87 7073\n";

/* /proc/net/dev before and after 1,000,000 bytes over a loopback TCP socket */
static const char netdev1_txt[] =
	"Inter-|   Receive                                                |  Transmit\n"
	" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
	"    lo:    3267      29    0    0    0     0          0         0     3267      29    0    0    0     0       0          0\n"
	"  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n"
	"  ifb1:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n"
	"  eth0: 20243170     492    0    0    0     0          0         0    26522     311    0    0    0     0       0          0\n";
static const char netdev2_txt[] =
	"Inter-|   Receive                                                |  Transmit\n"
	" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
	"    lo: 1005727      76    0    0    0     0          0         0  1005727      76    0    0    0     0       0          0\n"
	"  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n"
	"  ifb1:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n"
	"  eth0: 20243170     492    0    0    0     0          0         0    26522     311    0    0    0     0       0          0\n";

static const char snmp_txt[] =
	"Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams InUnknownProtos InDiscards InDelivers OutRequests OutDiscards OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs ReasmFails FragOKs FragFails FragCreates OutTransmits\n"
	"Ip: 2 64 568 0 0 0 0 0 568 371 0 0 0 0 0 0 0 0 0 371\n"
	"Icmp: InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs InSrcQuenchs InRedirects InEchos InEchoReps InTimestamps InTimestampReps InAddrMasks InAddrMaskReps OutMsgs OutErrors OutRateLimitGlobal OutRateLimitHost OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps\n"
	"Icmp: 1 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
	"IcmpMsg: InType3\n"
	"IcmpMsg: 1\n"
	"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\n"
	"Tcp: 1 200 120000 -1 15 3 0 0 0 541 355 0 0 2 0\n"
	"Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors\n"
	"Udp: 26 0 0 27 0 0 0 0 0\n"
	"UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors\n"
	"UdpLite: 0 0 0 0 0 0 0 0 0\n";
/* the Tcp lines with a non-zero RetransSegs (edited: this VM had none) and
 * with the columns of an older kernel that lacked InCsumErrors */
static const char snmp_retrans_txt[] =
	"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts\n"
	"Tcp: 1 200 120000 -1 15 3 0 0 0 541 355 37 0 2";

/* clang-format on */

static void test_psi(void)
{
	struct psi_raw p;

	CHECK_INT(parse_sys_psi(psi_cpu_txt, &p), 0);
	CHECK(p.some.have);
	CHECK(p.full.have);
	CHECK_NEAR(p.some.avg10, 3.60, 1e-9);
	CHECK_NEAR(p.some.avg60, 1.15, 1e-9);
	CHECK_NEAR(p.some.avg300, 0.47, 1e-9);
	CHECK_INT(p.some.total_us, 3517576);
	CHECK_NEAR(p.full.avg10, 0.0, 1e-9);

	CHECK_INT(parse_sys_psi(psi_io_txt, &p), 0);
	CHECK_NEAR(p.full.avg300, 0.32, 1e-9);
	CHECK_INT(p.full.total_us, 2756419);

	CHECK_INT(parse_sys_psi(psi_cpu_old_txt, &p), 0);
	CHECK(p.some.have);
	CHECK(!p.full.have);

	CHECK_INT(parse_sys_psi("", &p), -1);
	CHECK(!p.some.have);
	CHECK_INT(parse_sys_psi("some avg10=0.74 avg60=0.22 total=1\n", &p), -1); /* no avg300 */
	CHECK_INT(parse_sys_psi("some avg10=x avg60=0.22 avg300=0.33 total=1\n", &p), -1);
}

static void test_loadavg(void)
{
	double l[3];

	CHECK_INT(parse_sys_loadavg(loadavg_txt, l), 0);
	CHECK_NEAR(l[0], 0.16, 1e-9);
	CHECK_NEAR(l[1], 0.04, 1e-9);
	CHECK_NEAR(l[2], 0.01, 1e-9);
	CHECK_INT(parse_sys_loadavg("0.16 0.04\n", l), -1);
	CHECK_INT(parse_sys_loadavg("", l), -1);
}

static void test_netdev(void)
{
	struct sys_iface_raw ifc[8];
	size_t n = 99;

	CHECK_INT(parse_sys_netdev(netdev1_txt, ifc, 8, &n), 0);
	CHECK_INT(n, 4);
	CHECK_STR(ifc[0].name, "lo");
	CHECK_INT(ifc[0].rx_bytes, 3267);
	CHECK_INT(ifc[0].tx_bytes, 3267);
	CHECK_STR(ifc[3].name, "eth0");
	CHECK_INT(ifc[3].rx_bytes, 20243170);
	CHECK_INT(ifc[3].tx_bytes, 26522);

	/* more interfaces than room: the first ones, no overflow */
	CHECK_INT(parse_sys_netdev(netdev1_txt, ifc, 2, &n), 0);
	CHECK_INT(n, 2);
	CHECK_STR(ifc[1].name, "ifb0");

	CHECK_INT(parse_sys_netdev("Inter-|\n face |\n  eth0: 1 2 3\n", ifc, 8, &n), -1);
	CHECK_INT(parse_sys_netdev("", ifc, 8, &n), -1);
}

static void test_snmp(void)
{
	unsigned long long r = 99;

	CHECK_INT(parse_sys_snmp_retrans(snmp_txt, &r), 0);
	CHECK_INT(r, 0);
	CHECK_INT(parse_sys_snmp_retrans(snmp_retrans_txt, &r), 0);
	CHECK_INT(r, 37);
	/* no Tcp section, or a header without the column */
	CHECK_INT(parse_sys_snmp_retrans("Ip: Forwarding\nIp: 2\n", &r), -1);
	CHECK_INT(parse_sys_snmp_retrans("Tcp: RtoAlgorithm RtoMin\nTcp: 1 200\n", &r), -1);
	/* value line shorter than the header */
	CHECK_INT(parse_sys_snmp_retrans("Tcp: A B C RetransSegs\nTcp: 1 2\nUdp: 5 6\n", &r), -1);
}

static void test_delayacct(void)
{
	CHECK_INT(parse_sys_delayacct("0\n"), 0);
	CHECK_INT(parse_sys_delayacct("1\n"), 1);
	CHECK_INT(parse_sys_delayacct(""), -1);
	CHECK_INT(parse_sys_delayacct("2\n"), -1);
}

static void test_whole_disk(void)
{
	static const char *const yes[] = { "sda",     "sdab",	  "vda",     "xvda", "hdc",
					   "nvme0n1", "nvme10n2", "mmcblk0", "dm-0", "md0",
					   "md127",   "sr0",	  "nbd0" };
	static const char *const no[] = { "sda1",      "vda2",	    "sdab12", "xvda1",
					  "nvme0n1p1", "mmcblk0p2", "loop0",  "loop12",
					  "ram0",      "zram0",	    "" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!parse_sys_is_whole_disk(yes[i])) {
			fprintf(stderr, "whole disk rejected: %s\n", yes[i]);
			CHECK(0);
		}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (parse_sys_is_whole_disk(no[i])) {
			fprintf(stderr, "partition or virtual disk accepted: %s\n", no[i]);
			CHECK(0);
		}
	CHECK(!parse_sys_is_whole_disk(NULL));
}

static void add_disk(struct sys_raw *r, const char *name, unsigned long long rd,
		     unsigned long long wr, unsigned long long ms)
{
	struct sys_disk_raw *d = &r->disks[r->ndisks++];

	snprintf(d->name, sizeof(d->name), "%s", name);
	d->read_sectors = rd;
	d->write_sectors = wr;
	d->io_ms = ms;
}

/* Two readings 1.158 s apart around `dd bs=1M count=50 conv=fsync`. */
static void fill_pair(struct sys_raw *a, struct sys_raw *b)
{
	static const unsigned long long ta[8] = { 2235, 0, 1744, 84319, 309, 0, 24, 9 };
	static const unsigned long long tb[8] = { 2236, 0, 1757, 84534, 311, 0, 24, 9 };

	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	a->mono_s = 1000.0;
	b->mono_s = 1000.0 + 1.157977393;
	a->time_s = 1795966163.606370914;
	b->time_s = 1795966164.764348307;
	a->have_cpu = b->have_cpu = true;
	memcpy(a->cpu_ticks, ta, sizeof(ta));
	memcpy(b->cpu_ticks, tb, sizeof(tb));
	a->ncpu = b->ncpu = 2;
	a->procs_running = 1;
	b->procs_running = 2;
	a->have_load = b->have_load = true;
	CHECK_INT(parse_sys_loadavg(loadavg_txt, b->load), 0);

	a->have_mem = b->have_mem = true;
	a->page_size = b->page_size = 4096;
	a->dirty_kb = 1388;
	b->dirty_kb = 1404;
	a->dirty_thresh_pages = 1220656;
	b->dirty_thresh_pages = 1220565;
	a->dirty_bg_thresh_pages = 609583;
	b->dirty_bg_thresh_pages = 609537;
	a->nr_dirtied = 77657;
	b->nr_dirtied = 90461;
	a->nr_written = 52502;
	b->nr_written = 65302;

	a->have_disk = b->have_disk = true;
	add_disk(a, "vda", 2613858, 422240, 4060);
	add_disk(b, "vda", 2614290, 524656, 4084);

	a->have_net = b->have_net = true;
	CHECK_INT(parse_sys_netdev(netdev1_txt, a->ifaces, SYS_MAX_IFACES, &a->nifaces), 0);
	CHECK_INT(parse_sys_netdev(netdev2_txt, b->ifaces, SYS_MAX_IFACES, &b->nifaces), 0);

	a->have_retrans = b->have_retrans = true;
	CHECK_INT(parse_sys_snmp_retrans(snmp_txt, &a->tcp_retrans_segs), 0);
	CHECK_INT(parse_sys_snmp_retrans(snmp_retrans_txt, &b->tcp_retrans_segs), 0);

	CHECK_INT(parse_sys_psi(psi_cpu_txt, &b->psi_cpu), 0);
	CHECK_INT(parse_sys_psi(psi_io_txt, &b->psi_io), 0);
	CHECK_INT(parse_sys_psi(psi_mem_txt, &b->psi_mem), 0);
	a->delayacct = b->delayacct = 0;
}

static void test_delta_normal(void)
{
	struct sys_raw a, b;
	struct sys_row r;
	const double dt = 1.157977393;

	fill_pair(&a, &b);
	sys_delta(&a, &b, &r);
	CHECK_NEAR(r.interval_s, dt, 1e-9);
	CHECK_NEAR(r.time_s, 1795966164.764348307, 1e-6);

	/* tick deltas: user 1, sys 13, idle 215, iowait 2 = 231 */
	CHECK(r.have_cpu);
	CHECK_NEAR(r.cpu_user_pct, 100.0 * 1 / 231, 1e-9);
	CHECK_NEAR(r.cpu_system_pct, 100.0 * 13 / 231, 1e-9);
	CHECK_NEAR(r.cpu_idle_pct, 100.0 * 215 / 231, 1e-9);
	CHECK_NEAR(r.cpu_iowait_pct, 100.0 * 2 / 231, 1e-9);
	CHECK_NEAR(r.cpu_steal_pct, 0.0, 1e-9);
	CHECK_NEAR(r.cpu_user_pct + r.cpu_system_pct + r.cpu_idle_pct + r.cpu_iowait_pct +
		       r.cpu_steal_pct,
		   100.0, 1e-9);
	CHECK_INT(r.ncpu, 2);

	CHECK(r.have_load);
	CHECK_NEAR(r.load[0], 0.16, 1e-9);
	CHECK_INT(r.procs_running, 2);

	CHECK(r.have_mem);
	CHECK_INT(r.dirty_bytes, 1404ULL * 1024);
	CHECK_INT(r.writeback_bytes, 0);
	CHECK_INT(r.dirty_thresh_bytes, 1220565ULL * 4096);
	CHECK_INT(r.dirty_bg_thresh_bytes, 609537ULL * 4096);
	CHECK_NEAR(r.dirtied_bps, 12804.0 * 4096 / dt, 1e-3);
	CHECK_NEAR(r.written_bps, 12800.0 * 4096 / dt, 1e-3);

	CHECK(r.have_disk);
	CHECK_NEAR(r.disk_read_bps, 432.0 * 512 / dt, 1e-3);
	CHECK_NEAR(r.disk_write_bps, 102416.0 * 512 / dt, 1e-3);
	CHECK_STR(r.busiest_disk, "vda");
	CHECK_NEAR(r.busiest_util_pct, 24.0 / (dt * 1000) * 100, 1e-9);

	CHECK(r.have_net);
	CHECK_NEAR(r.lo_rx_bps, 1002460.0 / dt, 1e-3);
	CHECK_NEAR(r.lo_tx_bps, 1002460.0 / dt, 1e-3);
	CHECK_NEAR(r.net_rx_bps, 0.0, 1e-9); /* eth0 idle; lo not counted */
	CHECK_NEAR(r.net_tx_bps, 0.0, 1e-9);

	CHECK(r.have_retrans);
	CHECK_NEAR(r.tcp_retrans_ps, 37.0 / dt, 1e-9);

	CHECK(r.have_psi);
	CHECK_NEAR(r.psi_cpu_some, 3.60, 1e-9);
	CHECK_NEAR(r.psi_io_some, 0.74, 1e-9);
	CHECK_NEAR(r.psi_io_full, 0.74, 1e-9);
	CHECK_NEAR(r.psi_mem_some, 0.0, 1e-9);
	CHECK_INT(r.delayacct, 0);
}

static void test_delta_busiest(void)
{
	struct sys_raw a, b;
	struct sys_row r;

	fill_pair(&a, &b);
	/* a second disk, busier than vda in this interval */
	add_disk(&a, "sdb", 1000, 2000, 500);
	add_disk(&b, "sdb", 1008, 2000, 1000);
	sys_delta(&a, &b, &r);
	CHECK_STR(r.busiest_disk, "sdb");
	CHECK_NEAR(r.busiest_util_pct, 500.0 / (b.mono_s - a.mono_s) / 10, 1e-9);
	CHECK_NEAR(r.disk_read_bps, (432.0 + 8) * 512 / (b.mono_s - a.mono_s), 1e-3);

	/* a device-mapper disk on top of sdb: busiest, but not summed twice */
	add_disk(&a, "dm-0", 1000, 2000, 100);
	add_disk(&b, "dm-0", 1008, 2000, 1100);
	a.disks[2].stacked = b.disks[2].stacked = true;
	sys_delta(&a, &b, &r);
	CHECK_STR(r.busiest_disk, "dm-0");
	CHECK_NEAR(r.disk_read_bps, (432.0 + 8) * 512 / (b.mono_s - a.mono_s), 1e-3);
	a.ndisks = b.ndisks = 2;

	/* io_ms that outruns our clock is capped at 100% */
	b.disks[1].io_ms = 500 + 5000;
	sys_delta(&a, &b, &r);
	CHECK_NEAR(r.busiest_util_pct, 100.0, 1e-9);
}

static void test_delta_reset(void)
{
	struct sys_raw a, b;
	struct sys_row r;

	fill_pair(&a, &b);
	/* vda detached and re-attached: its counters restart near zero */
	b.disks[0].read_sectors = 16;
	b.disks[0].write_sectors = 8;
	b.disks[0].io_ms = 4;
	/* eth0 recreated: counters restart */
	b.ifaces[3].rx_bytes = 100;
	b.ifaces[3].tx_bytes = 0;
	b.nr_written = 10; /* cannot happen, but must not give 2^64 pages */
	sys_delta(&a, &b, &r);
	CHECK(r.have_disk);
	CHECK_NEAR(r.disk_read_bps, 0.0, 1e-9);
	CHECK_NEAR(r.disk_write_bps, 0.0, 1e-9);
	CHECK_NEAR(r.busiest_util_pct, 0.0, 1e-9);
	CHECK(r.have_net);
	CHECK_NEAR(r.net_rx_bps, 0.0, 1e-9);
	CHECK_NEAR(r.net_tx_bps, 0.0, 1e-9);
	CHECK(r.lo_rx_bps > 0);
	CHECK_NEAR(r.written_bps, 0.0, 1e-9);
	CHECK(r.dirtied_bps > 0);
}

static void test_delta_appear(void)
{
	struct sys_raw a, b;
	struct sys_row r;

	fill_pair(&a, &b);
	/* a disk and an interface that exist only in the second reading */
	add_disk(&b, "nvme0n1", 900000, 900000, 900000);
	snprintf(b.ifaces[b.nifaces].name, sizeof(b.ifaces[0].name), "veth1");
	b.ifaces[b.nifaces].rx_bytes = 123456789;
	b.ifaces[b.nifaces].tx_bytes = 987654321;
	b.nifaces++;
	/* and one that vanished */
	a.ifaces[1].rx_bytes = 5000;
	memmove(&b.ifaces[1], &b.ifaces[2], (b.nifaces - 2) * sizeof(b.ifaces[0]));
	b.nifaces--;
	sys_delta(&a, &b, &r);
	CHECK_STR(r.busiest_disk, "vda");
	CHECK_NEAR(r.disk_write_bps, 102416.0 * 512 / r.interval_s, 1e-3);
	CHECK_NEAR(r.net_rx_bps, 0.0, 1e-9);
	CHECK_NEAR(r.net_tx_bps, 0.0, 1e-9);

	/* the next interval gives the new devices their rates */
	a = b;
	b.mono_s += 1.0;
	b.disks[1].write_sectors += 2048;
	b.ifaces[b.nifaces - 1].rx_bytes += 4000;
	sys_delta(&a, &b, &r);
	CHECK_NEAR(r.disk_write_bps, 2048.0 * 512, 1e-6);
	CHECK_NEAR(r.net_rx_bps, 4000.0, 1e-6);
}

static void test_delta_missing(void)
{
	struct sys_raw a, b;
	struct sys_row r;

	/* PSI absent (no /proc/pressure, or reads failing with EOPNOTSUPP) */
	fill_pair(&a, &b);
	memset(&b.psi_cpu, 0, sizeof(b.psi_cpu));
	memset(&b.psi_io, 0, sizeof(b.psi_io));
	memset(&b.psi_mem, 0, sizeof(b.psi_mem));
	sys_delta(&a, &b, &r);
	CHECK(!r.have_psi);
	CHECK(r.have_cpu && r.have_mem && r.have_disk && r.have_net);

	/* an old kernel: cpu has no full line, the rest is there */
	fill_pair(&a, &b);
	CHECK_INT(parse_sys_psi(psi_cpu_old_txt, &b.psi_cpu), 0);
	sys_delta(&a, &b, &r);
	CHECK(r.have_psi);
	CHECK_NEAR(r.psi_cpu_some, 3.60, 1e-9);

	/* each part missing from one side keeps only its own flag false */
	fill_pair(&a, &b);
	a.have_mem = false;
	b.have_net = false;
	b.have_retrans = false;
	b.have_load = false;
	b.delayacct = -1;
	sys_delta(&a, &b, &r);
	CHECK(!r.have_mem);
	CHECK(!r.have_net);
	CHECK(!r.have_retrans);
	CHECK(!r.have_load);
	CHECK_INT(r.delayacct, -1);
	CHECK(r.have_cpu && r.have_disk);

	/* no ticks elapsed, or no time: no CPU split, no rates */
	fill_pair(&a, &b);
	memcpy(b.cpu_ticks, a.cpu_ticks, sizeof(a.cpu_ticks));
	b.mono_s = a.mono_s;
	sys_delta(&a, &b, &r);
	CHECK(!r.have_cpu);
	CHECK(!r.have_mem && !r.have_disk && !r.have_net && !r.have_retrans);
}

int main(void)
{
	test_psi();
	test_loadavg();
	test_netdev();
	test_snmp();
	test_delayacct();
	test_whole_disk();
	test_delta_normal();
	test_delta_busiest();
	test_delta_reset();
	test_delta_appear();
	test_delta_missing();
	return test_done("unit-sys");
}
