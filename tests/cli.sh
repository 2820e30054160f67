#!/bin/sh
# Integration test: the CLI on the corpus with the real built plugins,
# compared with reviewed expected output; exit statuses and error lines.
set -u

unmine="$top_builddir/core/unmine"
plugdir="$top_builddir/plugins/acronyms/.libs"
datesdir="$top_builddir/plugins/dates/.libs"
refsdir="$top_builddir/plugins/references/.libs"
placesdir="$top_builddir/plugins/places/.libs"
themesdir="$top_builddir/plugins/themes/.libs"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unmine-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
checks=0

ok() {
	checks=$((checks + 1))
}

fail() {
	checks=$((checks + 1))
	fails=$((fails + 1))
	echo "FAIL: $*"
}

# expect STATUS NAME -- command...: runs the command, checks its exit status.
expect() {
	want=$1 name=$2
	shift 3
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		fail "$name: exit status $got, expected $want"
		sed 's/^/  stderr: /' "$tmp/stderr"
	fi
}

# same NAME FILE EXPECTED-TEXT: compares a file with the text given.
same() {
	printf '%s\n' "$3" >"$tmp/want"
	if cmp -s "$tmp/want" "$2"; then ok; else
		fail "$1"
		diff -u "$tmp/want" "$2" | head -20
	fi
}

cd "$top_srcdir" || exit 99

# 1. The demo: the corpus into one file per document, as reviewed.
expect 0 "corpus run" -- "$unmine" -P "$plugdir" -P "$datesdir" -P "$refsdir" -P "$placesdir" -P "$themesdir" --plugins acronyms,dates,references,places,themes corpus -o "$tmp/out"
# (the settings file of the directory is tested in batch.sh)
if diff -r -x .unmine-settings "$srcdir/expected/corpus" "$tmp/out" >"$tmp/diff"; then ok; else
	fail "corpus output differs from tests/expected/corpus"
	head -40 "$tmp/diff"
fi
if find "$tmp/out" -name '*.tmp*' | grep -q .; then
	fail "temporary files left in the output"
else ok; fi

# 2. Without -o: one stream on stdout holding the same documents.
expect 0 "stream run" -- "$unmine" -P "$plugdir" -P "$datesdir" -P "$refsdir" -P "$placesdir" -P "$themesdir" --plugins acronyms,dates,references,places,themes corpus/S_2012_34.html corpus/A_64_504.txt
version=$("$unmine" --version | sed -n 's/^unmine \([^ ]*\) .*/\1/p')
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo "<corpus generator=\"unmine $version\">"
	sed 1d "$srcdir/expected/corpus/S_2012_34.html.xml"
	sed 1d "$srcdir/expected/corpus/A_64_504.txt.xml"
	echo '</corpus>'
} >"$tmp/want-stream"
if cmp -s "$tmp/want-stream" "$tmp/stdout"; then ok; else
	fail "stream differs from the per-file outputs"
	diff -u "$tmp/want-stream" "$tmp/stdout" | head -20
fi

# 2b. The citation graph: one TSV line per document and cited symbol.
expect 0 "edges run" -- "$unmine" -P "$datesdir" -P "$refsdir" --plugins dates,references -f edges corpus
if cmp -s "$srcdir/expected/edges.tsv" "$tmp/stdout"; then ok; else
	fail "edges output differs from tests/expected/edges.tsv"
	diff -u "$srcdir/expected/edges.tsv" "$tmp/stdout" | head -20
fi
expect 0 "edges files" -- "$unmine" -P "$datesdir" -P "$refsdir" --plugins dates,references -f edges corpus/A_64_504.txt -o "$tmp/edges"
same "edges file" "$tmp/edges/A_64_504.txt.tsv" "document	cited	count
A/64/504	A/RES/62/209	1
A/64/504	A/RES/63/233	1"

# 3. Standoff output, offsets in code points, as reviewed.
expect 0 "standoff run" -- "$unmine" -P "$plugdir" -P "$datesdir" -P "$refsdir" -P "$placesdir" -P "$themesdir" --plugins acronyms,dates,references,places,themes -f standoff corpus/S_RES_2570_2021.txt corpus/S_2012_34.html
if cmp -s "$srcdir/expected/standoff/two.xml" "$tmp/stdout"; then ok; else
	fail "standoff output differs from tests/expected/standoff/two.xml"
	diff -u "$srcdir/expected/standoff/two.xml" "$tmp/stdout" | head -20
fi
cp "$tmp/stdout" "$tmp/standoff.xml"
if [ -n "${XMLLINT:-}" ]; then
	expect 0 "standoff validates" -- "$XMLLINT" --noout --relaxng schema/unmine.rng "$tmp/standoff.xml"
fi

# 4. A batch with bad inputs: each named once on stderr, the rest done.
mkdir -p "$tmp/in/sub"
printf 'The United Nations Development Programme (UNDP) met.\n' >"$tmp/in/good.txt"
printf 'abc\000def' >"$tmp/in/binary.txt"
printf '<doc><p>unclosed</doc>\n' >"$tmp/in/bad.xml"
: >"$tmp/in/empty.txt"
printf 'caf\351 au lait\n' >"$tmp/in/latin1.txt"
ln -s nowhere "$tmp/in/dangling.txt"
ln -s .. "$tmp/in/sub/loop"
printf 'Second (S) file.\n' >"$tmp/in/sub/z.txt"
expect 1 "bad batch" -- "$unmine" -P "$plugdir" --plugins acronyms "$tmp/in" -o "$tmp/bad-out"
sed "s|$tmp|TMP|g" "$tmp/stderr" >"$tmp/stderr.rel"
same "bad batch stderr" "$tmp/stderr.rel" "unmine: TMP/in/bad.xml: malformed XML at line 1: Opening and ending tag mismatch: p line 1 and doc
unmine: TMP/in/binary.txt: binary file (NUL byte at offset 3)
unmine: TMP/in/dangling.txt: broken symbolic link
unmine: TMP/in/empty.txt: warning: empty document
unmine: TMP/in/latin1.txt: warning: invalid UTF-8: 1 byte sequence replaced with U+FFFD, the first at byte offset 3
unmine: TMP/in/sub/loop: directory loop (a link leads back to an enclosing directory); not entered"
(cd "$tmp/bad-out" && find . -type f | sort) >"$tmp/list"
same "bad batch outputs" "$tmp/list" "./.unmine-settings
./empty.txt.xml
./good.txt.xml
./latin1.txt.xml
./sub/z.txt.xml"
if grep -q 'caf&#xFFFD;\|caf�' "$tmp/bad-out/latin1.txt.xml"; then ok; else
	fail "invalid byte not replaced by U+FFFD"
fi

# 5. Standard input.
printf 'Rio de Janeiro (RJ) is a city.\n' | "$unmine" -P "$plugdir" --plugins acronyms - >"$tmp/stdin.xml" 2>"$tmp/stderr"
if [ $? -eq 0 ] && grep -q '<document source="-">' "$tmp/stdin.xml" &&
   grep -q '<acronym id="a1" by="acronyms" role="expansion" short="RJ">Rio de Janeiro</acronym>' "$tmp/stdin.xml"; then
	ok
else
	fail "standard input"
	cat "$tmp/stdin.xml" "$tmp/stderr"
fi

# A document over --max-doc-size (K = 1024 bytes) is refused and named, not
# read in part; one at the limit is read.
head -c 2048 corpus/A_64_504.txt >"$tmp/2k.txt"
expect 1 "over the size limit" -- "$unmine" --plugins none --max-doc-size 2047 "$tmp/2k.txt" -o "$tmp/size-out"
sed "s|$tmp|TMP|g" "$tmp/stderr" >"$tmp/stderr.rel"
same "over the size limit message" "$tmp/stderr.rel" "unmine: TMP/2k.txt: document of 2048 bytes is over the size limit of 2047 bytes"
if [ ! -e "$tmp/size-out/2k.txt.xml" ]; then ok; else
	fail "a document over the size limit was written"
fi
expect 0 "at the size limit" -- "$unmine" --plugins none --max-doc-size 2K "$tmp/2k.txt" -o "$tmp/size-out"

# 6. Usage and setup errors: status 2 and one line that says why.
expect 2 "no paths" -- "$unmine"
same "no paths message" "$tmp/stderr" "unmine: no input paths (use - for standard input)
Try 'unmine --help'."
expect 2 "bad format" -- "$unmine" -f pdf corpus
expect 2 "unknown plugin" -- "$unmine" -P "$plugdir" --plugins nosuch corpus
same "unknown plugin message" "$tmp/stderr" "unmine: no plugin named 'nosuch' (see 'unmine plugins')"
expect 2 "unknown option key" -- "$unmine" -P "$plugdir" --plugins acronyms -O acronyms.nope=1 corpus
same "unknown option key message" "$tmp/stderr" "unmine: plugin 'acronyms': unknown option 'nope'"
expect 2 "bad option value" -- "$unmine" -P "$plugdir" -O acronyms.min-length=many corpus
same "bad option value message" "$tmp/stderr" "unmine: plugin 'acronyms': option 'min-length' takes a whole number, not 'many'"
expect 2 "size zero" -- "$unmine" --max-doc-size 0 corpus
same "size zero message" "$tmp/stderr" "unmine: bad size '0' (e.g. 512K, 64M, 2G; at most 4G - 1, the most text a document holds)
Try 'unmine --help'."
expect 2 "size unit" -- "$unmine" --max-doc-size 1X corpus
expect 2 "size past the limit" -- "$unmine" --max-doc-size 99999999999G corpus
same "size past the limit message" "$tmp/stderr" "unmine: bad size '99999999999G' (e.g. 512K, 64M, 2G; at most 4G - 1, the most text a document holds)
Try 'unmine --help'."
expect 2 "memory unit" -- "$unmine" --max-memory 2X corpus
same "memory unit message" "$tmp/stderr" "unmine: bad size '2X' (e.g. 512M, 8G, or 0 for no limit)
Try 'unmine --help'."
expect 2 "memory with a sign after a space" -- "$unmine" --max-memory " -1" corpus
same "memory with a sign after a space message" "$tmp/stderr" "unmine: bad size ' -1' (e.g. 512M, 8G, or 0 for no limit)
Try 'unmine --help'."
expect 2 "size with a plus sign" -- "$unmine" --max-doc-size +5K corpus
expect 2 "memory past the limit" -- "$unmine" --max-memory 99999999999G corpus
same "memory past the limit message" "$tmp/stderr" "unmine: bad size '99999999999G' (e.g. 512M, 8G, or 0 for no limit)
Try 'unmine --help'."
# 0, with or without a unit, is no limit; for --max-doc-size a zero
# stays an error (above)
expect 0 "memory zero with a unit" -- "$unmine" --plugins none --max-memory 0K "$tmp/2k.txt"
expect 2 "output directory not made" -- "$unmine" --plugins none corpus/A_64_504.txt -o corpus/A_64_504.txt/out
same "output directory not made message" "$tmp/stderr" "unmine: cannot create corpus/A_64_504.txt/out: Not a directory"
expect 2 "output directory is a file" -- "$unmine" --plugins none corpus/S_2012_34.html -o corpus/A_64_504.txt
same "output directory is a file, message" "$tmp/stderr" "unmine: cannot create corpus/A_64_504.txt: Not a directory"
# an empty name, as "$OUT" gives when OUT is unset: never the root
expect 2 "empty output directory" -- "$unmine" --plugins none -o "" corpus/A_64_504.txt
same "empty output directory message" "$tmp/stderr" "unmine: -o wants a directory name, not an empty one
Try 'unmine --help'."
expect 2 "empty list name" -- "$unmine" --plugins none --files-from ""
same "empty list name message" "$tmp/stderr" "unmine: --files-from wants a file name (or - for standard input), not an empty one
Try 'unmine --help'."
expect 2 "empty language code" -- "$unmine" --plugins none --lang "" corpus/A_64_504.txt
same "empty language code message" "$tmp/stderr" "unmine: bad language code '' (a BCP 47 tag, such as en, fr or zh-Hans)
Try 'unmine --help'."
expect 2 "language code with a line end" -- "$unmine" --plugins none --lang "e
n" corpus/A_64_504.txt
expect 0 "language code with a script" -- "$unmine" --plugins none --lang zh-Hans corpus/A_64_504.txt
expect 2 "empty errors name" -- "$unmine" --plugins none --errors "" corpus/A_64_504.txt
same "empty errors name message" "$tmp/stderr" "unmine: --errors wants a file name, not an empty one
Try 'unmine --help'."
# --errors naming the list or an input would empty it before it is read
printf '%s\n' corpus/A_64_504.txt >"$tmp/list"
expect 2 "errors file is the list" -- "$unmine" --plugins none --errors "$tmp/list" --files-from "$tmp/list"
sed "s|$tmp|TMP|g" "$tmp/stderr" >"$tmp/stderr.rel"
same "errors file is the list, message" "$tmp/stderr.rel" "unmine: --errors TMP/list is the list of paths TMP/list; opening it would empty it before it is read"
same "errors file is the list, kept" "$tmp/list" "corpus/A_64_504.txt"
cp corpus/A_64_504.txt "$tmp/victim.txt"
expect 2 "errors file is an input" -- "$unmine" --plugins none --errors "$tmp/victim.txt" corpus/S_2012_34.html "$tmp/victim.txt" -o "$tmp/never"
cmp -s corpus/A_64_504.txt "$tmp/victim.txt" && ok || fail "errors file that is an input emptied"
[ ! -e "$tmp/never" ] && ok || fail "output directory made before the --errors refusal"
# standard input, a pipe, read once: not named twice, nor for a document
# and the list at once, by "-" or by /dev/stdin
expect 2 "standard input twice" -- sh -c 'echo Text. | "$0" -p none - /dev/stdin' "$unmine"
same "standard input twice message" "$tmp/stderr" "unmine: standard input is named twice (- or /dev/stdin): it can be read once
Try 'unmine --help'."
expect 2 "standard input for the list and a document" -- \
	sh -c 'echo corpus/A_64_504.txt | "$0" -p none --files-from - /dev/stdin' "$unmine"
same "standard input for the list and a document message" "$tmp/stderr" "unmine: standard input can hold a document (-) or the list of paths (--files-from -), not both
Try 'unmine --help'."
expect 0 "help" -- "$unmine" --help
grep -q '^Usage: unmine \[OPTIONS\] PATH\.\.\.' "$tmp/stdout" && ok || fail "help text"
expect 0 "version" -- "$unmine" --version
same "version text" "$tmp/stdout" "unmine $version (plugin ABI 1.1)"

# A charset's bytes that do not convert (here, becoming U+FFFD, they
# leave "<u" open): one line naming the file, and nothing from libxml2,
# which wrote "encoding error : ..." lines of its own
printf '<?xml version="1.0" encoding="Shift_JIS"?>\n<doc><p>ok \207\100\074\165</p></doc>\n' >"$tmp/sjis.xml"
expect 1 "bad bytes of a declared charset" -- "$unmine" --plugins none -j 2 "$tmp/sjis.xml"
sed "s|$tmp|TMP|g" "$tmp/stderr" >"$tmp/stderr.rel"
same "bad bytes of a declared charset, message" "$tmp/stderr.rel" "unmine: TMP/sjis.xml: malformed XML at line 2: error parsing attribute name"

# 7. A broken file among the plugins: named, skipped, the run goes on.
mkdir -p "$tmp/plugins"
cp "$plugdir/acronyms.so" "$tmp/plugins/"
head -c 4096 corpus/A_64_504.txt >"$tmp/plugins/junk.so"
expect 1 "broken plugin" -- "$unmine" -P "$tmp/plugins" corpus/S_2012_34.html
sed "s|$tmp|TMP|g" "$tmp/stderr" >"$tmp/stderr.rel"
same "broken plugin message" "$tmp/stderr.rel" "unmine: TMP/plugins/junk.so: not a loadable plugin: invalid ELF header"
grep -q '</document>' "$tmp/stdout" && ok || fail "document not written after a broken plugin"
# with -p naming the plugins, all found, the broken file is a warning
expect 0 "broken plugin not asked for" -- "$unmine" -P "$tmp/plugins" -p acronyms corpus/S_2012_34.html
sed "s|$tmp|TMP|g" "$tmp/stderr" >"$tmp/stderr.rel"
same "broken plugin warning" "$tmp/stderr.rel" "unmine: TMP/plugins/junk.so: not a loadable plugin: invalid ELF header (not loaded; not one of the plugins asked for)"

# A plugin that crashes: one line naming the document and the plugin,
# the signal's own status, the documents written before it kept. Under
# AddressSanitizer (ASAN_OPTIONS set) its own report takes the place of
# the line.
mkdir -p "$tmp/crashplug" "$tmp/crashin"
cp "$top_builddir/tests/.libs/tp_crash.so" "$tmp/crashplug/"
printf 'fine.\n' >"$tmp/crashin/a.txt"
printf 'crash here.\n' >"$tmp/crashin/b.txt"
"$unmine" -P "$tmp/crashplug" -p tp-crash -j 1 "$tmp/crashin" -o "$tmp/crashout" \
	>"$tmp/stdout" 2>"$tmp/stderr"
status=$?
[ "$status" -gt 128 ] && ok || fail "a crash ended with status $status"
[ -f "$tmp/crashout/a.txt.xml" ] && ok || fail "document before the crash not kept"
if [ -z "${ASAN_OPTIONS:-}" ]; then
	# (the shell may add its own "Segmentation fault")
	grep '^unmine:' "$tmp/stderr" | sed "s|$tmp|TMP|g" >"$tmp/stderr.rel"
	same "crash message" "$tmp/stderr.rel" "unmine: TMP/crashin/b.txt: crashed (segmentation fault) in plugin 'tp-crash'; the run stops (--resume does the documents not written)"
fi
# a stack overflow too, on a worker thread (-j 2)
rm -rf "$tmp/crashin" "$tmp/crashout"
mkdir -p "$tmp/crashin"
printf 'overflow here.\n' >"$tmp/crashin/c.txt"
"$unmine" -P "$tmp/crashplug" -p tp-crash -j 2 "$tmp/crashin" -o "$tmp/crashout" \
	>"$tmp/stdout" 2>"$tmp/stderr"
status=$?
[ "$status" -gt 128 ] && ok || fail "a stack overflow ended with status $status"
if [ -z "${ASAN_OPTIONS:-}" ]; then
	grep '^unmine:' "$tmp/stderr" | sed "s|$tmp|TMP|g" >"$tmp/stderr.rel"
	same "stack overflow message" "$tmp/stderr.rel" "unmine: TMP/crashin/c.txt: crashed (segmentation fault) in plugin 'tp-crash'; the run stops (--resume does the documents not written)"
fi

# 8. The listing.
expect 0 "plugins listing" -- "$unmine" -P "$plugdir" plugins
# Every entry whose file is in DIR; entries of plugins installed on the
# machine (the install directory is searched too) are left out.
sed "s|$plugdir|DIR|" "$tmp/stdout" | awk '
	!/^ / { if (entry != "" && keep) printf "%s", entry; entry = ""; keep = 0 }
	/^    file: DIR\// { keep = 1 }
	{ entry = entry $0 "\n" }
	END { if (entry != "" && keep) printf "%s", entry }' >"$tmp/list"
same "plugins listing text" "$tmp/list" "acronyms 0.1.0
    file: DIR/acronyms.so
    provides: acronym
    requires: -
    option acronyms.min-length (int, default 2): fewest capital letters in a short form
    option acronyms.mark-uses (bool, default yes): also annotate later uses of a defined short form
    abbreviations defined in the text, e.g. \"United Nations Development Programme (UNDP)\", and their later uses"

# -p chooses what is listed, as it chooses what runs: the plugins named,
# in the order they run, or the setup error the run would stop on.
expect 0 "plugins listing with -p" -- "$unmine" -P "$refsdir" -P "$datesdir" -P "$plugdir" -p references,dates plugins
grep -E '^[a-z]' "$tmp/stdout" | cut -d' ' -f1 | paste -sd' ' >"$tmp/names"
same "plugins listed with -p" "$tmp/names" "dates references"
expect 2 "plugins listing with -p, requirement missing" -- "$unmine" -P "$refsdir" -P "$datesdir" -p references plugins
sed "s|$refsdir|DIR|" "$tmp/stderr" >"$tmp/stderr.rel"
same "plugins listing with -p, requirement message" "$tmp/stderr.rel" "unmine: DIR/references.so: plugin 'references' requires layer 'date', which no loaded plugin provides"
expect 2 "plugins listing with -p, unknown" -- "$unmine" -P "$plugdir" -p nosuch plugins
same "plugins listing with -p, unknown message" "$tmp/stderr" "unmine: no plugin named 'nosuch' (see 'unmine plugins')"
# an option the run would refuse stops a listing of -p, not one of all
expect 2 "plugins listing with -p, bad option" -- "$unmine" -P "$plugdir" -p acronyms -O acronyms.nope=1 plugins
same "plugins listing with -p, bad option message" "$tmp/stderr" "unmine: plugin 'acronyms': unknown option 'nope'"
expect 0 "plugins listing, bad option" -- "$unmine" -P "$plugdir" -O acronyms.nope=1 plugins
expect 0 "plugins listing with -p none" -- "$unmine" -P "$plugdir" -p none plugins
same "plugins listing with -p none text" "$tmp/stdout" "no plugins selected"

# 9. --plugins none: text only, no annotation.
expect 0 "no plugins" -- "$unmine" --plugins none corpus/S_RES_2570_2021.txt
grep -q '<acronym' "$tmp/stdout" && fail "annotations with --plugins none" || ok

echo "cli: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
