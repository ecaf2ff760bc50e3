/*
 * json.c: one JSON text (RFC 8259) held in memory, tokenised by jsmn
 * and then validated, because jsmn alone is not a validator (STYLE.md
 * part c).  A document that passes json_parse is one object with
 * unique keys, whose strings are valid UTF-8 (SCHEMA.md section 5).
 *
 * The caller holds the whole document, and must refuse one longer than
 * LIM_JSON_DOC (16 MiB) while reading it, before it is all in memory.
 * json_parse refuses a longer one too, but only as a last guard: jsmn
 * counts in int.
 *
 * Tokens are jsmn's: tok[i].start and .end are offsets into s (for a
 * string, its content without the quotes), .size is the number of
 * children.  An object's children are its keys; the value of key k is
 * token k + 1.  jsonnav.h finds one's way among them, jsonnorm.h writes
 * a value out again.
 */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>

#include "jsmnw.h"
#include "buf.h"
#include "diag.h"
#include "limits.h"




struct json_doc {
	const char	*s;	/* the text after any BOM; borrowed */
	size_t		 len;
	size_t		 base;	/* bytes before s (a BOM), counted in errors */
	jsmntok_t	*tok;
	int		 ntok;
	int		*next;	/* next[i]: the first token after i and all
				   it holds (for a key: its value) */
	int		 plain;	/* set by json_parse_ours: no backslash
				   in the text, so every string is as
				   written (0 after json_parse) */
	int		 ours;	/* set by the caller: the text is our own
				   output (--csv, --unique), so the limits
				   on string length, depth and document
				   size, which guard against input, do not
				   apply (the token limit does) */
	/*
	 * Optional, set by the caller: json_write calls flush(flush_arg,
	 * out) after each member or element it wrote, where nothing in
	 * out will be taken back, so a big value need not be held whole
	 * (SCHEMA.md 8).  flush may pass on all of out but its last byte
	 * (writers look at it to place commas).
	 */
	void		(*flush)(void *, struct buf *);
	void		*flush_arg;
	/* Private; kept from one json_parse to the next. */
	unsigned	 cap;
	int		*keys;		/* an object's keys, by token */
	size_t		 nkeys;
};

/*
 * Tokenise and validate doc[0..len): one object, nothing but
 * whitespace after it (a leading UTF-8 BOM is skipped, RFC 8259 8.1),
 * no NUL, no missing or extra ',' or ':', literals exactly true, false
 * or null, numbers as RFC 8259 section 6, nesting at most
 * LIM_JSON_DEPTH, strings without raw control characters, with valid
 * UTF-8 and escapes and no lone surrogate (sections 7 and 8.2), none
 * longer than LIM_TEXT once unescaped, no key twice in one object.
 * d starts zeroed, and may be reused; doc must outlive it.  0, or -1
 * with e set to "invalid JSON at byte N: what" (N counts from 0).
 */
int	 json_parse(struct json_doc *d, const char *doc, size_t len,
	    struct err *e);
/*
 * json_parse for a text that our own writer (jsonw.c) made a moment
 * before, as --csv reads each record again: valid by construction, so
 * it is not validated (no jsmn, no walk over every string, number and
 * key), only cut into the same tokens and next[] that json_parse would
 * give, in one pass.  Its shape is checked (one object, each key with
 * one value, brackets that match, nothing after it), so any text gives
 * tokens that jsonnav.h can follow safely; what is inside a string or
 * a number is not, and no limit but the token limit applies.  No BOM.
 * Sets d->ours.  Never for a text that came from outside: use
 * json_parse.
 */
int	 json_parse_ours(struct json_doc *d, const char *doc, size_t len,
	    struct err *e);
/* Free what d holds; d is zeroed and may be parsed into again. */
void	 json_free(struct json_doc *d);

/* Append a string token unescaped, as UTF-8 (\u0000 becomes a NUL
 * byte), or a literal as written; -1 (and nothing appended) for an
 * object or array. */
int	 json_str(const struct json_doc *, int i, struct buf *out);

#endif
