/* unit-fmt.c - formatters: byte units and their widths, percentages,
 * sanitising of control characters and JSON string escaping. */
#include "config.h"
#include "fmt.h"
#include "test.h"

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

int main(void)
{
	test_bytes();
	test_rate_pct();
	test_sanitize();
	test_json();
	return test_done("unit-fmt");
}
