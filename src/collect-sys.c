/* collect-sys.c - the system strip's reader and its delta.
 * collect_sys_read fills a struct sys_raw of cumulative counters from the
 * procps library's four readings (procps-compat.c: stat, meminfo, vmstat,
 * diskstats) and from held fds re-read with pread (pressure, loadavg, net/dev, net/snmp,
 * task_delayacct).  sys_delta is pure: two readings in, one sys_row out. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect-sys.h"
#include "procps-compat.h"
#include "util.h"

enum { SYS_PSI_CPU, SYS_PSI_IO, SYS_PSI_MEM, SYS_NPSI };
static const char *const collect_sys_psi_path[SYS_NPSI] = { "/proc/pressure/cpu",
							    "/proc/pressure/io",
							    "/proc/pressure/memory" };

struct collect_sys {
	struct procps_compat *pc;
	int fd_psi[SYS_NPSI];
	int fd_loadavg, fd_netdev, fd_snmp, fd_delayacct;
	int fd_expire, fd_wb_interval; /* vm.dirty_expire_centisecs, dirty_writeback_centisecs */
	long page_size;
	struct collect_sys_stacked { /* sysfs slaves/ answers, asked once per name */
		char name[MODEL_DEV_MAX];
		bool stacked;
	} stacked[SYS_MAX_DISKS];
	size_t nstacked;
	char buf[65536]; /* /proc/net/dev with SYS_MAX_IFACES lines fits */
};

static int collect_sys_open(const char *path)
{
	return open(path, O_RDONLY | O_CLOEXEC);
}

struct collect_sys *collect_sys_new(void)
{
	struct collect_sys *cs = xcalloc(1, sizeof(*cs));

	cs->pc = procps_compat_new();
	if (!cs->pc) {
		int err = errno;

		free(cs);
		errno = err;
		return NULL;
	}
	for (int i = 0; i < SYS_NPSI; i++)
		cs->fd_psi[i] = collect_sys_open(collect_sys_psi_path[i]);
	cs->fd_loadavg = collect_sys_open("/proc/loadavg");
	cs->fd_netdev = collect_sys_open("/proc/net/dev");
	cs->fd_snmp = collect_sys_open("/proc/net/snmp");
	cs->fd_delayacct = collect_sys_open("/proc/sys/kernel/task_delayacct");
	cs->fd_expire = collect_sys_open("/proc/sys/vm/dirty_expire_centisecs");
	cs->fd_wb_interval = collect_sys_open("/proc/sys/vm/dirty_writeback_centisecs");
	cs->page_size = sysconf(_SC_PAGESIZE);
	return cs;
}

static void collect_sys_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void collect_sys_free(struct collect_sys *cs)
{
	if (!cs)
		return;
	procps_compat_free(cs->pc);
	for (int i = 0; i < SYS_NPSI; i++)
		collect_sys_close(&cs->fd_psi[i]);
	collect_sys_close(&cs->fd_loadavg);
	collect_sys_close(&cs->fd_netdev);
	collect_sys_close(&cs->fd_snmp);
	collect_sys_close(&cs->fd_delayacct);
	collect_sys_close(&cs->fd_expire);
	collect_sys_close(&cs->fd_wb_interval);
	free(cs);
}

/* collect_sys_text: pread a held fd into cs->buf; NULL if the fd is
 * missing or the read fails (EOPNOTSUPP when PSI is disabled).
 * A seq_file read returns at most one kernel buffer (a page or more) and
 * stops early only when the next record does not fit in it, so a first
 * read shorter than COLLECT_SYS_SHORT is the whole file; this saves the
 * second pread that would only return 0.  Longer texts (/proc/net/dev
 * with many interfaces) are read on until EOF. */
#define COLLECT_SYS_SHORT 2048
static const char *collect_sys_text(struct collect_sys *cs, int fd)
{
	size_t off = 0;
	ssize_t n;

	if (fd < 0)
		return NULL;
	for (;;) {
		n = pread(fd, cs->buf + off, sizeof(cs->buf) - 1 - off, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return NULL;
		off += (size_t)n;
		if (n == 0 || off < COLLECT_SYS_SHORT || off >= sizeof(cs->buf) - 1)
			break;
	}
	cs->buf[off] = '\0';
	return cs->buf;
}

static void collect_sys_read_cpu(struct collect_sys *cs, struct sys_raw *out)
{
	out->have_cpu = procps_compat_stat(cs->pc, out) == 0;
}

static void collect_sys_read_mem(struct collect_sys *cs, struct sys_raw *out)
{
	if (cs->page_size <= 0 || procps_compat_meminfo(cs->pc, out) < 0 ||
	    procps_compat_vmstat(cs->pc, out) < 0)
		return;
	out->page_size = cs->page_size;
	out->have_mem = true;
}

/* collect_sys_is_stacked: whether /sys/block/NAME/slaves/ lists any disk
 * (device mapper, md RAID); asked once per name and remembered.  Without
 * sysfs the answer is no, and stacked I/O is counted twice. */
static bool collect_sys_is_stacked(struct collect_sys *cs, const char *name)
{
	char path[sizeof("/sys/block//slaves") + MODEL_DEV_MAX];
	struct dirent *de;
	bool stacked = false;
	DIR *dir;

	for (size_t i = 0; i < cs->nstacked; i++)
		if (strcmp(cs->stacked[i].name, name) == 0)
			return cs->stacked[i].stacked;
	snprintf(path, sizeof(path), "/sys/block/%s/slaves", name);
	dir = opendir(path);
	while (dir && (de = readdir(dir)))
		if (de->d_name[0] != '.') {
			stacked = true;
			break;
		}
	if (dir)
		closedir(dir);
	if (cs->nstacked < SYS_MAX_DISKS) {
		snprintf(cs->stacked[cs->nstacked].name, MODEL_DEV_MAX, "%s", name);
		cs->stacked[cs->nstacked++].stacked = stacked;
	}
	return stacked;
}

static void collect_sys_read_disks(struct collect_sys *cs, struct sys_raw *out)
{
	size_t n = 0;

	if (procps_compat_diskstats(cs->pc, out) < 0) {
		out->ndisks = 0;
		return;
	}
	for (size_t i = 0; i < out->ndisks; i++) { /* keep whole disks, in order */
		struct sys_disk_raw *d = &out->disks[i];

		if (!parse_sys_is_whole_disk(d->name))
			continue;
		d->stacked = collect_sys_is_stacked(cs, d->name);
		if (n != i)
			out->disks[n] = *d;
		n++;
	}
	out->ndisks = n;
	out->have_disk = true;
}

static void collect_sys_read_psi(struct collect_sys *cs, int which, struct psi_raw *out)
{
	const char *t = collect_sys_text(cs, cs->fd_psi[which]);

	if (!t || parse_sys_psi(t, out) < 0)
		memset(out, 0, sizeof(*out));
}

int collect_sys_read(struct collect_sys *cs, struct sys_raw *out)
{
	const char *t;

	memset(out, 0, sizeof(*out));
	out->mono_s = util_mono_s();
	out->time_s = util_real_s();
	out->delayacct = -1;
	out->dirty_expire_cs = out->dirty_writeback_cs = -1;

	collect_sys_read_cpu(cs, out);
	collect_sys_read_mem(cs, out);
	collect_sys_read_disks(cs, out);

	t = collect_sys_text(cs, cs->fd_loadavg);
	out->have_load = t && parse_sys_loadavg(t, out->load) == 0;
	t = collect_sys_text(cs, cs->fd_netdev);
	out->have_net = t && parse_sys_netdev(t, out->ifaces, SYS_MAX_IFACES, &out->nifaces) == 0;
	if (!out->have_net)
		out->nifaces = 0;
	t = collect_sys_text(cs, cs->fd_snmp);
	out->have_retrans = t && parse_sys_snmp_retrans(t, &out->tcp_retrans_segs) == 0;
	collect_sys_read_psi(cs, SYS_PSI_CPU, &out->psi_cpu);
	collect_sys_read_psi(cs, SYS_PSI_IO, &out->psi_io);
	collect_sys_read_psi(cs, SYS_PSI_MEM, &out->psi_mem);
	t = collect_sys_text(cs, cs->fd_delayacct);
	if (t)
		out->delayacct = parse_sys_delayacct(t);
	t = collect_sys_text(cs, cs->fd_expire);
	out->dirty_expire_cs = t ? parse_sys_centisecs(t) : -1;
	t = collect_sys_text(cs, cs->fd_wb_interval);
	out->dirty_writeback_cs = t ? parse_sys_centisecs(t) : -1;
	return 0;
}

/* ---- sys_delta (pure) ---- */

/* sys_delta_counter: cur - prev, or 0 when the counter went backwards. */
static unsigned long long sys_delta_counter(unsigned long long prev, unsigned long long cur)
{
	return cur >= prev ? cur - prev : 0;
}

static void sys_delta_cpu(const struct sys_raw *prev, const struct sys_raw *cur,
			  struct sys_row *out)
{
	unsigned long long d[8], total = 0;

	if (!prev->have_cpu || !cur->have_cpu)
		return;
	for (int i = 0; i < 8; i++) {
		d[i] = sys_delta_counter(prev->cpu_ticks[i], cur->cpu_ticks[i]);
		total += d[i];
	}
	if (total == 0)
		return;
	/* user includes nice (and, in the kernel's accounting, guest time);
	 * system includes hard and soft interrupt time. */
	out->cpu_user_pct = 100.0 * (double)(d[0] + d[1]) / (double)total;
	out->cpu_system_pct = 100.0 * (double)(d[2] + d[5] + d[6]) / (double)total;
	out->cpu_idle_pct = 100.0 * (double)d[3] / (double)total;
	out->cpu_iowait_pct = 100.0 * (double)d[4] / (double)total;
	out->cpu_steal_pct = 100.0 * (double)d[7] / (double)total;
	out->ncpu = cur->ncpu;
	out->have_cpu = true;
}

static void sys_delta_mem(const struct sys_raw *prev, const struct sys_raw *cur, double dt,
			  struct sys_row *out)
{
	double page;

	if (!prev->have_mem || !cur->have_mem)
		return;
	page = (double)cur->page_size;
	out->dirty_bytes = cur->dirty_kb * 1024ULL;
	out->writeback_bytes = cur->writeback_kb * 1024ULL;
	out->dirty_thresh_bytes = cur->dirty_thresh_pages * (unsigned long long)cur->page_size;
	out->dirty_bg_thresh_bytes =
	    cur->dirty_bg_thresh_pages * (unsigned long long)cur->page_size;
	out->dirtied_bps = (double)sys_delta_counter(prev->nr_dirtied, cur->nr_dirtied) * page / dt;
	out->written_bps = (double)sys_delta_counter(prev->nr_written, cur->nr_written) * page / dt;
	out->have_mem = true;
}

/* sys_delta_find_*: the entry named name in r; hint is where it usually is
 * (the kernel lists devices in a stable order), so matching stays linear. */
static const struct sys_disk_raw *sys_delta_find_disk(const struct sys_raw *r, size_t hint,
						      const char *name)
{
	if (hint < r->ndisks && strcmp(r->disks[hint].name, name) == 0)
		return &r->disks[hint];
	for (size_t i = 0; i < r->ndisks; i++)
		if (strcmp(r->disks[i].name, name) == 0)
			return &r->disks[i];
	return NULL;
}

static void sys_delta_disk(const struct sys_raw *prev, const struct sys_raw *cur, double dt,
			   struct sys_row *out)
{
	double best = -1.0;

	if (!prev->have_disk || !cur->have_disk)
		return;
	for (size_t i = 0; i < cur->ndisks; i++) {
		const struct sys_disk_raw *c = &cur->disks[i];
		const struct sys_disk_raw *p = sys_delta_find_disk(prev, i, c->name);
		double util;

		if (!p) /* new disk: no rate until its second reading */
			continue;
		util = (double)sys_delta_counter(p->io_ms, c->io_ms) / (dt * 1000.0) * 100.0;
		if (util > 100.0) /* io_ticks and our clock are not read at one instant */
			util = 100.0;
		if (util > best) {
			best = util;
			strcpy(out->busiest_disk, c->name);
			out->busiest_util_pct = util;
		}
		if (c->stacked) /* its I/O reaches the disks below it too */
			continue;
		out->disk_read_bps +=
		    (double)sys_delta_counter(p->read_sectors, c->read_sectors) * 512.0 / dt;
		out->disk_write_bps +=
		    (double)sys_delta_counter(p->write_sectors, c->write_sectors) * 512.0 / dt;
	}
	out->have_disk = true;
}

static const struct sys_iface_raw *sys_delta_find_iface(const struct sys_raw *r, size_t hint,
							const char *name)
{
	if (hint < r->nifaces && strcmp(r->ifaces[hint].name, name) == 0)
		return &r->ifaces[hint];
	for (size_t i = 0; i < r->nifaces; i++)
		if (strcmp(r->ifaces[i].name, name) == 0)
			return &r->ifaces[i];
	return NULL;
}

static void sys_delta_net(const struct sys_raw *prev, const struct sys_raw *cur, double dt,
			  struct sys_row *out)
{
	if (!prev->have_net || !cur->have_net)
		return;
	for (size_t i = 0; i < cur->nifaces; i++) {
		const struct sys_iface_raw *c = &cur->ifaces[i];
		const struct sys_iface_raw *p = sys_delta_find_iface(prev, i, c->name);
		double rx, tx;

		if (!p) /* new interface: no rate until its second reading */
			continue;
		rx = (double)sys_delta_counter(p->rx_bytes, c->rx_bytes) / dt;
		tx = (double)sys_delta_counter(p->tx_bytes, c->tx_bytes) / dt;
		if (strcmp(c->name, "lo") == 0) {
			out->lo_rx_bps += rx;
			out->lo_tx_bps += tx;
		} else {
			out->net_rx_bps += rx;
			out->net_tx_bps += tx;
		}
	}
	out->have_net = true;
}

void sys_delta(const struct sys_raw *prev, const struct sys_raw *cur, struct sys_row *out)
{
	double dt = cur->mono_s - prev->mono_s;

	memset(out, 0, sizeof(*out));
	out->time_s = cur->time_s;
	out->interval_s = dt;
	out->delayacct = cur->delayacct;
	if (cur->dirty_expire_cs > 0) {
		out->have_dirty_expire = true;
		out->dirty_expire_s = cur->dirty_expire_cs / 100.0;
		out->dirty_writeback_s =
		    cur->dirty_writeback_cs > 0 ? cur->dirty_writeback_cs / 100.0 : 0;
	}

	sys_delta_cpu(prev, cur, out);
	if (cur->have_load && cur->have_cpu) { /* the process counts come from /proc/stat */
		memcpy(out->load, cur->load, sizeof(out->load));
		out->procs_running = cur->procs_running;
		out->procs_blocked = cur->procs_blocked;
		out->have_load = true;
	}
	/* PSI averages are the kernel's own, not deltas */
	if (cur->psi_cpu.some.have && cur->psi_io.some.have && cur->psi_mem.some.have) {
		out->have_psi = true;
		out->psi_cpu_some = cur->psi_cpu.some.avg10;
		out->psi_io_some = cur->psi_io.some.avg10;
		out->psi_io_full = cur->psi_io.full.avg10;
		out->psi_mem_some = cur->psi_mem.some.avg10;
		out->psi_mem_full = cur->psi_mem.full.avg10;
	}
	if (dt <= 0) /* no interval: rates unknown, flags stay false */
		return;
	sys_delta_mem(prev, cur, dt, out);
	sys_delta_disk(prev, cur, dt, out);
	sys_delta_net(prev, cur, dt, out);
	if (prev->have_retrans && cur->have_retrans) {
		out->tcp_retrans_ps =
		    (double)sys_delta_counter(prev->tcp_retrans_segs, cur->tcp_retrans_segs) / dt;
		out->have_retrans = true;
	}
}

void sys_dirty_age_update(struct sys_dirty_age *a, struct sys_row *row)
{
	row->have_dirty_since = false;
	if (!row->have_mem)
		return;
	if (row->dirty_bytes <= SYS_DIRTY_ZERO_BYTES) {
		a->init = true;
		a->exact = true;
		a->zero_s = row->time_s;
		return;
	}
	if (!a->init) {
		/* dirty since before the first reading: at least that old */
		a->init = true;
		a->exact = false;
		a->zero_s = row->time_s - row->interval_s;
	}
	row->have_dirty_since = true;
	row->dirty_since_s = a->zero_s;
	row->dirty_since_exact = a->exact;
}
