#!/bin/sh
# Write the large test inputs that are not committed, into OUTDIR:
#   sh testdata/make-big.sh OUTDIR
# Deterministic; needs python3 (zlib); writes about 70 MB.
set -eu
export LC_ALL=C TZ=UTC0
[ $# -eq 1 ] || { echo "usage: make-big.sh OUTDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
python3 - "$here" "$out" <<'PY'
import os, sys, struct, zlib, gzip
here, out = sys.argv[1], sys.argv[2]
MIB = 1 << 20
def rd(n):
    with open(os.path.join(here, n), "rb") as f:
        return f.read()
def wr(n, b):
    with open(os.path.join(out, n), "wb") as f:
        f.write(b)
A = rd("agg-rfc7489.xml")
RN = b"example.net!example.com!1704067200!1704153599"

def mail(slug, extra_headers):
    return (b"From: DMARC Reports <dmarc-reports@example.net>\nTo: dmarc@example.com\n"
            b"Subject: Report Domain: example.com Submitter: example.net\n"
            b"Date: Tue, 02 Jan 2024 03:04:05 +0000\nMessage-ID: <" + slug + b"@mail.example.net>\n" +
            extra_headers + b"MIME-Version: 1.0\nContent-Type: application/xml; name=\"" + RN + b".xml\"\n"
            b"Content-Transfer-Encoding: 7bit\n\n" + A.replace(b"agg-rfc7489", slug))

# header limits: one field of 1 MiB + 12 bytes on one line; the same folded
# into 76-byte lines; and nine fields of just under 1 MiB (over the 8 MiB block)
wr("lim-header-line-over-1mib.eml", mail(b"lim-header-line-over-1mib", b"X-Padding: " + b"a" * MIB + b"\n"))
wr("lim-header-folded-over-1mib.eml", mail(b"lim-header-folded-over-1mib",
   b"X-Padding:" + b"".join(b"\n " + b"a" * 75 for _ in range(MIB // 75 + 1)) + b"\n"))
wr("lim-header-block-over-8mib.eml", mail(b"lim-header-block-over-8mib",
   b"".join(b"X-Padding-%d: " % i + b"a" * (MIB - 1024) + b"\n" for i in range(9))))

# one XML text value of 1 MiB + 1 byte, uncompressed
wr("lim-xml-text-over-1mib.xml", A.replace(b"agg-rfc7489", b"lim-xml-text-over-1mib").replace(
   b"<extra_contact_info>https://example.net/dmarc-help</extra_contact_info>",
   b"<extra_contact_info>" + b"a" * (MIB + 1) + b"</extra_contact_info>"))

# a TLS-RPT document over 16 MiB (held in memory for jsmn): 17 000 strings of 1000 bytes
J = rd("tls-mx-host-list.json").replace(b"tls-mx-host-list", b"lim-json-doc-over-16mib")
pad = b'    "x-padding": [\n' + b",\n".join(b'        "' + b"a" * 1000 + b'"' for _ in range(17000)) + b"\n    ],\n"
i = J.index(b'    "policies"')
wr("lim-json-doc-over-16mib.json", J[:i] + pad + J[i:])

# zip archives of 10000 (the limit) and 10001 members, each a tiny report
def tiny(n):
    return (b'<?xml version="1.0"?>\n<feedback><report_metadata><org_name>example.net</org_name>'
            b"<email>dmarc-reports@example.net</email><report_id>m%05d</report_id><date_range>"
            b"<begin>1704067200</begin><end>1704153599</end></date_range></report_metadata>"
            b"<policy_published><domain>example.com</domain><p>none</p></policy_published>"
            b"<record><row><source_ip>192.0.2.10</source_ip><count>1</count><policy_evaluated>"
            b"<disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>"
            b"<identifiers><header_from>example.com</header_from></identifiers><auth_results>"
            b"<spf><domain>example.com</domain><result>pass</result></spf></auth_results></record>"
            b"</feedback>\n" % n)
def zipn(count):
    body, cd = [], []
    off = 0
    for n in range(1, count + 1):
        data = tiny(n)
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        comp = c.compress(data) + c.flush()
        crc = zlib.crc32(data) & 0xffffffff
        nb = b"m%05d.xml" % n
        loc = struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 33, crc, len(comp), len(data), len(nb), 0) + nb
        cd.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 0x0314, 20, 0, 8, 0, 33, crc, len(comp),
                              len(data), len(nb), 0, 0, 0, 0, 0o100644 << 16, off) + nb)
        body.append(loc + comp)
        off += len(loc) + len(comp)
    cdb = b"".join(cd)
    return b"".join(body) + cdb + struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, count, count, len(cdb), off, 0)
wr("lim-zip-members-10000.zip", zipn(10000))
wr("lim-zip-members-10001.zip", zipn(10001))

# a legitimate large report (40 000 records, ~17 MB; its JSON passes the
# 8 MiB spill threshold) and a gzip of it cut short near the end
i, j = A.index(b"  <record>"), A.index(b"</feedback>")
recs = []
for n in range(40000):
    recs.append(b"  <record><row><source_ip>%s</source_ip><count>%d</count><policy_evaluated>"
                b"<disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>"
                b"<identifiers><header_from>example.com</header_from></identifiers><auth_results><dkim>"
                b"<domain>example.com</domain><selector>s2024</selector><result>pass</result></dkim><spf>"
                b"<domain>example.com</domain><result>pass</result></spf></auth_results></record>\n"
                % ((b"192.0.2.%d" % (n % 256)) if n % 3 else (b"2001:db8::%x" % n), n % 97 + 1))
big = A[:i].replace(b"agg-rfc7489", b"agg-large-40000-records") + b"".join(recs) + A[j:]
wr("agg-large-40000-records.xml", big)
g = gzip.compress(big.replace(b"agg-large-40000-records", b"bad-large-truncated"), compresslevel=9, mtime=0)
wr("bad-large-truncated.xml.gz", g[: len(g) * 9 // 10])
PY
