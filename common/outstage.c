/*
 * outstage.c: the one output stage: shapes, --max-size on lines,
 * commit when whole, the turn on the output, taking back, --unique
 * and --seen FILE (see outstage.h).
 *
 * --seen FILE is plain text: the line SEEN_MAGIC, then one line per
 * written report: 32 lowercase hex digits (the key's hash, unique.h)
 * and "\n", appended (O_APPEND) under FILE's lock.  An empty FILE is
 * a new one.  Anything else (another first line, a line that is no
 * key, a last line without its newline, a FILE that shrank) is not
 * ours or not whole: it is an error naming FILE, and FILE is left as
 * it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "outstage.h"

#define CHUNK	(1UL << 20)	/* lines go out (or to the rows) this much at a time */
#define SEEN_MAGIC	"# --seen FILE of dmarc2json and tlsrpt2json, format 1\n"
#define KEYLINE		33	/* 32 hex digits and "\n" */

static int	 turn(struct outstage *, enum out_shape, const struct buf *,
		    const struct buf *, struct err *);

/* The turn on fd (the whole file, a POSIX lock: see outstage.h). */
static int
lock_fd(int fd, int type)
{
	struct flock	 fl;
	struct timespec	 pause = { 0, 1000000 };

	memset(&fl, 0, sizeof(fl));
	fl.l_type = (short)type;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, type == F_UNLCK ? F_SETLK : F_SETLKW, &fl) == -1) {
		if (errno == EINTR)
			continue;
		if (errno == EDEADLK) {
			/* The kernel saw a cycle that the fixed order
			 * (FILE, then the output) rules out: try again. */
			nanosleep(&pause, NULL);
			continue;
		}
		return -1;
	}
	return 0;
}

static void
out_lock(struct outstage *o)
{

	/* An output that cannot be locked is written without the turn. */
	if (!o->nolock && lock_fd(o->fd, F_WRLCK) == -1)
		o->nolock = 1;
}

static void
out_unlock(struct outstage *o)
{

	if (!o->nolock)
		lock_fd(o->fd, F_UNLCK);
}

/* Where the next write lands on a regular file, or -1. */
static off_t
out_mark(struct outstage *o)
{
	struct stat	 st;

	if (!o->regular)
		return -1;
	if (!o->append)
		return lseek(o->fd, 0, SEEK_CUR);
	return fstat(o->fd, &st) == -1 ? -1 : st.st_size;
}

/* Take back what was written since mark: 0, or an errno value. */
static int
out_takeback(struct outstage *o, off_t mark)
{

	if (mark == -1)
		return EINVAL;
	if (ftruncate(o->fd, mark) == -1)
		return errno;
	if (!o->append && lseek(o->fd, mark, SEEK_SET) == -1)
		return errno;
	return 0;
}

/* A write to the output failed with errno r, after mark: say so in e. */
static void
out_failed(struct outstage *o, int r, off_t mark, struct err *e)
{
	int	 t;

	o->failed++;
	if (!o->regular)
		err_sys(e, "standard output: %s", strerror(r));
	else if ((t = out_takeback(o, mark)) == 0)
		err_sys(e, "standard output: %s (what was written of the "
		    "report is taken back)", strerror(r));
	else
		err_sys(e, "standard output: %s (and what was written of the "
		    "report could not be taken back: %s)", strerror(r),
		    strerror(t));
}

/*
 * --seen FILE.
 */

/* FILE is not what we wrote: say so. */
static int
seen_bad(struct outstage *o, const char *why, struct err *e)
{

	o->failed++;
	err_sys(e, "--seen %s: line %lu: %s: not a --seen FILE, or damaged "
	    "(left as it is)", o->seen_path, o->seen_lines + 1, why);
	return -1;
}

/* Parse the whole lines of p[0..n) into the set: 0, or -1 (e set). */
static int
seen_parse(struct outstage *o, const char *p, size_t n, struct err *e)
{
	struct ukey	 k;
	size_t		 off = 0;

	if (o->seen_len == 0) {
		if (n < sizeof(SEEN_MAGIC) - 1 ||
		    memcmp(p, SEEN_MAGIC, sizeof(SEEN_MAGIC) - 1) != 0)
			return seen_bad(o, "unknown first line", e);
		off = sizeof(SEEN_MAGIC) - 1;
		o->seen_lines++;
	}
	for (; off < n; off += KEYLINE, o->seen_lines++) {
		if (n - off < KEYLINE || p[off + KEYLINE - 1] != '\n' ||
		    unique_unhex(p + off, &k) == -1)
			return seen_bad(o, "not a key", e);
		if (unique_add(&o->seen, &k) == -1) {
			err_set(e, "out of memory");
			return -1;
		}
	}
	return 0;
}

/* Under FILE's lock: read what was appended since we last read.  0,
 * or -1 with e set. */
static int
seen_refresh(struct outstage *o, struct err *e)
{
	struct stat	 st;
	unsigned long long want;
	ssize_t		 r;

	if (fstat(o->seen_fd, &st) == -1)
		goto ioerr;
	if ((unsigned long long)st.st_size == o->seen_len)
		return 0;
	if ((unsigned long long)st.st_size < o->seen_len) {
		o->failed++;
		err_sys(e, "--seen %s: it shrank from %llu to %llu bytes "
		    "while in use", o->seen_path, o->seen_len,
		    (unsigned long long)st.st_size);
		return -1;
	}
	want = (unsigned long long)st.st_size - o->seen_len;
	buf_reset(&o->seen_buf);
	if (want > (size_t)-1 / 2 || buf_grow(&o->seen_buf, (size_t)want) == -1) {
		err_set(e, "out of memory");
		return -1;
	}
	while (o->seen_buf.len < want) {
		r = pread(o->seen_fd, o->seen_buf.p + o->seen_buf.len,
		    (size_t)want - o->seen_buf.len,
		    (off_t)(o->seen_len + o->seen_buf.len));
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			errno = r == 0 ? EIO : errno;
			goto ioerr;
		}
		o->seen_buf.len += (size_t)r;
	}
	if (seen_parse(o, o->seen_buf.p, o->seen_buf.len, e) == -1)
		return -1;
	o->seen_len += want;
	return 0;
ioerr:
	o->failed++;
	err_sys(e, "--seen %s: %s", o->seen_path, strerror(errno));
	return -1;
}

/* Under FILE's lock: append key k; 0, or -1 with e set and FILE as
 * it was. */
static int
seen_append(struct outstage *o, const char *line, size_t n, struct err *e)
{
	int	 r;

	if (write_all(o->seen_fd, line, n) == 0) {
		o->seen_len += n;
		return 0;
	}
	r = errno;
	o->failed++;
	if (ftruncate(o->seen_fd, (off_t)o->seen_len) == -1)
		err_sys(e, "--seen %s: %s (and the line could not be taken "
		    "back: %s)", o->seen_path, strerror(r), strerror(errno));
	else
		err_sys(e, "--seen %s: %s", o->seen_path, strerror(r));
	return -1;
}

/* Open FILE, creating it, and read it. */
static int
seen_open(struct outstage *o, struct err *e)
{
	struct stat	 st, out;
	int		 r;

	o->seen_fd = open(o->seen_path, O_RDWR | O_CREAT | O_APPEND |
	    O_CLOEXEC, 0666);
	if (o->seen_fd == -1 || fstat(o->seen_fd, &st) == -1) {
		o->failed++;
		err_sys(e, "--seen %s: %s", o->seen_path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (fstat(o->fd, &out) == 0 &&
	    out.st_dev == st.st_dev && out.st_ino == st.st_ino)) {
		o->failed++;
		err_sys(e, "--seen %s: %s", o->seen_path, S_ISREG(st.st_mode) ?
		    "is standard output" : "not a regular file");
		return -1;
	}
	if (lock_fd(o->seen_fd, F_WRLCK) == -1) {
		o->failed++;
		err_sys(e, "--seen %s: cannot lock: %s", o->seen_path,
		    strerror(errno));
		return -1;
	}
	if (fstat(o->seen_fd, &st) == 0 && st.st_size == 0)
		r = seen_append(o, SEEN_MAGIC, sizeof(SEEN_MAGIC) - 1, e);
	else
		r = seen_refresh(o, e);
	lock_fd(o->seen_fd, F_UNLCK);
	return r;
}

/*
 * The lines of OUT_RECORDS and OUT_CSV, made from head, each element
 * and tail, and sent on a chunk at a time: to the output (OUT_RECORDS,
 * at commit), or through csv_begin and csv_elem to o->rows (OUT_CSV,
 * before it).
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
	struct buf	*b = &o->out;

	if (o->shape == OUT_CSV) {
		/* csv_begin took head and tail: the element alone. */
		if (o->carry.len > 0) {
			buf_add(&o->carry, p, n);
			p = o->carry.p, n = o->carry.len;
		}
		if (o->carry.oom)
			return ENOMEM;
		o->carry.len = 0;
		return csv_elem(o->csv, p, n, &o->out, l->e) == -1 ? -1 : 0;
	}
	buf_add(b, l->head->p, l->head->len);
	buf_add(b, o->carry.p, o->carry.len);
	buf_add(b, p, n);
	buf_add(b, l->tail->p, l->tail->len);
	buf_addc(b, '\n');
	o->carry.len = 0;
	return 0;
}

static int
lines_chunk(struct lines *l, const char *p, size_t n)
{
	const char	*nl;
	int		 r;

	if (n == 0)
		return 0;	/* p may be NULL: a body all in its file */
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

	o->out.len = o->carry.len = 0;
	o->out.oom = o->carry.oom = 0;
	if (o->nelem == 0)
		return 0;
	if (o->shape == OUT_CSV && csv_begin(o->csv, l->head->p, l->head->len,
	    l->tail->p, l->tail->len, l->e) == -1)
		return -1;
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

	if (o->body.ioerr) {
		err_sys(e, "cannot hold the report: temporary file in %s: %s",
		    tmpfile_dir(), strerror(o->body.ioerr));
		return -1;
	}
	if (sbuf_failed(&o->body)) {
		err_set(e, "cannot hold the report: out of memory");
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
	if (r == ENOMEM)
		err_set(e, "cannot hold the CSV rows: out of memory");
	else if (r > 0)
		err_sys(e, "cannot hold the CSV rows: temporary file in %s: "
		    "%s", tmpfile_dir(), strerror(r));
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

int
outstage_open(struct outstage *o, struct err *e)
{
	static const struct buf none = { 0 };
	struct buf	 hd = { 0 };
	struct stat	 st;
	int		 fl, r = 0;

	sbuf_init(&o->body);
	sbuf_init(&o->rows);
	o->nelem = 0;
	o->seen_fd = -1;
	if (fstat(o->fd, &st) == 0 && S_ISREG(st.st_mode)) {
		o->regular = 1;
		o->append = (fl = fcntl(o->fd, F_GETFL)) != -1 &&
		    (fl & O_APPEND);
	}
	if (o->seen_path != NULL && seen_open(o, e) == -1)
		return -1;
	if (o->shape != OUT_CSV || !o->header)
		return 0;
	csv_header(o->csv, &hd);
	if (hd.len > 0 && hd.p[hd.len - 1] == '\n')
		hd.len--;
	if (hd.oom)
		err_set(e, "out of memory");
	else
		r = turn(o, OUT_WHOLE, &hd, &none, e);
	buf_free(&hd);
	return hd.oom ? -1 : r;
}

void
outstage_close(struct outstage *o)
{

	sbuf_free(&o->body);
	sbuf_free(&o->rows);
	buf_free(&o->out);
	buf_free(&o->carry);
	buf_free(&o->seen_buf);
	unique_free(&o->seen);
	if (o->seen_fd != -1)
		close(o->seen_fd);
	o->seen_fd = -1;
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

static int
dedup(const struct outstage *o)
{

	return o->unique || o->seen_path != NULL;
}

static int
came_before(const struct outstage *o, struct err *e)
{

	err_set(e, "the same report came before (%s)", o->seen_path ?
	    "--seen" : "--unique");
	return 1;
}

int
outstage_known(struct outstage *o, const struct buf *key, struct err *e)
{
	struct ukey	 k;

	if (!dedup(o) || key->oom)
		return 0;
	unique_key(key->p, key->len, &k);
	return unique_has(&o->seen, &k) ? came_before(o, e) : 0;
}

/* One turn on the output: write the report whole, or take back what
 * was written of it.  0, or -1 with e set. */
static int
turn(struct outstage *o, enum out_shape sh, const struct buf *head,
    const struct buf *tail, struct err *e)
{
	off_t	 mark;
	int	 r;

	out_lock(o);
	mark = out_mark(o);
	if ((r = write_report(o, sh, head, tail)) != 0)
		out_failed(o, r, mark, e);
	out_unlock(o);
	return r ? -1 : 0;
}

/* The commit protocol (DESIGN.md), for a report of shape sh. */
static int
commit(struct outstage *o, enum out_shape sh, const struct buf *head,
    const struct buf *tail, const struct buf *key, struct err *e)
{
	struct ukey	 k;
	char		 line[KEYLINE];
	int		 r;

	if (prepare(o, sh, head, tail, e) == -1)
		return -1;
	if (!dedup(o))
		return turn(o, sh, head, tail, e);
	if (key->oom) {
		err_set(e, "out of memory");
		return -1;
	}
	unique_key(key->p, key->len, &k);
	if (unique_has(&o->seen, &k))
		return came_before(o, e);
	if (o->seen_fd == -1) {
		if ((r = turn(o, sh, head, tail, e)) == 0 &&
		    unique_add(&o->seen, &k) == -1) {
			err_set(e, "out of memory");
			return -1;
		}
		return r;
	}
	/* Check, write, record: one step under FILE's lock. */
	if (lock_fd(o->seen_fd, F_WRLCK) == -1) {
		o->failed++;
		err_sys(e, "--seen %s: cannot lock: %s", o->seen_path,
		    strerror(errno));
		return -1;
	}
	if ((r = seen_refresh(o, e)) == 0 && unique_has(&o->seen, &k))
		r = came_before(o, e);
	else if (r == 0 && (r = turn(o, sh, head, tail, e)) == 0) {
		unique_hex(&k, line);
		line[KEYLINE - 1] = '\n';
		if ((r = seen_append(o, line, KEYLINE, e)) == 0 &&
		    unique_add(&o->seen, &k) == -1) {
			err_set(e, "out of memory");
			r = -1;
		}
	}
	lock_fd(o->seen_fd, F_UNLCK);
	return r;
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
