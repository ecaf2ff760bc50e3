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
#include <stdint.h>

#include "../common/buf.h"
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
	unsigned long long fed;		/* bytes given to expat */
	struct buf	 names;		/* distinct names seen: NUL-ended */
	uint32_t	*slot;		/* hash of offsets in names, +1 */
	size_t		 nslot, nnames;
};

/* Set x up for parser p (handlers and user data are the caller's). */
void	 xmlfeed_start(struct xmlfeed *, XML_Parser, const char *root,
	    const int *done, const int *stopped, struct diag *, struct err *);
/* Feed the whole of s, then the final call.  0, or -1 with e set.
 * Refuses a document in which expat would hold one tag, comment or
 * declaration of more than LIM_XML_TOKEN bytes (SCHEMA.md 8). */
int	 xmlfeed(struct xmlfeed *, struct stream *);
/* Note an element or attribute name (from a handler): expat keeps
 * each distinct name until the document ends, so their number and
 * bytes are bounded (LIM_XML_NAMES, LIM_XML_NAME_BYTES).  0, or -1
 * with the reason in why[0..n) when the name is one too many. */
int	 xmlfeed_name(struct xmlfeed *, const char *name, char *why, size_t n);
/* Free what x holds between documents. */
void	 xmlfeed_free(struct xmlfeed *);

#endif
