/* fuzz-parse-proc.c - libFuzzer harness: every parser of parse-proc.c
 * (/proc/PID/stat, io, schedstat, syscall, cmdline, comm text) on the same
 * input, copied to a buffer of exactly its size plus the NUL the readers
 * add, so that ASan sees any read past it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect-proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), out[256];
	struct task_raw t;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&t, 0, sizeof t);
	(void)parse_proc_stat(text, &t);
	(void)parse_proc_io(text, &t);
	(void)parse_proc_schedstat(text, &t);
	(void)parse_proc_syscall(text, &t);
	(void)parse_proc_cmdline(text, size, out, sizeof out);
	(void)parse_proc_text(text, size, out, sizeof out);
	(void)parse_proc_cmdline(text, size, out, 1 + size % 16);
	free(text);
	return 0;
}
