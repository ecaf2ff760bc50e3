/*
 * buf.c: growable buffers, and buffers that spill to a temporary file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "limits.h"
#include "output.h"

int
buf_grow(struct buf *b, size_t need)
{
	size_t	 ncap;
	char	*np;

	if (b->oom || b->over)
		return -1;
	if (b->max && need > b->max) {
		b->over = 1;
		return -1;
	}
	if (need <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 256;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2) {
			b->oom = 1;
			return -1;
		}
		ncap *= 2;
	}
	if ((np = realloc(b->p, ncap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = np;
	b->cap = ncap;
	return 0;
}

void
buf_add_slow(struct buf *b, const void *s, size_t n)
{

	if (n == 0 || b->oom || b->over)
		return;		/* sticky: nothing more after a failure */
	if (b->len + n > b->cap || (b->max && b->len + n > b->max))
		if (buf_grow(b, b->len + n) == -1)
			return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

void
buf_addc_slow(struct buf *b, int c)
{

	if ((b->len == b->cap || (b->max && b->len == b->max)) &&
	    buf_grow(b, b->len + 1) == -1)
		return;
	b->p[b->len++] = (char)c;
}

void
buf_addstr(struct buf *b, const char *s)
{

	buf_add(b, s, strlen(s));
}

void
buf_free(struct buf *b)
{

	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->oom = b->over = 0;
}

void
sbuf_init(struct sbuf *s)
{

	memset(s, 0, sizeof(*s));
	s->fd = -1;
}

/* Move what memory holds to the file, making the file if need be. */
static void
sbuf_spill(struct sbuf *s)
{

	if (s->fd == -1 && (s->fd = tmpfile_fd()) == -1) {
		s->ioerr = errno ? errno : EIO;
		return;
	}
	if (write_all(s->fd, s->mem.p, s->mem.len) == -1) {
		s->ioerr = errno ? errno : EIO;
		return;
	}
	s->filed += s->mem.len;
	s->mem.len = 0;
}

void
sbuf_add(struct sbuf *s, const void *p, size_t n)
{
	size_t	 most = s->spill ? s->spill : SPILL_AFTER;

	if (s->ioerr)
		return;
	if (s->mem.len + n > most) {
		sbuf_spill(s);
		if (s->ioerr)
			return;
		if (n > most) {
			if (write_all(s->fd, p, n) == -1)
				s->ioerr = errno ? errno : EIO;
			else
				s->filed += n;
			return;
		}
	}
	buf_add(&s->mem, p, n);
}

unsigned long long
sbuf_size(const struct sbuf *s)
{

	return s->filed + s->mem.len;
}

int
sbuf_failed(const struct sbuf *s)
{

	return s->ioerr || buf_failed(&s->mem);
}

void
sbuf_reset(struct sbuf *s)
{

	buf_reset(&s->mem);
	s->ioerr = 0;
	if (s->fd != -1) {
		/* Keep the file for the next report, emptied. */
		if (ftruncate(s->fd, 0) == -1 || lseek(s->fd, 0, SEEK_SET) == -1) {
			close(s->fd);
			s->fd = -1;
		}
	}
	s->filed = 0;
}

void
sbuf_free(struct sbuf *s)
{

	buf_free(&s->mem);
	if (s->fd != -1)
		close(s->fd);
	sbuf_init(s);
}
