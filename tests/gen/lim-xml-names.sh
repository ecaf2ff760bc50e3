#!/bin/sh
# Input of the case lim-xml-names: an aggregate report whose
# <extension> holds N elements of distinct names (expat keeps each
# name until the document ends; 10000 distinct names are allowed).
# With "empty", the elements are empty.  Writes to stdout.
n=$1
printf '<feedback><report_metadata><org_name>example.net</org_name></report_metadata><extension>'
if [ "${2:-}" = empty ]; then
	seq 1 "$n" | sed 's/.*/<n&\/>/' | tr -d '\n'
else
	seq 1 "$n" | sed 's/.*/<n&>x<\/n&>/' | tr -d '\n'
fi
printf '</extension></feedback>'
