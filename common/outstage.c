/*
 * outstage.c: the one output stage: shapes, --max-size on lines,
 * commit when whole, --unique (see outstage.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "output.h"
#include "outstage.h"

#define CHUNK	(1UL << 20)	/* lines go out (or to the rows) this much at a time */

void
outstage_open(struct outstage *o)
{
	struct buf	 hd = { 0 };

	sbuf_init(&o->body);
	sbuf_init(&o->rows);
	o->nelem = 0;
	if (o->shape != OUT_CSV || !o->header)
		return;
	csv_header(o->csv, &hd);
	if (hd.oom)
		o->write_failed(o->arg, ENOMEM);
	else if (write_all(o->fd, hd.p, hd.len) == -1)
		o->write_failed(o->arg, errno);
	buf_free(&hd);
}

void
outstage_close(struct outstage *o)
{

	sbuf_free(&o->body);
	sbuf_free(&o->rows);
	buf_free(&o->line);
	buf_free(&o->out);
	buf_free(&o->carry);
	unique_free(&o->seen);
}

void
outstage_begin(struct outstage *o)
{

	sbuf_reset(&o->body);
	o->nelem = 0;
}

void
outstage_elem(struct outstage *o, const char *p, size_t n)
{

	if (o->nelem++ > 0)
		sbuf_add(&o->body, o->shape == OUT_WHOLE ? "," : "\n", 1);
	sbuf_add(&o->body, p, n);
}

/* --unique: 1 (e says so) if key came before, 0 if not, -1 out of memory. */
static int
key_seen(struct outstage *o, const struct buf *key, struct err *e)
{
	int	 r;

	if (!o->unique)
		return 0;
	if (key->oom || (r = unique_seen(&o->seen, key->p, key->len)) == -1) {
		err_set(e, "out of memory");
		return -1;
	}
	if (r == 1)
		err_set(e, "the same report came before (--unique)");
	return r;
}

int
outstage_known(struct outstage *o, const struct buf *key, struct err *e)
{

	if (!o->unique || key->oom || !unique_has(&o->seen, key->p, key->len))
		return 0;
	err_set(e, "the same report came before (--unique)");
	return 1;
}

/*
 * The lines of OUT_RECORDS and OUT_CSV, made from head, each element
 * and tail, and sent on a chunk at a time: to the output (OUT_RECORDS,
 * at commit), or through csv_rows to o->rows (OUT_CSV, before it).
 */
struct lines {
	struct outstage	*o;
	const struct buf *head, *tail;
	struct err	*e;
};

/* 0, an errno value, or -1 when the report fails (l->e says why). */
static int
lines_flush(struct lines *l, int force)
{
	struct outstage	*o = l->o;

	if (o->out.oom)
		return ENOMEM;
	if (o->out.len < CHUNK && !force)
		return 0;
	if (o->shape == OUT_CSV) {
		sbuf_add(&o->rows, o->out.p, o->out.len);
		if (sbuf_failed(&o->rows))
			return o->rows.ioerr ? o->rows.ioerr : ENOMEM;
		if (sbuf_size(&o->rows) > o->max_size) {
			/* The head repeats on every row: bound the total. */
			err_set(l->e, "its CSV rows exceed --max-size (%llu "
			    "bytes)", o->max_size);
			return -1;
		}
	} else if (write_all(o->fd, o->out.p, o->out.len) == -1)
		return errno;
	o->out.len = 0;
	return 0;
}

/* One line: head, what was carried, p[0..n), tail. */
static int
lines_one(struct lines *l, const char *p, size_t n)
{
	struct outstage	*o = l->o;
	struct buf	*b = o->shape == OUT_CSV ? &o->line : &o->out;

	buf_add(b, l->head->p, l->head->len);
	buf_add(b, o->carry.p, o->carry.len);
	buf_add(b, p, n);
	buf_add(b, l->tail->p, l->tail->len);
	o->carry.len = 0;
	if (o->shape != OUT_CSV) {
		buf_addc(b, '\n');
		return 0;
	}
	if (b->oom)
		return ENOMEM;
	if (csv_rows(o->csv, b->p, b->len, &o->out, l->e) == -1)
		return -1;
	b->len = 0;
	return 0;
}

static int
lines_chunk(struct lines *l, const char *p, size_t n)
{
	const char	*nl;
	int		 r;

	while ((nl = memchr(p, '\n', n)) != NULL) {
		if ((r = lines_one(l, p, (size_t)(nl - p))) != 0 ||
		    (r = lines_flush(l, 0)) != 0)
			return r;
		n -= (size_t)(nl - p) + 1;
		p = nl + 1;
	}
	buf_add(&l->o->carry, p, n);
	return l->o->carry.oom ? ENOMEM : 0;
}

/* Every line of the report: 0, an errno value, or -1 (l->e set). */
static int
lines_all(struct lines *l)
{
	struct outstage	*o = l->o;
	const struct sbuf *b = &o->body;
	char		*chunk = NULL;
	unsigned long long off = 0;
	ssize_t		 r;
	int		 rc = 0;

	o->out.len = o->line.len = o->carry.len = 0;
	o->out.oom = o->line.oom = o->carry.oom = 0;
	if (o->nelem == 0)
		return 0;
	if (b->filed && (chunk = malloc(CHUNK)) == NULL)
		return ENOMEM;
	while (rc == 0 && off < b->filed) {
		size_t want = b->filed - off < CHUNK ?
		    (size_t)(b->filed - off) : CHUNK;
		if ((r = pread(b->fd, chunk, want, (off_t)off)) <= 0) {
			rc = r == 0 ? EIO : errno;
			break;
		}
		off += (unsigned long long)r;
		rc = lines_chunk(l, chunk, (size_t)r);
	}
	if (rc == 0)
		rc = lines_chunk(l, b->mem.p, b->mem.len);
	if (rc == 0)
		rc = lines_one(l, "", 0);	/* the last element */
	if (rc == 0)
		rc = lines_flush(l, 1);
	free(chunk);
	return rc;
}

/* What OUT_RECORDS will write: head, element, tail and "\n" each. */
static unsigned long long
records_size(const struct outstage *o, const struct buf *head,
    const struct buf *tail)
{

	return sbuf_size(&o->body) - (o->nelem - 1) +
	    (unsigned long long)o->nelem * (head->len + tail->len + 1);
}

/* Check what the report will write, and make the CSV rows: 0, or -1
 * with e set. */
static int
prepare(struct outstage *o, enum out_shape sh, const struct buf *head,
    const struct buf *tail, struct err *e)
{
	struct lines	 l = { o, head, tail, e };
	int		 r;

	if (sbuf_failed(&o->body)) {
		err_set(e, "cannot hold the report: %s", o->body.ioerr ?
		    strerror(o->body.ioerr) : "out of memory");
		return -1;
	}
	if (head->oom || tail->oom) {
		err_set(e, "out of memory");
		return -1;
	}
	if (sh == OUT_RECORDS && o->nelem > 0 &&
	    records_size(o, head, tail) > o->max_size) {
		err_set(e, "its --records lines exceed --max-size (%llu bytes)",
		    o->max_size);
		return -1;
	}
	if (sh != OUT_CSV)
		return 0;
	sbuf_reset(&o->rows);
	if ((r = lines_all(&l)) == 0)
		return 0;
	if (r > 0)
		err_set(e, "cannot hold the CSV rows: %s", strerror(r));
	return -1;
}

/* Write the report: 0, or an errno value. */
static int
write_report(struct outstage *o, enum out_shape sh, const struct buf *head,
    const struct buf *tail)
{
	struct lines	 l = { o, head, tail, NULL };
	struct iovec	 iov[4];

	switch (sh) {
	case OUT_CSV:
		if (copy_fd(o->rows.fd, o->rows.filed, o->fd) == -1 ||
		    write_all(o->fd, o->rows.mem.p, o->rows.mem.len) == -1)
			return errno;
		return 0;
	case OUT_RECORDS:
		return lines_all(&l);
	case OUT_WHOLE:
		break;
	}
	if (o->body.filed > 0 && (write_all(o->fd, head->p, head->len) == -1 ||
	    copy_fd(o->body.fd, o->body.filed, o->fd) == -1))
		return errno;
	iov[0].iov_base = head->p;
	iov[0].iov_len = o->body.filed > 0 ? 0 : head->len;
	iov[1].iov_base = o->body.mem.p;
	iov[1].iov_len = o->body.mem.len;
	iov[2].iov_base = tail->p;
	iov[2].iov_len = tail->len;
	iov[3].iov_base = "\n";
	iov[3].iov_len = 1;
	/* One report, one write when it was not spilled (SCHEMA.md 1). */
	return writev_all(o->fd, iov, 4) == -1 ? errno : 0;
}

/* The commit protocol, for a report of shape sh. */
static int
commit(struct outstage *o, enum out_shape sh, const struct buf *head,
    const struct buf *tail, const struct buf *key, struct err *e)
{
	int	 r;

	if (prepare(o, sh, head, tail, e) == -1)
		return -1;
	if ((r = key_seen(o, key, e)) != 0)
		return r;
	if ((r = write_report(o, sh, head, tail)) != 0)
		o->write_failed(o->arg, r);
	return 0;
}

int
outstage_report(struct outstage *o, const struct buf *head,
    const struct buf *tail, const struct buf *key, struct err *e)
{

	return commit(o, o->shape, head, tail, key, e);
}

int
outstage_object(struct outstage *o, const struct buf *obj,
    const struct buf *key, struct err *e)
{
	static const struct buf none = { 0 };

	outstage_begin(o);
	return commit(o, OUT_WHOLE, obj, &none, key, e);
}
