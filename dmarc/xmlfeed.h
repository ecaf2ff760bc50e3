/*
 * xmlfeed.c: one XML document from a stream into expat, chunk by chunk,
 * with the quirks of real reports: whitespace (and a BOM) before
 * "<?xml", windows-1252, bytes that are not UTF-8 in a UTF-8 document
 * (read as windows-1252, with a warning), and an XML error after the
 * root element has ended (a warning: what was wanted is whole).
 */
#ifndef XMLFEED_H
#define XMLFEED_H

#include <expat.h>

#include "../common/diag.h"
#include "../common/stream.h"

struct xmlfeed {
	XML_Parser	 p;
	const char	*root;		/* its name, for the warning */
	const int	*done;		/* the caller's: the root has ended */
	const int	*stopped;	/* the caller's: a handler stopped the
					   parser and set e */
	struct diag	*diag;
	struct err	*e;
	int		 post_error;	/* broken after the root: stop feeding */
	int		 fixed;		/* bytes read as windows-1252 */
};

/* Set x up for parser p (handlers and user data are the caller's). */
void	 xmlfeed_start(struct xmlfeed *, XML_Parser, const char *root,
	    const int *done, const int *stopped, struct diag *, struct err *);
/* Feed the whole of s, then the final call.  0, or -1 with e set. */
int	 xmlfeed(struct xmlfeed *, struct stream *);

#endif
