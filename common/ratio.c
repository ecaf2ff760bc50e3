/*
 * ratio.c: the decompression-ratio limit (SCHEMA.md 8).  A small input
 * that inflates without end is stopped by its ratio long before
 * --max-size, which is per report and large.  The ratio is judged only
 * past LIM_RATIO_AFTER bytes of output, so that small, repetitive
 * reports, which compress far better than LIM_RATIO:1, pass.
 */
#include "limits.h"
#include "ratio.h"

int
ratio_check(unsigned long long in, unsigned long long out,
    const char *format, struct err *e)
{

	if (out <= LIM_RATIO_AFTER || out / LIM_RATIO <= in)
		return 0;
	err_set(e, "decompression ratio above %d:1 after %llu MiB (a %s "
	    "bomb?)", LIM_RATIO, LIM_RATIO_AFTER >> 20, format);
	return -1;
}
