#!/bin/sh
# Input of the case lim-element-held: an aggregate report with an
# unknown element <x_big> holding 9 <v> of 1 048 000 bytes each: over
# 8 MiB as JSON, more than may be held for one element.  Writes to
# stdout.
printf '<feedback><report_metadata><org_name>example.net</org_name></report_metadata><x_big>'
i=0
while [ $i -lt 9 ]; do
	printf '<v>'
	head -c 1048000 /dev/zero | tr '\0' a
	printf '</v>'
	i=$((i + 1))
done
printf '</x_big></feedback>'
