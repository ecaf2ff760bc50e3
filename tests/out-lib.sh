# tests/out-lib.sh: what tests/out-concurrency, out-faults and out-seen
# share (sourced, not run).  They test the output stage
# (common/outstage.h) from outside: many processes, failing writes,
# --seen FILE.  Each prints "ok - WHAT" or "not ok - WHAT" plus details
# per check, and exits 1 when a check failed.  Inputs are made at test
# time in a directory of $TMPDIR, removed at the end.
set -u
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top:$PATH
export PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/outstage.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 2' HUP INT TERM
failed=0

# ok WHAT STATUS: one check's line.
ok() {
	if [ "$2" = 0 ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		failed=1
	fi
}

# small ID [RECORDS]: a small DMARC aggregate report, report_id ID.
small() {
	printf '<feedback><report_metadata><org_name>example.net</org_name>'
	printf '<report_id>%s</report_id><date_range><begin>1704067200</begin>' "$1"
	printf '<end>1704153599</end></date_range></report_metadata>'
	printf '<policy_published><domain>example.com</domain><p>none</p>'
	printf '</policy_published>'
	i=0
	while [ $i -lt "${2:-3}" ]; do
		printf '<record><row><source_ip>192.0.2.%d</source_ip>' $((i % 256))
		printf '<count>%d</count></row><identifiers><header_from>' $((i + 1))
		printf 'example.com</header_from></identifiers></record>'
		i=$((i + 1))
	done
	printf '</feedback>\n'
}

# big ID MIB: a report of MIB MiB of XML (tests/gen-big-report), id ID.
# 17 MiB of XML make about 9 MiB of JSON: past the 8 MiB spill.
big() {
	sh "$top/tests/gen-big-report" "$2" |
	    sed "s|<report_id>[^<]*</report_id>|<report_id>$1</report_id>|"
}

# ids FILE: the id of the report of each line of FILE, in order (DMARC
# report_id, TLS-RPT report-id, else the input file); fails (and says
# so on stderr) if a line is not JSON.
ids() {
	jq -r '.report_metadata.report_id // .["report-id"] // .input.file' "$1"
}

# once FILE WANT: every line of FILE parses, and the reports in it are
# exactly the ids listed in file WANT, each once.
once() {
	ids "$1" >"$work/got" || return 1
	sort "$work/got" >"$work/got.sorted"
	sort "$2" | cmp -s - "$work/got.sorted" || {
		echo "# reports differ from the expected ones:"
		sort "$2" | diff - "$work/got.sorted" | head -5
		return 1
	}
}

# together FILE WANT: every line of FILE parses, each id of WANT has
# all its lines in one run (--records), and no other id is there.
together() {
	ids "$1" >"$work/got" || return 1
	uniq "$work/got" | sort >"$work/runs"
	sort "$2" | cmp -s - "$work/runs" || {
		echo "# the lines of a report are not together:"
		sort "$2" | diff - "$work/runs" | head -5
		return 1
	}
}

# whole FILE: FILE is empty or ends in a newline, and every line parses.
whole() {
	[ ! -s "$1" ] || [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] &&
	    jq -c . "$1" >/dev/null
}
