/*
 * arc.c: the libarchive layer.  Archives (zip, tar, cpio, ar; 7z, rar
 * and iso9660 from a seekable file only) give members; compressors
 * other than gzip (bzip2, xz, lzma, lzip, zstd, lz4, compress) give
 * one stream.  Each struct archive does exactly one layer, chosen by
 * our own sniff: what comes out is sniffed again by the walker, so
 * the layers nest in any order and each counts toward the nesting
 * limit.  gzip stays on zlib (gzip.c): libarchive does not check its
 * CRC.  Only the readers named are enabled, never filter_all: no
 * external program is ever run (STYLE.md part c).
 */
#ifndef ARC_H
#define ARC_H

#include "diag.h"
#include "stream.h"
#include "sniff.h"

struct arc;

/* The name of an archive or compressor kind, for messages ("xz"). */
const char *arc_name(enum sniff);
/* 1 if kind is a compressor arc_filter_open takes, 0 if an archive. */
int	 arc_is_filter(enum sniff);
/* 1 if the format needs to seek (7z, rar, iso9660). */
int	 arc_needs_seek(enum sniff);

/* Start reading an archive of the given kind from parent: a handle,
 * or NULL with e set.  The formats that need seeking are refused. */
struct arc *arc_open(struct stream *parent, enum sniff kind,
	    struct err *e);
/* The same from fd, a regular file read from its start (any kind). */
struct arc *arc_open_fd(int fd, enum sniff kind, struct err *e);
/*
 * The next member: 1 with *name (NULL if it has no readable name) and
 * either a stream in *st, or *skip set to why it is not read (a link,
 * a device: st is then untouched).  Folders and macOS metadata
 * (__MACOSX/, ._*) are passed over without a word.  0 after the last
 * member, -1 on error (e set; the archive cannot be read further).
 * The stream must be closed before the next call.
 */
int	 arc_next(struct arc *, struct stream *st, const char **name,
	    const char **skip, struct err *e);
/* Members seen so far. */
int	 arc_count(const struct arc *);
void	 arc_close(struct arc *);

/* A compressor of the given kind over parent as the stream st, as
 * gzip_open: 0, or -1 with e set. */
int	 arc_filter_open(struct stream *st, struct stream *parent,
	    enum sniff kind, struct err *e);

#endif
