/*
 * zip.c: zip members through libarchive (streaming reader).
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "ratio.h"
#include "zip.h"

struct zip {
	struct archive	*a;
	struct stream	*parent;
	unsigned long long in, out;
	int		 count;
	int		 broken;
};

/* libarchive pulls compressed bytes straight from our parent stream. */
static la_ssize_t
zip_readcb(struct archive *a, void *arg, const void **buf)
{
	struct zip *z = arg;
	const char *p;
	size_t	 n;
	int	 r;

	if ((r = st_next(z->parent, &p, &n)) < 0) {
		archive_set_error(a, -1, "%s", z->parent->err->msg);
		return -1;
	}
	if (r == 0)
		return 0;
	z->in += n;
	*buf = p;
	return (la_ssize_t)n;
}

struct zip *
zip_open(struct stream *parent, struct err *e)
{
	struct zip *z;

	if ((z = calloc(1, sizeof(*z))) == NULL ||
	    (z->a = archive_read_new()) == NULL) {
		free(z);
		err_set(e, "out of memory");
		return NULL;
	}
	z->parent = parent;
	if (archive_read_support_format_zip_streamable(z->a) != ARCHIVE_OK ||
	    archive_read_open(z->a, z, NULL, zip_readcb, NULL) != ARCHIVE_OK) {
		err_set(e, "zip: %s", archive_error_string(z->a) ?
		    archive_error_string(z->a) : "cannot open");
		zip_close(z);
		return NULL;
	}
	return z;
}

static ssize_t
zip_fill(struct stream *st, char *dst, size_t n)
{
	struct zip *z = st->ctx;
	la_ssize_t r;

	/* A bad CRC comes as ARCHIVE_WARN after all the data: fail then. */
	if ((r = archive_read_data(z->a, dst, n)) < 0) {
		err_set(st->err, "zip: %s", archive_error_string(z->a) ?
		    archive_error_string(z->a) : "read error");
		z->broken = 1;
		return -1;
	}
	z->out += (unsigned long long)r;
	if (ratio_check(z->in, z->out, "zip", st->err) == -1) {
		z->broken = 1;
		return -1;
	}
	return (ssize_t)r;
}

int
zip_next(struct zip *z, struct stream *st, const char **name, struct err *e)
{
	struct archive_entry *ae;
	int	 r;

	for (;;) {
		if (z->broken)
			return -1;	/* said already */
		r = archive_read_next_header(z->a, &ae);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN) {
			err_set(e, "zip: %s", archive_error_string(z->a) ?
			    archive_error_string(z->a) : "corrupt archive");
			z->broken = 1;
			return -1;
		}
		if (++z->count > LIM_ZIP_MEMBERS) {
			err_set(e, "zip: more than %d members", LIM_ZIP_MEMBERS);
			z->broken = 1;
			return -1;
		}
		/* Directories hold no report. */
		if (archive_entry_filetype(ae) == AE_IFDIR)
			continue;
		*name = archive_entry_pathname_utf8(ae);
		if (*name == NULL)
			*name = archive_entry_pathname(ae);
		if (st_init(st, zip_fill, z, e) == -1)
			return -1;
		return 1;
	}
}

int
zip_count(const struct zip *z)
{

	return z->count;
}

void
zip_close(struct zip *z)
{

	if (z == NULL)
		return;
	archive_read_free(z->a);
	free(z);
}
