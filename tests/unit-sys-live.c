/* unit-sys-live.c - the system collector against the running kernel: two
 * readings at least 200 ms apart must give sane values (CPU shares summing
 * to 100, positive dirty thresholds, a page size, whole disks only).
 * Asserts ranges, never exact figures, so a busy machine still passes. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "collect-sys.h"
#include "test.h"
#include "util.h"

/* live_read_after: read into *cur once at least min_s has passed since prev
 * and some CPU tick has elapsed; gives up after 5 s. */
static void live_read_after(struct collect_sys *cs, const struct sys_raw *prev, struct sys_raw *cur,
			    double min_s)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	unsigned long long t0 = 0, t1;

	for (int i = 0; i < 8; i++)
		t0 += prev->cpu_ticks[i];
	do {
		nanosleep(&ts, NULL);
		collect_sys_read(cs, cur);
		t1 = 0;
		for (int i = 0; i < 8; i++)
			t1 += cur->cpu_ticks[i];
	} while ((cur->mono_s - prev->mono_s < min_s || t1 == t0) &&
		 cur->mono_s - prev->mono_s < 5.0);
}

int main(void)
{
	struct collect_sys *cs = collect_sys_new();
	static struct sys_raw a, b;
	struct sys_row r;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	CHECK(cs != NULL);
	if (!cs)
		return test_done("unit-sys-live");
	CHECK_INT(collect_sys_read(cs, &a), 0);
	live_read_after(cs, &a, &b, 0.2);
	sys_delta(&a, &b, &r);

	CHECK(r.interval_s >= 0.2 && r.interval_s < 5.0);
	CHECK(r.time_s > 1.0e9);
	CHECK(r.have_cpu);
	CHECK_NEAR(r.cpu_user_pct + r.cpu_system_pct + r.cpu_idle_pct + r.cpu_iowait_pct +
		       r.cpu_steal_pct,
		   100.0, 0.01);
	CHECK(r.cpu_user_pct >= 0 && r.cpu_system_pct >= 0 && r.cpu_idle_pct >= 0);
	CHECK_INT(r.ncpu, ncpu);

	CHECK(r.have_load);
	CHECK(r.load[0] >= 0 && r.load[0] < 10000);
	CHECK(r.procs_running >= 1); /* this test is running */
	CHECK(r.procs_blocked >= 0);

	CHECK(r.have_mem);
	CHECK(b.page_size == sysconf(_SC_PAGESIZE));
	CHECK(r.dirty_thresh_bytes > 0);
	CHECK(r.dirty_bg_thresh_bytes > 0);
	CHECK(r.dirty_bg_thresh_bytes <= r.dirty_thresh_bytes);
	CHECK(r.dirtied_bps >= 0 && r.written_bps >= 0);

	CHECK(r.have_disk);
	for (size_t i = 0; i < b.ndisks; i++)
		CHECK(parse_sys_is_whole_disk(b.disks[i].name));
	if (b.ndisks > 0)
		CHECK(r.busiest_disk[0] != '\0');
	CHECK(r.busiest_util_pct >= 0 && r.busiest_util_pct <= 100);
	CHECK(r.disk_read_bps >= 0 && r.disk_write_bps >= 0);

	CHECK(r.have_net);
	CHECK(b.nifaces >= 1);
	{
		bool lo = false;

		for (size_t i = 0; i < b.nifaces; i++)
			lo |= strcmp(b.ifaces[i].name, "lo") == 0;
		CHECK(lo);
	}
	CHECK(r.net_rx_bps >= 0 && r.lo_rx_bps >= 0);
	CHECK(r.have_retrans);
	CHECK(r.tcp_retrans_ps >= 0);

	/* PSI: present exactly when the kernel lets us read it */
	{
		char buf[256];
		bool readable = util_read_file(AT_FDCWD, "/proc/pressure/io", buf, sizeof(buf)) > 0;

		CHECK_INT(r.have_psi, readable);
		if (r.have_psi)
			CHECK(r.psi_io_some >= 0 && r.psi_io_some <= 100 &&
			      r.psi_io_full <= r.psi_io_some);
	}
	CHECK(r.delayacct == 0 || r.delayacct == 1);

	collect_sys_free(cs);
	collect_sys_free(NULL);
	return test_done("unit-sys-live");
}
