#!/bin/sh
# Input of the case fuzz-b64-small-fill-1: a base64 message/rfc822 part
# under a 574 KB header block, so that the base64 layer once found only
# 2 or 3 bytes free in its buffer for a fill.  Writes to stdout.
{
	printf 'Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\nX-Long: '
	head -c 400000 /dev/zero | tr '\0' a
	printf '\nX-Pad: '
	head -c 174756 /dev/zero | tr '\0' b
	printf '\n\n'
	head -c 700000 /dev/zero | tr '\0' A
	echo
}
