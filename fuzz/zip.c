/*
 * zip.c: libFuzzer target for the zip layer (common/zip.c over
 * libarchive): every member read to its end.
 */
#include "../common/zip.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err	 e = { 0 };
	struct stream	 s, m;
	struct zip	*z;
	const char	*name;

	if (mem_open(&s, data, size, fuzz_chunk(size), &e) == -1)
		return 0;
	if ((z = zip_open(&s, &e)) != NULL) {
		while (zip_next(z, &m, &name, &e) == 1) {
			m.limit = FUZZ_MAX_SIZE;	/* as walk_stream sets it */
			m.limit_what = "--max-size";
			(void)st_drain(&m);
			st_close(&m);
		}
		(void)zip_count(z);
		zip_close(z);
	}
	st_close(&s);
	return 0;
}
