/*
 * fdstream.c: the bottom layer, read(2) in large blocks.
 */
#include <errno.h>
#include <stdlib.h>
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

static void
fd_fini(struct stream *st)
{

	free(st->ctx);
}

int
fd_open(struct stream *st, int fd, struct err *e)
{
	struct fdctx *c;

	if ((c = malloc(sizeof(*c))) == NULL) {
		err_set(e, "out of memory");
		return -1;
	}
	c->fd = fd;
	if (st_init(st, fd_fill, c, e) == -1) {
		free(c);
		return -1;
	}
	st->fini = fd_fini;
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
