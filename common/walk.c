/*
 * walk.c: sniff a stream and take it apart (DESIGN.md).
 */
#include <stdio.h>
#include <string.h>

#include "gzip.h"
#include "jsonw.h"
#include "limits.h"
#include "mbox.h"
#include "mime.h"
#include "sniff.h"
#include "walk.h"
#include "zip.h"

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

/* Drain and close a layer; 0, or -1 if its parent failed under it. */
static int
finish(struct walk *w, struct stream *s)
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
	if (st_peek(&g, 1, &got) != NULL && (name = gzip_name(&g)) != NULL)
		here.label = here.value = name;
	w->where = &here;
	r = walk_stream(w, &g, claimed, depth + 1, 1);
	if (finish(w, &g) == -1)
		r = -1;
	w->where = here.up;
	return r;
}

static int
walk_zip(struct walk *w, struct stream *s, int depth)
{
	struct stream	 m;
	struct where	 here = { w->where, W_MEMBER, NULL, NULL };
	struct zip	*z;
	const char	*name;
	char		 nth[16];
	int		 r;

	if ((z = zip_open(s, &w->err)) == NULL) {
		walk_error(w, &w->err);
		return -1;
	}
	w->where = &here;
	while ((r = zip_next(z, &m, &name, &w->err)) == 1) {
		/* A name that cannot be read: its place, as "#3". */
		snprintf(nth, sizeof(nth), "#%d", zip_count(z));
		here.label = here.value = name ? name : nth;
		walk_stream(w, &m, 1, depth + 1, 1);
		st_close(&m);
	}
	here.label = here.value = NULL;
	if (r == 0 && zip_count(z) == 0)
		err_set(&w->err, "empty zip archive");
	if (w->err.set) {
		walk_error(w, &w->err);
		r = -1;
	}
	w->where = here.up;
	zip_close(z);
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
	if ((p = st_peek(s, 4096, &n)) == NULL) {
		walk_error(w, &w->err);
		return -1;
	}
	switch ((sn = sniff(p, n))) {
	case SN_EMPTY:
		err_set(&w->err, "empty input");
		walk_error(w, &w->err);
		return -1;
	case SN_GZIP:
		return walk_gzip(w, s, claimed, depth);
	case SN_ZIP:
		return walk_zip(w, s, depth);
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
		return 0;
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
