#!/bin/sh
# Input of the case csv-long-cp1252-name: a report mail whose attachment
# name is 400 000 windows-1252 bytes (0xe9, twice as long in UTF-8), for
# the attachment column of --csv; the report is testdata/agg-rfc7489.xml
# (run in testdata/).  Writes to stdout.
printf 'Content-Type: application/xml; name="'
head -c 400000 /dev/zero | tr '\0' '\351'
printf '.xml"\n\n'
cat agg-rfc7489.xml
