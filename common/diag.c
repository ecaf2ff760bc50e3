/*
 * diag.c: error records and warnings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static void
err_vset(struct err *e, int sys, const char *fmt, va_list ap)
{
	static const char oom[] = "out of memory";
	size_t	 n;

	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	n = strlen(e->msg);
	e->set = 1;
	e->sys = sys || (n >= sizeof(oom) - 1 &&
	    strcmp(e->msg + n - (sizeof(oom) - 1), oom) == 0);
}

/* The first error wins: it is the cause, later ones are consequences. */
void
err_set(struct err *e, const char *fmt, ...)
{
	va_list	 ap;

	if (e == NULL || e->set)
		return;
	va_start(ap, fmt);
	err_vset(e, 0, fmt, ap);
	va_end(ap);
}

void
err_sys(struct err *e, const char *fmt, ...)
{
	va_list	 ap;

	if (e == NULL || e->set)
		return;
	va_start(ap, fmt);
	err_vset(e, 1, fmt, ap);
	va_end(ap);
}

void
err_clear(struct err *e)
{

	e->set = 0;
	e->sys = 0;
	e->msg[0] = '\0';
}

void
diag_warn(struct diag *d, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	if (d == NULL)
		return;
	d->nwarn++;
	if (d->warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	d->warn(d->arg, msg);
}
