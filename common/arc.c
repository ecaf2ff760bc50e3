/*
 * arc.c: archives and compressors through libarchive, one layer per
 * struct archive (see arc.h for why).  libarchive pulls its input
 * from our parent stream through a read callback; what it gives back
 * fills our stream buffers.  Decompressed bytes are counted against
 * the ratio limit of SCHEMA.md 8, members against the member limit.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arc.h"
#include "limits.h"
#include "ratio.h"

typedef int	(*support_fn)(struct archive *);

static const struct kind {
	enum sniff	 sn;
	const char	*name;
	support_fn	 support[2];
	int		 filter;	/* one stream out, not members */
	int		 seek;		/* the format needs to seek */
} kinds[] = {
	/* The streaming zip reader only: files and pipes read alike. */
	{ SN_ZIP, "zip", { archive_read_support_format_zip_streamable }, 0, 0 },
	/* ustar, pax, GNU and v7 tar, sparse members included. */
	{ SN_TAR, "tar", { archive_read_support_format_tar }, 0, 0 },
	{ SN_CPIO, "cpio", { archive_read_support_format_cpio }, 0, 0 },
	{ SN_AR, "ar", { archive_read_support_format_ar }, 0, 0 },
	{ SN_7Z, "7z", { archive_read_support_format_7zip }, 0, 1 },
	{ SN_RAR, "rar", { archive_read_support_format_rar,
	    archive_read_support_format_rar5 }, 0, 1 },
	{ SN_ISO, "iso9660", { archive_read_support_format_iso9660 }, 0, 1 },
	{ SN_BZIP2, "bzip2", { archive_read_support_filter_bzip2 }, 1, 0 },
	{ SN_XZ, "xz", { archive_read_support_filter_xz }, 1, 0 },
	{ SN_LZMA, "lzma", { archive_read_support_filter_lzma }, 1, 0 },
	{ SN_LZIP, "lzip", { archive_read_support_filter_lzip }, 1, 0 },
	{ SN_ZSTD, "zstd", { archive_read_support_filter_zstd }, 1, 0 },
	{ SN_LZ4, "lz4", { archive_read_support_filter_lz4 }, 1, 0 },
	{ SN_COMPRESS, "compress", { archive_read_support_filter_compress },
	    1, 0 },
};

struct arc {
	struct archive	*a;
	const struct kind *k;
	struct stream	*parent;	/* NULL when reading an fd */
	unsigned long long in, out;
	int		 count;
	int		 reading;	/* a member was handed out */
	int		 broken;	/* said already; read no further */
	int		 parent_failed;	/* its message is in err already */
};

static const struct kind *
kind_of(enum sniff sn)
{
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].sn == sn)
			return &kinds[i];
	return NULL;
}

const char *
arc_name(enum sniff sn)
{
	const struct kind *k = kind_of(sn);

	return k ? k->name : "archive";
}

int
arc_is_filter(enum sniff sn)
{
	const struct kind *k = kind_of(sn);

	return k && k->filter;
}

int
arc_needs_seek(enum sniff sn)
{
	const struct kind *k = kind_of(sn);

	return k && k->seek;
}

/* Put libarchive's complaint in e, unless the parent failed first and
 * its own message is there already (the error struct is shared). */
static void
arc_err(struct arc *c, struct err *e, const char *what)
{
	const char *s = archive_error_string(c->a);

	c->broken = 1;
	if (c->parent_failed && e->set)
		return;
	err_set(e, "%s: %s", c->k->name, s ? s : what);
}

/* libarchive pulls compressed bytes straight from our parent stream. */
static la_ssize_t
arc_readcb(struct archive *a, void *arg, const void **buf)
{
	struct arc *c = arg;
	const char *p;
	size_t	 n;
	int	 r;

	if ((r = st_next(c->parent, &p, &n)) < 0) {
		c->parent_failed = 1;
		archive_set_error(a, -1, "%s", c->parent->err->msg);
		return -1;
	}
	if (r == 0)
		return 0;
	c->in += n;
	*buf = p;
	return (la_ssize_t)n;
}

/* A struct archive with the readers of k only: 0, or -1 with e set.
 * ARCHIVE_WARN from a support call means libarchive would run an
 * external program for it: that is "not supported" here. */
static int
arc_setup(struct arc *c, const struct kind *k, struct err *e)
{
	int	 i, ok = 1;

	c->k = k;
	if ((c->a = archive_read_new()) == NULL) {
		err_set(e, "out of memory");
		return -1;
	}
	for (i = 0; i < 2 && k->support[i]; i++)
		if (k->support[i](c->a) != ARCHIVE_OK)
			ok = 0;
	/* Behind a compressor: its output as one entry; nothing at all
	 * gives no entry rather than an error (STYLE.md part c). */
	if (ok && k->filter &&
	    (archive_read_support_format_empty(c->a) != ARCHIVE_OK ||
	    archive_read_support_format_raw(c->a) != ARCHIVE_OK))
		ok = 0;
	if (!ok) {
		err_set(e, "%s: not supported by this libarchive (it would "
		    "run an external program)", k->name);
		return -1;
	}
	return 0;
}

static struct arc *
arc_new(const struct kind *k, struct err *e)
{
	struct arc *c;

	if (k == NULL) {
		err_set(e, "not an archive libarchive is asked to read");
		return NULL;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		err_set(e, "out of memory");
		return NULL;
	}
	if (arc_setup(c, k, e) == -1) {
		arc_close(c);
		return NULL;
	}
	return c;
}

static struct arc *
arc_start(struct stream *parent, enum sniff kind, struct err *e)
{
	struct arc *c;

	if ((c = arc_new(kind_of(kind), e)) == NULL)
		return NULL;
	c->parent = parent;
	if (archive_read_open(c->a, c, NULL, arc_readcb, NULL) != ARCHIVE_OK) {
		arc_err(c, e, "cannot open");
		arc_close(c);
		return NULL;
	}
	return c;
}

struct arc *
arc_open(struct stream *parent, enum sniff kind, struct err *e)
{
	const struct kind *k = kind_of(kind);

	if (k != NULL && k->seek) {
		err_set(e, "%s needs a seekable file: give it as a file "
		    "operand, or unpack it first", k->name);
		return NULL;
	}
	return arc_start(parent, kind, e);
}

struct arc *
arc_open_fd(int fd, enum sniff kind, struct err *e)
{
	struct stat sb;
	struct arc *c;

	if ((c = arc_new(kind_of(kind), e)) == NULL)
		return NULL;
	if (fstat(fd, &sb) == 0 && sb.st_size > 0)
		c->in = (unsigned long long)sb.st_size;
	if (archive_read_open_fd(c->a, fd, IO_BLOCK) != ARCHIVE_OK) {
		arc_err(c, e, "cannot open");
		arc_close(c);
		return NULL;
	}
	return c;
}

/* Decompressed bytes against compressed ones (SCHEMA.md 8); from an
 * fd (7z, rar, iso9660 from a file) the file's size is the input. */
static int
arc_ratio(struct arc *c, struct err *e)
{

	if (ratio_check(c->in, c->out, c->k->name, e) == 0)
		return 0;
	c->broken = 1;
	return -1;
}

/* The fill of a member or of a compressor's output. */
static ssize_t
arc_fill(struct stream *st, char *dst, size_t n)
{
	struct arc *c = st->ctx;
	la_ssize_t r;

	if (c->broken)
		return -1;
	/* A bad CRC comes as ARCHIVE_WARN after all the data: fail then. */
	if ((r = archive_read_data(c->a, dst, n)) < 0) {
		arc_err(c, st->err, "read error");
		return -1;
	}
	c->out += (unsigned long long)r;
	if (arc_ratio(c, st->err) == -1)
		return -1;
	return (ssize_t)r;
}

/* macOS metadata: AppleDouble files (._x) and the __MACOSX/ folder
 * that Finder puts in every zip it makes. */
static int
apple_meta(const char *name)
{
	const char *base = strrchr(name, '/');

	base = base ? base + 1 : name;
	return strncmp(base, "._", 2) == 0 ||
	    strncmp(name, "__MACOSX/", 9) == 0 || strstr(name, "/__MACOSX/");
}

/* The tables of an ar archive that libarchive hands out as members:
 * the symbol index (System V "/" and "/SYM64/", BSD "__.SYMDEF") and
 * the long name table ("//", "ARFILENAMES/"). */
static int
ar_table(const char *name)
{

	return strcmp(name, "/") == 0 || strcmp(name, "//") == 0 ||
	    strcmp(name, "/SYM64/") == 0 || strcmp(name, "ARFILENAMES/") == 0 ||
	    strncmp(name, "__.SYMDEF", 9) == 0;
}

/* Why a member is not read, or NULL; *quiet: not worth a word. */
static const char *
why_skip(const struct arc *c, struct archive_entry *ae, const char *name,
    int *quiet)
{

	*quiet = 1;
	if (archive_entry_filetype(ae) == AE_IFDIR)
		return "a folder";
	if (name != NULL && apple_meta(name))
		return "macOS metadata";
	if (name != NULL && c->k->sn == SN_AR && ar_table(name))
		return "the index of an ar archive";
	*quiet = 0;
	if (archive_entry_hardlink(ae) != NULL)
		return "a hard link in an archive, not followed";
	switch (archive_entry_filetype(ae)) {
	case 0:			/* the raw entry, some ar members */
	case AE_IFREG:
		return NULL;
	case AE_IFLNK:
		return "a symbolic link in an archive, not followed";
	case AE_IFIFO:
		return "a FIFO in an archive";
	case AE_IFSOCK:
		return "a socket in an archive";
	default:
		return "a device in an archive";
	}
}

/* Read what is left of the member handed out last rather than let
 * libarchive skip it: 7z, and zip entries with data descriptors, must
 * inflate what they skip, and here it counts against the ratio limit
 * (a bomb in a member that is no report).  0, or -1 with e set. */
static int
arc_skip_rest(struct arc *c, struct err *e)
{
	char	 scratch[16384];
	la_ssize_t r;

	c->reading = 0;
	while ((r = archive_read_data(c->a, scratch, sizeof(scratch))) > 0) {
		c->out += (unsigned long long)r;
		if (arc_ratio(c, e) == -1)
			return -1;
	}
	if (r < 0) {
		arc_err(c, e, "read error");
		return -1;
	}
	return 0;
}

int
arc_next(struct arc *c, struct stream *st, const char **name,
    const char **skip, struct err *e)
{
	struct archive_entry *ae;
	int	 r, quiet;

	for (;;) {
		if (c->broken || (c->reading && arc_skip_rest(c, e) == -1))
			return -1;
		r = archive_read_next_header(c->a, &ae);
		if (r == ARCHIVE_EOF)
			return 0;
		/* WARN: a name that cannot be converted, say; read on. */
		if (r < ARCHIVE_WARN) {
			arc_err(c, e, "corrupt archive");
			return -1;
		}
		if (++c->count > LIM_MEMBERS) {
			err_set(e, "%s: more than %d members", c->k->name,
			    LIM_MEMBERS);
			c->broken = 1;
			return -1;
		}
		*name = archive_entry_pathname_utf8(ae);
		if (*name == NULL)
			*name = archive_entry_pathname(ae);
		if ((*skip = why_skip(c, ae, *name, &quiet)) != NULL) {
			if (quiet)
				continue;
			return 1;
		}
		if (st_init(st, arc_fill, c, e) == -1)
			return -1;
		c->reading = 1;
		return 1;
	}
}

int
arc_count(const struct arc *c)
{

	return c->count;
}

void
arc_close(struct arc *c)
{

	if (c == NULL)
		return;
	if (c->a != NULL)
		archive_read_free(c->a);
	free(c);
}

static void
arc_filter_fini(struct stream *st)
{

	arc_close(st->ctx);
}

/* The compressor's output after its one entry; nothing if it was
 * empty (the walker then says "empty input"). */
static ssize_t
arc_filter_fill(struct stream *st, char *dst, size_t n)
{
	struct arc *c = st->ctx;

	if (c->count == 0)
		return 0;
	return arc_fill(st, dst, n);
}

/* A varint of the xz format (7 bits a byte, low first): its value, or
 * ~0 past n or past 9 bytes. */
static unsigned long long
xz_varint(const unsigned char *p, size_t n, size_t *i)
{
	unsigned long long v = 0;
	int	 k;

	for (k = 0; k < 9 && *i < n; k++) {
		v |= (unsigned long long)(p[*i] & 0x7f) << (7 * k);
		if ((p[(*i)++] & 0x80) == 0)
			return v;
	}
	return ~0ULL;
}

/* The LZMA2 dictionary of the first block of an xz stream (xz file
 * format 1.1.0, 3.1: block header; 5.3.1: LZMA2 properties). */
static unsigned long long
xz_dict(const unsigned char *p, size_t n)
{
	size_t	 i = 14, f;
	unsigned long long id, len;
	unsigned b;

	if (n < 14 || p[12] == 0)	/* no block: only an index */
		return 0;
	if (p[13] & 0x40)		/* compressed size */
		(void)xz_varint(p, n, &i);
	if (p[13] & 0x80)		/* uncompressed size */
		(void)xz_varint(p, n, &i);
	for (f = 0; f <= (p[13] & 3u); f++) {
		id = xz_varint(p, n, &i);
		len = xz_varint(p, n, &i);
		if (len == ~0ULL || i + len > n)
			return 0;
		if (id == 0x21 && len == 1 && (b = p[i] & 0x3f) <= 40)
			return (2ULL | (b & 1)) << (b / 2 + 11);
		i += len;
	}
	return 0;
}

/* The window of the first zstd frame (RFC 8878 3.1.1.1). */
static unsigned long long
zstd_window(const unsigned char *p, size_t n)
{
	static const size_t did[] = { 0, 1, 2, 4 };
	unsigned long long w = 0, base;
	size_t	 i, k, fcs;

	if (n < 6)
		return 0;
	if ((p[4] & 0x20) == 0) {	/* a Window_Descriptor */
		base = 1ULL << (10 + (p[5] >> 3));
		return base + base / 8 * (p[5] & 7);
	}
	/* Single segment: the window is the content size. */
	i = 5 + did[p[4] & 3];
	fcs = (size_t[]){ 1, 2, 4, 8 }[p[4] >> 6];
	if (i + fcs > n)
		return 0;
	for (k = fcs; k > 0; k--)
		w = w << 8 | p[i + k - 1];
	return fcs == 2 ? w + 256 : w;
}

/* How much memory a compressed stream says it decodes in: the
 * dictionary of xz, lzma, lzip, the window of zstd; 0 if unknown or
 * small by design (bzip2, lz4, compress).  libarchive sets no memory
 * limit of its own, so this is where SCHEMA.md 8's bound on peak
 * memory is kept.  Only the first block or frame is looked at. */
static unsigned long long
filter_window(enum sniff kind, const unsigned char *p, size_t n)
{

	switch (kind) {
	case SN_XZ:
		return xz_dict(p, n);
	case SN_LZMA:
		return n < 5 ? 0 : (unsigned long long)p[1] | p[2] << 8 |
		    p[3] << 16 | (unsigned long long)p[4] << 24;
	case SN_LZIP:	/* lzip manual: the coded dictionary size */
		return n < 6 ? 0 : (1ULL << (p[5] & 0x1f)) -
		    (1ULL << (p[5] & 0x1f)) / 16 * (p[5] >> 5);
	case SN_ZSTD:
		return zstd_window(p, n);
	default:
		return 0;
	}
}

int
arc_filter_open(struct stream *st, struct stream *parent, enum sniff kind,
    struct err *e)
{
	struct archive_entry *ae;
	struct arc *c;
	const char *p;
	size_t	 n;
	unsigned long long w;
	int	 r;

	if ((p = st_peek(parent, 64, &n)) == NULL)
		return -1;
	if ((w = filter_window(kind, (const unsigned char *)p, n)) >
	    LIM_WINDOW) {
		err_set(e, "%s: a window of %llu MiB, over the limit of %llu "
		    "MiB of memory: decompress it first", arc_name(kind),
		    (w + (1 << 20) - 1) >> 20, LIM_WINDOW >> 20);
		return -1;
	}
	if ((c = arc_start(parent, kind, e)) == NULL)
		return -1;
	if ((r = archive_read_next_header(c->a, &ae)) < ARCHIVE_WARN) {
		arc_err(c, e, "corrupt data");
		arc_close(c);
		return -1;
	}
	c->count = r != ARCHIVE_EOF;
	if (st_init(st, arc_filter_fill, c, e) == -1) {
		arc_close(c);
		return -1;
	}
	st->fini = arc_filter_fini;
	return 0;
}
