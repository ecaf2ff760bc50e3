/*
 * diag.c: error records and warnings.
 */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

/* The first error wins: it is the cause, later ones are consequences. */
void
err_set(struct err *e, const char *fmt, ...)
{
	va_list	 ap;

	if (e == NULL || e->set)
		return;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	e->set = 1;
}

void
err_clear(struct err *e)
{

	e->set = 0;
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
