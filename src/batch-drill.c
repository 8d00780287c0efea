/* batch-drill.c - the drill-in as JSON lines (--json -p PID --drill): one
 * object per refresh with the process, its threads, kernel stack,
 * sockets, files, I/O, memory and wait timeline, from the sample's struct
 * drill.  Values waittop could not read are null.  The keys are a stable
 * interface documented in waittop(1). */
#include "config.h"
#include "batch.h"
#include "fmt.h"
#include "util.h"
#include "verdict.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

/* bd_shares: {"cat":pct,...} of the categories above zero. */
static void bd_shares(FILE *f, const float *sh)
{
	bool first = true;

	fputc('{', f);
	for (int c = 0; c < WAIT_NCAT; c++) {
		if (sh[c] <= 0)
			continue;
		fprintf(f, "%s\"%s\":%.1f", first ? "" : ",", model_wait_name((enum wait_cat)c),
			sh[c]);
		first = false;
	}
	fputc('}', f);
}

/* bd_process: the process's own keys. */
static void bd_process(FILE *f, const struct drill *d)
{
	const struct proc_row *p = &d->proc;

	fprintf(f, "\"pid\":%d,\"start_ticks\":%llu,\"exited\":%s,", d->pid, d->start_ticks,
		d->exited ? "true" : "false");
	batch_json_num(f, "exit_time", d->exited, d->exit_time_s, 3);
	fprintf(f, ",\"ppid\":%d,", p->ppid);
	if (d->parent_comm[0])
		batch_json_str(f, "parent", d->parent_comm);
	else
		fputs("\"parent\":null", f);
	fputc(',', f);
	batch_json_str(f, "user", p->user);
	fprintf(f, ",\"state\":\"%c\",\"nthreads\":%d,", p->state, p->nthreads);
	batch_json_num(f, "start_time", d->start_time_s > 0, d->start_time_s, 3);
	fputc(',', f);
	batch_json_num(f, "nice", d->have_sched, d->nice, 0);
	fputc(',', f);
	if (d->have_sched)
		batch_json_str(f, "policy", model_policy_name(d->policy));
	else
		fputs("\"policy\":null", f);
	fputc(',', f);
	if (d->cgroup[0])
		batch_json_str(f, "cgroup", d->cgroup);
	else
		fputs("\"cgroup\":null", f);
	if (d->have_netns)
		fprintf(f, ",\"netns\":{\"inode\":%lu,\"host\":%s}", d->netns_ino,
			d->netns_host ? "true" : "false");
	else
		fputs(",\"netns\":null", f);
	fprintf(f, ",\"cpu_pct\":%.1f,", p->cpu_pct);
	if (p->have_wait) {
		fprintf(f, "\"wait\":\"%s\",\"wait_share\":", model_wait_name(p->wait));
		bd_shares(f, p->wait_share);
		fputc(',', f);
		batch_json_str(f, "why", model_str(p->why));
	} else {
		fputs("\"wait\":null,\"wait_share\":null,\"why\":null", f);
	}
	fputc(',', f);
	batch_json_num(f, "why_pid", p->why_pid > 0, p->why_pid, 0);
	fputc(',', f);
	batch_json_str(f, "comm", p->comm);
	fputc(',', f);
	batch_json_str(f, "cmdline", p->cmdline ? p->cmdline : "");
}

/* bd_threads: "threads":[...]. */
static void bd_threads(FILE *f, const struct drill *d)
{
	fputs(",\"threads\":[", f);
	for (size_t i = 0; i < d->nthreads; i++) {
		const struct thread_row *t = &d->threads[i];
		const char *sc = t->have_syscall && t->syscall_nr >= 0
				     ? verdict_syscall_name(t->syscall_nr)
				     : NULL;

		fprintf(f, "%s{\"tid\":%d,", i ? "," : "", t->tid);
		batch_json_str(f, "comm", t->comm);
		fprintf(f, ",\"state\":\"%c\",\"cpu_pct\":%.1f,", t->state, t->cpu_pct);
		batch_json_num(f, "runq_pct", t->have_sched, t->runq_pct, 1);
		if (t->have_wait) {
			fprintf(f, ",\"wait\":\"%s\",\"wait_share\":", model_wait_name(t->wait));
			bd_shares(f, t->wait_share);
			fputc(',', f);
			batch_json_str(f, "why", model_str(t->why));
		} else {
			fputs(",\"wait\":null,\"wait_share\":null,\"why\":null", f);
		}
		fputc(',', f);
		batch_json_num(f, "why_pid", t->why_pid > 0, t->why_pid, 0);
		fputc(',', f);
		if (t->have_wchan)
			batch_json_str(f, "wchan", model_str(t->wchan));
		else
			fputs("\"wchan\":null", f);
		fputc(',', f);
		if (sc)
			batch_json_str(f, "syscall", sc);
		else
			fputs("\"syscall\":null", f);
		fputc('}', f);
	}
	fputc(']', f);
}

/* bd_stack: "stack":{"tid":N,"frames":[...]}, or null when unreadable. */
static void bd_stack(FILE *f, const struct drill *d)
{
	const char *p = d->stack;

	if (!d->have_stack) {
		fputs(",\"stack\":null", f);
		return;
	}
	fprintf(f, ",\"stack\":{\"tid\":%d,\"frames\":[", d->stack_tid);
	for (bool first = true; p && *p; first = false) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char name[256], lit[256 * 6 + 3];

		snprintf(name, sizeof(name), "%.*s", (int)(len < 255 ? len : 255), p);
		lit[0] = '\0';
		fmt_json_string(lit, sizeof(lit), name);
		fprintf(f, "%s%s", first ? "" : ",", lit);
		p = nl ? nl + 1 : NULL;
	}
	fputs("]}", f);
}

/* bd_sockets: "sockets":[...]. */
static void bd_sockets(FILE *f, const struct drill *d)
{
	fputs(",\"sockets\":[", f);
	for (size_t i = 0; i < d->nsocks; i++) {
		const struct drill_sock *s = &d->socks[i];

		fprintf(f, "%s{\"fd\":%d,", i ? "," : "", s->fd);
		batch_json_str(f, "proto", s->proto);
		fputc(',', f);
		batch_json_str(f, "local", s->local);
		fputc(',', f);
		if (s->peer[0])
			batch_json_str(f, "peer", s->peer);
		else
			fputs("\"peer\":null", f);
		fputc(',', f);
		batch_json_str(f, "state", s->state);
		fprintf(f, ",\"listener\":%s,", s->listener ? "true" : "false");
		if (s->listener)
			fprintf(
			    f, "\"accept_queue\":%u,\"backlog\":%u,\"recv_q\":null,\"send_q\":null",
			    s->rqueue, s->wqueue);
		else
			fprintf(
			    f, "\"accept_queue\":null,\"backlog\":null,\"recv_q\":%u,\"send_q\":%u",
			    s->rqueue, s->wqueue);
		fputc(',', f);
		batch_json_num(f, "rx_bps", s->have_rate, s->rx_bps, 1);
		fputc(',', f);
		batch_json_num(f, "tx_bps", s->have_rate, s->tx_bps, 1);
		fputc(',', f);
		batch_json_num(f, "rtt_ms", s->have_tcpi, s->rtt_ms, 3);
		fputc(',', f);
		batch_json_num(f, "cwnd", s->have_tcpi, s->cwnd_segs, 0);
		fputc(',', f);
		batch_json_num(f, "retrans", s->have_tcpi, s->retrans, 0);
		fputc(',', f);
		batch_json_num(f, "delivery_rate_bps", s->have_tcpi, s->delivery_bps, 0);
		fputc(',', f);
		batch_json_num(f, "drops", s->have_drops, s->drops, 0);
		fputc(',', f);
		batch_json_num(f, "peer_pid", s->peer_pid > 0, s->peer_pid, 0);
		fputc(',', f);
		if (s->peer_pid > 0)
			batch_json_str(f, "peer_comm", s->peer_comm);
		else
			fputs("\"peer_comm\":null", f);
		fputc('}', f);
	}
	fputc(']', f);
}

/* bd_flags: the open flags as a JSON array of names. */
static void bd_flags(FILE *f, unsigned fl)
{
	int acc = (int)(fl & O_ACCMODE);

	fprintf(f, "[\"%s\"", acc == O_RDONLY ? "read" : acc == O_WRONLY ? "write" : "read-write");
	if (fl & O_APPEND)
		fputs(",\"append\"", f);
	if (fl & O_DIRECT)
		fputs(",\"direct\"", f);
	if ((fl & O_SYNC) == O_SYNC)
		fputs(",\"sync\"", f);
	else if (fl & O_DSYNC)
		fputs(",\"dsync\"", f);
	if (fl & O_NONBLOCK)
		fputs(",\"nonblock\"", f);
	fputc(']', f);
}

/* bd_files: "files":[...], or null when the fds are not readable. */
static void bd_files(FILE *f, const struct drill *d)
{
	if (d->fds_denied) {
		fputs(",\"files\":null", f);
		return;
	}
	fputs(",\"files\":[", f);
	for (size_t i = 0; i < d->nfds; i++) {
		const struct drill_fd *x = &d->fds[i];

		fprintf(f, "%s{\"fd\":%d,", i ? "," : "", x->fd);
		batch_json_str(f, "type", x->kind);
		fputc(',', f);
		batch_json_str(f, "path", x->path);
		fputc(',', f);
		batch_json_num(f, "pos", x->have_pos, (double)x->pos_bytes, 0);
		fputc(',', f);
		batch_json_num(f, "size", x->have_size, (double)x->size_bytes, 0);
		fputs(",\"flags\":", f);
		if (x->have_pos)
			bd_flags(f, x->flags);
		else
			fputs("null", f);
		fputc(',', f);
		if (x->watch[0])
			batch_json_str(f, "watches", x->watch);
		else
			fputs("\"watches\":null", f);
		fputc(',', f);
		batch_json_num(f, "peer_pid", x->peer_pid > 0, x->peer_pid, 0);
		fputc(',', f);
		if (x->peer_pid > 0)
			batch_json_str(f, "peer_comm", x->peer_comm);
		else
			fputs("\"peer_comm\":null", f);
		fputc('}', f);
	}
	fputc(']', f);
}

/* bd_io_mem: "io":{...} and "mem":{...}. */
static void bd_io_mem(FILE *f, const struct drill *d)
{
	const struct drill_io *io = &d->io;
	const struct drill_mem *m = &d->mem;

	if (!io->have) {
		fputs(",\"io\":null", f);
	} else {
		fprintf(f,
			",\"io\":{\"rchar\":%llu,\"wchar\":%llu,\"syscr\":%llu,\"syscw\":%llu,"
			"\"read_bytes\":%llu,\"write_bytes\":%llu,\"cancelled_write_bytes\":%llu,",
			io->rchar, io->wchar, io->syscr, io->syscw, io->read_bytes, io->write_bytes,
			io->cancelled_bytes);
		batch_json_num(f, "rchar_bps", io->have_rate, io->rchar_bps, 1);
		fputc(',', f);
		batch_json_num(f, "wchar_bps", io->have_rate, io->wchar_bps, 1);
		fputc(',', f);
		batch_json_num(f, "syscr_ps", io->have_rate, io->syscr_ps, 1);
		fputc(',', f);
		batch_json_num(f, "syscw_ps", io->have_rate, io->syscw_ps, 1);
		fputc(',', f);
		batch_json_num(f, "read_bps", io->have_rate, io->read_bps, 1);
		fputc(',', f);
		batch_json_num(f, "write_bps", io->have_rate, io->write_bps, 1);
		fputc(',', f);
		batch_json_num(f, "cancelled_write_bps", io->have_rate, io->cancelled_bps, 1);
		fputc('}', f);
	}
	if (!m->have) {
		fputs(",\"mem\":null", f);
		return;
	}
	fprintf(f, ",\"mem\":{\"rss_bytes\":%llu,", m->rss_kb * 1024);
	batch_json_num(f, "swap_bytes", m->have_swap, (double)m->swap_kb * 1024, 0);
	fprintf(f,
		",\"minflt\":%llu,\"majflt\":%llu,\"voluntary_ctxt\":%llu,"
		"\"involuntary_ctxt\":%llu,",
		m->minflt, m->majflt, m->vctx, m->ivctx);
	batch_json_num(f, "minflt_ps", m->have_rate, m->minflt_ps, 1);
	fputc(',', f);
	batch_json_num(f, "majflt_ps", m->have_rate, m->majflt_ps, 1);
	fputc(',', f);
	batch_json_num(f, "voluntary_ctxt_ps", m->have_rate, m->vctx_ps, 1);
	fputc(',', f);
	batch_json_num(f, "involuntary_ctxt_ps", m->have_rate, m->ivctx_ps, 1);
	fputc('}', f);
}

/* bd_timeline: "timeline":[...], oldest first; null for an interval with no verdict. */
static void bd_timeline(FILE *f, const struct drill *d)
{
	fputs(",\"timeline\":[", f);
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct hist_point *h = &d->timeline[i];
		float sh[WAIT_NCAT];

		if (i)
			fputc(',', f);
		if (!h->have) {
			fputs("null", f);
			continue;
		}
		for (int c = 0; c < WAIT_NCAT; c++)
			sh[c] = h->share_pct[c];
		fprintf(
		    f, "{\"wait\":\"%s\",\"wait_share\":", model_wait_name((enum wait_cat)h->wait));
		bd_shares(f, sh);
		fputc('}', f);
	}
	fputc(']', f);
}

void batch_json_drill(FILE *f, const struct sample *s)
{
	const struct drill *d = s->drill;

	fprintf(f, "{\"time\":%.3f,\"interval_s\":%.3f,\"root\":%s,", s->sys.time_s,
		s->sys.interval_s, s->root ? "true" : "false");
	if (!d) {
		fputs("\"pid\":null}\n", f);
		return;
	}
	bd_process(f, d);
	bd_threads(f, d);
	bd_stack(f, d);
	bd_sockets(f, d);
	bd_files(f, d);
	bd_io_mem(f, d);
	bd_timeline(f, d);
	fprintf(f, ",\"cost_ms\":%.3f}\n", d->cost_ms);
}
