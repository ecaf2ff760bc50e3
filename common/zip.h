/*
 * zip.c: the members of a zip archive, through libarchive's streaming
 * zip reader only, so that a file and a pipe read the same way
 * (STYLE.md part c).
 */
#ifndef ZIP_H
#define ZIP_H

#include "diag.h"
#include "stream.h"

struct zip;

/* Start reading a zip from parent: a handle, or NULL with e set. */
struct zip *zip_open(struct stream *parent, struct err *e);
/* The next member as a stream in *st, named *name (NULL if it has no
 * readable name): 1, 0 after the last, -1 on error (e set; the
 * archive cannot be read further). */
int	 zip_next(struct zip *, struct stream *st, const char **name,
	    struct err *e);
/* Members seen so far. */
int	 zip_count(const struct zip *);
void	 zip_close(struct zip *);

#endif
