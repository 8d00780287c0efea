/* batch.c - text and JSON lines output for scripts and tests.  Both walk
 * the same sorted, filtered table as the UI.  Values waittop could not
 * read print as "-" in text and null in JSON, never as 0.  The JSON keys
 * are a stable interface documented in waittop(1). */
#include "config.h"
#include "batch.h"
#include "active.h"
#include "fmt.h"
#include "strip.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The quit signal (SIGINT, SIGTERM, SIGHUP) that arrived, or 0: the run
 * ends through the same return as after -n, so exit handlers run. */
static volatile sig_atomic_t batch_quit_sig;

/* batch_on_quit: a quit signal's handler: only records it. */
static void batch_on_quit(int sig)
{
	batch_quit_sig = sig;
}

/* batch_sleep_until: sleep to the monotonic time t, taking a fast sample
 * of active threads every ENGINE_FAST_PERIOD_S on the way. */
static void batch_sleep_until(struct engine *e, double t)
{
	for (;;) {
		double now = util_mono_s(), step = t - now;
		struct timespec ts;

		if (step <= 0 || batch_quit_sig)
			return;
		if (step > ENGINE_FAST_PERIOD_S)
			step = ENGINE_FAST_PERIOD_S;
		ts.tv_sec = (time_t)step;
		ts.tv_nsec = (long)((step - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
		if (t - util_mono_s() > ENGINE_FAST_PERIOD_S / 2)
			engine_fast(e);
	}
}

/* batch_table_setup: the table as the command line asks for it. */
static void batch_table_setup(struct table *t, const struct opts *o)
{
	table_init(t);
	if (o->sort_col >= 0) {
		t->sort_col = (enum table_col)o->sort_col;
		t->sort_desc = table_col_info(t->sort_col)->default_desc;
	}
	t->show_threads = o->threads;
	t->full_cmd = o->full_cmd; /* -c -s command sorts by what it shows */
	t->show_kthreads = o->kthreads; /* hidden as on screen */
	t->have_uid_filter = o->have_uid;
	t->uid_filter = o->uid;
	if (o->npids) {
		t->pids = o->pids;
		t->npids = o->npids;
	}
}

static void batch_text_rows(FILE *f, const struct sample *s, const struct table *t, bool full_cmd,
			    bool utf8);

int batch_run(const struct opts *o, struct engine *e)
{
	struct sample s = { 0 };
	struct table t;
	char err[256];
	int status = 0;
	double next, last;

	/* a reader that goes away (waittop -b | head) ends the run quietly
	 * with status 0 through EPIPE below, not through death by SIGPIPE */
	signal(SIGPIPE, SIG_IGN);
	engine_prime(e);
	next = last = engine_primed_at(e);
	{
		struct sigaction sa = { .sa_handler = batch_on_quit }; /* no SA_RESTART */
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
	}
	batch_table_setup(&t, o);
	if (o->drill)
		engine_set_focus(e, o->pids[0], 0, 0);
	for (long i = 0; o->iterations < 0 || i < o->iterations; i++) {
		double now = util_mono_s();

		next += engine_interval_s(e);
		/* The last read was late (a slow first read, a stopped process):
		 * pace from it, never a short interval to catch up.  The first
		 * read may come at once when the priming read is old enough. */
		if (i > 0 && next < last + UTIL_PACE_MIN * engine_interval_s(e))
			next = last + engine_interval_s(e);
		if (next < now)
			next = now;
		batch_sleep_until(e, next);
		if (batch_quit_sig)
			break;
		last = util_mono_s();
		if (engine_tick(e, &s, err, sizeof(err)) < 0) {
			fprintf(stderr, "waittop: %s\n", err);
			status = 1;
			break;
		}
		if (table_build(&t, &s) < 0)
			fatal("out of memory");
		if (o->json && o->drill) {
			batch_json_drill(stdout, &s);
		} else if (o->json) {
			batch_json_panes(stdout, &s, &t, o->panes);
		} else {
			batch_text_rows(stdout, &s, &t, o->full_cmd, o->unicode);
			batch_panes_text(stdout, &s, o->panes, o->unicode);
		}
		if (fflush(stdout) == EOF || ferror(stdout)) {
			if (errno != EPIPE) { /* a reader that went away is no error */
				fprintf(stderr, "waittop: write error: %s\n", strerror(errno));
				status = 1;
			}
			break;
		}
	}
	table_clear(&t);
	model_sample_clear(&s);
	return batch_quit_sig ? 128 + batch_quit_sig : status;
}

/* batch_flush_text: "  flush in 25s" (when the oldest dirty data will be
 * written, strip_flush_eta_s) into buf, or "" when it does not apply. */
static const char *batch_flush_text(const struct sys_row *y, char *buf, size_t sz)
{
	double eta = strip_flush_eta_s(y);
	char t[16];

	if (eta < 0)
		buf[0] = '\0';
	else
		snprintf(buf, sz, "  flush %s%s%s", eta > 0 ? "in " : "",
			 eta > 0 && !y->dirty_since_exact ? "<=" : "",
			 strip_fmt_eta(t, sizeof(t), eta));
	return buf;
}

/* batch_text_strip: the system lines of one refresh. */
static void batch_text_strip(FILE *f, const struct sample *s)
{
	const struct sys_row *y = &s->sys;
	char a[256], b[16], c[16], d[16], g[16], h[16], eta[32];
	time_t now = (time_t)y->time_s;
	struct tm tm;
	char when[32];

	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	if (y->have_load)
		fprintf(f,
			"waittop %s - %s, interval %.2fs, load %.2f %.2f %.2f, procs %d running %d "
			"blocked\n",
			PACKAGE_VERSION, when, y->interval_s, y->load[0], y->load[1], y->load[2],
			y->procs_running, y->procs_blocked);
	else
		fprintf(f, "waittop %s - %s, interval %.2fs, load n/a\n", PACKAGE_VERSION, when,
			y->interval_s);
	if (y->stretch_s > 0)
		fprintf(f, "note: over its CPU budget (%.0f%% of a CPU): refreshing every %.2fs\n",
			ENGINE_CPU_BUDGET * 100, y->stretch_s);
	if (y->have_cpu)
		fprintf(f,
			"CPU   usr %.1f%%  sys %.1f%%  iowait %.1f%%  steal %.1f%%  idle %.1f%%\n",
			y->cpu_user_pct, y->cpu_system_pct, y->cpu_iowait_pct, y->cpu_steal_pct,
			y->cpu_idle_pct);
	else
		fprintf(f, "CPU   n/a\n");
	if (y->have_mem)
		fprintf(f,
			"DIRTY %s  writeback %s  bg-threshold %s  threshold %s  dirtied %s/s  "
			"written %s/s%s\n",
			fmt_bytes(a, sizeof(a), (double)y->dirty_bytes),
			fmt_bytes(b, sizeof(b), (double)y->writeback_bytes),
			fmt_bytes(c, sizeof(c), (double)y->dirty_bg_thresh_bytes),
			fmt_bytes(d, sizeof(d), (double)y->dirty_thresh_bytes),
			fmt_bytes(g, sizeof(g), y->dirtied_bps),
			fmt_bytes(h, sizeof(h), y->written_bps),
			batch_flush_text(y, eta, sizeof(eta)));
	else
		fprintf(f, "DIRTY n/a\n");
	if (y->have_disk)
		fprintf(f, "DISK  read %s/s  write %s/s  busiest %s %.1f%%\n",
			fmt_bytes(a, sizeof(a), y->disk_read_bps),
			fmt_bytes(b, sizeof(b), y->disk_write_bps),
			y->busiest_disk[0] ? y->busiest_disk : "-", y->busiest_util_pct);
	else
		fprintf(f, "DISK  n/a\n");
	if (y->have_retrans) /* segments, not bytes: one decimal, as on screen */
		snprintf(d, sizeof(d), "%.1f", y->tcp_retrans_ps);
	else
		snprintf(d, sizeof(d), "-");
	if (y->have_net)
		fprintf(f, "NET   rx %s/s  tx %s/s  lo %s/s  tcp retrans %s/s\n",
			fmt_bytes(a, sizeof(a), y->net_rx_bps),
			fmt_bytes(b, sizeof(b), y->net_tx_bps),
			fmt_bytes(c, sizeof(c), y->lo_rx_bps), d);
	else
		fprintf(f, "NET   n/a\n");
	for (size_t i = 0; i < s->nunattrib; i++)
		fprintf(f, "NET   not attributed to a process: user %s rx %s/s tx %s/s\n",
			s->unattrib[i].user, fmt_bytes(a, sizeof(a), s->unattrib[i].rx_bps),
			fmt_bytes(b, sizeof(b), s->unattrib[i].tx_bps));
	if (y->have_psi)
		fprintf(
		    f,
		    "PSI   cpu %.2f  io %.2f/%.2f  mem %.2f/%.2f (some/full avg10)  delayacct %s\n",
		    y->psi_cpu_some, y->psi_io_some, y->psi_io_full, y->psi_mem_some,
		    y->psi_mem_full,
		    y->delayacct == 1	? "on"
		    : y->delayacct == 0 ? "off"
					: "n/a");
	else
		fprintf(f, "PSI   n/a  delayacct %s\n",
			y->delayacct == 1   ? "on"
			: y->delayacct == 0 ? "off"
					    : "n/a");
	fprintf(f, "%s\n", active_format(&s->active, a, sizeof(a), -1));
	if (!s->root && s->any_denied)
		fprintf(f,
			"note: '-' marks what this user may not read; run as root to see more\n");
}

/* The COMMAND column of -b text: as wide as the longest command of the
 * refresh within these bounds, so WHY starts at one place (a longer one,
 * such as a "sh -c" script, is printed whole and pushes its own WHY on). */
#define BATCH_CMD_MIN 24
#define BATCH_CMD_MAX_SHORT 40 /* short names */
#define BATCH_CMD_MAX 120 /* -c: whole command lines */

/* batch_command: the COMMAND text of p as printed, sanitised, into buf. */
static const char *batch_command(char *buf, size_t sz, const struct proc_row *p, bool full_cmd,
				 bool utf8)
{
	char name[sizeof(p->comm) + 128], shortcmd[256];
	const char *src;

	if (p->is_thread) { /* a thread row: its name in braces, as on screen */
		snprintf(name, sizeof(name), "{%s}", p->comm);
		src = name;
	} else if (full_cmd && !(p->cmdline && p->cmdline[0]) && p->cmdline_why) {
		snprintf(name, sizeof(name), "%s (cmdline -: %s)", p->comm, p->cmdline_why);
		src = name;
	} else if (full_cmd && p->cmdline && p->cmdline[0]) {
		src = p->cmdline;
	} else if (p->kthread) {
		snprintf(name, sizeof(name), "[%s]", p->comm);
		src = name;
	} else {
		src = fmt_command(shortcmd, sizeof(shortcmd), p->comm, p->cmdline);
	}
	return fmt_sanitize(buf, sz, src, utf8);
}

/* batch_cmd_width: the COMMAND column's width for this refresh. */
static int batch_cmd_width(const struct sample *s, const struct table *t, bool full_cmd, bool utf8)
{
	char cmd[4096];
	int w = BATCH_CMD_MIN, max = full_cmd ? BATCH_CMD_MAX : BATCH_CMD_MAX_SHORT;

	for (size_t i = 0; i < t->nrows && w < max; i++) {
		int c = fmt_cells(
		    batch_command(cmd, sizeof(cmd), table_row(t, s, i), full_cmd, utf8), utf8);

		if (c > w)
			w = c > max ? max : c;
	}
	return w;
}

/* batch_text_rows: batch_text; names, command lines and evidence keep
 * valid UTF-8 when utf8 (a UTF-8 locale without -U), else non-ASCII bytes
 * are '?'.  WAIT is the long cell (fmt_wait_long); COMMAND is padded to
 * batch_cmd_width; WHY comes last, whole. */
static void batch_text_rows(FILE *f, const struct sample *s, const struct table *t, bool full_cmd,
			    bool utf8)
{
	char cpu[16], r[16], w[16], rx[16], tx[16], cmd[4096], wait[160], why[MODEL_WHY_MAX * 2];
	int cw = batch_cmd_width(s, t, full_cmd, utf8);

	batch_text_strip(f, s);
	if (!t->show_kthreads && t->nkthreads_hidden)
		fprintf(f, "note: %zu kernel threads hidden (--kernel-threads lists them)\n",
			t->nkthreads_hidden);
	fprintf(f, "\n%7s %-9s %s %5s %-22s %-38s %8s %8s %8s %8s %-*s %s\n", "PID", "USER", "S",
		"CPU%", "WCHAN", "WAIT", "DISK R/s", "DISK W/s", "NET RX/s", "NET TX/s", cw,
		"COMMAND", "WHY");
	for (size_t i = 0; i < t->nrows; i++) {
		const struct proc_row *p = table_row(t, s, i);
		int pad;

		batch_command(cmd, sizeof(cmd), p, full_cmd, utf8);
		pad = cw - fmt_cells(cmd, utf8);
		fmt_sanitize(why, sizeof(why), p->have_wait && model_str(p->why)[0] ? p->why : "-",
			     utf8);
		fprintf(f, "%7d %-9.9s %c %5s %-22.22s %-38s %8s %8s %8s %8s %s%*s %s\n",
			p->is_thread ? p->tid : p->pid, p->user, p->state,
			fmt_pct(cpu, sizeof(cpu), p->have_cpu, p->cpu_pct),
			!p->have_wchan		 ? "-"
			: model_str(p->wchan)[0] ? p->wchan
						 : "-",
			fmt_wait_long(wait, sizeof(wait), p->have_wait, p->wait, p->wait_share),
			fmt_rate(r, sizeof(r), p->have_io, p->disk_read_bps),
			fmt_rate(w, sizeof(w), p->have_io, p->disk_write_bps),
			fmt_rate(rx, sizeof(rx), p->have_net, p->net_rx_bps),
			fmt_rate(tx, sizeof(tx), p->have_net, p->net_tx_bps), cmd,
			pad > 0 ? pad : 0, "", why);
	}
	fputc('\n', f);
}

void batch_text(FILE *f, const struct sample *s, const struct table *t, bool full_cmd)
{
	batch_text_rows(f, s, t, full_cmd, false);
}

void batch_json_num(FILE *f, const char *key, bool have, double v, int decimals)
{
	if (have)
		fprintf(f, "\"%s\":%.*f", key, decimals, v);
	else
		fprintf(f, "\"%s\":null", key);
}

void batch_json_str(FILE *f, const char *key, const char *v)
{
	size_t n = strlen(v) * 6 + 3;
	char stack[1024];
	char *buf = n <= sizeof(stack) ? stack : xmalloc(n);

	buf[0] = '\0';
	fmt_json_string(buf, n, v);
	fprintf(f, "\"%s\":%s", key, buf);
	if (buf != stack)
		free(buf);
}

/* A number in a JSON object: null when !have. */
struct batch_field {
	const char *key;
	bool have;
	double v;
	int decimals;
};

/* batch_fields: "key":value pairs, comma-separated, no braces. */
static void batch_fields(FILE *f, const struct batch_field *fl, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		batch_json_num(f, fl[i].key, fl[i].have, fl[i].v, fl[i].decimals);
	}
}

#define BATCH_FIELDS(f, ...)                                                                       \
	do {                                                                                       \
		const struct batch_field fl_[] = { __VA_ARGS__ };                                  \
		batch_fields(f, fl_, sizeof(fl_) / sizeof(fl_[0]));                                \
	} while (0)

/* batch_json_active: "active":{category: average threads} or null, and
 * "active_top" {pid, comm, category} or null, then a comma. */
static void batch_json_active(FILE *f, const struct active_row *a)
{
	if (!a->have) {
		fputs("\"active\":null,\"active_top\":null,", f);
		return;
	}
	fputs("\"active\":{", f);
	for (int c = 0; c < ACTIVE_NCAT; c++)
		fprintf(f, "%s\"%s\":%.2f", c ? "," : "", active_name(c), a->threads[c]);
	fprintf(f, ",\"total\":%.2f},", a->total);
	if (a->top_pid <= 0) {
		fputs("\"active_top\":null,", f);
		return;
	}
	fprintf(f, "\"active_top\":{\"pid\":%d,\"category\":\"%s\",", a->top_pid,
		active_name(a->top_cat));
	batch_json_str(f, "comm", a->top_comm);
	fputs("},", f);
}

/* batch_json_sys: the "system" object. */
static void batch_json_sys(FILE *f, const struct sample *s)
{
	const struct sys_row *y = &s->sys;

	fputs("\"system\":{\"cpu_pct\":{", f);
	BATCH_FIELDS(f, { "user", y->have_cpu, y->cpu_user_pct, 1 },
		     { "system", y->have_cpu, y->cpu_system_pct, 1 },
		     { "iowait", y->have_cpu, y->cpu_iowait_pct, 1 },
		     { "steal", y->have_cpu, y->cpu_steal_pct, 1 },
		     { "idle", y->have_cpu, y->cpu_idle_pct, 1 });
	if (y->have_load)
		fprintf(f, "},\"load\":[%.2f,%.2f,%.2f],\"procs_running\":%d,\"procs_blocked\":%d,",
			y->load[0], y->load[1], y->load[2], y->procs_running, y->procs_blocked);
	else
		fputs("},\"load\":null,\"procs_running\":null,\"procs_blocked\":null,", f);
	fputs("\"mem\":{", f);
	BATCH_FIELDS(
	    f, { "dirty_bytes", y->have_mem, (double)y->dirty_bytes, 0 },
	    { "writeback_bytes", y->have_mem, (double)y->writeback_bytes, 0 },
	    { "dirty_background_threshold_bytes", y->have_mem, (double)y->dirty_bg_thresh_bytes,
	      0 },
	    { "dirty_threshold_bytes", y->have_mem, (double)y->dirty_thresh_bytes, 0 },
	    { "dirtied_bps", y->have_mem, y->dirtied_bps, 1 },
	    { "written_bps", y->have_mem, y->written_bps, 1 },
	    { "dirty_expire_s", y->have_dirty_expire, y->dirty_expire_s, 2 },
	    { "oldest_dirty_flush_s", strip_flush_eta_s(y) >= 0, strip_flush_eta_s(y), 1 });
	fputs("},\"disk\":{", f);
	BATCH_FIELDS(f, { "read_bps", y->have_disk, y->disk_read_bps, 1 },
		     { "write_bps", y->have_disk, y->disk_write_bps, 1 });
	fputc(',', f);
	if (y->have_disk && y->busiest_disk[0]) {
		batch_json_str(f, "busiest", y->busiest_disk);
		fprintf(f, ",\"busiest_util_pct\":%.1f", y->busiest_util_pct);
	} else {
		fputs("\"busiest\":null,\"busiest_util_pct\":null", f);
	}
	fputs("},\"net\":{", f);
	BATCH_FIELDS(f, { "rx_bps", y->have_net, y->net_rx_bps, 1 },
		     { "tx_bps", y->have_net, y->net_tx_bps, 1 },
		     { "lo_rx_bps", y->have_net, y->lo_rx_bps, 1 },
		     { "lo_tx_bps", y->have_net, y->lo_tx_bps, 1 },
		     { "tcp_retrans_ps", y->have_retrans, y->tcp_retrans_ps, 1 });
	fputs(",\"unattributed\":[", f);
	for (size_t i = 0; i < s->nunattrib; i++) {
		const struct net_uid_row *u = &s->unattrib[i];

		fprintf(f, "%s{\"uid\":%u,", i ? "," : "", u->uid);
		batch_json_str(f, "user", u->user);
		fprintf(f, ",\"rx_bps\":%.1f,\"tx_bps\":%.1f}", u->rx_bps, u->tx_bps);
	}
	fputs("]},\"psi\":{", f);
	BATCH_FIELDS(f, { "cpu_some", y->have_psi, y->psi_cpu_some, 2 },
		     { "io_some", y->have_psi, y->psi_io_some, 2 },
		     { "io_full", y->have_psi, y->psi_io_full, 2 },
		     { "memory_some", y->have_psi, y->psi_mem_some, 2 },
		     { "memory_full", y->have_psi, y->psi_mem_full, 2 });
	fputs("},", f);
	batch_json_active(f, &s->active);
	if (y->delayacct < 0)
		fputs("\"delayacct\":null}", f);
	else
		fprintf(f, "\"delayacct\":%s}", y->delayacct ? "true" : "false");
}

/* batch_json_wait: "wait", "wait_share", "why" and "why_pid" of a process. */
static void batch_json_wait(FILE *f, const struct proc_row *p)
{
	if (!p->have_wait) {
		fputs("\"wait\":null,\"wait_share\":null,\"why\":null,\"why_pid\":null", f);
		return;
	}
	fprintf(f, "\"wait\":\"%s\",\"wait_share\":{", model_wait_name(p->wait));
	for (int c = 0, first = 1; c < WAIT_NCAT; c++) {
		if (p->wait_share[c] <= 0)
			continue;
		fprintf(f, "%s\"%s\":%.1f", first ? "" : ",", model_wait_name((enum wait_cat)c),
			p->wait_share[c]);
		first = 0;
	}
	fputs("},", f);
	batch_json_str(f, "why", model_str(p->why));
	if (p->why_pid > 0)
		fprintf(f, ",\"why_pid\":%d", p->why_pid);
	else
		fputs(",\"why_pid\":null", f);
}

/* batch_json_proc: one element of "processes". */
static void batch_json_proc(FILE *f, const struct proc_row *p)
{
	fprintf(f, "{\"pid\":%d,\"ppid\":%d,", p->pid, p->ppid);
	if (p->is_thread)
		fprintf(f, "\"tid\":%d,", p->tid);
	batch_json_str(f, "user", p->user);
	fprintf(f, ",\"state\":\"%c\",\"threads\":%d,", p->state, p->nthreads);
	batch_json_num(f, "cpu_pct", p->have_cpu, p->cpu_pct, 1);
	fputc(',', f);
	if (p->have_wchan)
		batch_json_str(f, "wchan", model_str(p->wchan));
	else
		fputs("\"wchan\":null", f);
	fputc(',', f);
	BATCH_FIELDS(f, { "disk_read_bps", p->have_io, p->disk_read_bps, 1 },
		     { "disk_write_bps", p->have_io, p->disk_write_bps, 1 },
		     { "net_rx_bps", p->have_net, p->net_rx_bps, 1 },
		     { "net_tx_bps", p->have_net, p->net_tx_bps, 1 });
	fputc(',', f);
	batch_json_wait(f, p);
	fputc(',', f);
	batch_json_str(f, "comm", p->comm);
	fputc(',', f);
	if (p->cmdline_why) { /* not read in time: unknown, and why */
		fputs("\"cmdline\":null,", f);
		batch_json_str(f, "cmdline_why", p->cmdline_why);
	} else {
		batch_json_str(f, "cmdline", p->cmdline ? p->cmdline : "");
		fputs(",\"cmdline_why\":null", f);
	}
	fputc('}', f);
}

void batch_json(FILE *f, const struct sample *s, const struct table *t)
{
	batch_json_panes(f, s, t, 0);
}

void batch_json_panes(FILE *f, const struct sample *s, const struct table *t, unsigned asked)
{
	fprintf(f, "{\"time\":%.3f,\"interval_s\":%.3f,", s->sys.time_s, s->sys.interval_s);
	if (s->sys.stretch_s > 0)
		fprintf(f, "\"stretched_s\":%.3f,", s->sys.stretch_s);
	else
		fputs("\"stretched_s\":null,", f);
	fprintf(f, "\"root\":%s,", s->root ? "true" : "false");
	batch_json_sys(f, s);
	fputs(",\"processes\":[", f);
	for (size_t i = 0; i < t->nrows; i++) {
		if (i)
			fputc(',', f);
		batch_json_proc(f, table_row(t, s, i));
	}
	fputc(']', f);
	batch_panes_json(f, s, asked);
	fputs("}\n", f);
}
