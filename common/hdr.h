/*
 * hdr.c: an RFC 5322 header block, unfolded (RFC 5322 section 2.2.3),
 * held as a list of "name\0value\0" with names lowercased.  A value
 * keeps its inner whitespace and loses the CRLF of each fold; NUL
 * bytes become spaces.
 */
#ifndef HDR_H
#define HDR_H

#include <stddef.h>
#include "buf.h"
#include "diag.h"

struct hdrs {
	struct buf	 b;
};

/* Parse p[0..n), the fields up to (not including) the empty line.
 * Lines end in LF or CRLF; lines that are no field are skipped, as
 * MTAs do.  0, or -1 with e set (memory, a field over LIM_HEADER_LINE). */
int	 hdrs_parse(struct hdrs *, const char *, size_t, struct err *);
/* The first field called name (lowercase), trimmed; NULL if none. */
const char *hdrs_get(const struct hdrs *, const char *name, size_t *len);
/* Walk the fields: *pos starts at 0; 1 with a field, 0 at the end.
 * name is lowercase; value trimmed, NUL-terminated. */
int	 hdrs_next(const struct hdrs *, size_t *pos, const char **name,
	    const char **val, size_t *vlen);
void	 hdrs_reset(struct hdrs *);
void	 hdrs_free(struct hdrs *);

#endif
