#!/bin/sh
# Input of the case lim-json-tokens: a TLS report whose "x-many" array
# holds 1 100 001 numbers, more JSON tokens than are allowed (1 Mi).
# Writes to stdout.
printf '{"organization-name":"Example","report-id":"t","x-many":['
yes '0,' | head -n 1100000 | tr -d '\n'
printf '0]}'
