/*
 * diag.c: how library code tells the tool's main side what went wrong,
 * without printing.  An error is a message in a struct err, returned
 * up the stack; a warning goes to a sink that main installed.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

struct err {
	int	 set;
	int	 sys;		/* the system around the tool failed (exit 75) */
	char	 msg[512];
};

struct diag {
	void	(*warn)(void *arg, const char *msg);
	void	*arg;
	int	 nwarn;
};

/* The first error wins.  A message that ends in "out of memory" (the
 * one way library code says ENOMEM) marks the error sys. */
void	 err_set(struct err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* As err_set, for a failure of the system around the tool, not of the
 * input: standard output, a temporary file, --seen FILE (SCHEMA.md 7:
 * exit status 75). */
void	 err_sys(struct err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 err_clear(struct err *);
void	 diag_warn(struct diag *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
