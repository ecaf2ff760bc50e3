#!/bin/sh
# Input of the case lim-max-size-records: an aggregate report with a
# 5 000-byte org_name (repeated in every --records line) and 10 records,
# so that --max-size 20k stops it part way.  Writes to stdout.
printf '<feedback><report_metadata><org_name>'
head -c 5000 /dev/zero | tr '\0' o
printf '</org_name><report_id>r</report_id></report_metadata>'
i=0
while [ $i -lt 10 ]; do
	printf '<record><row><source_ip>192.0.2.1</source_ip><count>1</count></row></record>'
	i=$((i + 1))
done
printf '</feedback>'
