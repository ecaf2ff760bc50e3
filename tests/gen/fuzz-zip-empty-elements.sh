#!/bin/sh
# Input of the case fuzz-zip-empty-elements, after a timeout libFuzzer
# reported (pipe-dmarc-failure, under load): a 70 KB zip whose report
# holds, in an element the tables do not name, 17.8 million empty
# elements <a/> (71 MB of XML).  Empty elements make no JSON, so the
# 8 MiB cap on one element never comes; what ends it is the
# decompression ratio (200:1 past 64 MiB).  Linear, bounded work: the
# case holds it to its time and memory.  Writes the zip to stdout.
python3 -c '
import sys, zipfile, io
head = (b"<?xml version=\"1.0\"?>\n<feedback><report_metadata>"
    b"<org_name>example.net</org_name><report_id>r1</report_id>"
    b"</report_metadata><x_padding>")
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    info = zipfile.ZipInfo("bomb.xml", (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w") as m:
        m.write(head)
        block = b"<a/>" * 262144
        for _ in range(68):
            m.write(block)
        m.write(b"</x_padding></feedback>\n")
sys.stdout.buffer.write(out.getvalue())
'
