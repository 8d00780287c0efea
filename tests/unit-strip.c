/* unit-strip.c - the strip's arithmetic: the Dirty bar's scale (the
 * background mark fixed, any Dirty at least one cell), Dirty as a percent
 * of the background threshold, when the oldest dirty data is written,
 * when Dirty started growing from about zero, and fitting whole fields. */
#include "config.h"
#include "collect-sys.h"
#include "strip.h"
#include "test.h"

#define MB (1024.0 * 1024.0)

static void test_scale(void)
{
	struct strip_bar b;

	/* 116K of a 2.3G background threshold: one cell, not none */
	strip_dirty_scale(116 * 1024.0, 0, 2300 * MB, 4600 * MB, 40, &b);
	CHECK_INT(b.dirty_cells, 1);
	CHECK_INT(b.wb_cells, 0);
	CHECK_INT(b.bg_mark, 20);
	CHECK_INT(b.hard_mark, 32);
	/* the marks sit at the same cells whatever the thresholds are */
	strip_dirty_scale(0, 0, 4 * MB, 16 * MB, 40, &b);
	CHECK_INT(b.dirty_cells, 0);
	CHECK_INT(b.bg_mark, 20);
	CHECK_INT(b.hard_mark, 32);
	/* at the background threshold: up to its mark; half-way to it: half */
	strip_dirty_scale(4 * MB, 0, 4 * MB, 16 * MB, 40, &b);
	CHECK_INT(b.dirty_cells, 20);
	strip_dirty_scale(2 * MB, 0, 4 * MB, 16 * MB, 40, &b);
	CHECK_INT(b.dirty_cells, 10);
	/* between the thresholds, then at the hard one */
	strip_dirty_scale(10 * MB, 0, 4 * MB, 16 * MB, 40, &b);
	CHECK_INT(b.dirty_cells, 26);
	strip_dirty_scale(16 * MB, 0, 4 * MB, 16 * MB, 40, &b);
	CHECK_INT(b.dirty_cells, 32);
	/* far over: the whole bar */
	strip_dirty_scale(100 * MB, 5 * MB, 4 * MB, 16 * MB, 40, &b);
	CHECK_INT(b.dirty_cells, 40);
	CHECK_INT(b.wb_cells, 0);
	/* a little writeback after a little dirty: one cell each */
	strip_dirty_scale(1024, 1024, 2300 * MB, 4600 * MB, 40, &b);
	CHECK_INT(b.dirty_cells, 1);
	CHECK_INT(b.wb_cells, 1);
	/* no thresholds: linear, marks absent */
	strip_dirty_scale(1 * MB, 1 * MB, 0, 0, 10, &b);
	CHECK_INT(b.bg_mark, -1);
	CHECK_INT(b.hard_mark, -1);
	CHECK_INT(b.dirty_cells, 5);
	CHECK_INT(b.wb_cells, 5);
	strip_dirty_scale(1 * MB, 0, 4 * MB, 16 * MB, 0, &b);
	CHECK_INT(b.dirty_cells, 0);
}

static void test_pct(void)
{
	char buf[16];

	CHECK_STR(strip_pct_of(buf, sizeof(buf), 116 * 1024.0, 2300 * MB), "<0.1%");
	CHECK_STR(strip_pct_of(buf, sizeof(buf), 23 * MB, 2300 * MB), "1.0%");
	CHECK_STR(strip_pct_of(buf, sizeof(buf), 1150 * MB, 2300 * MB), "50%");
	CHECK_STR(strip_pct_of(buf, sizeof(buf), 4600 * MB, 2300 * MB), "200%");
	CHECK_STR(strip_pct_of(buf, sizeof(buf), 0, 2300 * MB), "0%");
	CHECK_STR(strip_pct_of(buf, sizeof(buf), 5, 0), "-");
}

static void test_eta(void)
{
	struct sys_row y;
	struct sys_dirty_age a = { 0 };
	char buf[16];

	memset(&y, 0, sizeof(y));
	y.have_mem = true;
	y.have_dirty_expire = true;
	y.dirty_expire_s = 30;
	y.dirty_bg_thresh_bytes = (unsigned long long)(2300 * MB);
	y.interval_s = 1;
	/* clean at 100 s: nothing to say */
	y.time_s = 100;
	y.dirty_bytes = 100 * 1024;
	sys_dirty_age_update(&a, &y);
	CHECK(!y.have_dirty_since);
	CHECK_NEAR(strip_flush_eta_s(&y), -1, 0);
	/* a writer dirties 200M from 101 s on: no estimate while it writes */
	y.time_s = 101;
	y.dirty_bytes = (unsigned long long)(200 * MB);
	y.dirtied_bps = 200 * MB;
	sys_dirty_age_update(&a, &y);
	CHECK(y.have_dirty_since);
	CHECK(y.dirty_since_exact);
	CHECK_NEAR(y.dirty_since_s, 100, 1e-9);
	CHECK_NEAR(strip_flush_eta_s(&y), -1, 0);
	/* it exits at 105 s: the oldest expires 30 s after Dirty left zero */
	y.time_s = 105;
	y.dirtied_bps = 0;
	sys_dirty_age_update(&a, &y);
	CHECK_NEAR(strip_flush_eta_s(&y), 25, 1e-9);
	CHECK_STR(strip_fmt_eta(buf, sizeof(buf), strip_flush_eta_s(&y)), "25s");
	y.time_s = 140;
	sys_dirty_age_update(&a, &y);
	CHECK_NEAR(strip_flush_eta_s(&y), 0, 0);
	CHECK_STR(strip_fmt_eta(buf, sizeof(buf), 0), "due");
	/* over the background threshold it is written anyway */
	y.dirty_bytes = (unsigned long long)(3000 * MB);
	CHECK_NEAR(strip_flush_eta_s(&y), -1, 0);
	/* written: back to about zero, then a new start */
	y.time_s = 150;
	y.dirty_bytes = 0;
	sys_dirty_age_update(&a, &y);
	CHECK(!y.have_dirty_since);
	y.time_s = 151;
	y.dirty_bytes = (unsigned long long)(50 * MB);
	sys_dirty_age_update(&a, &y);
	CHECK_NEAR(y.dirty_since_s, 150, 1e-9);
	/* dirty before the first reading: since the start of that interval */
	memset(&a, 0, sizeof(a));
	y.time_s = 500;
	sys_dirty_age_update(&a, &y);
	CHECK(y.have_dirty_since);
	CHECK(!y.dirty_since_exact);
	CHECK_NEAR(y.dirty_since_s, 499, 1e-9);
	/* the usual trickle (2M) is not worth a word */
	y.dirty_bytes = (unsigned long long)(2 * MB);
	CHECK_NEAR(strip_flush_eta_s(&y), -1, 0);
	y.dirty_bytes = (unsigned long long)(50 * MB);
	/* no vm.dirty_expire_centisecs */
	y.have_dirty_expire = false;
	CHECK_NEAR(strip_flush_eta_s(&y), -1, 0);
	CHECK_STR(strip_fmt_eta(buf, sizeof(buf), 99.2), "100s");
	CHECK_STR(strip_fmt_eta(buf, sizeof(buf), 150), "3m");
	CHECK_INT(parse_sys_centisecs("3000\n"), 3000);
	CHECK_INT(parse_sys_centisecs("0\n"), 0);
	CHECK_INT(parse_sys_centisecs("-5\n"), -1);
	CHECK_INT(parse_sys_centisecs("30x\n"), -1);
	CHECK_INT(parse_sys_centisecs(""), -1);
}

static void test_fit(void)
{
	/* label, usr, sys, wait, steal, idle, psi */
	struct strip_field f[] = {
		{ 6, 0, 0, false, 0 },	{ 9, 1, 0, false, 0 },	{ 11, 1, 0, false, 0 },
		{ 12, 1, 0, false, 0 }, { 12, 5, 0, false, 0 }, { 12, 4, 0, false, 0 },
		{ 10, 6, 0, false, 0 },
	};
	struct strip_field bar[] = {
		{ 6, 0, 0, false, 0 },
		{ 5, 0, 0, false, 0 },
		{ 11, 2, 53, false, 0 },
		{ 8, 4, 0, false, 0 },
	};
	struct strip_field wide[] = { { 70, 0, 0, false, 0 }, { 5, 1, 0, false, 0 } };

	CHECK_INT(strip_fit(f, 7, 120), 72);
	for (int i = 0; i < 7; i++)
		CHECK(f[i].keep);
	/* at 60: psi (6) and steal (5) go, the rest stays whole */
	CHECK_INT(strip_fit(f, 7, 60), 50);
	CHECK(!f[6].keep);
	CHECK(!f[4].keep);
	CHECK(f[5].keep);
	CHECK(f[3].keep);
	/* at 30: only label, usr and sys */
	CHECK_INT(strip_fit(f, 7, 30), 26);
	CHECK(f[1].keep && f[2].keep && !f[3].keep && !f[5].keep);
	/* the flexible bar takes the spare room, up to its maximum */
	CHECK_INT(strip_fit(bar, 4, 60), 60);
	CHECK_INT(bar[2].cells, 41);
	CHECK_INT(strip_fit(bar, 4, 200), 72);
	CHECK_INT(bar[2].cells, 53);
	/* too narrow for the bar's minimum beside the rest: the thresholds go first */
	CHECK_INT(strip_fit(bar, 4, 25), 25);
	CHECK(!bar[3].keep);
	CHECK(bar[2].keep);
	CHECK_INT(bar[2].cells, 14);
	/* ties: the rightmost goes */
	{
		struct strip_field t[] = { { 5, 1, 0, false, 0 }, { 5, 1, 0, false, 0 } };

		CHECK_INT(strip_fit(t, 2, 7), 5);
		CHECK(t[0].keep && !t[1].keep);
	}
	/* a prio 0 field wider than the line stays (the caller draws it whole or not at all) */
	CHECK_INT(strip_fit(wide, 2, 60), 70);
	CHECK(wide[0].keep && !wide[1].keep);
}

int main(void)
{
	test_scale();
	test_pct();
	test_eta();
	test_fit();
	return test_done("unit-strip");
}
