#!/bin/sh
# The manual pages render without a warning, and kpdesk-cli(1) names every
# command, subcommand and option that `kpdesk-cli ... --help` lists.
# Usage: check_man.sh MAN_DIR KPDESK_CLI KPDESK
set -eu
man_dir=$1 cli=$2 gui=$3
status=0
fail() { echo "FAIL: $*" >&2; status=1; }

for page in kpdesk.1 kpdesk-cli.1; do
    [ -f "$man_dir/$page" ] || { fail "$page is missing"; continue; }
    warnings=$(groff -man -Tutf8 -ww -z "$man_dir/$page" 2>&1) || fail "groff failed on $page"
    [ -z "$warnings" ] || fail "groff warns on $page: $warnings"
    warnings=$(MANWIDTH=80 man --warnings -l "$man_dir/$page" 2>&1 >/dev/null) || fail "man -l failed on $page"
    [ -z "$warnings" ] || fail "man -l warns on $page: $warnings"
done

# The troff source of the part of kpdesk-cli.1 about one command (from its
# .SS heading to the next), and the options of a --help text.
section() {
    awk -v head=".SS $1" '$0 == head {on=1; next} /^\.S[SH] / {on=0} on' "$man_dir/kpdesk-cli.1" | sed 's/\\-/-/g'
}
# Whether the text on stdin names option $1 (and not only a longer one).
names() { grep -qE -- "$1([^a-z0-9-]|\$)"; }
options() { grep -o -- '--[a-z][a-z0-9-]*' | grep -vx -- '--help' | sort -u; }
listed() { sed -n "/^$1/,/^\$/p" | awk 'NR > 1 && /^  [a-z]/ {print $1}'; }

# Options every command that works on a desk takes (--db) are described once.
common=$(awk '$0 == ".SH COMMON OPTIONS" {on=1; next} /^\.S[SH] / {on=0} on' "$man_dir/kpdesk-cli.1" | sed 's/\\-/-/g')

commands=$("$cli" --help | listed 'Commands:')
[ -n "$commands" ] || fail "kpdesk-cli --help lists no command"
for c in $commands; do
    help=$("$cli" "$c" --help 2>&1) || true
    subs=$(printf '%s\n' "$help" | listed 'Subcommands:')
    if [ -n "$subs" ]; then
        headings=""
        for s in $subs; do headings="$headings $c/$s"; done
    else
        headings=$c
    fi
    for name in $headings; do
        heading=$(echo "$name" | tr / ' ')
        text=$(section "$heading")
        [ -n "$text" ] || { fail "kpdesk-cli.1 has no section '.SS $heading'"; continue; }
        # shellcheck disable=SC2086
        for o in $("$cli" $heading --help 2>&1 | options); do
            printf '%s\n%s\n' "$text" "$common" | names "$o" || fail "kpdesk-cli.1, $heading: $o is not described"
        done
    done
done

# kpdesk(1): every option of kpdesk --help.
for o in $("$gui" --help 2>&1 | options | grep -v -e '--screenshot'); do
    sed 's/\\-/-/g' "$man_dir/kpdesk.1" | names "$o" || fail "kpdesk.1: $o is not described"
done

[ $status -eq 0 ] && echo "manual pages: complete, no warnings"
exit $status
