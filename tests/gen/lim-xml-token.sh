#!/bin/sh
# Input of the case lim-xml-token: an aggregate report holding a
# comment of 9 000 000 bytes, which expat would hold whole: over the
# 4 MiB of one XML token.  Writes to stdout.
printf '<feedback><!--'
head -c 9000000 /dev/zero | tr '\0' a
printf '%s' '--></feedback>'
