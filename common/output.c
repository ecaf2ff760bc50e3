/*
 * output.c: writing whole buffers, temporary files, file-to-file copies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

#include "output.h"

int
write_all(int fd, const void *p, size_t n)
{
	const char	*s = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, s, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int
writev_all(int fd, struct iovec *iov, int n)
{
	ssize_t	 w;

	while (n > 0) {
		if (iov->iov_len == 0) {
			iov++, n--;
			continue;
		}
		if ((w = writev(fd, iov, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++, n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

const char *
tmpfile_dir(void)
{
	const char	*dir;

	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	return dir;
}

/* An unlinked file in $TMPDIR (else /tmp): gone when we are. */
int
tmpfile_fd(void)
{
	const char	*dir = tmpfile_dir();
	char		 path[4096];
	int		 fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/report2json.XXXXXX",
	    dir) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkstemp(path)) == -1)
		return -1;
	unlink(path);
	return fd;
}

/*
 * Copy the first n bytes of file "from" to "to", from offset 0.  The
 * kernel copies (sendfile) where it can: a report spilled to a temporary
 * file goes to stdout without passing through our buffers, which is most
 * of what holding a big report whole costs.  Where sendfile cannot write
 * to "to" (EINVAL, ENOSYS: some kernels refuse O_APPEND files), the rest
 * goes by pread and write.
 */
int
copy_fd(int from, unsigned long long n, int to)
{
	char		 buf[1 << 16];
	off_t		 off = 0;
	ssize_t		 r;
	int		 kernel = 1;

	while ((unsigned long long)off < n) {
		unsigned long long left = n - (unsigned long long)off;

		if (kernel) {
			r = sendfile(to, from, &off,
			    left < (1u << 30) ? (size_t)left : (1u << 30));
			if (r > 0)
				continue;
			if (r == -1 && errno == EINTR)
				continue;
			if (r == -1 && errno != EINVAL && errno != ENOSYS)
				return -1;
			if (r == 0) {
				errno = EIO;
				return -1;
			}
			kernel = 0;
		}
		if ((r = pread(from, buf, left < sizeof(buf) ? (size_t)left :
		    sizeof(buf), off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0) {
			errno = EIO;
			return -1;
		}
		if (write_all(to, buf, (size_t)r) == -1)
			return -1;
		off += r;
	}
	return 0;
}
