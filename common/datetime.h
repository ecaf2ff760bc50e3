/*
 * datetime.c: dates in the three forms reports use, to epoch seconds
 * and to RFC 3339 UTC ("2024-05-01T12:00:00Z").
 *
 * All take s[0..n), not NUL-terminated, surrounding whitespace allowed,
 * and return 0 on success, -1 if s is not such a date.  Fractions of a
 * second are dropped (jq's fromdateiso8601 cannot read them).
 */
#ifndef DATETIME_H
#define DATETIME_H

#include <stddef.h>

#define RFC3339_SIZE	32

/* RFC 3339 / ISO 8601 date-time: "T" or one space between date and
 * time, optional fraction, "Z", "+hh:mm", "+hhmm" or no zone (UTC). */
int	 iso8601_epoch(const char *, size_t, long long *);
/* RFC 5322 section 3.3 date-time, with the obsolete forms of 4.3
 * (two-digit years, zone names like "GMT", "EST", "UT"), and an
 * optional day name; comments after the zone are ignored. */
int	 rfc5322_epoch(const char *, size_t, long long *);
/* Epoch seconds to RFC 3339 UTC; out needs RFC3339_SIZE bytes. */
void	 epoch_rfc3339(long long, char *);

#endif
