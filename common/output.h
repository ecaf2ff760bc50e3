/*
 * output.c: raw file descriptor I/O for the report buffers and stdout.
 * All return -1 with errno set on failure.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>

/* write(2) until all n bytes are out. */
int	 write_all(int, const void *, size_t n);
struct iovec;
/* writev(2) until all is out. */
int	 writev_all(int, struct iovec *, int);
/* An unlinked file in $TMPDIR (else /tmp): gone when we are. */
int	 tmpfile_fd(void);
/* Where tmpfile_fd makes its files: $TMPDIR, else /tmp. */
const char *tmpfile_dir(void);
/* Copy the first n bytes of file "from" to "to", from offset 0. */
int	 copy_fd(int from, unsigned long long n, int to);

#endif
