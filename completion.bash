# completion.bash: bash completion for dmarc2json and tlsrpt2json.
#
# `make install` puts it in share/bash-completion/completions/ as
# dmarc2json, with tlsrpt2json a link to it: bash-completion loads the
# file named after the command being completed, and this one serves
# both.  Options come from the tools' option table (tool.c) and their
# --help; tests/completion fails when the lists drift apart.

# _dmarc2json_options TOOL: the options TOOL takes, one line.
_dmarc2json_options()
{
	case $1 in
	dmarc2json)
		echo "-h -q -v --failure --records --unique --seen --csv" \
		    "--no-header --max-size --help --version" ;;
	*)
		echo "-h -q -v --records --unique --seen --csv --no-header" \
		    "--max-size --help --version" ;;
	esac
}

# Files and directories: bash-completion's _filedir when it is loaded.
_dmarc2json_files()
{
	if declare -F _filedir >/dev/null; then
		_filedir
	else
		local IFS=$'\n'
		COMPREPLY=($(compgen -f -- "$1"))
	fi
}

# _dmarc2json_value OPTION: for an option whose value is the next word,
# print what the value is ("size"; "file" is completed as a file name);
# false for any other word.
_dmarc2json_value()
{
	case $1 in
	--max-size)	echo size ;;
	--seen)		echo file ;;
	*)		return 1 ;;
	esac
}

# _dmarc2json_option_of I: the option word I is the value of, if any
# ("--max-size 4G" and "--max-size=4G", which bash splits at "=").
_dmarc2json_option_of()
{
	local j=$(($1 - 1))

	[[ ${COMP_WORDS[j]} == = ]] && j=$((j - 1))
	((j > 0)) && echo "${COMP_WORDS[j]}"
}

_dmarc2json()
{
	local cur kind i

	cur=${COMP_WORDS[COMP_CWORD]}
	COMPREPLY=()
	if [[ $cur != = ]] &&
	    kind=$(_dmarc2json_value "$(_dmarc2json_option_of $COMP_CWORD)")
	then
		[[ $kind == file ]] && _dmarc2json_files "$cur"
		return 0
	fi
	# After "--" or an operand every word is an operand (getopt "+").
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--)	_dmarc2json_files "$cur"; return 0 ;;
		-*|=)	;;
		*)	_dmarc2json_value "$(_dmarc2json_option_of $i)" \
			    >/dev/null || { _dmarc2json_files "$cur"; return 0; } ;;
		esac
	done
	case $cur in
	-*)	COMPREPLY=($(compgen -W "$(_dmarc2json_options \
		    "${COMP_WORDS[0]##*/}")" -- "$cur")) ;;
	*)	_dmarc2json_files "$cur" ;;
	esac
	return 0
}

complete -F _dmarc2json dmarc2json tlsrpt2json
