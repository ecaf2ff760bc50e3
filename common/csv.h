/*
 * csv.c: CSV rows (RFC 4180, LF line ends) from one JSON object, as
 * SCHEMA.md section 6 wants them: the tools write a record (or a
 * policy) as a JSON line first, and this turns the line into rows.
 *
 * A column is a path into the object: "a.b.c" is a member of a member;
 * "a.b[].c" takes c of every element of the array a.b and joins them
 * with ";" (empty ones keep their place, so the lists line up); a
 * path starting with "@." is taken from the element of the row array
 * instead of from the object.
 */
#ifndef CSV_H
#define CSV_H

#include "buf.h"
#include "diag.h"
#include "json.h"

#define CSV_DATE	1	/* epoch seconds written as RFC 3339 UTC */

struct csv_col {
	const char	*name;
	const char	*path;
	int		 flags;
};

#define CSV_MAXCOLS	64

/* Where a column is, for csv_elem: the element, the element of the
 * row array ("@."), or neither (the same on every row). */
enum { COL_FIXED, COL_ELEM, COL_ROW };

struct csv {
	const struct csv_col	*cols;
	const char		*rows;	/* NULL: one row per object; else
					   one per element of this array,
					   and one with blank @ columns
					   when it is empty or absent */
	struct json_doc		 doc;
	struct buf		 val;
	/* Private: one report's columns outside its elements, from
	 * csv_begin, for csv_elem. */
	int			 split;	/* csv_elem reads the element alone */
	size_t			 skip;	/* strlen("record.") */
	struct buf		 whole;	/* head "null" tail; a line */
	struct buf		 fixed;	/* their fields, as written */
	/* a run of columns i..last[i] outside the element:
	   fixed.p[off[i]..off[i] + len[i]) */
	size_t			 off[CSV_MAXCOLS], len[CSV_MAXCOLS];
	int			 last[CSV_MAXCOLS];
	/* each column's path, cut by elem_path (csv.c) */
	unsigned char		 kind[CSV_MAXCOLS], same[CSV_MAXCOLS];
	const char		*at[CSV_MAXCOLS], *rest[CSV_MAXCOLS];
	size_t			 plen[CSV_MAXCOLS];
	const char		*head, *tail;
	size_t			 hlen, tlen;
};

/* The header row. */
void	 csv_header(const struct csv *, struct buf *out);
/* The rows of the JSON object line[0..n).  0, or -1 with e set. */
int	 csv_rows(struct csv *, const char *line, size_t n, struct buf *out,
	    struct err *e);
/*
 * The same rows, made faster for the lines of one report (outstage.c):
 * csv_begin takes the head and tail that every line of the report
 * shares, csv_elem one element, and gives what csv_rows would give for
 * head, element, tail.  The columns outside the element (the report's
 * metadata, input) are found once per report, and only the element is
 * parsed per line.  head and tail must stay until the last csv_elem.
 */
int	 csv_begin(struct csv *, const char *head, size_t hlen,
	    const char *tail, size_t tlen, struct err *e);
int	 csv_elem(struct csv *, const char *elem, size_t n, struct buf *out,
	    struct err *e);
void	 csv_free(struct csv *);

#endif
