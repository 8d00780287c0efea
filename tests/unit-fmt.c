/* unit-fmt.c - formatters: byte units and their widths, percentages,
 * sanitising of control characters, JSON string escaping, the WAIT cells
 * and bar, cutting to a width with an ellipsis, and COMMAND's short form. */
#include "config.h"
#include "fmt.h"
#include "test.h"

#include <locale.h>
#include <string.h>

static void test_bytes(void)
{
	char b[16];

	CHECK_STR(fmt_bytes(b, sizeof(b), 0), "0");
	CHECK_STR(fmt_bytes(b, sizeof(b), 1023), "1023");
	CHECK_STR(fmt_bytes(b, sizeof(b), 1024), "1.0K");
	CHECK_STR(fmt_bytes(b, sizeof(b), 1536), "1.5K");
	CHECK_STR(fmt_bytes(b, sizeof(b), 10 * 1024), "10K");
	CHECK_STR(fmt_bytes(b, sizeof(b), 1023.9 * 1024), "1.0M");
	CHECK_STR(fmt_bytes(b, sizeof(b), 3e9), "2.8G");
	CHECK_STR(fmt_bytes(b, sizeof(b), -5), "0");
	/* every value fits in 5 columns */
	for (double v = 1; v < 1e18; v *= 1.37)
		CHECK(strlen(fmt_bytes(b, sizeof(b), v)) <= 5);
	/* a tiny buffer is truncated, never overrun */
	CHECK_STR(fmt_bytes(b, 3, 1536), "1.");
}

static void test_rate_pct(void)
{
	char b[16];

	CHECK_STR(fmt_rate(b, sizeof(b), false, 123), "-");
	CHECK_STR(fmt_rate(b, sizeof(b), true, 0), "0");
	CHECK_STR(fmt_pct(b, sizeof(b), true, 12.34), "12.3");
	CHECK_STR(fmt_pct(b, sizeof(b), true, 99.96), "100");
	CHECK_STR(fmt_pct(b, sizeof(b), true, 250.4), "250");
	CHECK_STR(fmt_pct(b, sizeof(b), false, 5), "-");
	CHECK_STR(fmt_pct(b, sizeof(b), true, -1), "0.0");
}

static void test_sanitize(void)
{
	char b[64];

	CHECK_STR(fmt_sanitize(b, sizeof(b), "plain", false), "plain");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "a\033[2Jb", false), "a?[2Jb");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "tab\there\n", false), "tab?here?");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "caf\xc3\xa9", false), "caf??");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "caf\xc3\xa9", true), "caf\xc3\xa9");
	/* a C1 control (U+009B, CSI) is an escape on some terminals */
	CHECK_STR(fmt_sanitize(b, sizeof(b),
			       "x\xc2\x9b"
			       "1m",
			       true),
		  "x?"
		  "?1m");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "bad\xff", true), "bad?");
	CHECK_STR(fmt_sanitize(b, 4, "abcdef", false), "abc");
	/* a multibyte character that does not fit is dropped whole */
	CHECK_STR(fmt_sanitize(b, 5, "abc\xc3\xa9", true), "abc");
	/* invisible characters that reorder or hide text: one '?' each */
	CHECK_STR(fmt_sanitize(b, sizeof(b), "evil\xe2\x80\xaetxt.exe", true), "evil?txt.exe");
	CHECK_STR(fmt_sanitize(b, sizeof(b),
			       "a\xe2\x81\xa6"
			       "b\xe2\x81\xa9"
			       "c",
			       true),
		  "a?b?c");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "zw\xe2\x80\x8bsp", true), "zw?sp");
	CHECK_STR(fmt_sanitize(b, sizeof(b),
			       "\xef\xbb\xbf"
			       "bom",
			       true),
		  "?bom");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "soft\xc2\xadhy", true), "soft?hy");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "tag\xf3\xa0\x80\x81", true), "tag?");
	/* combining marks and ordinary wide characters stay */
	CHECK_STR(fmt_sanitize(b, sizeof(b), "e\xcc\x81", true), "e\xcc\x81");
	CHECK_STR(fmt_sanitize(b, sizeof(b), "\xe6\x97\xa5", true), "\xe6\x97\xa5");
	CHECK(fmt_cp_invisible(0x202e) && fmt_cp_invisible(0x2066) && fmt_cp_invisible(0x2069));
	CHECK(fmt_cp_invisible(0x200b) && fmt_cp_invisible(0xfeff) && fmt_cp_invisible(0x061c));
	CHECK(fmt_cp_invisible(0x180e) && fmt_cp_invisible(0x2060) && fmt_cp_invisible(0x00ad));
	CHECK(!fmt_cp_invisible('a') && !fmt_cp_invisible(0x0301) && !fmt_cp_invisible(0x65e5));
}

static void test_json(void)
{
	char b[64];

	b[0] = '\0';
	CHECK_STR(fmt_json_string(b, sizeof(b), "a\"b\\c"), "\"a\\\"b\\\\c\"");
	b[0] = '\0';
	CHECK_STR(fmt_json_string(b, sizeof(b), "x\n\033"), "\"x\\u000a\\u001b\"");
	b[0] = '\0';
	CHECK_STR(fmt_json_string(b, sizeof(b), "\xff"), "\"\\ufffd\"");
	b[0] = '\0';
	CHECK_STR(fmt_json_string(b, sizeof(b), "\xc3\xa9"), "\"\xc3\xa9\"");
	/* appends */
	CHECK_STR(fmt_json_string(b, sizeof(b), "z"), "\"\xc3\xa9\"\"z\"");
	/* truncation never leaves half an escape and always closes the quote */
	b[0] = '\0';
	CHECK_STR(fmt_json_string(b, 9, "\n\n\n"), "\"\\u000a\"");
}

static void test_wait_names(void)
{
	/* short names at most 6 characters, letters unique, every category */
	for (int a = 0; a < WAIT_NCAT; a++) {
		CHECK(model_wait_short((enum wait_cat)a) != NULL);
		CHECK(strlen(model_wait_short((enum wait_cat)a)) <= 6);
		for (int b = 0; b < a; b++) {
			CHECK(model_wait_letter((enum wait_cat)a) !=
			      model_wait_letter((enum wait_cat)b));
			CHECK(strcmp(model_wait_short((enum wait_cat)a),
				     model_wait_short((enum wait_cat)b)) != 0);
		}
	}
	CHECK_STR(model_wait_short(WAIT_DISK_WRITE), "disk-w");
	CHECK_STR(model_wait_short(WAIT_RUNQUEUE), "runq");
	CHECK_INT(model_wait_letter(WAIT_CPU), 'c');
	CHECK_INT(model_wait_letter(WAIT_RUNQUEUE), 'r');
	CHECK_INT(model_wait_letter(WAIT_DISK_WRITE), 'W');
	CHECK_INT(model_wait_letter(WAIT_NCAT), '?');
	CHECK(model_wait_short(WAIT_NCAT) == NULL);
	CHECK_INT(model_wait_slows(WAIT_LOCK), 2);
	CHECK_INT(model_wait_slows(WAIT_IPC), 1);
	CHECK_INT(model_wait_slows(WAIT_SLEEP), 0);
}

static void test_wait_cells(void)
{
	float sh[WAIT_NCAT] = { 0 };
	char b[160];

	sh[WAIT_DISK_WRITE] = 39;
	sh[WAIT_RUNQUEUE] = 49;
	sh[WAIT_CPU] = 12;
	CHECK_STR(fmt_wait_long(b, sizeof(b), true, WAIT_DISK_WRITE, sh),
		  "disk-write 39% (runqueue 49%, cpu 12%)");
	CHECK_STR(fmt_wait_short(b, sizeof(b), true, WAIT_DISK_WRITE, sh), "disk-w 39%");
	CHECK_STR(fmt_wait_long(b, sizeof(b), false, WAIT_DISK_WRITE, sh), "-");
	CHECK_STR(fmt_wait_short(b, sizeof(b), false, WAIT_CPU, sh), "-");
	/* at most three others, largest first; tiny shares left out */
	sh[WAIT_NET] = 5;
	sh[WAIT_SLEEP] = 0.2;
	sh[WAIT_LOCK] = 1;
	CHECK_STR(fmt_wait_long(b, sizeof(b), true, WAIT_DISK_WRITE, sh),
		  "disk-write 39% (runqueue 49%, cpu 12%, net 5%)");
	/* no share: the name alone */
	float none[WAIT_NCAT] = { 0 };
	CHECK_STR(fmt_wait_long(b, sizeof(b), true, WAIT_ZOMBIE, none), "zombie");
	CHECK_STR(fmt_wait_short(b, sizeof(b), true, WAIT_ZOMBIE, none), "zombie");
	/* every short cell fits the pane's WAIT text */
	for (int c = 0; c < WAIT_NCAT; c++) {
		float full[WAIT_NCAT] = { 0 };

		full[c] = 100;
		CHECK(strlen(fmt_wait_short(b, sizeof(b), true, (enum wait_cat)c, full)) <= 11);
	}
	/* a tiny buffer is cut, not overrun */
	CHECK_STR(fmt_wait_long(b, 8, true, WAIT_DISK_WRITE, sh), "disk-wr");
}

static void test_wait_bar(void)
{
	float sh[WAIT_NCAT] = { 0 };
	int cells[8];

	sh[WAIT_RUNQUEUE] = 49;
	sh[WAIT_DISK_WRITE] = 39;
	sh[WAIT_CPU] = 12;
	CHECK_INT(fmt_wait_bar(cells, 8, sh), 8);
	/* 3.92 r, 3.12 W, 0.96 c: 4 r, 3 W, 1 c, in category order */
	CHECK_INT(cells[0], WAIT_CPU);
	CHECK_INT(cells[1], WAIT_RUNQUEUE);
	CHECK_INT(cells[4], WAIT_RUNQUEUE);
	CHECK_INT(cells[5], WAIT_DISK_WRITE);
	CHECK_INT(cells[7], WAIT_DISK_WRITE);
	/* half an interval covered: half the bar, the rest -1 */
	float half[WAIT_NCAT] = { 0 };
	half[WAIT_SLEEP] = 50;
	CHECK_INT(fmt_wait_bar(cells, 8, half), 4);
	CHECK_INT(cells[3], WAIT_SLEEP);
	CHECK_INT(cells[4], -1);
	/* shares over 100 (rounding) never overflow */
	float over[WAIT_NCAT] = { 0 };
	over[WAIT_CPU] = 70;
	over[WAIT_NET] = 40;
	CHECK_INT(fmt_wait_bar(cells, 8, over), 8);
	float zero[WAIT_NCAT] = { 0 };
	CHECK_INT(fmt_wait_bar(cells, 8, zero), 0);
	CHECK_INT(cells[0], -1);
}

static void test_cut(void)
{
	char b[64];

	CHECK_INT(fmt_cut(b, sizeof(b), "short", 0, 10, false), 5);
	CHECK_STR(b, "short");
	CHECK_INT(fmt_cut(b, sizeof(b), "fsync() on /tmp/file", 0, 10, false), 10);
	CHECK_STR(b, "fsync() o~");
	CHECK_INT(fmt_cut(b, sizeof(b), "fsync() on /tmp/file", 0, 10, true), 10);
	CHECK_STR(b, "fsync() o\xe2\x80\xa6");
	/* scrolled: an ellipsis at the start too, the end reached */
	fmt_cut(b, sizeof(b), "fsync() on /tmp/file", 4, 10, false);
	CHECK_STR(b, "~() on /t~"); /* cells 5..12 between the ellipses */
	fmt_cut(b, sizeof(b), "fsync() on /tmp/file", 100, 10, false);
	CHECK_STR(b, "~/tmp/file");
	/* no scroll past what fits */
	fmt_cut(b, sizeof(b), "short", 3, 10, false);
	CHECK_STR(b, "short");
	/* never mid-character: e-acute is two bytes, one cell */
	CHECK_INT(fmt_cut(b, sizeof(b), "caf\xc3\xa9 au lait", 0, 5, true), 5);
	CHECK_STR(b, "caf\xc3\xa9\xe2\x80\xa6");
	CHECK_INT(fmt_cut(b, sizeof(b), "caf\xc3\xa9", 0, 4, false), 4);
	CHECK_STR(b, "caf~");
	/* a wide character (two cells) that does not fit leaves a space */
	CHECK_INT(fmt_cut(b, sizeof(b),
			  "ab\xe4\xb8\xad"
			  "cd",
			  0, 4, true),
		  4);
	CHECK_STR(b, "ab \xe2\x80\xa6");
	CHECK_INT(fmt_cells("ab\xe4\xb8\xad"
			    "cd",
			    true),
		  6);
	/* control bytes never pass */
	fmt_cut(b, sizeof(b), "a\033[2Jb", 0, 10, true);
	CHECK_STR(b, "a?[2Jb");
	CHECK_INT(fmt_cut(b, sizeof(b), "x", 0, 0, true), 0);
	CHECK_STR(b, "");
	/* a tiny buffer: cut short, always terminated */
	fmt_cut(b, 9, "abcdefghijklmnop", 0, 12, false);
	CHECK(strlen(b) < 9);
}

static void test_command(void)
{
	char b[128];

	CHECK_STR(fmt_command(b, sizeof(b), "python3", "/usr/bin/python3 /x/tests/adder.py a"),
		  "python3 adder.py");
	CHECK_STR(fmt_command(b, sizeof(b), "python3", "python3 -u -X dev srv.py"),
		  "python3 srv.py");
	CHECK_STR(fmt_command(b, sizeof(b), "python3", "python3 -m http.server 80"),
		  "python3 -m http.server 80");
	CHECK_STR(fmt_command(b, sizeof(b), "sh", "sh -c sleep 100; true"),
		  "sh -c sleep 100; true");
	CHECK_STR(fmt_command(b, sizeof(b), "bash", "bash ./build.sh"), "bash build.sh");
	CHECK_STR(fmt_command(b, sizeof(b), "bash", "-bash"), "bash"); /* a login shell */
	CHECK_STR(fmt_command(b, sizeof(b), "bash", "bash"), "bash");
	CHECK_STR(fmt_command(b, sizeof(b), "java", "java -Xmx1g -cp /a:/b org.x.Main arg"),
		  "java org.x.Main");
	CHECK_STR(fmt_command(b, sizeof(b), "java", "java -jar /opt/app.jar"), "java app.jar");
	CHECK_STR(fmt_command(b, sizeof(b), "perl", "perl -e print 1"), "perl -e print 1");
	CHECK_STR(fmt_command(b, sizeof(b), "node", "node /srv/app/index.js"), "node index.js");
	CHECK_STR(fmt_command(b, sizeof(b), "python3.12", "python3.12 x.py"), "python3.12 x.py");
	/* not interpreters: the program's base name, whole when comm agrees */
	CHECK_STR(fmt_command(b, sizeof(b), "sleep", "/usr/bin/sleep 600"), "sleep");
	CHECK_STR(fmt_command(b, sizeof(b), "systemd-journal", "/usr/lib/systemd/systemd-journald"),
		  "systemd-journald");
	CHECK_STR(fmt_command(b, sizeof(b), "shellcheck", "shellcheck x.sh"), "shellcheck");
	/* a process that rewrote its command line: comm */
	CHECK_STR(fmt_command(b, sizeof(b), "sshd", "sshd: alice@pts/0"), "sshd");
	CHECK_STR(fmt_command(b, sizeof(b), "a?[2Jb", "python3 -c import sys"), "a?[2Jb");
	CHECK_STR(fmt_command(b, sizeof(b), "build.sh", "/bin/bash ./build.sh"), "build.sh");
	CHECK_STR(fmt_command(b, sizeof(b), "kworker/0:1", ""), "kworker/0:1");
	CHECK_STR(fmt_command(b, sizeof(b), "zombie", NULL), "zombie");
	CHECK_STR(fmt_command(b, 8, "python3", "python3 averylongname.py"), "python3");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_wait_names();
	test_wait_cells();
	test_wait_bar();
	test_cut();
	test_command();
	test_bytes();
	test_rate_pct();
	test_sanitize();
	test_json();
	return test_done("unit-fmt");
}
