/* collect-iface.h - every network interface of /proc/net/dev with its
 * byte, packet, error and drop counters (the Interfaces pane), and the
 * TCP listen-queue counters of /proc/net/netstat.  Pure parsers, a
 * reader and a pure delta.  No curses. */
#ifndef WAITTOP_COLLECT_IFACE_H
#define WAITTOP_COLLECT_IFACE_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

struct iface_raw {
	char name[MODEL_DEV_MAX];
	unsigned long long rx_bytes, rx_packets, rx_errs, rx_drops;
	unsigned long long tx_bytes, tx_packets, tx_errs, tx_drops;
};

struct iface_snap {
	double mono_s;
	struct iface_raw *v;
	size_t n;
	bool have_netstat;
	unsigned long long listen_overflows, listen_drops;
};

/* parse_iface_netdev: /proc/net/dev text into a new array *v (free());
 * returns the count, -1 on ENOMEM.  Header and malformed lines are skipped. */
long parse_iface_netdev(const char *text, struct iface_raw **v);
/* parse_iface_netstat: TcpExt's ListenOverflows and ListenDrops of
 * /proc/net/netstat, found by column name; 0, or -1 when either is missing. */
int parse_iface_netstat(const char *text, unsigned long long *overflows, unsigned long long *drops);
/* collect_iface_read: both files now into *out (cleared first); -1 with
 * errno when /proc/net/dev is unreadable. */
int collect_iface_read(struct iface_snap *out);
/* iface_snap_clear: free what a snapshot owns; NULL is a no-op. */
void iface_snap_clear(struct iface_snap *s);
/* iface_delta: rows for prev -> cur in cur's order (interfaces new in cur
 * are left out until they have two readings), into a new array *rows
 * (free()); the netstat rates into *ns.  Returns the count, -1 on ENOMEM. */
long iface_delta(const struct iface_snap *prev, const struct iface_snap *cur,
		 struct iface_row **rows, struct netstat_row *ns);

#endif
