/*
 * fdstream.c: the bottom layer, read(2) in large blocks.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdstream.h"

struct fdctx {
	int	 fd;
};

static ssize_t
fd_fill(struct stream *st, char *dst, size_t n)
{
	struct fdctx *c = st->ctx;
	ssize_t	 r;

	do
		r = read(c->fd, dst, n);
	while (r == -1 && errno == EINTR);
	if (r == -1)
		err_set(st->err, "%s", strerror(errno));
	return r;
}

int
fd_open(struct stream *st, int fd, struct err *e)
{
	struct fdctx *c;

	if ((c = st_layer(st, sizeof(*c), fd_fill, e)) == NULL)
		return -1;
	c->fd = fd;
	st->solo = 1;	/* the bottom: nothing under it */
	return 0;
}

int
fd_seekable(struct stream *st)
{
	struct fdctx *c = st->ctx;
	struct stat sb;

	if (st->fill != fd_fill || fstat(c->fd, &sb) == -1 ||
	    !S_ISREG(sb.st_mode) || lseek(c->fd, 0, SEEK_SET) == -1)
		return -1;
	return c->fd;
}
