/* unit-view.c - the panes' view-model: pane and column names (--pane),
 * filter, sort with missing values last, partitions behind 'all', a
 * selection that follows its key when the order changes, search, the
 * layout at 80 and 120 columns; and the disk filter's pure parsers
 * (fdinfo mnt_id, mountinfo by major:minor). */
#include "config.h"
#include "collect-open.h"
#include "view.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* disk: a disk row named name with util and write rate. */
static struct disk_row disk(const char *name, double util, double wbps, bool part)
{
	struct disk_row d;

	memset(&d, 0, sizeof(d));
	snprintf(d.name, sizeof(d.name), "%s", name);
	d.util_pct = util;
	d.write_bps = wbps;
	d.partition = part;
	return d;
}

/* row_name: the disk name of view row i. */
static const char *row_name(const struct view *v, const struct sample *s, size_t i)
{
	return s->disks[v->rows[i]].name;
}

static void test_names(void)
{
	CHECK_INT(view_pane_parse("disks"), VIEW_DISKS);
	CHECK_INT(view_pane_parse("conn"), VIEW_CONNS);
	CHECK_INT(view_pane_parse("Interfaces"), VIEW_IFACES);
	CHECK_INT(view_pane_parse("5"), VIEW_GROUPS);
	CHECK_INT(view_pane_parse("1"), VIEW_PROCS);
	CHECK_INT(view_pane_parse("di"), -1); /* too short to be sure */
	CHECK_INT(view_pane_parse("6"), -1);
	CHECK_INT(view_pane_parse("bogus"), -1);
	CHECK_INT(view_col_parse(VIEW_DISKS, "util"), view_col_parse(VIEW_DISKS, "%UTIL"));
	CHECK(view_col_parse(VIEW_DISKS, "w_await") >= 0);
	CHECK(view_col_parse(VIEW_IFACES, "rx") >= 0);
	CHECK(view_col_parse(VIEW_CONNS, "rtt") >= 0);
	CHECK(view_col_parse(VIEW_GROUPS, "cgroup") >= 0);
	CHECK_INT(view_col_parse(VIEW_GROUPS, "nosuch"), -1);
	CHECK_INT(view_pane_bit(VIEW_PROCS), 0);
	CHECK_INT(view_pane_bit(VIEW_CONNS), MODEL_PANE_CONNS);
}

static void test_disks(void)
{
	struct disk_row d[4] = { disk("sda", 10, 100, false), disk("sda1", 9, 90, true),
				 disk("nvme0n1", 50, 10, false), disk("dm-0", 10, 5, false) };
	struct sample s = { .disks = d, .ndisks = 4, .panes = MODEL_PANE_DISKS };
	struct view v;
	char buf[64];

	view_init(&v, VIEW_DISKS);
	CHECK(view_build(&v, &s) == 0);
	/* partitions hidden; %util descending, ties by name */
	CHECK_INT(v.nrows, 3);
	CHECK_STR(row_name(&v, &s, 0), "nvme0n1");
	CHECK_STR(row_name(&v, &s, 1), "dm-0");
	CHECK_STR(row_name(&v, &s, 2), "sda");
	v.all = true;
	view_build(&v, &s);
	CHECK_INT(v.nrows, 4);
	/* select sda, then sort by wkB/s: the selection follows sda */
	view_select(&v, &s, 2, 10);
	CHECK_STR(row_name(&v, &s, v.sel), "sda");
	view_set_sort(&v, view_col_parse(VIEW_DISKS, "wkb"));
	view_build(&v, &s);
	CHECK_STR(row_name(&v, &s, 0), "sda");
	CHECK_INT(v.sel, 0);
	CHECK_STR(row_name(&v, &s, v.sel), "sda");
	/* the same column again inverts */
	view_set_sort(&v, view_col_parse(VIEW_DISKS, "wkb"));
	view_build(&v, &s);
	CHECK_STR(row_name(&v, &s, 0), "dm-0");
	CHECK_STR(row_name(&v, &s, v.sel), "sda");
	/* filter */
	snprintf(v.filter, sizeof(v.filter), "SDA");
	view_build(&v, &s);
	CHECK_INT(v.nrows, 2);
	CHECK_INT(view_search(&v, &s, "sda1", 0), row_name(&v, &s, 0)[3] ? 0 : 1);
	CHECK_INT(view_search(&v, &s, "nvme", 0), -1);
	/* the selected row filtered away: the index is clamped */
	snprintf(v.filter, sizeof(v.filter), "nvme");
	view_build(&v, &s);
	CHECK_INT(v.nrows, 1);
	CHECK_INT(v.sel, 0);
	CHECK_INT(view_selected(&v), 2);
	/* cells: a partition is indented, unknown await is "-" */
	view_cell(&v, &s, 1, 0, buf, sizeof(buf));
	CHECK_STR(buf, " sda1");
	view_cell(&v, &s, 0, view_col_parse(VIEW_DISKS, "r_await"), buf, sizeof(buf));
	CHECK_STR(buf, "-");
	view_cell(&v, &s, 0, view_col_parse(VIEW_DISKS, "wkb"), buf, sizeof(buf));
	CHECK_STR(buf, "0.1");
	view_clear(&v);
}

static void test_conns(void)
{
	struct conn_row c[3];
	struct sample s = { .conns = c, .nconns = 3, .panes = MODEL_PANE_CONNS };
	struct view v;
	char buf[VIEW_KEY_MAX];

	memset(c, 0, sizeof(c));
	snprintf(c[0].local, sizeof(c[0].local), "127.0.0.1:5000");
	snprintf(c[0].peer, sizeof(c[0].peer), "127.0.0.1:40000");
	c[0].have_rate = true, c[0].rx_bps = 100, c[0].pid = 42;
	snprintf(c[0].comm, sizeof(c[0].comm), "server");
	snprintf(c[1].local, sizeof(c[1].local), "127.0.0.1:40000");
	snprintf(c[1].peer, sizeof(c[1].peer), "127.0.0.1:5000");
	c[1].have_rate = true, c[1].rx_bps = 900, c[1].pid = 43;
	snprintf(c[1].comm, sizeof(c[1].comm), "client");
	snprintf(c[2].local, sizeof(c[2].local), "0.0.0.0:22");
	snprintf(c[2].peer, sizeof(c[2].peer), "0.0.0.0:0");
	c[2].state = 10; /* LISTEN: no rate: last in both directions */
	view_init(&v, VIEW_CONNS);
	view_build(&v, &s);
	CHECK_INT(v.rows[0], 1);
	CHECK_INT(v.rows[2], 2);
	v.sort_desc = false;
	view_build(&v, &s);
	CHECK_INT(v.rows[0], 0);
	CHECK_INT(v.rows[2], 2);
	view_key(&v, &s, 0, buf, sizeof(buf));
	CHECK_STR(buf, "127.0.0.1:5000 127.0.0.1:40000");
	view_cell(&v, &s, 2, view_col_parse(VIEW_CONNS, "pid"), buf, sizeof(buf));
	CHECK_STR(buf, "-");
	view_cell(&v, &s, 2, view_col_parse(VIEW_CONNS, "command"), buf, sizeof(buf));
	CHECK_STR(buf, "-");
	view_cell(&v, &s, 2, view_col_parse(VIEW_CONNS, "state"), buf, sizeof(buf));
	CHECK_STR(buf, "LISTEN");
	/* filter by command and by pid */
	snprintf(v.filter, sizeof(v.filter), "client");
	view_build(&v, &s);
	CHECK_INT(v.nrows, 1);
	snprintf(v.filter, sizeof(v.filter), "42");
	view_build(&v, &s);
	CHECK_INT(v.nrows, 1);
	CHECK_INT(view_selected(&v), 0);
	/* moving past the ends clamps, and an empty view has no selection */
	v.filter[0] = '\0';
	view_build(&v, &s);
	view_move(&v, &s, 10, 2);
	CHECK_INT(v.sel, 2);
	CHECK_INT(v.top, 1);
	view_move(&v, &s, -10, 2);
	CHECK_INT(v.sel, 0);
	s.nconns = 0;
	view_build(&v, &s);
	CHECK_INT(view_selected(&v), -1);
	view_clear(&v);
}

static void test_layout(void)
{
	int w[VIEW_COLS_MAX], n;

	for (int p = VIEW_DISKS; p < VIEW_NPANES; p++) {
		for (int width = 80; width <= 120; width += 40) {
			int sum = 0, flex;
			const struct view_col *c = view_cols((enum view_pane)p, &n);

			flex = view_layout((enum view_pane)p, width, -1, w);
			for (int i = 0; i < n; i++)
				if (w[i])
					sum += w[i] + 1;
			CHECK(sum - 1 <= width);
			for (int i = 0; i < n; i++)
				if (c[i].flex && c[i].width)
					CHECK(flex >= c[i].width);
		}
	}
	/* at 80 the Connections pane keeps addresses, state, rates, pid and command */
	view_layout(VIEW_CONNS, 80, -1, w);
	CHECK(w[view_col_parse(VIEW_CONNS, "local")] == 21);
	CHECK(w[view_col_parse(VIEW_CONNS, "pid")] > 0);
	CHECK(w[view_col_parse(VIEW_CONNS, "command")] >= 8);
	CHECK(w[view_col_parse(VIEW_CONNS, "sendq")] == 0);
	/* the sort column is kept when another can go */
	view_layout(VIEW_CONNS, 80, view_col_parse(VIEW_CONNS, "sendq"), w);
	CHECK(w[view_col_parse(VIEW_CONNS, "sendq")] > 0);
	view_layout(VIEW_CONNS, 120, -1, w);
	CHECK(w[view_col_parse(VIEW_CONNS, "sendq")] > 0);
}

static void test_open_parsers(void)
{
	const char *mi = "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
			 "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
			 "45 27 254:0 /run/netns /run/netns rw - ext4 /dev/vda rw\n"
			 "50 27 8:1 / /boot rw - ext4 /dev/sda1 rw\n"
			 "garbage\n"
			 "51 27 8:16 / /data rw - xfs /dev/sdb rw";
	const unsigned devs[2][2] = { { 254, 0 }, { 8, 16 } };
	int ids[8];

	CHECK_INT(parse_open_mnt_id("pos:\t0\nflags:\t0100000\nmnt_id:\t24\nino:\t3\n"), 24);
	CHECK_INT(parse_open_mnt_id("pos:\t0\nflags:\t02\n"), -1);
	CHECK_INT(parse_open_mounts(mi, devs, 2, ids, 8), 3);
	CHECK_INT(ids[0], 27);
	CHECK_INT(ids[1], 45);
	CHECK_INT(ids[2], 51);
	CHECK_INT(parse_open_mounts(mi, devs, 2, ids, 1), 1);
	CHECK_INT(parse_open_mounts("", devs, 2, ids, 8), 0);
}

int main(void)
{
	test_names();
	test_disks();
	test_conns();
	test_layout();
	test_open_parsers();
	return test_done("unit-view");
}
