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

/*
 * param.c: MIME header values (RFC 2045 section 5.1, RFC 2231, RFC 2183).
 */
/* The type/subtype of a Content-Type value, lowercased, into out
 * (NUL-terminated); "" if there is none. */
void	 mime_type(const char *val, size_t n, struct buf *out);
/* Parameter name of a Content-Type or Content-Disposition value, as
 * UTF-8 into out (NUL-terminated): quoted strings unquoted, RFC 2231
 * continuations joined and charsets converted, RFC 2047 words decoded.
 * 1 if found, 0 if not. */
int	 mime_param(const char *val, size_t n, const char *name,
	    struct buf *out);

/*
 * rfc2047.c: encoded words (RFC 2047) and charset conversion.
 */
/* Decode the encoded words of s[0..n) into out as UTF-8; whitespace
 * between two adjacent encoded words goes (section 6.2).  A word in a
 * charset iconv does not know is kept as written. */
void	 rfc2047_decode(struct buf *out, const char *s, size_t n);
/* Convert s[0..n) from charset to UTF-8 (iconv, //TRANSLIT off).
 * 0 on success, -1 if the charset is unknown or s is not in it. */
int	 charset_to_utf8(struct buf *out, const char *charset,
	    const char *s, size_t n);

#endif
