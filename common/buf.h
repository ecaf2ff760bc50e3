/*
 * buf.c: growable byte buffers.
 *
 * Errors are sticky: once an allocation fails, ->oom is set and every
 * later add is a no-op, so a writer checks once, at the end.
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>
#include <string.h>

struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	size_t	 max;	/* 0: no cap; else adds beyond it set ->over */
	int	 oom;	/* an allocation failed */
	int	 over;	/* ->max was reached */
};

int	 buf_grow(struct buf *, size_t);
void	 buf_add_slow(struct buf *, const void *, size_t);
void	 buf_addc_slow(struct buf *, int);
void	 buf_addstr(struct buf *, const char *);
void	 buf_free(struct buf *);
#define	 buf_adds(b, lit)	buf_add((b), (lit), sizeof(lit) - 1)
#define	 buf_failed(b)		((b)->oom || (b)->over)
/* One byte: the common case inline, it is most of what writers add. */
static inline void
buf_addc(struct buf *b, int c)
{

	if (b->len < b->cap && (b->max == 0 || b->len < b->max) &&
	    !b->over && !b->oom)
		b->p[b->len++] = (char)c;
	else
		buf_addc_slow(b, c);
}
/* n bytes: inline when they fit (most adds are a few bytes, millions
 * of times per big report), else through buf_add_slow. */
static inline void
buf_add(struct buf *b, const void *s, size_t n)
{

	if (n <= b->cap - b->len && (b->max == 0 || b->len + n <= b->max) &&
	    !b->over && !b->oom) {
		if (n > 0)
			memcpy(b->p + b->len, s, n);
		b->len += n;
	} else
		buf_add_slow(b, s, n);
}
static inline void buf_reset(struct buf *b) { b->len = 0; b->oom = b->over = 0; }
static inline int buf_last(const struct buf *b) { return b->len ? (unsigned char)b->p[b->len - 1] : -1; }

/*
 * A buffer that moves to an unlinked temporary file (in $TMPDIR, else
 * /tmp) once it holds more than SPILL_AFTER bytes, so that a report of
 * any size is held without holding it in memory.
 */
struct sbuf {
	struct buf	 mem;
	int		 fd;		/* -1 until spilled */
	unsigned long long filed;	/* bytes in the file */
	int		 ioerr;		/* errno of a failed write, or 0 */
	size_t		 spill;		/* held in memory up to this; 0 is
					   SPILL_AFTER */
};

void	 sbuf_init(struct sbuf *);
void	 sbuf_add(struct sbuf *, const void *, size_t);
unsigned long long sbuf_size(const struct sbuf *);
int	 sbuf_failed(const struct sbuf *);
void	 sbuf_reset(struct sbuf *);
void	 sbuf_free(struct sbuf *);

#endif
