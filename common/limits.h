/*
 * Limits against hostile input (SCHEMA.md section 8).  Every one of them
 * has a test under tests/ that trips it; the README lists them.
 */
#ifndef LIMITS_H
#define LIMITS_H

#define LIM_MAX_SIZE_DEFAULT	(4ULL << 30)	/* decompressed bytes per report (--max-size) */
#define LIM_RATIO		200		/* decompression ratio, output : input ... */
#define LIM_RATIO_AFTER		(64ULL << 20)	/* ... checked once this much came out */
#define LIM_CONTAINER_DEPTH	8		/* gzip, zip, message nested in each other */
#define LIM_MIME_DEPTH		32		/* multipart / message/rfc822 nesting */
#define LIM_MIME_PARTS		1000		/* parts in one message */
#define LIM_MEMBERS		10000		/* members in one archive (zip, tar...) */
#define LIM_WINDOW		(32ULL << 20)	/* dictionary or window of one xz, lzma, lzip
						   or zstd stream: the memory it decodes in */
#define LIM_HEADER_LINE		(1UL << 20)	/* one (unfolded) header field */
#define LIM_HEADER_BLOCK	(8UL << 20)	/* all header fields of one entity */
#define LIM_XML_DEPTH		64		/* element nesting */
#define LIM_XML_TOKEN		(4UL << 20)	/* one XML tag, comment or
						   declaration (expat holds it) */
#define LIM_XML_NAMES		10000		/* distinct element and attribute
						   names in one document ... */
#define LIM_XML_NAME_BYTES	(1UL << 20)	/* ... and their bytes (expat
						   keeps each until the end) */
#define LIM_TEXT		(1UL << 20)	/* one XML text value or JSON string */
#define LIM_JSON_DOC		(16UL << 20)	/* TLS-RPT document held for jsmn */
#define LIM_ELEMENT		(8UL << 20)	/* one element held whole, as JSON */
#define LIM_JSON_DEPTH		64		/* JSON nesting */
#define LIM_JSON_TOKENS		(1U << 20)	/* tokens in one JSON document */

/* A limit in bytes as a whole number of MiB, for messages: the text
 * of an error always comes from the constant, never written by hand. */
#define LIM_MIB(x)		((unsigned long)((x) >> 20))

/* Not limits against attacks, just sizes. */
#define SPILL_AFTER		(8UL << 20)	/* report buffer goes to a temporary file */
#define IO_BLOCK		(256UL << 10)	/* read size at every layer */

#endif
