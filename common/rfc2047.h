/*
 * rfc2047.c: encoded words in header fields (RFC 2047), and the
 * conversion of text in a named charset to UTF-8 (iconv).
 */
#ifndef RFC2047_H
#define RFC2047_H

#include <stddef.h>
#include "buf.h"

/* Decode the encoded words of s[0..n) into out as UTF-8; whitespace
 * between two adjacent encoded words goes (section 6.2).  A word in a
 * charset iconv does not know is kept as written. */
void	 rfc2047_decode(struct buf *out, const char *s, size_t n);
/* Convert s[0..n) from charset to UTF-8 (iconv, //TRANSLIT off).
 * 0 on success, -1 if the charset is unknown or s is not in it. */
int	 charset_to_utf8(struct buf *out, const char *charset,
	    const char *s, size_t n);

#endif
