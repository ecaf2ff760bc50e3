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

/* Where warnings go: main's warn(arg, msg) prints them. */
struct diag {
	void	(*warn)(void *arg, const char *msg);
	void	*arg;
	int	 nwarn;		/* warnings so far */
};

/* Record an error in e, printf-style, unless e holds one already: the
 * first error is the cause, later ones are its consequences.  e may be
 * NULL (nothing is recorded).  A message that ends in "out of memory"
 * (the one way library code says ENOMEM) marks the error sys. */
void	 err_set(struct err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* As err_set, for a failure of the system around the tool, not of the
 * input: standard output, a temporary file, --seen FILE (SCHEMA.md 7:
 * exit status 75). */
void	 err_sys(struct err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Forget the error in e, once it was said or handled. */
void	 err_clear(struct err *);
/* Count a warning and hand it, printf-style, to d's warn; d may be
 * NULL, and so may d->warn. */
void	 diag_warn(struct diag *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
