/* fuzz-parse-sys.c - libFuzzer harness: every parser of parse-sys.c
 * (/proc/pressure/*, loadavg, net/dev, net/snmp, kernel.task_delayacct,
 * block device names) on the same NUL-terminated input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect-sys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct psi_raw psi;
	struct sys_iface_raw ifs[4];
	double load[3];
	unsigned long long retrans;
	size_t n;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	(void)parse_sys_psi(text, &psi);
	(void)parse_sys_loadavg(text, load);
	(void)parse_sys_netdev(text, ifs, sizeof ifs / sizeof ifs[0], &n);
	(void)parse_sys_snmp_retrans(text, &retrans);
	(void)parse_sys_delayacct(text);
	(void)parse_sys_is_whole_disk(text);
	free(text);
	return 0;
}
