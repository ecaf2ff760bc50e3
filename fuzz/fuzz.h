/*
 * fuzz.h: what the libFuzzer targets under fuzz/ share (see fuzz/README).
 *
 * The targets drive library code (common/, dmarc/, tlsrpt/) through its
 * own headers, as the tools do, so a finding is a bug of the library and
 * not of the harness.  Nothing here prints.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "../common/stream.h"
#include "../common/walk.h"

/* --max-size in every target: bombs stop quickly (fuzz/tool.c). */
#define FUZZ_MAX_SIZE		(1ULL << 20)
#define FUZZ_MAX_SIZE_ARG	"1M"

/* libFuzzer's entry points. */
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	 LLVMFuzzerInitialize(int *, char ***);

/* A stream over p[0..n), not copied: p must outlive it.  It hands out
 * at most chunk bytes per fill (0: as much as asked), so that layers
 * see their input cut at odd places, as from a pipe.  0, or -1 with e
 * set (out of memory). */
int	 mem_open(struct stream *, const void *p, size_t n, size_t chunk,
	    struct err *e);
/* A chunk size from the input itself, so that one input always reads
 * the same way: all of it, 4099 or 509 bytes. */
size_t	 fuzz_chunk(size_t n);
/* Set up w as the tools do, with ops, warnings dropped and
 * FUZZ_MAX_SIZE. */
void	 fuzz_walk_init(struct walk *w, const struct walk_ops *ops);

/* A memory file for output: its descriptor; abort() on failure. */
int	 fuzz_memfd(void);
/* Check what fd (a fuzz_memfd) holds with fuzz_check_json, or with
 * fuzz_check_csv when csv is set, then empty it for the next input. */
void	 fuzz_check_fd(int fd, int csv);
/* The oracle for --csv: p[0..n) is RFC 4180 records ending in "\n",
 * each with as many fields as the first (the header); abort() if not. */
void	 fuzz_check_csv(const char *p, size_t n);
/* The oracle: each line of p[0..n) (NDJSON, the last "\n" optional)
 * must be one JSON object that json_parse takes; abort() if not. */
void	 fuzz_check_json(const char *p, size_t n);

#endif
