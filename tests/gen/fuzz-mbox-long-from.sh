#!/bin/sh
# Input of the case fuzz-mbox-long-from: an mbox whose first message
# ends in a 3 MB "From " line, followed by a report message
# (testdata/ctr-eml-lf.eml; run in testdata/).  Writes to stdout.
printf 'From a@b Mon Jan  1 00:00:00 2024\nSubject: x\n\nbody\nFrom '
head -c 3000000 /dev/zero | tr '\0' x
printf '\n\nFrom b@c Mon Jan  1 00:00:00 2024\n'
cat ctr-eml-lf.eml
