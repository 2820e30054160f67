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
# The README's plugin is tests/external/wordcount.c, from its first
# #include on, which external_plugin.sh builds and runs.
sed -n '/^```c$/,/^```$/p' "$top_srcdir/README.md" | sed '1d;$d' >readme.c.tmp
sed -n '/^#include <stdio.h>/,$p' "$srcdir/external/wordcount.c" >file.c.tmp
if ! diff -u file.c.tmp readme.c.tmp; then
	echo "FAIL: the README's plugin is not tests/external/wordcount.c"
	fails=$((fails + 1))
fi
# Every option of every plugin is in its README's table of options, with
# the default the plugin has ("none" stands for a default described in
# words).
pp=$(find "$top_builddir/plugins" -type d -name .libs | sort | tr '\n' ':')
"$unmine" -P "$pp" plugins >plugins.tmp 2>/dev/null
missing=$(sed -n 's/^    option \([a-z]*\)\.\([a-z-]*\) ([a-z]*, default \(.*\)): .*/\1 \2 \3/p' \
	plugins.tmp | while read -r plugin key dflt; do
	readme="$top_srcdir/plugins/$plugin/README.md"
	cell=$(sed -n "s/^| \`$key\` | \([^|]*\) |.*/\1/p" "$readme" | tr -d '\`' |
		sed 's/ *$//')
	if [ -z "$cell" ]; then
		echo "$plugin.$key: not in $readme"
	elif [ "$dflt" != none ] && [ "$cell" != "$dflt" ]; then
		echo "$plugin.$key: default $dflt, README says $cell"
	fi
done)
if [ -n "$missing" ] || ! grep -q '^    option ' plugins.tmp; then
	echo "FAIL: plugin options and their READMEs differ"
	printf '%s\n' "$missing"
	fails=$((fails + 1))
fi
rm -f help.opts.tmp man.opts.tmp code.opts.tmp readme.c.tmp file.c.tmp \
	plugins.tmp
echo "docs: $((5 - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
