#!/bin/sh
# Integration test: a plugin built outside the tree against a staged
# install, with nothing but the installed headers and pkg-config, loads and
# runs in the installed CLI; the installed plugins export one symbol.
set -u

tmp=$(mktemp -d "${TMPDIR:-/tmp}/unmine-ext.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
stage="$tmp/stage"
fails=0
checks=0

check() {
	checks=$((checks + 1))
	if [ "$1" != "$2" ]; then
		fails=$((fails + 1))
		echo "FAIL: $3"
		echo "  expected: $1"
		echo "  got:      $2"
	fi
}

$MAKE -s -C "$top_builddir" install DESTDIR="$stage" >"$tmp/install.log" 2>&1 || {
	cat "$tmp/install.log"
	exit 99
}
pc=$(find "$stage" -name unmine.pc | head -n 1)
libdir=$(dirname "$(dirname "$pc")")
bindir=$(find "$stage" -type d -name bin | head -n 1)
pkglibdir="$libdir/unmine"

check "yes" "$(test -f "$pc" && echo yes)" "unmine.pc installed"
for h in unmine.h plugin.h token.h error.h; do
	check "yes" "$(find "$stage" -path "*/include/unmine/$h" | grep -q . && echo yes)" \
		"header include/unmine/$h installed"
done
check "yes" "$(find "$stage" -path '*/man1/unmine.1' | grep -q . && echo yes)" "man page installed"
check "yes" "$(test -f "$pkglibdir/acronyms.so" && echo yes)" "plugin installed in pkglibdir"

# Exactly one dynamic symbol defined by each installed plugin.
syms=$(nm -D --defined-only "$pkglibdir/acronyms.so" | awk '$2 == "T" { print $3 }')
check "um_plugin_entry" "$syms" "acronyms.so exports only um_plugin_entry"

# Build the external plugin the way a user would.
cflags=$(PKG_CONFIG_PATH="$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage" \
	pkg-config --cflags unmine) || exit 99
mkdir -p "$tmp/ext"
${CC:-cc} $cflags -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
	-o "$tmp/ext/wordcount.so" "$srcdir/external/wordcount.c" || {
	echo "FAIL: the external plugin does not build"
	exit 1
}

export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
unmine="$bindir/unmine"
"$unmine" -P "$tmp/ext" -P "$pkglibdir" plugins >"$tmp/list" 2>&1
check "acronyms
dates
places
references
themes
wordcount" "$(grep -v '^ ' "$tmp/list" | cut -d' ' -f1)" \
	"the installed plugins and the external one listed"

printf 'The Economic and Social Council (ECOSOC) met. ECOSOC decided.\n' >"$tmp/doc.txt"
"$unmine" -P "$tmp/ext" -P "$pkglibdir" "$tmp/doc.txt" >"$tmp/out.xml" 2>"$tmp/err"
check 0 $? "installed CLI runs"
check '<stats id="a4" by="wordcount" words="9" sentences="2"/>' \
	"$(grep '<stats' "$tmp/out.xml")" "external plugin's tag in the output"
check 1 "$(grep -c 'role="use"' "$tmp/out.xml")" "installed acronyms plugin ran"

echo "external_plugin: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
