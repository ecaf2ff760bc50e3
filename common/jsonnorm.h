/*
 * jsonnorm.c: a value of a parsed document (json.h) written out again
 * as normalised JSON.
 */
#ifndef JSONNORM_H
#define JSONNORM_H

#include "buf.h"
#include "json.h"

/*
 * Append token i as normalised JSON (SCHEMA.md section 1): strings
 * unescaped, trimmed and escaped again by jw_str; numbers, true and
 * false as written; objects and arrays recursively, their null and
 * blank string members and elements left out.  0, or -1 if the value
 * itself is left out (null, blank string), with nothing appended.
 */
int	 json_write(const struct json_doc *, int i, struct buf *out);
/* ,"key":value for key token k (comma as jw_comma), unless the value
 * is left out: then nothing is appended and -1 returned. */
int	 json_write_member(const struct json_doc *, int k, struct buf *out);
/* Call d's flush on out, if it has one (see struct json_doc). */
void	 json_flush(const struct json_doc *d, struct buf *out);

#endif
