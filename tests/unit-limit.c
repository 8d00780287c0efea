/* unit-limit.c - the limit collector's parsers on captured text: cgroup
 * membership (v1 and v2), cgroup mounts, cpu.max, cfs_quota_us, cpu.stat
 * (v1 ns and v2 us), the throttling delta, fdinfo mnt_id and a mount's
 * device in mountinfo. */
#include "collect-limit.h"
#include "test.h"

static void test_proc_cgroup(void)
{
	char v2[64], v1[64];

	CHECK_INT(parse_limit_proc_cgroup("9:name=systemd:/\n4:memory:/a/b\n2:cpuacct:/\n"
					  "1:cpu:/evtest-1\n0::/\n",
					  v2, sizeof(v2), v1, sizeof(v1)),
		  0);
	CHECK_STR(v2, "/");
	CHECK_STR(v1, "/evtest-1");
	CHECK_INT(parse_limit_proc_cgroup("4:cpu,cpuacct:/system.slice/x.service\n", v2, sizeof(v2),
					  v1, sizeof(v1)),
		  0);
	CHECK_STR(v1, "/system.slice/x.service");
	CHECK_STR(v2, "");
	/* cpuset is not cpu */
	CHECK_INT(parse_limit_proc_cgroup("3:cpuset:/s\n0::/user.slice/u\n", v2, sizeof(v2), v1,
					  sizeof(v1)),
		  0);
	CHECK_STR(v1, "");
	CHECK_STR(v2, "/user.slice/u");
	CHECK_INT(parse_limit_proc_cgroup("", v2, sizeof(v2), v1, sizeof(v1)), -1);
	CHECK_INT(parse_limit_proc_cgroup("garbage\n", v2, sizeof(v2), v1, sizeof(v1)), -1);
}

static void test_mounts(void)
{
	char v2[64], v1[64];
	const char *hybrid =
	    "22 1 0:20 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
	    "23 22 0:21 / /sys/fs/cgroup/cpu rw,relatime shared:5 - cgroup cgroup rw,cpu\n"
	    "24 22 0:22 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
	    "25 22 0:23 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

	CHECK_INT(parse_limit_cgroup_mounts(hybrid, v2, sizeof(v2), v1, sizeof(v1)), 0);
	CHECK_STR(v2, "/sys/fs/cgroup/unified");
	CHECK_STR(v1, "/sys/fs/cgroup/cpu");
	CHECK_INT(parse_limit_cgroup_mounts("30 1 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 "
					    "rw,nsdelegate\n",
					    v2, sizeof(v2), v1, sizeof(v1)),
		  0);
	CHECK_STR(v2, "/sys/fs/cgroup");
	CHECK_STR(v1, "");
	CHECK_INT(parse_limit_cgroup_mounts("31 1 0:27 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup "
					    "cgroup rw,cpu,cpuacct\n",
					    v2, sizeof(v2), v1, sizeof(v1)),
		  0);
	CHECK_STR(v1, "/sys/fs/cgroup/cpu,cpuacct");
	CHECK_INT(parse_limit_cgroup_mounts("1 0 8:1 / / rw - ext4 /dev/sda1 rw\n", v2, sizeof(v2),
					    v1, sizeof(v1)),
		  -1);
}

static void test_quota(void)
{
	long long q, p;

	CHECK_INT(parse_limit_cpu_max("20000 100000\n", &q, &p), 0);
	CHECK_INT(q, 20000);
	CHECK_INT(p, 100000);
	CHECK_INT(parse_limit_cpu_max("max 100000\n", &q, &p), 0);
	CHECK_INT(q, -1);
	CHECK_INT(parse_limit_cpu_max("max\n", &q, &p), -1);
	CHECK_INT(parse_limit_cpu_max("x 100000\n", &q, &p), -1);
	CHECK_INT(parse_limit_ll("-1\n", &q), 0);
	CHECK_INT(q, -1);
	CHECK_INT(parse_limit_ll("20000\n", &q), 0);
	CHECK_INT(q, 20000);
	CHECK_INT(parse_limit_ll("", &q), -1);
	CHECK_INT(parse_limit_ll("12x\n", &q), -1);
}

static void test_cpu_stat(void)
{
	struct limit_cpu_stat a, b;
	struct limit_cpu lim = { 0 };

	CHECK_INT(parse_limit_cpu_stat("nr_periods 11\nnr_throttled 10\nthrottled_time 794820521\n"
				       "nr_bursts 0\nburst_time 0\n",
				       &a),
		  0);
	CHECK_INT(a.nr_periods, 11);
	CHECK_INT(a.nr_throttled, 10);
	CHECK_INT(a.throttled_ns, 794820521ULL);
	CHECK_INT(parse_limit_cpu_stat("usage_usec 5000\nuser_usec 4000\nsystem_usec 1000\n"
				       "nr_periods 21\nnr_throttled 20\nthrottled_usec 1600000\n",
				       &b),
		  0);
	CHECK_INT(b.throttled_ns, 1600000000ULL);
	/* v2 cpu.stat without the controller: usage only */
	CHECK_INT(parse_limit_cpu_stat("usage_usec 5000\nuser_usec 4000\nsystem_usec 1000\n", &b),
		  -1);
	/* 10 periods in 1 s, throttled 0.8 s */
	a = (struct limit_cpu_stat){ 10, 9, 800000000ULL };
	b = (struct limit_cpu_stat){ 20, 19, 1600000000ULL };
	limit_cpu_delta(&a, &b, 1.0, &lim);
	CHECK(lim.have_delta);
	CHECK_INT(lim.nr_periods, 10);
	CHECK_INT(lim.nr_throttled, 10);
	CHECK_NEAR(lim.throttled_pct, 80, 0.01);
	/* a recreated cgroup's counters went backwards: no delta */
	limit_cpu_delta(&b, &a, 1.0, &lim);
	CHECK(!lim.have_delta);
	limit_cpu_delta(&a, &b, 0, &lim);
	CHECK(!lim.have_delta);
}

static void test_bdi(void)
{
	int id = 0;
	unsigned ma = 0, mi = 0;
	char mnt[64];
	const char *mi_text = "21 1 253:0 / / rw,relatime - ext4 /dev/vda rw\n"
			      "45 21 0:52 / /mnt/fuse rw - fuse.sshfs host:/ rw\n"
			      "451 21 7:3 / /tmp/wait\\040dirty/mnt rw - ext4 /dev/loop3 rw\n";
	struct limit_bdi b = { 0 };

	CHECK_INT(
	    parse_limit_fdinfo_mnt_id("pos:\t0\nflags:\t0100002\nmnt_id:\t451\nino:\t12\n", &id),
	    0);
	CHECK_INT(id, 451);
	CHECK_INT(parse_limit_fdinfo_mnt_id("pos:\t0\nflags:\t02\n", &id), -1);
	CHECK_INT(parse_limit_mountinfo_dev(mi_text, 451, &ma, &mi, mnt, sizeof(mnt)), 0);
	CHECK_INT(ma, 7);
	CHECK_INT(mi, 3);
	CHECK_STR(mnt, "/tmp/wait\\040dirty/mnt");
	CHECK_INT(parse_limit_mountinfo_dev(mi_text, 45, &ma, &mi, mnt, sizeof(mnt)), 0);
	CHECK_INT(ma, 0);
	CHECK_INT(mi, 52);
	/* 4 is not 45 or 451 */
	CHECK_INT(parse_limit_mountinfo_dev(mi_text, 4, &ma, &mi, mnt, sizeof(mnt)), -1);
	CHECK(!limit_bdi_own(&b));
	b.have = true;
	b.max_ratio_pct = 100;
	CHECK(!limit_bdi_own(&b));
	b.strict_limit = true;
	CHECK(limit_bdi_own(&b));
	b.strict_limit = false;
	b.max_ratio_pct = 1;
	CHECK(limit_bdi_own(&b));
}

int main(void)
{
	test_proc_cgroup();
	test_mounts();
	test_quota();
	test_cpu_stat();
	test_bdi();
	return test_done("unit-limit");
}
