/*
 * datetime.c: report dates to epoch seconds and back.  The calendar
 * arithmetic is our own (proleptic Gregorian, no leap seconds, as
 * POSIX time counts): timegm() is not POSIX, and mktime() reads TZ.
 */
#include <stdio.h>
#include <string.h>

#include "datetime.h"
#include "text.h"

struct dt {
	long long	 y;
	int		 mo, d, h, mi, s;
	int		 off;	/* zone offset, minutes east of UTC */
};

/* Days before each month in a common year. */
static const int dt_before[12] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

static const char *const dt_mon3[12] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};
static const char *const dt_month[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
static const char *const dt_day3[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};
static const char *const dt_day[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

static int
dt_leap(long long y)
{

	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
dt_mdays(long long y, int m)
{

	if (m == 2)
		return 28 + dt_leap(y);
	return m == 12 ? 31 : dt_before[m] - dt_before[m - 1];
}

static long long
dt_floordiv(long long a, long long b)
{
	long long	 q = a / b;

	if (a % b != 0 && (a < 0) != (b < 0))
		q--;
	return q;
}

/*
 * Days from 1970-01-01 to y-mo-d.  Each year has 365 days and one more
 * if leap; the floor divisions count the leap years before y (year 0
 * is leap), so the sum steps right across every year.
 */
static long long
dt_days(long long y, int mo, int d)
{
	long long	 days, y1 = y - 1;

	days = 365 * y + dt_floordiv(y1, 4) - dt_floordiv(y1, 100) +
	    dt_floordiv(y1, 400);
	days += dt_before[mo - 1] + (mo > 2 && dt_leap(y)) + d - 1;
	return days - 719527;	/* the same sum for 1970-01-01 */
}

static int
dt_valid(const struct dt *t)
{

	if (t->mo < 1 || t->mo > 12 || t->d < 1 ||
	    t->d > dt_mdays(t->y, t->mo))
		return 0;
	/* ISO 8601 allows 24:00:00, the end of the day. */
	if (t->h == 24)
		return t->mi == 0 && t->s == 0;
	/* RFC 3339 5.6: second 60 is a leap second, counted as :00 of
	 * the next minute, as POSIX time does. */
	return t->h >= 0 && t->h <= 23 && t->mi >= 0 && t->mi <= 59 &&
	    t->s >= 0 && t->s <= 60;
}

static long long
dt_epoch(const struct dt *t)
{

	return dt_days(t->y, t->mo, t->d) * 86400 + t->h * 3600 +
	    t->mi * 60 + t->s - t->off * 60LL;
}

/* Between min and max digits at *p, into *v; their count, or 0. */
static int
dt_num(const char **p, const char *end, int min, int max, int *v)
{
	int	 i, x = 0;

	for (i = 0; i < max && *p + i < end; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			break;
		x = x * 10 + (c - '0');
	}
	if (i < min)
		return 0;
	*p += i;
	*v = x;
	return i;
}

static int
dt_char(const char **p, const char *end, int c)
{

	if (*p < end && **p == c) {
		(*p)++;
		return 1;
	}
	return 0;
}

/* RFC 3339 time-offset, or none (UTC), up to end.  Also "+hhmm" and
 * "+hh" (ISO 8601 basic forms), and one space before the zone. */
static int
iso_zone(const char *p, const char *end, int *off)
{
	int	 sign, hh, mm = 0;

	*off = 0;
	dt_char(&p, end, ' ');
	if (p == end)
		return 0;
	if ((*p == 'Z' || *p == 'z') && p + 1 == end)
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (!dt_num(&p, end, 2, 2, &hh))
		return -1;
	if ((dt_char(&p, end, ':') || p < end) &&
	    !dt_num(&p, end, 2, 2, &mm))
		return -1;
	if (p != end || hh > 23 || mm > 59)
		return -1;
	*off = sign * (hh * 60 + mm);
	return 0;
}

/* hh:mm[:ss[.frac]] at *p; the fraction is dropped. */
static int
iso_time(const char **p, const char *end, struct dt *t)
{

	if (!dt_num(p, end, 2, 2, &t->h) || !dt_char(p, end, ':') ||
	    !dt_num(p, end, 2, 2, &t->mi))
		return -1;
	if (!dt_char(p, end, ':'))
		return 0;
	if (!dt_num(p, end, 2, 2, &t->s))
		return -1;
	if (dt_char(p, end, '.') || dt_char(p, end, ',')) {
		if (*p == end || **p < '0' || **p > '9')
			return -1;
		while (*p < end && **p >= '0' && **p <= '9')
			(*p)++;
	}
	return 0;
}

int
iso8601_epoch(const char *s, size_t n, long long *out)
{
	const char	*p, *end;
	struct dt	 t;
	int		 y;

	memset(&t, 0, sizeof(t));
	trim(&s, &n);
	p = s;
	end = s + n;
	if (!dt_num(&p, end, 4, 4, &y) || !dt_char(&p, end, '-') ||
	    !dt_num(&p, end, 2, 2, &t.mo) || !dt_char(&p, end, '-') ||
	    !dt_num(&p, end, 2, 2, &t.d))
		return -1;
	/* RFC 3339 5.6 NOTE: "T" may be "t", or a space. */
	if (!dt_char(&p, end, 'T') && !dt_char(&p, end, 't') &&
	    !dt_char(&p, end, ' '))
		return -1;
	if (iso_time(&p, end, &t) == -1 || iso_zone(p, end, &t.off) == -1)
		return -1;
	t.y = y;
	if (!dt_valid(&t))
		return -1;
	*out = dt_epoch(&t);
	return 0;
}

/* Skip folding white space and comments (RFC 5322 3.2.2): comments
 * nest and hold quoted pairs; an unclosed one runs to the end. */
static void
dt_cfws(const char **pp, const char *end)
{
	const char	*p = *pp;
	int		 depth = 0;

	for (; p < end; p++) {
		if (*p == '(')
			depth++;
		else if (depth > 0 && *p == ')')
			depth--;
		else if (depth > 0 && *p == '\\' && p + 1 < end)
			p++;
		else if (depth == 0 && !is_ws((unsigned char)*p))
			break;
	}
	*pp = p;
}

/* Letters at p. */
static size_t
dt_word(const char *p, const char *end)
{
	size_t	 n = 0;

	while (p + n < end && ((p[n] >= 'a' && p[n] <= 'z') ||
	    (p[n] >= 'A' && p[n] <= 'Z')))
		n++;
	return n;
}

/* Which of the names w[0..n) is, abbreviated or in full; -1 if none. */
static int
dt_name(const char *w, size_t n, const char *const *abbr,
    const char *const *full, int count)
{
	int	 i;

	for (i = 0; i < count; i++)
		if (eqi(w, n, abbr[i]) || eqi(w, n, full[i]))
			return i;
	return -1;
}

/* RFC 5322 4.3: 2-digit years 00-49 are 20xx, 50-99 and 3-digit
 * years are 1900 + the year. */
static int
rfc_year(const char **p, const char *end, long long *y)
{
	int	 v, nd;

	if ((nd = dt_num(p, end, 2, 4, &v)) == 0)
		return -1;
	if (*p < end && **p >= '0' && **p <= '9')
		return -1;
	if (nd == 2)
		*y = v < 50 ? 2000 + v : 1900 + v;
	else if (nd == 3)
		*y = 1900 + v;
	else
		*y = v;
	return 0;
}

/*
 * [day-name ","] day month year (RFC 5322 3.3).  Also "month day
 * year", which RFC 8460's own example in 5.3.1 uses.
 */
static int
rfc_date(const char **p, const char *end, struct dt *t)
{
	size_t	 w;

	w = dt_word(*p, end);
	if (w > 0 && dt_name(*p, w, dt_day3, dt_day, 7) >= 0) {
		*p += w;
		dt_cfws(p, end);
		dt_char(p, end, ',');	/* obs-day-of-week: may lack it */
		dt_cfws(p, end);
		w = dt_word(*p, end);
	}
	if (w > 0) {
		if ((t->mo = dt_name(*p, w, dt_mon3, dt_month, 12) + 1) == 0)
			return -1;
		*p += w;
		dt_cfws(p, end);
		if (!dt_num(p, end, 1, 2, &t->d))
			return -1;
		dt_cfws(p, end);
		dt_char(p, end, ',');
	} else {
		if (!dt_num(p, end, 1, 2, &t->d))
			return -1;
		dt_cfws(p, end);
		w = dt_word(*p, end);
		if ((t->mo = dt_name(*p, w, dt_mon3, dt_month, 12) + 1) == 0)
			return -1;
		*p += w;
	}
	dt_cfws(p, end);
	return rfc_year(p, end, &t->y);
}

/* hour ":" minute [":" second], CFWS allowed around ':' (obs-time). */
static int
rfc_time(const char **p, const char *end, struct dt *t)
{

	dt_cfws(p, end);
	if (!dt_num(p, end, 1, 2, &t->h))
		return -1;
	dt_cfws(p, end);
	if (!dt_char(p, end, ':'))
		return -1;
	dt_cfws(p, end);
	if (!dt_num(p, end, 2, 2, &t->mi))
		return -1;
	dt_cfws(p, end);
	if (!dt_char(p, end, ':'))
		return 0;
	dt_cfws(p, end);
	return dt_num(p, end, 2, 2, &t->s) ? 0 : -1;
}

/*
 * RFC 5322 3.3 zone "+hhmm", or obs-zone (4.3): UT, GMT and the US
 * names; military letters and any other name are read as -0000, as
 * 4.3 says, and so is a missing zone.
 */
static int
rfc_zone(const char **p, const char *end, int *off)
{
	static const struct { const char *name; int off; } z[] = {
		{ "est", -300 }, { "edt", -240 }, { "cst", -360 },
		{ "cdt", -300 }, { "mst", -420 }, { "mdt", -360 },
		{ "pst", -480 }, { "pdt", -420 },
	};
	size_t	 w, i;
	int	 sign, hh, mm;

	*off = 0;
	dt_cfws(p, end);
	if (*p < end && (**p == '+' || **p == '-')) {
		sign = *(*p)++ == '-' ? -1 : 1;
		if (!dt_num(p, end, 2, 2, &hh))
			return -1;
		dt_char(p, end, ':');
		if (!dt_num(p, end, 2, 2, &mm) || mm > 59)
			return -1;
		*off = sign * (hh * 60 + mm);
		return 0;
	}
	w = dt_word(*p, end);
	for (i = 0; i < sizeof(z) / sizeof(z[0]); i++)
		if (eqi(*p, w, z[i].name))
			*off = z[i].off;
	*p += w;
	return 0;
}

int
rfc5322_epoch(const char *s, size_t n, long long *out)
{
	const char	*p = s, *end = s + n;
	struct dt	 t;

	memset(&t, 0, sizeof(t));
	dt_cfws(&p, end);
	if (rfc_date(&p, end, &t) == -1 || rfc_time(&p, end, &t) == -1 ||
	    rfc_zone(&p, end, &t.off) == -1)
		return -1;
	dt_cfws(&p, end);
	if (p != end || t.h > 23 || !dt_valid(&t))
		return -1;
	*out = dt_epoch(&t);
	return 0;
}

/*
 * Days since 1970-01-01 to a civil date.  Counted from 2000-03-01, the
 * day after a 400-year cycle's leap day, so that each cycle, century,
 * 4-year and year block ends with its leap day, if any.
 */
static void
dt_civil(long long days, long long *y, int *mo, int *d)
{
	static const int from_march[12] = {
		0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337
	};
	long long	 z = days - 11017, cyc, r, c100, c4, c1;
	int		 m;

	cyc = dt_floordiv(z, 146097);
	r = z - cyc * 146097;
	if ((c100 = r / 36524) == 4)
		c100 = 3;
	r -= c100 * 36524;
	c4 = r / 1461;
	r -= c4 * 1461;
	if ((c1 = r / 365) == 4)
		c1 = 3;
	r -= c1 * 365;
	*y = 2000 + cyc * 400 + c100 * 100 + c4 * 4 + c1;
	for (m = 11; from_march[m] > r; m--)
		;
	*d = (int)(r - from_march[m]) + 1;
	*mo = m + 3;
	if (*mo > 12) {
		*mo -= 12;
		(*y)++;
	}
}

void
epoch_rfc3339(long long t, char *out)
{
	long long	 days = t / 86400, secs = t % 86400, y;
	char		 s[64];
	int		 mo, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	dt_civil(days, &y, &mo, &d);
	/* At most 29 bytes, even for LLONG_MIN: fits RFC3339_SIZE. */
	snprintf(s, sizeof(s), "%04lld-%02d-%02dT%02d:%02d:%02dZ", y, mo, d,
	    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	memcpy(out, s, RFC3339_SIZE - 1);
	out[RFC3339_SIZE - 1] = '\0';
}
