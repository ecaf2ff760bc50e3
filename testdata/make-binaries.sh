#!/bin/sh
# Rebuild the binary (and generated) test inputs from the text files beside
# them.  Run from testdata/:  sh make-binaries.sh
# Deterministic: gzip -n (no name, no time), zips written by the small
# writer below with fixed 1980-01-01 times and fixed attributes.  The bytes
# depend only on the gzip and zlib versions.
set -eu
export LC_ALL=C TZ=UTC0
[ -f agg-rfc7489.xml ] || { echo "run me from testdata/" >&2; exit 1; }
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT INT TERM

gz() { gzip -n -9 -c; }

# ---------------------------------------------------------------- encodings
sed -e 's/encoding="UTF-8"/encoding="UTF-16"/' -e 's/agg-utf8-nonascii/agg-utf16le-bom/' \
    agg-utf8-nonascii.xml | iconv -f UTF-8 -t UTF-16LE > "$tmp/le"
{ printf '\377\376'; cat "$tmp/le"; } > agg-utf16le-bom.xml
sed -e 's/encoding="UTF-8"/encoding="UTF-16"/' -e 's/agg-utf8-nonascii/agg-utf16be-bom/' \
    agg-utf8-nonascii.xml | iconv -f UTF-8 -t UTF-16BE > "$tmp/be"
{ printf '\376\377'; cat "$tmp/be"; } > agg-utf16be-bom.xml
# windows-1252: org_name in curly double quotes, bytes 0x93 ... 0x94
sed -e 's/encoding="UTF-8"/encoding="windows-1252"/' -e 's/agg-rfc7489/agg-windows-1252/' \
    -e 's|<org_name>example.net</org_name>|<org_name>~Example Net^</org_name>|' agg-rfc7489.xml |
    tr '~^' '\223\224' > agg-windows-1252.xml
# ISO-8859-1: org_name "Réseau Exemple" with é as the single byte 0xE9
sed -e 's/encoding="UTF-8"/encoding="ISO-8859-1"/' -e 's/agg-rfc7489/agg-iso-8859-1/' \
    -e 's|<org_name>example.net</org_name>|<org_name>R~seau Exemple</org_name>|' agg-rfc7489.xml |
    tr '~' '\351' > agg-iso-8859-1.xml
# no encoding declared (so UTF-8), but a raw windows-1252 0x91/0x92 pair
sed -e 's/ encoding="UTF-8"//' -e 's/agg-rfc7489/agg-raw-0x91-undeclared/' \
    -e 's|<org_name>example.net</org_name>|<org_name>~Example Net^</org_name>|' agg-rfc7489.xml |
    tr '~^' '\221\222' > agg-raw-0x91-undeclared.xml

# ---------------------------------------------------------------- JSON bytes
sed -e 's/tls-mx-host-list/tls-bad-nul-byte/' -e 's/^    "contact-info"/    ~"contact-info"/' \
    tls-mx-host-list.json | tr '~' '\000' > tls-bad-nul-byte.json
sed -e 's/tls-mx-host-list/tls-bad-invalid-utf8/' -e 's/"Example Net Mail"/"Exempl~ Net Mail"/' \
    tls-mx-host-list.json | tr '~' '\351' > tls-bad-invalid-utf8.json

# ---------------------------------------------------------------- gzip
gz < agg-rfc7489.xml > ctr-gzip.xml.gz
gz < agg-rfc7489.xml | gz > ctr-gzip-double.xml.gz.gz
{ cat ctr-gzip.xml.gz; printf '\r\n'; } > ctr-gzip-trailing-crlf.xml.gz
# FNAME and MTIME set: gzip keeps the name of the file it compresses
cp agg-rfc9990-default-ns.xml "$tmp/example.net!example.com!1704067200!1704153599.xml"
touch -t 202401020304.05 "$tmp/example.net!example.com!1704067200!1704153599.xml"
gzip -9 -c "$tmp/example.net!example.com!1704067200!1704153599.xml" > ctr-gzip-fname.gz
# two gzip members whose concatenated output is one document
{ head -n 20 agg-rfc7489.xml | gz; tail -n +21 agg-rfc7489.xml | gz; } > ctr-gzip-two-members.xml.gz
gz < tls-gzip.json > tls-gzip.json.gz
printf 'This is not a DMARC report.\nJust some notes.\n' | gz > bad-gzip-plain-text.txt.gz
n=$(wc -c < ctr-gzip.xml.gz)
head -c $((n / 2)) ctr-gzip.xml.gz > bad-gzip-truncated.xml.gz
head -c $((n / 2)) ctr-gzip.xml.gz > ctr-trio-2-bad.xml.gz
# gzip nested 8 (allowed) and 9 (one too many) times
cp agg-rfc7489.xml "$tmp/n"
i=0
while [ $i -lt 9 ]; do
    gz < "$tmp/n" > "$tmp/n.gz" && mv "$tmp/n.gz" "$tmp/n"
    i=$((i + 1))
    [ $i -eq 8 ] && cp "$tmp/n" lim-gzip-nested-8.xml.gz
done
cp "$tmp/n" lim-gzip-nested-9.xml.gz

# ---------------------------------------------------------------- python part
python3 - <<'PY'
import struct, zlib, gzip, io

def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()

def zipbytes(entries):
    """entries: (name, data, opts); opts: stored, dd (data descriptor,
    sizes and CRC zero in the local header), utf8 (flag bit 11), badcrc."""
    out, cd = b"", b""
    for name, data, o in entries:
        nb = name.encode("utf-8")
        crc = zlib.crc32(data) & 0xffffffff
        if o.get("badcrc"):
            crc ^= 0xdeadbeef
        comp = data if o.get("stored") else deflate(data)
        method = 0 if o.get("stored") else 8
        flags = (0x08 if o.get("dd") else 0) | (0x800 if o.get("utf8") else 0)
        t, d = 0, (0 << 9) | (1 << 5) | 1          # 1980-01-01 00:00:00
        off = len(out)
        if o.get("dd"):
            out += struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, flags, method, t, d, 0, 0, 0, len(nb), 0) + nb
            out += comp + struct.pack("<IIII", 0x08074b50, crc, len(comp), len(data))
        else:
            out += struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, flags, method, t, d, crc,
                               len(comp), len(data), len(nb), 0) + nb + comp
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 0x0314, 20, flags, method, t, d, crc,
                          len(comp), len(data), len(nb), 0, 0, 0, 0, 0o100644 << 16, off) + nb
    return out + cd + struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(entries), len(entries),
                                  len(cd), len(out), 0)

def rd(n):
    with open(n, "rb") as f:
        return f.read()
def wr(n, b):
    with open(n, "wb") as f:
        f.write(b)

RN = "example.net!example.com!1704067200!1704153599"
A = rd("agg-rfc7489.xml")
wr("ctr-zip-one.zip", zipbytes([(RN + ".xml", A, {})]))
wr("ctr-zip-three.zip", zipbytes([("agg-rfc7489.xml", A, {}),
                                  ("agg-rfc9990-default-ns.xml", rd("agg-rfc9990-default-ns.xml"), {}),
                                  ("agg-draft01-ns1.xml", rd("agg-draft01-ns1.xml"), {})]))
wr("ctr-zip-streamed-stored.zip", zipbytes([("streamed.xml", A, {"dd": 1}),
                                            ("stored.xml", rd("agg-no-records.xml"), {"stored": 1})]))
wr("ctr-zip-utf8-name.zip", zipbytes([("r\u00e9seau.example!example.com!1704067200!1704153599.xml", A, {"utf8": 1})]))
wr("bad-zip-plain-text.zip", zipbytes([("notes.txt", b"This is not a DMARC report.\nJust some notes.\n", {})]))
wr("bad-zip-empty-member.zip", zipbytes([(RN + ".xml", b"", {})]))
wr("bad-zip-bad-crc.zip", zipbytes([(RN + ".xml", A, {"badcrc": 1})]))
z = rd("ctr-zip-one.zip")
wr("bad-zip-truncated.zip", z[: len(z) // 2])
# gzip whose CRC32 (the trailer's first 4 bytes) does not match the data
g = bytearray(rd("ctr-gzip.xml.gz"))
g[-8] ^= 0xff
wr("bad-gzip-bad-crc.xml.gz", bytes(g))

# bombs: a valid start, then 64 MiB + 4 MiB of empty <a/> elements (period 4
# compresses ~1000:1, far past the 200:1 ratio), then a valid end
head = A[: A.index(b"  <record>")] + b"  <x_padding>"
tail = b"</x_padding>\n" + A[A.index(b"  <record>"):]
pad = b"<a/>" * (17 << 20)
c = zlib.compressobj(9, zlib.DEFLATED, -15)
comp = c.compress(head) + c.compress(pad) + c.compress(tail) + c.flush()
crc = zlib.crc32(tail, zlib.crc32(pad, zlib.crc32(head))) & 0xffffffff
size = len(head) + len(pad) + len(tail)
# zip with one deflated member, written from the pieces above
nb = b"bomb.xml"
loc = struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 33, crc, len(comp), size, len(nb), 0) + nb
cd = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 0x0314, 20, 0, 8, 0, 33, crc, len(comp), size,
                 len(nb), 0, 0, 0, 0, 0o100644 << 16, 0) + nb
wr("lim-zip-bomb.zip", loc + comp + cd + struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 1, 1, len(cd), len(loc) + len(comp), 0))
# same as gzip: header, raw deflate, trailer (OS byte 3 = Unix, as gzip -n writes)
wr("lim-gzip-bomb.xml.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03" + comp + struct.pack("<II", crc, size & 0xffffffff))

def gzb(b):
    return gzip.compress(b, compresslevel=9, mtime=0)
MIB = 1 << 20
# one text value of exactly 1 MiB (allowed) and 1 MiB + 1 byte (over)
for n, name in ((MIB, "lim-xml-text-1mib.xml.gz"), (MIB + 1, "lim-xml-text-over-1mib.xml.gz")):
    t = A.replace(b"agg-rfc7489", name[:-7].encode()).replace(
        b"<extra_contact_info>https://example.net/dmarc-help</extra_contact_info>",
        b"<extra_contact_info>" + b"a" * n + b"</extra_contact_info>")
    wr(name, gzb(t))
J = rd("tls-mx-host-list.json")
for n, name in ((MIB, "lim-json-string-1mib.json.gz"), (MIB + 1, "lim-json-string-over-1mib.json.gz")):
    t = J.replace(b"tls-mx-host-list", name[:-8].encode()).replace(
        b'"https://tlsrpt.example.net/info?id=42"', b'"' + b"a" * n + b'"')
    wr(name, gzb(t))
wr("ctr-zip-in-gzip.zip.gz", gzb(rd("ctr-zip-one.zip")))

# ---------------------------------------------------------------- mails
def hdr(slug, ctype):
    return ("From: DMARC Reports <dmarc-reports@example.net>\nTo: dmarc@example.com\n"
            "Subject: Report Domain: example.com Submitter: example.net Report-ID: <%s>\n"
            "Date: Tue, 02 Jan 2024 03:04:05 +0000\nMessage-ID: <%s@mail.example.net>\n"
            "MIME-Version: 1.0\nContent-Type: %s\n" % (slug, slug, ctype)).encode()
XMLPART = (b'Content-Type: application/xml; name="' + RN.encode() + b'.xml"\n'
           b"Content-Transfer-Encoding: 7bit\n\n" + A)

# raw gzip bytes in a part with Content-Transfer-Encoding: binary
b = b"=_binary_part_boundary_7f3a9c_="
assert b not in rd("ctr-gzip.xml.gz")
wr("ctr-eml-cte-binary-gzip.eml", hdr("ctr-eml-cte-binary-gzip", 'multipart/mixed; boundary="%s"' % b.decode()) +
   b"\n--" + b + b'\nContent-Type: text/plain; charset=us-ascii\n\nReport attached.\n\n--' + b +
   b'\nContent-Type: application/gzip; name="' + RN.encode() + b'.xml.gz"\nContent-Transfer-Encoding: binary\n\n' +
   rd("ctr-gzip.xml.gz") + b"\n--" + b + b"--\n")

# multipart nested N deep: the message itself is multipart level 1
def mime_depth(n):
    slug = "lim-mime-depth-%d" % n
    out = hdr(slug, 'multipart/mixed; boundary="d1"') + b"\n"
    for i in range(1, n):
        out += b'--d%d\nContent-Type: multipart/mixed; boundary="d%d"\n\n' % (i, i + 1)
    out += b"--d%d\n" % n + XMLPART.replace(b"agg-rfc7489", slug.encode()) + b"\n"
    for i in range(n, 0, -1):
        out += b"--d%d--\n" % i
    return out
wr("lim-mime-depth-31.eml", mime_depth(31))
wr("lim-mime-depth-33.eml", mime_depth(33))

# N body parts in one multipart: N-1 tiny text parts, then the report
def mime_parts(n):
    slug = "lim-mime-parts-%d" % n
    out = hdr(slug, 'multipart/mixed; boundary="p"') + b"\n"
    out += b"--p\n\n.\n" * (n - 1)
    return out + b"--p\n" + XMLPART.replace(b"agg-rfc7489", slug.encode()) + b"\n--p--\n"
wr("lim-mime-parts-999.eml", mime_parts(999))
wr("lim-mime-parts-1001.eml", mime_parts(1001))

# the message, then N message/rfc822 parts nested inside each other
def rfc822(n):
    slug = "lim-rfc822-nested-%d" % n
    inner = hdr(slug + "-innermost", "application/xml") + b"\n" + A.replace(b"agg-rfc7489", slug.encode())
    for i in range(n, 0, -1):
        inner = hdr(slug + "-%d" % (i - 1), "message/rfc822") + b"\n" + inner
    return inner
wr("lim-rfc822-nested-7.eml", rfc822(7))
wr("lim-rfc822-nested-9.eml", rfc822(9))
PY

: > bad-empty.xml
