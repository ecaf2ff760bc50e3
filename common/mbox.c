/*
 * mbox.c: mbox files (RFC 4155): each message is a stream that ends
 * before the next "From " line (delim.c), walked as a message.
 */
#include <stdio.h>

#include "delim.h"
#include "limits.h"
#include "mbox.h"
#include "mime.h"
#include "walk.h"

/* RFC 4155: messages start with a "From " line; the body lines that
 * began so were quoted with ">" by whoever wrote the file. */
int
walk_mbox(struct walk *w, struct stream *s, int depth)
{
	struct stream	 msg;
	const char	*l;
	size_t		 n;
	char		 label[32];
	unsigned long	 count = 0;
	int		 r;

	if ((r = st_line(s, &l, &n, LIM_HEADER_LINE)) != 1) {
		if (r == -1)
			walk_error(w, &w->err);
		return r;
	}
	for (;;) {
		snprintf(label, sizeof(label), "message %lu", ++count);
		if (delim_open(&msg, s, "From ", 0, 0, &w->err) == -1) {
			walk_error(w, &w->err);
			return -1;
		}
		walk_message(w, &msg, depth + 1, 0, label);
		if (walk_finish(w, &msg) == -1)
			return -1;
		if ((r = st_line(s, &l, &n, LIM_HEADER_LINE)) != 1)
			break;
	}
	if (r == -1)
		walk_error(w, &w->err);
	return r;
}
