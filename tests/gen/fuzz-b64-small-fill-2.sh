#!/bin/sh
# Input of the case fuzz-b64-small-fill-2: a base64 message/rfc822 part
# whose decoded message starts with a 400 KB header field (the other way
# to leave the base64 layer a fill of 2 or 3 bytes).  Writes to stdout.
printf 'Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n'
{
	printf 'X-A: '
	head -c 400000 /dev/zero | tr '\0' a
	printf '\n\nhi\n'
} | base64 -w 76
