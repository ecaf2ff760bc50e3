#!/bin/sh
# Write a Dovecot-style Maildir++ store for the walk tests into OUTDIR:
#   sh testdata/make-maildir.sh OUTDIR
# cur/ and new/ hold reports and ordinary mail; .DMARC and .DMARC.Old
# are IMAP folders; tmp/, the server's files beside cur/, a ".Name"
# directory that is no Maildir, a FIFO and a symbolic link to a
# directory must not be read.  Made at test time: git keeps no FIFO.
set -eu
[ $# -eq 1 ] || { echo "usage: make-maildir.sh OUTDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
d=$1
rm -rf "$d"
for f in . .DMARC .DMARC.Old; do
	mkdir -p "$d/$f/cur" "$d/$f/new" "$d/$f/tmp"
done
mkdir -p "$d/.Junk/cur" "$d/.Trash"	# no new/: not Maildirs
cp "$here/ctr-eml-no-report.eml" "$d/cur/1704164645.M1P100.mx,S=922,W=950:2,S"
cp "$here/ctr-eml-single-gzip.eml" "$d/cur/1704164646.M2P100.mx,S=1501,W=1530:2,S"
cp "$here/tls-eml-report-gzip.eml" "$d/new/1704164647.M3P100.mx,S=1800,W=1830"
cp "$here/ctr-eml-lf.eml" "$d/tmp/1704164648.M4P100.mx"	# in delivery
cp "$here/arf-abuse.eml" "$d/.DMARC/cur/1704164650.M6P100.mx,S=1,W=1:2,S"
cp "$here/bad-eml-one-good-one-bad.eml" "$d/.DMARC/new/1704164651.M7P100.mx"
cp "$here/ctr-eml-two-reports.eml" "$d/.DMARC.Old/cur/1704164652.M8P100.mx:2,"
cp "$here/ctr-eml-octet-stream-xmlgz.eml" "$d/.Junk/cur/1704164653.M9P100.mx"
cp "$here/agg-rfc7489.xml" "$d/report.xml"	# beside cur/: not mail
: >"$d/.DMARC/maildirfolder"
: >"$d/.DMARC.Old/maildirfolder"
: >"$d/dovecot-uidvalidity"
: >"$d/dovecot-uidvalidity.65940a25"
printf '3 V1704164645 N4 G0\n1 :1704164645.M1P100.mx\n' >"$d/dovecot-uidlist"
printf '3 V1704164650 N3\n' >"$d/.DMARC/dovecot-uidlist"
printf 'DMARC\nDMARC.Old\n' >"$d/subscriptions"
printf '\001\002\003' >"$d/dovecot.index.log"
: >"$d/courierimapuiddb"
mkfifo "$d/cur/1704164649.M5P100.mx-fifo"
ln -s ../.DMARC "$d/new/link-to-folder"
