/* unit-disk.c - the Disks pane's parser and delta: the 14, 18 and 20
 * field forms of /proc/diskstats, rates, r_await/w_await from the ticks
 * deltas, queue size, utilisation, counters that went backwards, and
 * idle loop devices left out. */
#include "config.h"
#include "collect-disk.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
	struct disk_raw d;
	struct disk_raw *v;
	struct disk_row *rows;
	struct disk_snap a = { 0 }, b = { 0 };
	long n;

	/* Linux 2.6: 14 fields, no discards */
	CHECK_INT(parse_disk_line("   8       0 sda 100 5 800 50 200 6 1600 400 0 300 450", &d), 0);
	CHECK_STR(d.name, "sda");
	CHECK_INT(d.major, 8);
	CHECK_INT(d.reads, 100);
	CHECK_INT(d.read_sectors, 800);
	CHECK_INT(d.read_ticks_ms, 50);
	CHECK_INT(d.writes, 200);
	CHECK_INT(d.write_ticks_ms, 400);
	CHECK_INT(d.io_ticks_ms, 300);
	CHECK_INT(d.queue_ticks_ms, 450);
	CHECK(!d.have_discard && !d.have_flush);
	/* 4.18: discards; 5.5: flushes */
	CHECK_INT(parse_disk_line(" 252 0 vda 1 0 8 1 2 0 16 2 0 3 3 7 0 56 9", &d), 0);
	CHECK(d.have_discard && !d.have_flush);
	CHECK_INT(d.discards, 7);
	CHECK_INT(d.discard_ticks_ms, 9);
	CHECK_INT(parse_disk_line(" 252 0 vda 1 0 8 1 2 0 16 2 0 3 3 7 0 56 9 11 12", &d), 0);
	CHECK(d.have_flush);
	CHECK_INT(d.flushes, 11);
	CHECK_INT(parse_disk_line(" 252 0 vda 1 0 8", &d), -1);
	CHECK_INT(parse_disk_line("", &d), -1);

	n = parse_disk_stats("   8 0 sda 100 5 800 50 200 6 1600 400 0 300 450 0 0 0 0 0 0\n"
			     "   8 1 sda1 90 5 700 40 150 6 1200 300 0 250 350 0 0 0 0 0 0\n"
			     "   7 0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
			     "garbage\n",
			     &v);
	CHECK_INT(n, 3);
	free(v);
	/* a 14-field line does not take the next line's numbers as discards */
	n = parse_disk_stats("8 0 sda 1 0 8 1 2 0 16 2 0 3 3\n8 1 sda1 1 0 8 1 2 0 16 2 0 3 3\n",
			     &v);
	CHECK_INT(n, 2);
	CHECK(!v[0].have_discard);
	CHECK_STR(v[1].name, "sda1");
	free(v);
	n = parse_disk_stats("   8 0 sda 100 5 800 50 200 6 1600 400 0 300 450 0 0 0 0 0 0\n"
			     "   8 1 sda1 90 5 700 40 150 6 1200 300 0 250 350 0 0 0 0 0 0\n"
			     "   7 0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
			     &v);
	a.v = v, a.n = (size_t)n, a.mono_s = 10;
	n = parse_disk_stats("   8 0 sda 150 5 1800 150 300 6 3600 1400 2 800 2450 4 0 64 8 10 20\n"
			     "   8 1 sda1 80 5 600 30 150 6 1200 300 0 250 350 0 0 0 0 0 0\n"
			     "   7 0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
			     &v);
	b.v = v, b.n = (size_t)n, b.mono_s = 12;
	n = disk_delta(&a, &b, &rows);
	CHECK_INT(n, 2); /* the idle loop device is left out */
	CHECK_STR(rows[0].name, "sda");
	CHECK_NEAR(rows[0].reads_ps, 25, 1e-9);
	CHECK_NEAR(rows[0].writes_ps, 50, 1e-9);
	CHECK_NEAR(rows[0].read_bps, 1000 * 512 / 2.0, 1e-9);
	CHECK_NEAR(rows[0].write_bps, 2000 * 512 / 2.0, 1e-9);
	CHECK(rows[0].have_r_await && rows[0].have_w_await);
	CHECK_NEAR(rows[0].r_await_ms, 100.0 / 50, 1e-9);
	CHECK_NEAR(rows[0].w_await_ms, 1000.0 / 100, 1e-9);
	CHECK_NEAR(rows[0].queue, 2000 / 1000.0 / 2, 1e-9);
	CHECK_NEAR(rows[0].util_pct, 500 / 10.0 / 2, 1e-9);
	CHECK(rows[0].have_discard && rows[0].have_flush);
	CHECK_NEAR(rows[0].discards_ps, 2, 1e-9);
	CHECK_NEAR(rows[0].flushes_ps, 5, 1e-9);
	/* sda1's counters went backwards (a reset): 0, never a huge number */
	CHECK_NEAR(rows[1].reads_ps, 0, 1e-9);
	CHECK(!rows[1].have_r_await); /* no request: no await, not 0 ms */
	free(rows);
	disk_snap_clear(&a);
	disk_snap_clear(&b);

	/* the live file parses, and a second reading gives rows */
	CHECK_INT(collect_disk_read(&a), 0);
	CHECK(a.n > 0);
	CHECK_INT(collect_disk_read(&b), 0);
	n = disk_delta(&a, &b, &rows);
	CHECK(n >= 0);
	free(rows);
	disk_snap_clear(&a);
	disk_snap_clear(&b);
	return test_done("unit-disk");
}
