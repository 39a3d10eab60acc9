# bash completion for abgcalc -*- shell-script -*-
# SPDX-License-Identifier: MIT
#
# Completes commands, options, INI files, the file's scenario names (for
# --scenario and compare) and area names (for explain), read from the
# [scenario NAME] and [area NAME] headings of the file already typed.

# Prints the names of the file's [KIND NAME] sections, one a line.
_abgcalc_sections()
{
    local kind=$1 file=$2
    [[ -r $file ]] || return
    sed -n "s/^[[:space:]]*\[[[:space:]]*$kind[[:space:]]\{1,\}\(.*[^[:space:]]\)[[:space:]]*\][[:space:]]*\([;#].*\)\{0,1\}\$/\1/p" \
        "$file" 2>/dev/null
}

# Sets COMPREPLY to the lines of standard input that start with $cur,
# quoted for the shell (area names hold spaces and ampersands).
_abgcalc_reply()
{
    local name typed=${cur//\\/}
    COMPREPLY=()
    while IFS= read -r name; do
        [[ $name == "$typed"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
    done
}

_abgcalc()
{
    local cur prev words cword
    _init_completion || return

    local commands="run check explain compare sweep help"
    local options="--csv --json --html -o --output --workbook --scenario --set
        --vary --force --no-findings -q --quiet -h --help -V --version"

    # The command and the file are the first two words that are not options.
    local i command="" file="" positional=()
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --csv | --json | --html | -o | --output | --scenario | --set | --vary)
                ((i++)) ;;
            -*) ;;
            *) positional+=("${words[i]}") ;;
        esac
    done
    command=${positional[0]-}
    file=${positional[1]-}

    case $prev in
        --csv | --json)
            _filedir csv
            [[ $prev == --json ]] && _filedir json
            return ;;
        -o | --output)
            _filedir xlsx
            return ;;
        --html)
            _filedir html
            return ;;
        --scenario)
            _abgcalc_reply < <(_abgcalc_sections scenario "$file")
            return ;;
        --set | --vary)
            return ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi
    if [[ $command == help ]]; then
        [[ ${#positional[@]} -eq 1 ]] &&
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi
    if [[ -z $file ]]; then
        _filedir ini
        return
    fi
    case $command in
        explain)
            [[ ${#positional[@]} -eq 2 ]] &&
                _abgcalc_reply < <(_abgcalc_sections area "$file")
            ;;
        compare)
            _abgcalc_reply < <(_abgcalc_sections scenario "$file")
            ;;
        check)
            _filedir ini
            ;;
    esac
} &&
    complete -F _abgcalc abgcalc
