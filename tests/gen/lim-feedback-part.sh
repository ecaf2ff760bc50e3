#!/bin/sh
# Input of the case lim-feedback-part: a failure report whose
# message/feedback-report part holds 9 MB of 900-byte lines, more than
# such a part may hold (8 MiB).  Writes to stdout.
printf 'Content-Type: multipart/report; report-type=feedback-report; boundary=b\n\n'
printf -- '--b\nContent-Type: message/feedback-report\n\nFeedback-Type: auth-failure\n'
head -c 9000000 /dev/zero | tr '\0' a | fold -w 900
printf -- '\n--b--\n'
