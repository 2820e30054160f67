#!/bin/sh
# The help text and the man page name the same options, and both name every
# option the program accepts.
set -u
unmine="$top_builddir/core/unmine"
man="$top_srcdir/core/unmine.1"
fails=0

"$unmine" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >help.opts.tmp
sed 's/\\-/-/g' "$man" | grep -o -- '--[a-z][a-z-]*' | sort -u >man.opts.tmp
grep -o '{ "[a-z-]*", ' "$top_srcdir/core/args.c" | sed 's/{ "\(.*\)", /--\1/' |
	sort -u >code.opts.tmp
for pair in "help.opts.tmp man.opts.tmp" "code.opts.tmp help.opts.tmp"; do
	set -- $pair
	if ! diff -u "$1" "$2"; then
		echo "FAIL: $1 and $2 differ"
		fails=$((fails + 1))
	fi
done
version=$("$unmine" --version | cut -d' ' -f2)
if ! grep -q "\"unmine $version\"" "$man"; then
	echo "FAIL: man page is not for version $version"
	fails=$((fails + 1))
fi
rm -f help.opts.tmp man.opts.tmp code.opts.tmp
echo "docs: $((3 - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
