/*
 * xmlgen.c: the generic mapping of XML elements that SCHEMA.md does
 * not name (section 3, last paragraph): text alone becomes a string,
 * children an object of them, a name repeated under one parent an
 * array, attributes "@name" keys, text beside children "#text".
 */
#ifndef XMLGEN_H
#define XMLGEN_H

#include <stddef.h>
#include "../common/buf.h"

struct xmlgen {
	struct buf	 attrs;		/* "@a":"v",... */
	struct buf	 entries;	/* children: name NUL, length, value */
	size_t		 n;		/* entries */
	struct buf	 key;		/* scratch for "@name" */
};

void	 xmlgen_reset(struct xmlgen *);
void	 xmlgen_free(struct xmlgen *);
/* Keep the attributes of an element (namespace declarations are not). */
void	 xmlgen_attrs(struct xmlgen *, const char **atts);
/* Element name, with state g and text, ends: its value (if it has
 * one) becomes a child of parent. */
void	 xmlgen_end(struct xmlgen *g, struct xmlgen *parent,
	    const char *name, const struct buf *text);
/* Write the children of g as members, names grouped into arrays in
 * the order they first appear; the number written. */
int	 xmlgen_members(struct xmlgen *, struct buf *);

#endif
