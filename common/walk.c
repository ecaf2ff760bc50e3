/*
 * walk.c: sniff a stream and take it apart (DESIGN.md).
 */
#include <stdio.h>
#include <string.h>

#include "arc.h"
#include "fdstream.h"
#include "gzip.h"
#include "jsonw.h"
#include "limits.h"
#include "mbox.h"
#include "mime.h"
#include "sniff.h"
#include "walk.h"

void
walk_error(struct walk *w, struct err *e)
{

	if (!e->set)
		err_set(e, "unknown error");
	w->nerrors++;
	w->found++;	/* something was there, or it could not be read */
	if (w->ops->error)
		w->ops->error(w, e);
	err_clear(e);
}

void
walk_skip(struct walk *w, const char *why)
{

	w->nskipped++;
	if (w->ops->skip)
		w->ops->skip(w, why);
}

void
walk_result(struct walk *w, int r, struct err *e)
{

	w->found++;
	if (r == 0)
		w->nreports++;
	else if (r > 0) {
		walk_skip(w, e->msg[0] ? e->msg : "not a report");
		err_clear(e);
	} else
		walk_error(w, e);
}

/* The innermost value of each kind of step. */
static const char *
where_value(const struct walk *w, enum where_kind k)
{
	const struct where *p;

	for (p = w->where; p != NULL; p = p->up)
		if (p->kind == k && p->value != NULL)
			return p->value;
	return NULL;
}

void
walk_input_json(const struct walk *w, struct buf *b)
{
	static const char *const keys[] = {
		"file", "message_id", "attachment", "member"
	};
	const char *v;
	int	 k;

	jw_key(b, "input");
	buf_addc(b, '{');
	for (k = W_FILE; k <= W_MEMBER; k++)
		if ((v = where_value(w, (enum where_kind)k)) != NULL)
			jw_kstr(b, keys[k], v, strlen(v));
	buf_addc(b, '}');
}

static void
where_rec(const struct where *p, struct buf *b, size_t mark)
{

	if (p == NULL)
		return;
	where_rec(p->up, b, mark);
	if (p->label == NULL)
		return;
	if (b->len > mark)
		buf_adds(b, ": ");
	buf_addstr(b, p->label);
}

void
walk_where_str(const struct walk *w, struct buf *b)
{

	where_rec(w->where, b, b->len);
}

int
walk_finish(struct walk *w, struct stream *s)
{
	int	 r = 0;

	if (st_drain(s) == -1) {
		if (w->err.set)
			walk_error(w, &w->err);
		r = -1;
	}
	st_close(s);
	return r;
}

/* walk_finish for a decompressor (a CRC error at its end is an error
 * of what came out).  When what was inside failed (inner == -1, said),
 * reading on is no use: a broken archive under a compressor must not
 * cost a full decompression, so it is closed undrained.  Nor when it
 * was skipped as the other tool's report (inner == 1): finding that
 * out costs the first few kilobytes, not the whole (issue 13). */
static int
finish(struct walk *w, struct stream *s, int inner)
{

	if (inner == 0)
		return walk_finish(w, s);
	st_close(s);
	return 0;
}

static int
walk_gzip(struct walk *w, struct stream *s, int claimed, int depth)
{
	struct stream	 g;
	struct where	 here = { w->where, W_MEMBER, NULL, NULL };
	const char	*name;
	size_t		 got;
	int		 r;

	if (gzip_open(&g, s, &w->diag, &w->err) == -1) {
		walk_error(w, &w->err);
		return -1;
	}
	/* The header is read with the first bytes: then FNAME is known. */
	if (st_look(&g, 4096, &got) != NULL && (name = gzip_name(&g)) != NULL)
		here.label = here.value = name;
	w->where = &here;
	r = walk_stream(w, &g, claimed, depth + 1, 1);
	if (finish(w, &g, r) == -1)
		r = -1;
	w->where = here.up;
	return r;
}

/* A compressor libarchive reads (xz, bzip2...): one stream, sniffed. */
static int
walk_filter(struct walk *w, struct stream *s, enum sniff sn, int claimed,
    int depth)
{
	struct stream	 f;
	int		 r;

	if (arc_filter_open(&f, s, sn, &w->err) == -1) {
		walk_error(w, &w->err);
		return -1;
	}
	r = walk_stream(w, &f, claimed, depth + 1, 1);
	if (finish(w, &f, r) == -1)
		r = -1;
	return r;
}

/* The members of an archive, each sniffed like any other stream. */
static int
walk_members(struct walk *w, struct arc *a, int depth)
{
	struct stream	 m;
	struct where	 here = { w->where, W_MEMBER, NULL, NULL };
	const char	*name, *skip;
	char		 nth[16];
	int		 r;

	w->where = &here;
	while ((r = arc_next(a, &m, &name, &skip, &w->err)) == 1) {
		/* A name that cannot be read: its place, as "#3". */
		snprintf(nth, sizeof(nth), "#%d", arc_count(a));
		here.label = here.value = name ? name : nth;
		if (skip != NULL) {
			walk_skip(w, skip);
			continue;
		}
		walk_stream(w, &m, 1, depth + 1, 1);
		st_close(&m);
	}
	here.label = here.value = NULL;
	w->where = here.up;
	return r;
}

/* An archive: from the stream, or from the file under it when the
 * format must seek (7z, rar, iso9660) and the stream is a file. */
static int
walk_archive(struct walk *w, struct stream *s, enum sniff sn, int depth)
{
	struct arc	*a;
	int		 fd, r;

	if (arc_needs_seek(sn) && (fd = fd_seekable(s)) != -1) {
		a = arc_open_fd(fd, sn, &w->err);
		s->eof = 1;	/* libarchive read the file itself */
		s->pos = s->len;
	} else
		a = arc_open(s, sn, &w->err);
	if (a == NULL) {
		walk_error(w, &w->err);
		return -1;
	}
	r = walk_members(w, a, depth);
	if (r == 0 && arc_count(a) == 0)
		err_set(&w->err, "empty %s archive", arc_name(sn));
	if (w->err.set) {
		walk_error(w, &w->err);
		r = -1;
	}
	arc_close(a);
	return r;
}

int
walk_depth(struct walk *w, int depth)
{

	if (depth <= LIM_CONTAINER_DEPTH)
		return 0;
	err_set(&w->err, "containers nested deeper than %d",
	    LIM_CONTAINER_DEPTH);
	walk_error(w, &w->err);
	return -1;
}

int
walk_stream(struct walk *w, struct stream *s, int claimed, int depth,
    int inner)
{
	const char	*p;
	size_t		 n;
	enum sniff	 sn;
	int		 r;

	if (walk_depth(w, depth) == -1)
		return -1;
	if ((p = st_look(s, 4096, &n)) == NULL) {
		walk_error(w, &w->err);
		return -1;
	}
	/* Nothing but NULs: an iso9660 image has them before its first
	 * descriptor (a sparse tar member too: its hole). */
	if ((sn = sniff(p, n)) == SN_UNKNOWN && n >= 4096 &&
	    p[0] == '\0' && memcmp(p, p + 1, 4095) == 0) {
		if ((p = st_peek(s, SNIFF_DEEP, &n)) == NULL) {
			walk_error(w, &w->err);
			return -1;
		}
		sn = sniff_deep(p, n);
	}
	switch (sn) {
	case SN_EMPTY:
		err_set(&w->err, "empty input");
		walk_error(w, &w->err);
		return -1;
	case SN_GZIP:
		return walk_gzip(w, s, claimed, depth);
	case SN_ZIP:
	case SN_TAR:
	case SN_CPIO:
	case SN_AR:
	case SN_7Z:
	case SN_RAR:
	case SN_ISO:
		return walk_archive(w, s, sn, depth);
	case SN_BZIP2:
	case SN_XZ:
	case SN_LZMA:
	case SN_LZIP:
	case SN_ZSTD:
	case SN_LZ4:
	case SN_COMPRESS:
		return walk_filter(w, s, sn, claimed, depth);
	case SN_XML:
	case SN_JSON:
		/* Counted from here on by the stream; what the look above
		 * read already is counted now. */
		s->limit = w->max_size;
		s->limit_what = "--max-size";
		if (s->total > s->limit) {
			err_set(&w->err, "--max-size (%llu bytes) exceeded",
			    s->limit);
			r = -1;
		} else if (sn == SN_XML)
			r = w->ops->xml(w, s, claimed, &w->err);
		else
			r = w->ops->json(w, s, claimed, &w->err);
		walk_result(w, r, &w->err);
		return r > 0;	/* skipped: the caller need not read on */
	case SN_MBOX:
		return walk_mbox(w, s, depth);
	case SN_MESSAGE:
		return walk_message(w, s, depth + 1, 0, NULL);
	case SN_UNKNOWN:
		break;
	}
	if (inner) {
		err_set(&w->err, "not a report: neither XML, JSON nor a mail "
		    "message");
		walk_error(w, &w->err);
		return -1;
	}
	return 0;
}
