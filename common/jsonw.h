/*
 * jsonw.c: compact JSON text (RFC 8259) into a struct buf, as
 * SCHEMA.md section 1 wants it: only '"', '\\' and controls escaped,
 * everything else UTF-8, integers only.
 *
 * Commas are the caller's: jw_comma() adds one unless the buffer
 * ends with '{', '[' or ',' (or is empty), which is all an object or
 * array writer needs.
 */
#ifndef JSONW_H
#define JSONW_H

#include <stddef.h>
#include "buf.h"

void	 jw_comma(struct buf *);
/* A string value; bytes that are not UTF-8 are read as windows-1252. */
void	 jw_str(struct buf *, const char *, size_t);
void	 jw_cstr(struct buf *, const char *);
/* A string known to be valid UTF-8 (expat's output): no check. */
void	 jw_utf8(struct buf *, const char *, size_t);
/* ,"key": for a key that needs no escaping (our own tables). */
void	 jw_rawkey(struct buf *, const char *, size_t);
/* ,"key": (comma as jw_comma); key escaped like a string. */
void	 jw_key(struct buf *, const char *);
void	 jw_keyn(struct buf *, const char *, size_t);
void	 jw_int(struct buf *, long long);
/* A string member, omitted when the value is NULL or empty. */
void	 jw_kstr(struct buf *, const char *key, const char *, size_t);

#endif
