/*
 * param.c: the media type of a Content-Type value and the parameters
 * of Content-Type and Content-Disposition values (RFC 2045 section 5.1,
 * RFC 2231, RFC 2183).
 */
#ifndef PARAM_H
#define PARAM_H

#include <stddef.h>
#include "buf.h"

/* The type/subtype of a Content-Type value, lowercased, into out
 * (NUL-terminated); "" if there is none. */
void	 mime_type(const char *val, size_t n, struct buf *out);
/* Parameter name of a Content-Type or Content-Disposition value, as
 * UTF-8 into out (NUL-terminated): quoted strings unquoted, RFC 2231
 * continuations joined and charsets converted, RFC 2047 words decoded.
 * 1 if found, 0 if not. */
int	 mime_param(const char *val, size_t n, const char *name,
	    struct buf *out);

#endif
