/*
 * jsmnw.h: the only way to include jsmn (Debian libjsmn-dev 1.1.0, a
 * header that holds the whole library).  Never include <jsmn.h>
 * directly: JSMN_PARENT_LINKS changes sizeof(jsmntok_t), so units
 * that disagree about it break silently.
 *
 * JSMN_STRICT: without it jsmn takes {a:1} and a missing colon.
 * JSMN_PARENT_LINKS: without it every ',' and closing bracket scans
 * back over all tokens, quadratic in the length of an array.
 *
 * json.c alone defines JSMNW_IMPL and so holds the implementation;
 * everyone else gets the declarations only (JSMN_HEADER).
 */
#ifndef JSMNW_H
#define JSMNW_H

#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#ifndef JSMNW_IMPL
#define JSMN_HEADER
#endif
#include <jsmn.h>

#endif
