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
	char	 msg[512];
};

struct diag {
	void	(*warn)(void *arg, const char *msg);
	void	*arg;
	int	 nwarn;
};

void	 err_set(struct err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 err_clear(struct err *);
void	 diag_warn(struct diag *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
