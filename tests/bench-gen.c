/*
 * bench-gen.c: the generated inputs of tests/bench (never committed).
 *
 *   bench-gen maildir DIR N   a Maildir (DIR/cur, new, tmp) of N report
 *                             mails in the mix real mailboxes show
 *   bench-gen xmlgz DIR N     N gzip'd aggregate reports with RFC 7489
 *                             section 7.2.1.1 file names (what dmarc-cat
 *                             insists on)
 *
 * The mix of the Maildir, by share of mails: DMARC aggregate reports
 * as application/gzip alone (30%), gzip after a text part (15%), zip
 * after a text part (20%), a bare .xml in base64 (5%), text/xml in
 * quoted-printable (5%); SMTP TLS reports (RFC 8460) as
 * multipart/report with application/tlsrpt+gzip (15%) or +json (10%).
 * Aggregate reports have 1 to 50 records (most have few), a quarter of
 * the sources are IPv6, a third of the reports use the RFC 9990
 * namespace and elements.  Everything is made up (example.com,
 * documentation addresses) and deterministic: its own LCG, gzip with
 * mtime 0, zip members with a fixed DOS time; the same N gives the
 * same bytes.  This is a tool for the benchmark, not part of the
 * converters: it exits on the first error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "../common/buf.h"

static unsigned long long seed = 20240613;

static unsigned
rnd(unsigned n)
{

	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(seed >> 33) % n;
}

static void
die(const char *what)
{

	fprintf(stderr, "bench-gen: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
check(const struct buf *b)
{

	if (b->oom) {
		errno = ENOMEM;
		die("buffer");
	}
}

static void	 addf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
addf(struct buf *b, const char *fmt, ...)
{
	char	 tmp[1024];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		errno = EOVERFLOW;
		die("addf");
	}
	buf_add(b, tmp, (size_t)n);
}

static const char *const doms[] = { "example.com", "example.net", "example.org" };
static const char *const pf[] = { "pass", "fail" };
static const char *const disp[] = { "none", "quarantine", "reject" };
static const char *const dres[] = { "pass", "fail", "neutral", "none",
	"temperror", "permerror" };
static const char *const sres[] = { "pass", "fail", "softfail", "neutral",
	"none", "temperror", "permerror" };
static const char *const sels[] = { "selector1", "s2048", "k1", "mail",
	"dkim2024" };

static void
source_ip(struct buf *b)
{
	unsigned k = rnd(8);

	if (k < 2)
		addf(b, "2001:db8:%x::%x", rnd(65536), rnd(65536) + 1);
	else
		addf(b, "%s.%u", k < 4 ? "192.0.2" : k < 6 ? "198.51.100" :
		    "203.0.113", rnd(254) + 1);
}

static void
record(struct buf *b, int v2)
{
	unsigned i, nd = rnd(3), ns = 1 + (rnd(4) == 0);
	const char *hf = doms[rnd(3)];

	buf_adds(b, "  <record>\n    <row>\n      <source_ip>");
	source_ip(b);
	addf(b, "</source_ip>\n      <count>%u</count>\n", rnd(10) < 8 ?
	    1 + rnd(9) : 1 + rnd(5000));
	addf(b, "      <policy_evaluated>\n        <disposition>%s"
	    "</disposition>\n        <dkim>%s</dkim>\n        <spf>%s</spf>\n",
	    disp[rnd(3)], pf[rnd(2)], pf[rnd(2)]);
	if (rnd(6) == 0)
		addf(b, "        <reason>\n          <type>forwarded</type>\n"
		    "          <comment>list-%u.example.net</comment>\n"
		    "        </reason>\n", rnd(1000));
	buf_adds(b, "      </policy_evaluated>\n    </row>\n    <identifiers>\n");
	if (v2)
		addf(b, "      <envelope_to>%s</envelope_to>\n", doms[rnd(3)]);
	if (rnd(2))
		addf(b, "      <envelope_from>mail.%s</envelope_from>\n", hf);
	addf(b, "      <header_from>%s</header_from>\n    </identifiers>\n"
	    "    <auth_results>\n", hf);
	for (i = 0; i < nd; i++)
		addf(b, "      <dkim>\n        <domain>%s</domain>\n"
		    "        <selector>%s</selector>\n        <result>%s</result>\n"
		    "      </dkim>\n", doms[rnd(3)], sels[rnd(5)], dres[rnd(6)]);
	for (i = 0; i < ns; i++)
		addf(b, "      <spf>\n        <domain>%s</domain>\n"
		    "%s        <result>%s</result>\n      </spf>\n", hf,
		    v2 ? "" : i ? "        <scope>helo</scope>\n" :
		    "        <scope>mfrom</scope>\n", sres[rnd(7)]);
	buf_adds(b, "    </auth_results>\n  </record>\n");
}

/* One aggregate report (RFC 7489 appendix C, or RFC 9990 when v2). */
static void
aggregate(struct buf *b, unsigned id, long begin, int v2)
{
	unsigned n, i;

	n = rnd(10) < 7 ? 1 + rnd(5) : 1 + rnd(50);
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (v2)
		buf_adds(b, "<feedback xmlns=\"urn:ietf:params:xml:ns:dmarc-2.0\">\n"
		    "  <version>1.0</version>\n");
	else
		buf_adds(b, "<feedback>\n");
	addf(b, "  <report_metadata>\n    <org_name>Receiver %u</org_name>\n"
	    "    <email>dmarc@example.net</email>\n"
	    "    <report_id>bench-%u</report_id>\n"
	    "    <date_range>\n      <begin>%ld</begin>\n      <end>%ld</end>\n"
	    "    </date_range>\n  </report_metadata>\n", id % 97, id, begin,
	    begin + 86399);
	addf(b, "  <policy_published>\n    <domain>example.com</domain>\n"
	    "%s    <adkim>r</adkim>\n    <aspf>r</aspf>\n    <p>%s</p>\n"
	    "    <sp>none</sp>\n%s  </policy_published>\n",
	    v2 ? "    <discovery_method>treewalk</discovery_method>\n" : "",
	    disp[rnd(3)], v2 ? "    <np>reject</np>\n    <testing>n</testing>\n" :
	    "    <pct>100</pct>\n    <fo>0</fo>\n");
	for (i = 0; i < n; i++)
		record(b, v2);
	buf_adds(b, "</feedback>\n");
	check(b);
}

/* One SMTP TLS report (RFC 8460 section 4). */
static void
tlsrpt(struct buf *b, unsigned id, long begin)
{
	unsigned i, np = 1 + rnd(2), nf;

	addf(b, "{\"organization-name\":\"Sender %u\",\"date-range\":{"
	    "\"start-datetime\":\"2024-01-%02ldT00:00:00Z\",\"end-datetime\":"
	    "\"2024-01-%02ldT23:59:59Z\"},\"contact-info\":"
	    "\"tlsrpt@example.net\",\"report-id\":\"bench-tls-%u\","
	    "\"policies\":[", id % 89, 1 + begin % 28, 1 + begin % 28, id);
	for (i = 0; i < np; i++) {
		nf = rnd(3);
		addf(b, "%s{\"policy\":{\"policy-type\":\"%s\",\"policy-string\":"
		    "[\"version: STSv1\",\"mode: enforce\",\"mx: mx.example.com\","
		    "\"max_age: 86400\"],\"policy-domain\":\"example.com\","
		    "\"mx-host\":[\"mx.example.com\"]},\"summary\":{"
		    "\"total-successful-session-count\":%u,"
		    "\"total-failure-session-count\":%u}", i ? "," : "",
		    i ? "tlsa" : "sts", rnd(10000), nf ? rnd(50) + 1 : 0);
		if (nf) {
			buf_adds(b, ",\"failure-details\":[");
			while (nf--)
				addf(b, "{\"result-type\":\"certificate-expired\","
				    "\"sending-mta-ip\":\"198.51.100.%u\","
				    "\"receiving-mx-hostname\":\"mx.example.com\","
				    "\"failed-session-count\":%u}%s", rnd(254) + 1,
				    rnd(20) + 1, nf ? "," : "");
			buf_adds(b, "]");
		}
		buf_adds(b, "}");
	}
	buf_adds(b, "]}\n");
	check(b);
}

/* deflate in into out: gzip wrapper (wbits 31) or raw (-15). */
static void
deflate_to(struct buf *out, const struct buf *in, int wbits)
{
	z_stream z;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2");
	if (buf_grow(out, out->len + deflateBound(&z, in->len) + 32) == -1)
		die("buffer");
	z.next_in = (Bytef *)in->p;
	z.avail_in = (uInt)in->len;
	z.next_out = (Bytef *)out->p + out->len;
	z.avail_out = (uInt)(out->cap - out->len);
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	out->len += z.total_out;
	deflateEnd(&z);
}

static void
le16(struct buf *b, unsigned v)
{

	buf_addc(b, (int)(v & 255));
	buf_addc(b, (int)(v >> 8 & 255));
}

static void
le32(struct buf *b, unsigned long v)
{

	le16(b, (unsigned)(v & 0xffff));
	le16(b, (unsigned)(v >> 16 & 0xffff));
}

/* A zip archive (APPNOTE 4.3) of one deflated member. */
static void
zip_one(struct buf *out, const char *name, const struct buf *in)
{
	struct buf	 d = { 0 };
	unsigned long	 crc = crc32(0L, (const Bytef *)in->p, (uInt)in->len);
	size_t		 nl = strlen(name), lho = out->len, cdo;
	int		 central;

	deflate_to(&d, in, -15);
	for (central = 0; central < 2; central++) {
		if (central)
			cdo = out->len;
		le32(out, central ? 0x02014b50 : 0x04034b50);
		if (central)
			le16(out, 20);		/* made by */
		le16(out, 20);			/* needed */
		le16(out, 0);			/* flags */
		le16(out, 8);			/* deflate */
		le16(out, 0);			/* 00:00 */
		le16(out, (44 << 9) | (1 << 5) | 1);	/* 2024-01-01 */
		le32(out, crc);
		le32(out, d.len);
		le32(out, in->len);
		le16(out, (unsigned)nl);
		le16(out, 0);			/* extra */
		if (central) {
			le16(out, 0);		/* comment */
			le16(out, 0);		/* disk */
			le16(out, 0);		/* internal attributes */
			le32(out, 0);		/* external attributes */
			le32(out, lho);
		}
		buf_add(out, name, nl);
		if (!central)
			buf_add(out, d.p, d.len);
	}
	le32(out, 0x06054b50);
	le16(out, 0);
	le16(out, 0);
	le16(out, 1);
	le16(out, 1);
	le32(out, out->len - cdo - 4 - 8);
	le32(out, cdo);
	le16(out, 0);
	buf_free(&d);
	check(out);
}

/* Base64 (RFC 2045 6.8) in lines of 76. */
static void
base64(struct buf *out, const struct buf *in)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)in->p;
	size_t	 i, col = 0;
	unsigned long v;

	for (i = 0; i < in->len; i += 3) {
		v = (unsigned long)p[i] << 16;
		if (i + 1 < in->len)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < in->len)
			v |= p[i + 2];
		buf_addc(out, a[v >> 18 & 63]);
		buf_addc(out, a[v >> 12 & 63]);
		buf_addc(out, i + 1 < in->len ? a[v >> 6 & 63] : '=');
		buf_addc(out, i + 2 < in->len ? a[v & 63] : '=');
		if ((col += 4) == 76) {
			buf_addc(out, '\n');
			col = 0;
		}
	}
	if (col)
		buf_addc(out, '\n');
	check(out);
}

/* Quoted-printable (RFC 2045 6.7): "=" escaped, soft breaks at 76. */
static void
qp(struct buf *out, const struct buf *in)
{
	size_t	 i, col = 0;

	for (i = 0; i < in->len; i++) {
		char c = in->p[i];
		if (c == '\n') {
			buf_addc(out, '\n');
			col = 0;
			continue;
		}
		if (col >= 72) {
			buf_adds(out, "=\n");
			col = 0;
		}
		if (c == '=') {
			buf_adds(out, "=3D");
			col += 3;
		} else {
			buf_addc(out, c);
			col++;
		}
	}
	check(out);
}

static void
headers(struct buf *m, unsigned id, const char *subject)
{

	addf(m, "Return-Path: <noreply@example.net>\n"
	    "Delivered-To: dmarc@example.com\n"
	    "Received: from mail.example.net (mail.example.net [192.0.2.%u])\n"
	    "\tby mx.example.com with ESMTPS id B%u\n"
	    "\tfor <dmarc@example.com>; Mon, 1 Jan 2024 06:%02u:00 +0000\n"
	    "From: Reporter <noreply@example.net>\n"
	    "To: dmarc@example.com\n"
	    "Subject: %s %u\n"
	    "Date: Mon, 1 Jan 2024 06:%02u:00 +0000\n"
	    "Message-ID: <bench-%u@mail.example.net>\n"
	    "MIME-Version: 1.0\n", id % 254 + 1, id, id % 60, subject, id,
	    id % 60, id);
}

/* A part's headers and body; ctype NULL: none (the body is text). */
static void
part(struct buf *m, const char *ctype, const char *name, const char *cte,
    const struct buf *body)
{

	addf(m, "Content-Type: %s", ctype);
	if (name)
		addf(m, ";\n\tname=\"%s\"", name);
	addf(m, "\nContent-Transfer-Encoding: %s\n", cte);
	if (name)
		addf(m, "Content-Disposition: attachment;\n\tfilename=\"%s\"\n",
		    name);
	buf_addc(m, '\n');
	buf_add(m, body->p, body->len);
}

static void
one_mail(struct buf *m, unsigned id)
{
	struct buf	 x = { 0 }, z = { 0 }, e = { 0 };
	char		 name[256], bnd[64];
	unsigned	 k = rnd(100);
	long		 begin = 1704067200L + (long)(id % 365) * 86400;
	int		 tls = k >= 75, v2 = rnd(3) == 0;
	static char	 words[] = "This is an aggregate report, as RFC "
	    "7489 describes.\nNo action is needed.\n";
	const struct buf text = { words, sizeof(words) - 1, 0, 0, 0, 0 };

	snprintf(bnd, sizeof(bnd), "----=_Part_%u_bench", id);
	if (tls) {
		tlsrpt(&x, id, (long)id);
		snprintf(name, sizeof(name), "example.net!example.com!%ld!%ld!"
		    "%u.json%s", begin, begin + 86399, id, k < 90 ? ".gz" : "");
		headers(m, id, "Report Domain: example.com Submitter: "
		    "example.net Report-ID: tls");
		addf(m, "TLS-Report-Domain: example.com\nTLS-Report-Submitter: "
		    "example.net\nContent-Type: multipart/report; "
		    "report-type=tlsrpt;\n\tboundary=\"%s\"\n\n"
		    "This is a MIME message.\n\n--%s\n", bnd, bnd);
		part(m, "text/plain; charset=us-ascii", NULL, "7bit", &text);
		addf(m, "\n--%s\n", bnd);
		if (k < 90)
			deflate_to(&z, &x, 31);
		base64(&e, k < 90 ? &z : &x);
		part(m, k < 90 ? "application/tlsrpt+gzip" :
		    "application/tlsrpt+json", name, "base64", &e);
		addf(m, "\n--%s--\n", bnd);
		goto out;
	}
	aggregate(&x, id, begin, v2);
	snprintf(name, sizeof(name), "example.net!example.com!%ld!%ld.xml",
	    begin, begin + 86399);
	headers(m, id, "Report domain: example.com Submitter: example.net "
	    "Report-ID:");
	if (k < 30) {
		deflate_to(&z, &x, 31);
		base64(&e, &z);
		strcat(name, ".gz");
		part(m, "application/gzip", name, "base64", &e);
		goto out;
	}
	if (k < 65) {
		addf(m, "Content-Type: multipart/mixed;\n\tboundary=\"%s\"\n\n"
		    "--%s\n", bnd, bnd);
		part(m, "text/plain; charset=utf-8", NULL, "7bit", &text);
		addf(m, "\n--%s\n", bnd);
		if (k < 45) {
			deflate_to(&z, &x, 31);
			strcat(name, ".gz");
		} else {
			zip_one(&z, name, &x);
			strcpy(name + strlen(name) - 4, ".zip");
		}
		base64(&e, &z);
		part(m, k < 45 ? "application/gzip" : "application/zip", name,
		    "base64", &e);
		addf(m, "\n--%s--\n", bnd);
		goto out;
	}
	if (k < 70) {
		base64(&e, &x);
		part(m, "application/xml", name, "base64", &e);
	} else {
		qp(&e, &x);
		part(m, "text/xml; charset=utf-8", name, "quoted-printable", &e);
	}
out:
	check(m);
	buf_free(&x);
	buf_free(&z);
	buf_free(&e);
}

static void
write_file(const char *path, const struct buf *b)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		die(path);
	if (fwrite(b->p, 1, b->len, f) != b->len || fclose(f) == EOF)
		die(path);
}

static void
mkdir_p(const char *path)
{

	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		die(path);
}

static void
maildir(const char *dir, unsigned n)
{
	struct buf	 m = { 0 };
	char		 path[4096];
	const char	*sub[] = { "", "/cur", "/new", "/tmp" };
	unsigned	 i;

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s%s", dir, sub[i]);
		mkdir_p(path);
	}
	for (i = 0; i < n; i++) {
		buf_reset(&m);
		one_mail(&m, i);
		snprintf(path, sizeof(path), "%s/cur/%u.M%uP1.bench:2,S", dir,
		    1704067200 + i * 37, i);
		write_file(path, &m);
	}
	buf_free(&m);
}

static void
xmlgz(const char *dir, unsigned n)
{
	struct buf	 x = { 0 }, z = { 0 };
	char		 path[4096];
	unsigned	 i;
	long		 begin;

	mkdir_p(dir);
	for (i = 0; i < n; i++) {
		begin = 1704067200L + (long)(i % 365) * 86400;
		buf_reset(&x);
		buf_reset(&z);
		aggregate(&x, i, begin, rnd(3) == 0);
		deflate_to(&z, &x, 31);
		snprintf(path, sizeof(path), "%s/receiver%u.example.net!"
		    "example.com!%ld!%ld.xml.gz", dir, i / 365, begin,
		    begin + 86399);
		write_file(path, &z);
	}
	buf_free(&x);
	buf_free(&z);
}

int
main(int argc, char *argv[])
{
	char	*end;
	unsigned long n;

	if (argc != 4 || (n = strtoul(argv[3], &end, 10)) == 0 || *end ||
	    n > 10000000) {
		fprintf(stderr, "usage: bench-gen maildir|xmlgz DIR N\n");
		return 2;
	}
	if (strcmp(argv[1], "maildir") == 0)
		maildir(argv[2], (unsigned)n);
	else if (strcmp(argv[1], "xmlgz") == 0)
		xmlgz(argv[2], (unsigned)n);
	else {
		fprintf(stderr, "usage: bench-gen maildir|xmlgz DIR N\n");
		return 2;
	}
	return 0;
}
