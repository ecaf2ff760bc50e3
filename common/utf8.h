/*
 * utf8.c: UTF-8 validation and the windows-1252 fallback.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/* Length of the longest prefix of s that is valid UTF-8 (RFC 3629: no
 * overlongs, no surrogates, nothing above U+10FFFF).  An incomplete
 * sequence at the very end counts as invalid. */
size_t	 utf8_valid(const char *, size_t);
/* Like utf8_valid, but a sequence cut off by the end of s is left out
 * of the prefix and *cut says how many bytes it has (0 if none): for
 * data that arrives in chunks. */
size_t	 utf8_valid_chunk(const char *, size_t, size_t *cut);
/* The Unicode code point of windows-1252 byte c (undefined bytes map to
 * the C1 control of the same value, as WHATWG does). */
uint32_t cp1252_cp(unsigned char);
/* Code point cp (at most U+10FFFF) as UTF-8 at s, which has room
 * for 4 bytes; returns the length. */
size_t	 utf8_enc(uint32_t cp, char *s);
/* Append code point cp as UTF-8. */
void	 utf8_put(struct buf *, uint32_t);
/* Append s, with every byte that is not part of valid UTF-8 read as
 * windows-1252.  Returns the number of such bytes. */
size_t	 utf8_fix(struct buf *, const char *, size_t);

#endif
