#!/bin/sh
# Input of the case lim-attribute: an aggregate report with an
# attribute value of 1 MiB + 1 byte, over the limit.  Writes to stdout.
printf '<feedback><x_v a="'
head -c 1048577 /dev/zero | tr '\0' a
printf '"/></feedback>'
