#!/bin/sh
# Input of the case lim-max-size-records-tlsrpt: the TLS-RPT twin of
# lim-max-size-records.sh: a 5 000-byte organization-name and 10
# policies.  Writes to stdout.
policy='{"policy":{"policy-type":"sts","policy-domain":"example.com"},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}}'
printf '{"organization-name":"'
head -c 5000 /dev/zero | tr '\0' o
printf '","report-id":"r","policies":['
i=0
while [ $i -lt 9 ]; do
	printf '%s,' "$policy"
	i=$((i + 1))
done
printf '%s]}' "$policy"
