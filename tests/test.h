/* test.h - a tiny unit-test helper: CHECK macros that count and report
 * failures with file:line, and test_done() for main's return value
 * (0 all passed, 1 some failed; automake's harness reads the status). */
#ifndef WAITTOP_TEST_H
#define WAITTOP_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int test_failed, test_run;

#define CHECK(cond) do { test_run++; if (!(cond)) { test_failed++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); test_run++; \
	if (a_ != b_) { test_failed++; fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", \
	__FILE__, __LINE__, #a, a_, b_); } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); test_run++; \
	if (!a_ || strcmp(a_, b_) != 0) { test_failed++; fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
	__FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_); } } while (0)
#define CHECK_NEAR(a, b, eps) do { double a_ = (a), b_ = (b); test_run++; \
	if (!(fabs(a_ - b_) <= (eps))) { test_failed++; fprintf(stderr, "%s:%d: %s == %g, expected %g +- %g\n", \
	__FILE__, __LINE__, #a, a_, b_, (double)(eps)); } } while (0)

/* test_done: print a summary line and return main's exit status. */
static inline int test_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, test_run, test_failed);
	return test_failed ? 1 : 0;
}

#endif
