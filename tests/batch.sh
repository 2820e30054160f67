#!/bin/sh
# Batch processing: the same output whatever the number of threads; JSON
# Lines valid against their schema; --files-from; --shard slices that
# add up to the whole, through GNU parallel; --errors; --resume after a
# kill at any moment gives the output of an uninterrupted run.
set -u
unmine="$top_builddir/core/unmine"
pp=$(find "$top_builddir/plugins" -type d -name .libs | sort | tr '\n' ':')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unmine-batch.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
checks=0
ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }
run() { "$unmine" -q -P "$pp" "$@"; }
# Without --quiet: inputs left out on purpose are said.
runv() { "$unmine" -P "$pp" "$@"; }
# A command started with & in a script has SIGINT ignored, which unmine
# leaves so; the runs a test stops with SIGINT have it back.
dfl="env --default-signal=INT"

cd "$top_srcdir" || exit 99
# A corpus with nested directories, a bad file and an unreadable one.
mkdir -p "$tmp/in/a/b" "$tmp/in/c"
cp corpus/* "$tmp/in/"
cp corpus/A_64_504.txt corpus/S_RES_2570_2021.txt "$tmp/in/a/"
cp corpus/S_2012_34.html "$tmp/in/a/b/"
cp corpus/MHL_57_2002.txt "$tmp/in/c/"
printf '<doc><p>bad</doc>' >"$tmp/in/c/bad.xml"
ln -s nowhere "$tmp/in/a/dangling.txt"     # a problem of the walk

# 1. -j 1 and -j 4: byte for byte, stdout and stderr, for each format.
for f in xml standoff jsonl edges; do
	run -j 1 -f "$f" "$tmp/in" >"$tmp/j1.$f" 2>"$tmp/j1.$f.err"
	s1=$?
	run -j 4 -f "$f" "$tmp/in" >"$tmp/j4.$f" 2>"$tmp/j4.$f.err"
	s4=$?
	if [ "$s1" -eq 1 ] && [ "$s4" -eq 1 ] && cmp -s "$tmp/j1.$f" "$tmp/j4.$f" &&
	   cmp -s "$tmp/j1.$f.err" "$tmp/j4.$f.err"; then ok; else
		fail "-j 1 and -j 4 differ for $f (status $s1, $s4)"
	fi
done
run -j 3 "$tmp/in" -o "$tmp/o3" 2>/dev/null
run -j 1 "$tmp/in" -o "$tmp/o1" 2>/dev/null
if diff -r "$tmp/o1" "$tmp/o3" >/dev/null; then ok; else
	fail "-o output differs between -j 1 and -j 3"
fi

# 2. JSON Lines: one line per document read, each valid.
if python3 "$srcdir/jsonl_check.py" "$top_srcdir/schema/unmine.schema.json" \
	"$tmp/j1.jsonl" 11 >"$tmp/jsonl.out" 2>&1; then ok; else
	fail "JSON Lines output does not match its schema"
	head -5 "$tmp/jsonl.out"
fi

# A file name that is not UTF-8 (Latin-1 "caf\351.txt"): still JSON, the
# byte as U+FFFD.
mkdir -p "$tmp/latin"
printf 'Text.\n' >"$tmp/latin/$(printf 'caf\351.txt')"
run -f jsonl "$tmp/latin" >"$tmp/latin.jsonl" 2>/dev/null
if python3 -c 'import json, sys
d = json.loads(open(sys.argv[1], "rb").read())
sys.exit(d["source"] != sys.argv[2] + "/caf\ufffd.txt")' "$tmp/latin.jsonl" "$tmp/latin"
then ok; else
	fail "a file name that is not UTF-8 in JSON Lines"
fi

# 3. --files-from: the listed paths, from a file and from stdin.
find "$tmp/in" -type f | sort >"$tmp/list"
run -j 2 --files-from "$tmp/list" -f edges >"$tmp/ff.tsv" 2>/dev/null
run -j 2 -f edges "$tmp/in" >"$tmp/dir.tsv" 2>/dev/null
if cmp -s "$tmp/ff.tsv" "$tmp/dir.tsv"; then ok; else
	fail "--files-from and the directory give different edges"
fi
run -j 2 --files-from - -f edges <"$tmp/list" >"$tmp/ffs.tsv" 2>/dev/null
if cmp -s "$tmp/ffs.tsv" "$tmp/dir.tsv"; then ok; else
	fail "--files-from - differs"
fi
# Lines ending in CR LF, empty lines, no end after the last line: the same.
awk 'NR > 1 { printf "\r\n\n" } { printf "%s", $0 }' "$tmp/list" >"$tmp/list.crlf"
run -j 2 --files-from - -f edges <"$tmp/list.crlf" >"$tmp/ffc.tsv" 2>/dev/null
if cmp -s "$tmp/ffc.tsv" "$tmp/dir.tsv"; then ok; else
	fail "--files-from - with CR LF lines differs"
fi
# A list that cannot be read is a mistake in the command: one line naming
# it, status 2 before anything is done, even with --exit-zero (a mapper
# given a wrong path must fail, not do nothing and succeed).
run --files-from "$tmp/in" -f edges >/dev/null 2>"$tmp/ffd.err"
st=$?
run --exit-zero --files-from "$tmp/nolist" -f edges >"$tmp/ffm.out" 2>"$tmp/ffm.err"
sn=$?
if [ "$st" -eq 2 ] && [ "$sn" -eq 2 ] && [ ! -s "$tmp/ffm.out" ] &&
   [ "$(cat "$tmp/ffd.err")" = "unmine: $tmp/in: cannot read the list of paths: Is a directory" ] &&
   [ "$(cat "$tmp/ffm.err")" = "unmine: $tmp/nolist: cannot read the list of paths: No such file or directory" ]
then ok; else
	fail "--files-from DIR or a missing list: status $st, $sn"
	cat "$tmp/ffd.err"
fi
# A list of find -print0 read without -0: one line per list line with a
# NUL byte, none of its paths read, status 1 (not the first path alone).
printf '%s\0%s\0' "$tmp/in/A_64_504.txt" "$tmp/in/c/bad.xml" |
	run --files-from - -f jsonl >"$tmp/ffn.tsv" 2>"$tmp/ffn.err"
st=$?
if [ "$st" -eq 1 ] && [ ! -s "$tmp/ffn.tsv" ] &&
   [ "$(cat "$tmp/ffn.err")" = "unmine: standard input: line 1 of the list of paths holds a NUL byte, as a list of find -print0 does (give -0); not read" ]
then ok; else
	fail "a NUL byte in a list read by lines: status $st"
	cat "$tmp/ffn.err"
fi
# A document is written once done, not held until the next path comes:
# the list stays open until the output has its line (10 s at most).
( echo "$tmp/in/A_64_504.txt"; i=0
  while [ ! -s "$tmp/co.jsonl" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  echo "$i" >"$tmp/co.waited" ) |
	run -j 2 -f jsonl --files-from - >"$tmp/co.jsonl" 2>/dev/null
if [ "$(cat "$tmp/co.waited")" -lt 100 ] &&
   [ "$(wc -l <"$tmp/co.jsonl")" -eq 1 ]; then ok; else
	fail "a document held back until the list ended (waited $(cat "$tmp/co.waited"))"
fi

# Two inputs given the same output name (x.txt in two directories given
# apart): the first is written, the second named with the first and not
# written, status 1; one directory alone is not checked, nor a stream.
mkdir -p "$tmp/same/d1" "$tmp/same/d2"
printf 'First.\n' >"$tmp/same/d1/x.txt"
printf 'Second.\n' >"$tmp/same/d2/x.txt"
run "$tmp/same/d1" "$tmp/same/d2" -o "$tmp/same/out" \
	--errors "$tmp/same/err.tsv" 2>"$tmp/same/err"
st=$?
if [ "$st" -eq 1 ] &&
   [ "$(cat "$tmp/same/err")" = "unmine: $tmp/same/d2/x.txt: same output file as $tmp/same/d1/x.txt ($tmp/same/out/x.txt.xml); not written" ] &&
   [ "$(cut -f 2 "$tmp/same/err.tsv")" = write ] &&
   grep -q '>First\.' "$tmp/same/out/x.txt.xml"; then ok; else
	fail "two inputs with one output name: status $st"
	cat "$tmp/same/err"
fi
run "$tmp/same/d1" "$tmp/same/d2" -f jsonl >"$tmp/same/all.jsonl" 2>&1
st=$?
if [ "$st" -eq 0 ] && [ "$(wc -l <"$tmp/same/all.jsonl")" -eq 2 ]; then ok; else
	fail "two inputs with one name in a stream: status $st"
fi
# The same file given twice under one output name (a, ./a): read once,
# said (not under --quiet), no failure.
(cd "$tmp/same" && "$unmine" -P "$pp" d1/x.txt ./d1/x.txt d1/x.txt -o out2 \
	--errors err2.tsv 2>err2)
st=$?
(cd "$tmp/same" && "$unmine" -q -P "$pp" d1/x.txt ./d1/x.txt d1/x.txt -o out3 \
	2>err3)
st3=$?
if [ "$st" -eq 0 ] && [ ! -s "$tmp/same/err2.tsv" ] &&
   [ "$(cat "$tmp/same/err2")" = "unmine: ./d1/x.txt: given again; read once
unmine: d1/x.txt: given again; read once" ] &&
   [ "$(ls "$tmp/same/out2")" = x.txt.xml ] &&
   [ "$st3" -eq 0 ] && [ ! -s "$tmp/same/err3" ] &&
   [ "$(ls "$tmp/same/out3")" = x.txt.xml ]; then ok; else
	fail "the same file given twice: status $st, $st3"
	cat "$tmp/same/err2" "$tmp/same/err3"
fi
# Without -o too: given twice, or met in a listed directory and again by
# its own line (find lists the directories and the files), a file is
# read once and said so; two files are two documents even under one name.
(cd "$tmp/same" && "$unmine" -P "$pp" -p none -f jsonl d1/x.txt ./d1/x.txt \
	d2/x.txt >twice.jsonl 2>twice.err)
st=$?
find "$tmp/in" | runv -p none --files-from - -f jsonl >"$tmp/findall.jsonl" \
	2>"$tmp/findall.err"
sf=$?
# under --quiet, the problems alone, and the same documents
find "$tmp/in" | run -p none --files-from - -f jsonl >"$tmp/findq.jsonl" \
	2>"$tmp/findq.err"
sq=$?
grep -v "given again; read once" "$tmp/findall.err" | grep -v ": warning: " \
	>"$tmp/findall.problems"
n=$(grep -c '^{"source"' "$tmp/findall.jsonl")
u=$(sed -n 's/^{"source":"\([^"]*\)".*/\1/p' "$tmp/findall.jsonl" | sort -u | wc -l)
if [ "$st" -eq 0 ] && [ "$(grep -c '^{"source"' "$tmp/same/twice.jsonl")" -eq 2 ] &&
   [ "$(cat "$tmp/same/twice.err")" = "unmine: ./d1/x.txt: given again; read once" ] &&
   [ "$sf" -eq 1 ] && [ "$n" -eq 11 ] && [ "$u" -eq 11 ] &&
   grep -q "^unmine: $tmp/in/a/A_64_504.txt: given again; read once\$" "$tmp/findall.err" &&
   [ "$sq" -eq 1 ] && cmp -s "$tmp/findall.jsonl" "$tmp/findq.jsonl" &&
   [ -s "$tmp/findq.err" ] && cmp -s "$tmp/findall.problems" "$tmp/findq.err"
then ok; else
	fail "a file met twice without -o: status $st, $sf, $sq; $n documents, $u distinct"
	cat "$tmp/same/twice.err"
fi
# A file named as a line of a file of records, in another input, would
# get that record's output (r.jsonl/2 beside the records of r.jsonl):
# whichever comes second is not written, in either order; a file named
# past the last line, or not a line number, is no record's
mkdir -p "$tmp/rn/d1" "$tmp/rn/d2/r.jsonl"
printf '{"text":"Record one."}\n{"text":"Record two."}\n' >"$tmp/rn/d1/r.jsonl"
echo "Plain two." >"$tmp/rn/d2/r.jsonl/2"
echo "Plain three." >"$tmp/rn/d2/r.jsonl/3"
echo "Plain two again." >"$tmp/rn/d2/r.jsonl/02"
(cd "$tmp/rn" && run -p none d1 d2 -o o1 --errors e1.tsv 2>e1.err)
s1=$?
(cd "$tmp/rn" && run -p none d2 d1 -o o2 2>e2.err)
s2=$?
if [ "$s1" -eq 1 ] && [ "$s2" -eq 1 ] &&
   [ "$(cat "$tmp/rn/e1.err")" = "unmine: d2/r.jsonl/2: same output file as d1/r.jsonl:2 (o1/r.jsonl/2.xml); not written" ] &&
   [ "$(cut -f 1,2 "$tmp/rn/e1.tsv")" = "d2/r.jsonl/2	write" ] &&
   [ "$(cat "$tmp/rn/e2.err")" = "unmine: d1/r.jsonl:2: same output file as d2/r.jsonl/2 (o2/r.jsonl/2.xml); not written" ] &&
   grep -q '>Record two\.' "$tmp/rn/o1/r.jsonl/2.xml" &&
   grep -q '>Plain two\.' "$tmp/rn/o2/r.jsonl/2.xml" &&
   [ "$(ls "$tmp/rn/o1/r.jsonl" | tr '\n' ' ')" = "02.xml 1.xml 2.xml 3.xml " ] &&
   [ "$(ls "$tmp/rn/o2/r.jsonl" | tr '\n' ' ')" = "02.xml 1.xml 2.xml 3.xml " ]
then ok; else
	fail "a file named as a record's line: status $s1, $s2"
	cat "$tmp/rn/e1.err" "$tmp/rn/e2.err"
fi
# A document is a file under a name: hard links under two names are two
# documents, with -o or not, as a walk makes them.
mkdir -p "$tmp/hl"
ln "$tmp/in/c/MHL_57_2002.txt" "$tmp/hl/other.txt"
run -p none -f jsonl "$tmp/in/c/MHL_57_2002.txt" "$tmp/hl/other.txt" \
	>"$tmp/hl.jsonl" 2>"$tmp/hl.err"
st=$?
run -p none "$tmp/in/c/MHL_57_2002.txt" "$tmp/hl/other.txt" -o "$tmp/hlo" 2>>"$tmp/hl.err"
so=$?
if [ "$st" -eq 0 ] && [ "$so" -eq 0 ] && [ ! -s "$tmp/hl.err" ] &&
   [ "$(grep -c '^{"source"' "$tmp/hl.jsonl")" -eq 2 ] &&
   [ -f "$tmp/hlo/MHL_57_2002.txt.xml" ] && [ -f "$tmp/hlo/other.txt.xml" ]
then ok; else
	fail "hard links under two names: status $st, $so"
	cat "$tmp/hl.err"
fi
# A list names files: a FIFO in it (find without -type f) is left out as
# a walk leaves it out, not waited on for ever; on a list read from
# standard input, /dev/stdin is the list, not a document.
# Also a FIFO named as records (.jsonl, or any name with -i jsonl), and
# /dev/stdin when the rest of the list comes later, or when standard input
# is the list's file.
mkfifo "$tmp/lf.txt" "$tmp/lf.jsonl"
printf '{"text": "Geneva, 3 May 2001."}\n' >"$tmp/one.jsonl"
printf '%s\n' "$tmp/lf.txt" "$tmp/lf.jsonl" "$tmp/in/c/MHL_57_2002.txt" \
	>"$tmp/fifo.list"
timeout 60 "$unmine" -q -P "$pp" -p none -f jsonl --files-from "$tmp/fifo.list" \
	>"$tmp/fifo.out" 2>"$tmp/fifo.err"
s1=$?
printf '%s\n' "$tmp/lf.jsonl" "$tmp/one.jsonl" >"$tmp/fifo.list2"
timeout 60 "$unmine" -q -P "$pp" -p none -i jsonl -f jsonl --files-from \
	"$tmp/fifo.list2" >"$tmp/fifo2.out" 2>"$tmp/fifo2.err"
s3=$?
printf '%s\n' /dev/stdin "$tmp/in/c/MHL_57_2002.txt" |
	timeout 60 "$unmine" -q -P "$pp" -p none -f jsonl --files-from - \
	>"$tmp/devstdin.jsonl" 2>"$tmp/devstdin.err"
s2=$?
(printf '%s\n' /dev/stdin; sleep 1; printf '%s\n' "$tmp/one.jsonl") |
	timeout 60 "$unmine" -q -P "$pp" -p none -i jsonl -f jsonl --files-from - \
	>"$tmp/devstdin2.jsonl" 2>"$tmp/devstdin2.err"
s4=$?
printf '%s\n' /dev/stdin "$tmp/in/c/MHL_57_2002.txt" >"$tmp/devstdin.list"
timeout 60 "$unmine" -q -P "$pp" -p none -f jsonl --files-from - \
	<"$tmp/devstdin.list" >"$tmp/devstdin3.jsonl" 2>"$tmp/devstdin3.err"
s5=$?
refused="unmine: /dev/stdin: standard input holds the list of paths; not read as a document"
if [ "$s1" -eq 1 ] && [ "$(grep -c '^{"source"' "$tmp/fifo.out")" -eq 1 ] &&
   [ "$(cat "$tmp/fifo.err")" = "unmine: $tmp/lf.txt: not a regular file or directory; skipped
unmine: $tmp/lf.jsonl: not a regular file or directory; skipped" ] &&
   [ "$s3" -eq 1 ] && [ "$(grep -c '^{"source"' "$tmp/fifo2.out")" -eq 1 ] &&
   [ "$(cat "$tmp/fifo2.err")" = "unmine: $tmp/lf.jsonl: not a regular file or directory; skipped" ] &&
   [ "$s2" -eq 1 ] && [ "$(grep -c '^{"source"' "$tmp/devstdin.jsonl")" -eq 1 ] &&
   [ "$(cat "$tmp/devstdin.err")" = "$refused" ] &&
   [ "$s4" -eq 1 ] && [ "$(grep -c '^{"source"' "$tmp/devstdin2.jsonl")" -eq 1 ] &&
   [ "$(cat "$tmp/devstdin2.err")" = "$refused" ] &&
   [ "$s5" -eq 1 ] && [ "$(grep -c '^{"source"' "$tmp/devstdin3.jsonl")" -eq 1 ] &&
   [ "$(cat "$tmp/devstdin3.err")" = "$refused" ]
then ok; else
	fail "a FIFO or /dev/stdin in a list: status $s1, $s3, $s2, $s4, $s5"
	cat "$tmp/fifo.err" "$tmp/fifo2.err" "$tmp/devstdin.err" \
		"$tmp/devstdin2.err" "$tmp/devstdin3.err"
fi

# The output directory inside the input: made before the walk and left
# out of it, so that a second run reads the inputs only and writes the
# same files (and none under out/out).
mkdir -p "$tmp/inside"
cp corpus/A_64_504.txt corpus/MHL_57_2002.txt "$tmp/inside/"
run "$tmp/inside" -o "$tmp/inside/out" 2>/dev/null
s1=$?
(cd "$tmp/inside" && find . -type f | sort) >"$tmp/inside.1"
run "$tmp/inside" -o "$tmp/inside/out" 2>/dev/null
s2=$?
(cd "$tmp/inside" && find . -type f | sort) >"$tmp/inside.2"
if [ "$s1" -eq 0 ] && [ "$s2" -eq 0 ] && cmp -s "$tmp/inside.1" "$tmp/inside.2" &&
   [ "$(cat "$tmp/inside.2")" = "./A_64_504.txt
./MHL_57_2002.txt
./out/.unmine-settings
./out/A_64_504.txt.xml
./out/MHL_57_2002.txt.xml" ]; then ok; else
	fail "output inside the input: status $s1, $s2"
	cat "$tmp/inside.2"
fi

# 4. --shard: slices by the documents' names below their inputs, not by
# the paths as given: workers that reach the archive by other paths (an
# absolute and a relative one, ./in and in in lists) make the same slices.
names() {
	sed -n 's/^{"source":"\([^"]*\)".*/\1/p' "$@" |
		sed -e "s|^$tmp/in/||" -e 's|^\./in/||' -e 's|^in/||' | sort
}
run -p none -j 1 -f jsonl --shard 1/2 "$tmp/in" >"$tmp/sp.1" 2>/dev/null
(cd "$tmp" && "$unmine" -q -P "$pp" -p none -j 1 -f jsonl --shard 2/2 ./in \
	>sp.2 2>/dev/null)
(cd "$tmp" && find in -type f | sed 's|^|./|' >list.dot &&
	find in -type f >list.plain &&
	"$unmine" -q -P "$pp" -p none -f jsonl --shard 1/2 --files-from list.dot \
		>spl.1 2>/dev/null &&
	"$unmine" -q -P "$pp" -p none -f jsonl --shard 2/2 --files-from list.plain \
		>spl.2 2>/dev/null)
names "$tmp/j1.jsonl" >"$tmp/sp.whole"
names "$tmp/sp.1" "$tmp/sp.2" >"$tmp/sp.union"
names "$tmp/spl.1" "$tmp/spl.2" >"$tmp/spl.union"
if cmp -s "$tmp/sp.union" "$tmp/sp.whole" && cmp -s "$tmp/spl.union" "$tmp/sp.whole" &&
   [ -s "$tmp/sp.1" ] && [ -s "$tmp/sp.2" ]; then ok; else
	fail "shards of one archive by two paths do not add up to it"
	diff "$tmp/sp.whole" "$tmp/sp.union"
	diff "$tmp/sp.whole" "$tmp/spl.union"
fi
# N slices through GNU parallel add up to one run. Paths relative to the
# scratch directory, so that the slices are the same in every run of the
# test.
if command -v parallel >/dev/null 2>&1; then
	(cd "$tmp" && parallel --will-cite -j 3 "$unmine" -q -P "$pp" -j 1 -f jsonl \
		--shard {}/3 in ">" shard.{} "2>/dev/null" ::: 1 2 3)
	(cd "$tmp" && "$unmine" -q -P "$pp" -j 1 -f jsonl in 2>/dev/null) |
		sort >"$tmp/whole"
	cat "$tmp/shard.1" "$tmp/shard.2" "$tmp/shard.3" | sort >"$tmp/shards"
	if cmp -s "$tmp/shards" "$tmp/whole"; then ok; else
		fail "the union of 3 shards differs from one run"
	fi
	n1=$(wc -l <"$tmp/shard.1") n2=$(wc -l <"$tmp/shard.2") n3=$(wc -l <"$tmp/shard.3")
	if [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && [ "$n3" -gt 0 ]; then ok; else
		fail "a shard is empty ($n1 $n2 $n3)"
	fi
else
	fail "GNU parallel is not installed"
fi

# 5. --errors: one TSV line per failure, with its stage.
run -j 2 --errors "$tmp/errors.tsv" "$tmp/in" -o "$tmp/oe" 2>/dev/null
sed "s|$tmp|TMP|g" "$tmp/errors.tsv" >"$tmp/errors.rel"
printf 'TMP/in/a/dangling.txt\twalk\tbroken symbolic link\nTMP/in/c/bad.xml\tread\tmalformed XML at line 1: Opening and ending tag mismatch: p line 1 and doc\n' >"$tmp/errors.want"
if cmp -s "$tmp/errors.want" "$tmp/errors.rel"; then ok; else
	fail "--errors file"
	cat "$tmp/errors.rel"
fi

# A file whose name holds a tab and a line end, and one whose name holds
# a backslash and an n: still three fields, each name written so that
# printf %b gives it back whole.
mkdir -p "$tmp/tabbed"
printf '<doc><p>bad</doc>' >"$tmp/tabbed/$(printf 'a\tb\nc.xml')"
printf '<doc><p>bad</doc>' >"$tmp/tabbed/$(printf 'a\\nb.xml')"
run --errors "$tmp/tabbed.tsv" "$tmp/tabbed" -o "$tmp/ot" 2>/dev/null
sed "s|$tmp|TMP|g" "$tmp/tabbed.tsv" >"$tmp/tabbed.rel"
printf '%s\tread\tmalformed XML at line 1: Opening and ending tag mismatch: p line 1 and doc\n' \
	'TMP/tabbed/a\tb\nc.xml' 'TMP/tabbed/a\\nb.xml' >"$tmp/tabbed.want"
back1=$(sed -n 1p "$tmp/tabbed.tsv" | cut -f 1)
back2=$(sed -n 2p "$tmp/tabbed.tsv" | cut -f 1)
if cmp -s "$tmp/tabbed.want" "$tmp/tabbed.rel" &&
   [ "$(printf '%b' "$back1")" = "$tmp/tabbed/$(printf 'a\tb\nc.xml')" ] &&
   [ "$(printf '%b' "$back2")" = "$tmp/tabbed/$(printf 'a\\nb.xml')" ]; then ok; else
	fail "--errors with a tab, a line end or a backslash in a file name"
	cat "$tmp/tabbed.rel"
fi
# The README's recipe: the failed files, fixed, done again from the list
# land where the first run would have put them, and so does --resume.
mkdir -p "$tmp/redo/archive/sub"
printf '<doc><p>bad</doc>' >"$tmp/redo/archive/sub/$(printf 'a\tb.xml')"
printf '<doc><p>bad</doc>' >"$tmp/redo/archive/c.xml"
printf 'Good.\n' >"$tmp/redo/archive/ok.txt"
(cd "$tmp/redo" && run -p none --errors failed.tsv archive/ -o out/ 2>/dev/null)
s1=$?
printf '<doc><p>fixed</p></doc>' >"$tmp/redo/archive/sub/$(printf 'a\tb.xml')"
printf '<doc><p>fixed</p></doc>' >"$tmp/redo/archive/c.xml"
(cd "$tmp/redo" &&
 cut -f 1 failed.tsv | while IFS= read -r p; do printf '%b\0' "${p#archive/}"; done |
   (cd archive && run -p none -0 --files-from - -o ../out/ 2>/dev/null))
s2=$?
got=$(cd "$tmp/redo/out" && find . -type f ! -name .unmine-settings | sort | tr '\n' ' ')
if [ "$s1" -eq 1 ] && [ "$s2" -eq 0 ] &&
   [ "$got" = "$(printf './c.xml.xml ./ok.txt.xml ./sub/a\tb.xml.xml ')" ]
then ok; else
	fail "the README's recipe for the failed files: status $s1, $s2; $got"
fi
# An --errors file that cannot be written: said once, in its place, a
# problem (status 1 even if no document failed after it).
mkdir -p "$tmp/ef"
printf 'a\000b' >"$tmp/ef/a.txt"
printf 'a\000b' >"$tmp/ef/b.txt"
run -p none "$tmp/ef" -o "$tmp/efo" --errors /dev/full 2>"$tmp/ef.err"
s=$?
sed "s|$tmp|TMP|g" "$tmp/ef.err" >"$tmp/ef.rel"
printf '%s\n' "unmine: TMP/ef/a.txt: binary file (NUL byte at offset 1)" \
	"unmine: /dev/full: cannot write: No space left on device; the failures after it are on standard error only" \
	"unmine: TMP/ef/b.txt: binary file (NUL byte at offset 1)" >"$tmp/ef.want"
if [ "$s" -eq 1 ] && cmp -s "$tmp/ef.want" "$tmp/ef.rel"; then ok; else
	fail "an --errors file that cannot be written (status $s)"
	cat "$tmp/ef.err"
fi
# An --errors pipe whose reader is gone (here it opens the FIFO and
# leaves without reading): the same, the run goes on to its end, not
# stopped by SIGPIPE as it is when standard output's reader is gone. The
# failures write more than a pipe holds (64 KiB), so that a write fails
# whenever the reader leaves.
mkdir -p "$tmp/efm"
i=0
while [ "$i" -lt 1500 ]; do
	printf 'a\000b' >"$tmp/efm/b$i.txt"
	i=$((i + 1))
done
rm -f "$tmp/ef.fifo"
mkfifo "$tmp/ef.fifo"
(: <"$tmp/ef.fifo") &
run -p none -f jsonl "$tmp/efm" "$tmp/in/A_64_504.txt" --errors "$tmp/ef.fifo" \
	>"$tmp/efp.jsonl" 2>"$tmp/efp.err"
s=$?
wait
if [ "$s" -eq 1 ] &&
   [ "$(grep -c ': binary file (NUL byte at offset 1)$' "$tmp/efp.err")" -eq 1500 ] &&
   [ "$(grep -v ': binary file (NUL byte at offset 1)$' "$tmp/efp.err")" = "unmine: $tmp/ef.fifo: cannot write: Broken pipe; the failures after it are on standard error only" ] &&
   [ "$(wc -l <"$tmp/efp.jsonl")" -eq 1 ]; then ok; else
	fail "an --errors pipe whose reader is gone (status $s)"
	grep -v ': binary file' "$tmp/efp.err"
fi
# --exit-zero: failed documents are named, the status is 0; an output
# that cannot be written is still 1.
run -p none -f jsonl --exit-zero "$tmp/ef" "$tmp/in/A_64_504.txt" >"$tmp/ez.jsonl" 2>"$tmp/ez.err"
s=$?
run -p none -f jsonl --exit-zero "$tmp/in/A_64_504.txt" >/dev/full 2>/dev/null
s2=$?
# under -o, a file that cannot be written (a directory in its place);
# -o DIR/ names it DIR/NAME too
mkdir -p "$tmp/ezo/A_64_504.txt.xml"
run -p none --exit-zero "$tmp/in/A_64_504.txt" -o "$tmp/ezo//" 2>"$tmp/ezo.err"
s3=$?
if [ "$s" -eq 0 ] && [ "$s2" -eq 1 ] && [ "$s3" -eq 1 ] &&
   [ "$(wc -l <"$tmp/ez.jsonl")" -eq 1 ] &&
   [ "$(grep -c 'binary file' "$tmp/ez.err")" -eq 2 ] &&
   [ "$(cat "$tmp/ezo.err")" = "unmine: $tmp/in/A_64_504.txt: cannot write $tmp/ezo/A_64_504.txt.xml: Is a directory" ]
then ok; else
	fail "--exit-zero (status $s, $s2, $s3)"
	cat "$tmp/ezo.err"
	cat "$tmp/ez.err"
fi
# On stderr the same name stays on one line, and an escape in a name
# cannot drive the terminal: control characters written \t, \n, \xHH,
# and a backslash \\, so that a name's "\n" is not a line end's.
printf '<doc><p>bad</doc>' >"$tmp/tabbed/$(printf 'e\033[2Jf.xml')"
run -j 2 "$tmp/tabbed" -o "$tmp/ot2" 2>"$tmp/tabbed.err"
sed "s|$tmp|TMP|g" "$tmp/tabbed.err" >"$tmp/tabbed.err.rel"
printf '%s\n' 'unmine: TMP/tabbed/a\tb\nc.xml: malformed XML at line 1: Opening and ending tag mismatch: p line 1 and doc' \
	'unmine: TMP/tabbed/a\\nb.xml: malformed XML at line 1: Opening and ending tag mismatch: p line 1 and doc' \
	'unmine: TMP/tabbed/e\x1b[2Jf.xml: malformed XML at line 1: Opening and ending tag mismatch: p line 1 and doc' >"$tmp/tabbed.err.want"
if cmp -s "$tmp/tabbed.err.want" "$tmp/tabbed.err.rel"; then ok; else
	fail "control characters of a file name on stderr"
	cat -A "$tmp/tabbed.err.rel"
fi
# so are a C1 control (U+009B, a CSI to some terminals) and bytes that
# are not UTF-8 (Latin-1); other UTF-8 is written as it is
mkdir -p "$tmp/c1"
printf '<doc><p>bad</doc>' >"$tmp/c1/$(printf 'caf\351-\302\233-\303\251.xml')"
run "$tmp/c1" -o "$tmp/c1o" 2>"$tmp/c1.err"
sed "s|$tmp|TMP|g" "$tmp/c1.err" >"$tmp/c1.rel"
printf 'unmine: TMP/c1/caf\\xe9-\\xc2\\x9b-\303\251.xml: malformed XML at line 1: Opening and ending tag mismatch: p line 1 and doc\n' >"$tmp/c1.want"
if cmp -s "$tmp/c1.want" "$tmp/c1.rel"; then ok; else
	fail "a C1 control and Latin-1 in a file name on stderr"
	cat -A "$tmp/c1.rel"
fi

# 6. --resume: killed with SIGKILL at several moments, then resumed, the
# output is that of one uninterrupted run.
for delay in 0.05 0.2 0.5 1; do
	rm -rf "$tmp/ok"
	"$unmine" -q -P "$pp" -j 2 "$tmp/in" -o "$tmp/ok" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	run -j 2 --resume "$tmp/in" -o "$tmp/ok" 2>/dev/null
	if diff -r "$tmp/o1" "$tmp/ok" >/dev/null; then ok; else
		fail "resumed after a kill at ${delay}s: output differs"
		diff -r "$tmp/o1" "$tmp/ok" | head -5
	fi
done
# a temporary file left by a run killed while it wrote a file again (a
# run without --resume over a whole output): --resume, which finds the
# file done, removes it
: >"$tmp/ok/A_64_504.txt.xml.tmp"
run -j 2 --resume "$tmp/in" -o "$tmp/ok" 2>/dev/null
if [ ! -e "$tmp/ok/A_64_504.txt.xml.tmp" ] && diff -r "$tmp/o1" "$tmp/ok" >/dev/null
then ok; else
	fail "a temporary file beside a done output is left by --resume"
fi
# a link in the place of the temporary file, symbolic or hard (a copy
# made with cp -al): the temporary file is made anew, the file the link
# leads to left alone
mkdir -p "$tmp/lk"
printf 'Text.\n' >"$tmp/lk/a.txt"
for how in -s ''; do
	rm -rf "$tmp/lko"
	mkdir -p "$tmp/lko"
	printf 'precious\n' >"$tmp/victim"
	ln $how "$tmp/victim" "$tmp/lko/a.txt.xml.tmp"
	run -p none "$tmp/lk" -o "$tmp/lko" 2>"$tmp/lk.err"
	s=$?
	if [ "$s" -eq 0 ] && [ "$(cat "$tmp/victim")" = precious ] &&
	   [ ! -e "$tmp/lko/a.txt.xml.tmp" ] && [ ! -h "$tmp/lko/a.txt.xml.tmp" ] &&
	   grep -q '>Text\.' "$tmp/lko/a.txt.xml"; then ok; else
		fail "a link ($how) in the place of the temporary file (status $s)"
		cat "$tmp/lk.err"
	fi
done
# An input name of 248 to 251 bytes gives an output name of 252 to 255,
# which a file system takes, but NAME.tmp it would not: such a file is
# written under a shorter temporary name
mkdir -p "$tmp/ln/in"
b244=$(printf 'b%.0s' $(seq 244))
echo "Long one." >"$tmp/ln/in/$b244.txt"
echo "Longer." >"$tmp/ln/in/${b244}bbb.txt"
run -p none "$tmp/ln/in" -o "$tmp/ln/out" 2>"$tmp/ln.err"
s=$?
if [ "$s" -eq 0 ] && [ ! -s "$tmp/ln.err" ] &&
   [ "$(ls -A "$tmp/ln/out" | wc -l)" -eq 3 ] &&
   grep -q '>Long one\.' "$tmp/ln/out/$b244.txt.xml" &&
   grep -q '>Longer\.' "$tmp/ln/out/${b244}bbb.txt.xml"; then ok; else
	fail "an output name that NAME.tmp would make too long (status $s)"
	cat "$tmp/ln.err"
fi
# Two runs at once on one output directory: an output whose temporary
# file another run holds (here flock(1), which keeps it locked while the
# run goes on) is not written into; that document fails, the others are
# written, and --resume does it once the lock is gone. --resume leaves
# such a file to its run, where it removes one a killed run left.
mkdir -p "$tmp/cc/in" "$tmp/cc/out"
printf 'One.\n' >"$tmp/cc/in/a.txt"
printf 'Two.\n' >"$tmp/cc/in/b.txt"
flock "$tmp/cc/out/a.txt.xml.tmp" "$unmine" -q -P "$pp" -p none -j 2 \
	"$tmp/cc/in" -o "$tmp/cc/out" 2>"$tmp/cc.err"
s1=$?
lst1=$(cd "$tmp/cc/out" && ls -A)
run -p none --resume "$tmp/cc/in" -o "$tmp/cc/out" 2>>"$tmp/cc.err"
s2=$?
: >"$tmp/cc/out/b.txt.xml.tmp"
flock "$tmp/cc/out/b.txt.xml.tmp" "$unmine" -q -P "$pp" -p none --resume \
	"$tmp/cc/in" -o "$tmp/cc/out" 2>>"$tmp/cc.err"
s3=$?
lst3=$(cd "$tmp/cc/out" && ls -A | tr '\n' ' ')
if [ "$s1" -eq 1 ] && [ "$s2" -eq 0 ] && [ "$s3" -eq 0 ] &&
   [ "$(cat "$tmp/cc.err")" = "unmine: $tmp/cc/in/a.txt: cannot write $tmp/cc/out/a.txt.xml.tmp: another run is writing it" ] &&
   [ "$lst1" = ".unmine-settings
a.txt.xml.tmp
b.txt.xml" ] &&
   [ "$lst3" = ".unmine-settings a.txt.xml b.txt.xml b.txt.xml.tmp " ] &&
   grep -q '>One\.' "$tmp/cc/out/a.txt.xml"; then ok; else
	fail "two runs on one output: status $s1, $s2, $s3; $lst1; $lst3"
	cat "$tmp/cc.err"
fi
# The settings of a run killed while it wrote them are left under a name
# of their own: the next run removes them, unless a run holds them.
mkdir -p "$tmp/st/out"
: >"$tmp/st/out/.unmine-settings.abc123"
: >"$tmp/st/out/.unmine-settings.def456"
flock "$tmp/st/out/.unmine-settings.def456" "$unmine" -q -P "$pp" -p none \
	"$tmp/cc/in" -o "$tmp/st/out" 2>"$tmp/st.err"
s1=$?
if [ "$s1" -eq 0 ] && [ ! -s "$tmp/st.err" ] &&
   [ "$(cd "$tmp/st/out" && ls -A | tr '\n' ' ')" = ".unmine-settings .unmine-settings.def456 a.txt.xml b.txt.xml " ]; then ok; else
	fail "settings left by a killed run: status $s1; $(ls -A "$tmp/st/out")"
	cat "$tmp/st.err"
fi
# A full disk under -o stops the run as a failed standard output does:
# the document that met it fails, the ones not yet begun are not read
# (each would fail the same way), status 1, and --resume does the rest
# once there is room. Needs a small file system of its own: run as root
# where mounting one is allowed (CI is), and said when it is not.
mkdir -p "$tmp/fullin" "$tmp/full"
for k in $(seq 1 40); do cp corpus/A_64_504.txt "$tmp/fullin/d$k.txt"; done
if mount -t tmpfs -o size=256k tmpfs "$tmp/full" 2>/dev/null; then
	run -j 2 "$tmp/fullin" -o "$tmp/full/out" 2>"$tmp/full.err"
	s=$?
	n=$(find "$tmp/full/out" -name '*.xml' | wc -l)
	last=$(tail -n 1 "$tmp/full.err")
	nfail=$(grep -c 'No space left on device$' "$tmp/full.err")
	umount "$tmp/full"
	if [ "$s" -eq 1 ] && [ "$n" -gt 0 ] && [ "$n" -lt 39 ] && [ "$nfail" -le 2 ] &&
	   [ "$last" = "unmine: cannot write into $tmp/full/out: No space left on device; the documents not yet begun were not read (--resume does them)" ]
	then ok; else
		fail "a full disk under -o (status $s, $n written, $nfail failed)"
		tail -3 "$tmp/full.err"
	fi
else
	echo "batch: a full disk under -o not tested (no tmpfs can be mounted here)"
fi
# an output has the time its input had when it was read
if [ "$(stat -c %y "$tmp/in/A_64_504.txt")" = "$(stat -c %y "$tmp/ok/A_64_504.txt.xml")" ]
then ok; else
	fail "an output without its input's time"
fi
# a resumed run skips what is done: nothing is written again (a file
# written again is a new one, renamed into place)
ino=$(stat -c %i "$tmp/ok/A_64_504.txt.xml")
run --resume "$tmp/in" -o "$tmp/ok" 2>/dev/null
if [ "$(stat -c %i "$tmp/ok/A_64_504.txt.xml")" = "$ino" ]; then ok; else
	fail "--resume wrote a finished document again"
fi
# The times are compared at the precision of the output's file system,
# which a run finds out (check_mtime.c tests coarser ones): this one keeps
# every nanosecond, so an output whose time was cut down (to whole
# seconds, two on FAT, hundredths on exFAT) is not the input's time
touch -d '2001-02-03 04:05:07.123456789' "$tmp/in/A_64_504.txt"
run "$tmp/in/A_64_504.txt" -o "$tmp/okc" 2>/dev/null
for t in '07.123456789 same' '07 other' '06 other' '07.12 other' \
	'07.123 other' '05 other' '08 other' '07.2 other' '07.1235 other'; do
	ino=$(stat -c %i "$tmp/okc/A_64_504.txt.xml")
	touch -d "2001-02-03 04:05:${t% *}" "$tmp/okc/A_64_504.txt.xml"
	run --resume "$tmp/in/A_64_504.txt" -o "$tmp/okc" 2>/dev/null
	got=other
	[ "$(stat -c %i "$tmp/okc/A_64_504.txt.xml")" = "$ino" ] && got=same
	if [ "$got" = "${t#* }" ]; then ok; else
		fail "--resume with an output of the time ${t% *}: taken as $got"
	fi
done
# an input with a time of whole seconds (as tar, unzip and touch -d give),
# edited and given a time one second later, is done again: the even
# second before it is not taken for a time FAT cut down
mkdir -p "$tmp/ws"
echo "first version" >"$tmp/ws/a.txt"
touch -d @1600000000 "$tmp/ws/a.txt"
run -p none "$tmp/ws" -o "$tmp/wso" 2>/dev/null
echo "second version" >"$tmp/ws/a.txt"
touch -d @1600000001 "$tmp/ws/a.txt"
run -p none --resume "$tmp/ws" -o "$tmp/wso" 2>/dev/null
if grep -q 'second version' "$tmp/wso/a.txt.xml" &&
   [ "$(ls -A "$tmp/wso" | tr '\n' ' ')" = ".unmine-settings a.txt.xml " ]
then ok; else
	fail "--resume kept the output of an input edited a second later"
fi
# but an input changed since is done again: given a later time (edited),
# or an earlier one (put back by rsync -a, cp -p or tar, which keep the
# time of their source)
for when in '2030-01-01' '2000-01-01'; do
	ino=$(stat -c %i "$tmp/ok/A_64_504.txt.xml")
	touch -d "$when" "$tmp/in/A_64_504.txt"
	run --resume "$tmp/in" -o "$tmp/ok" 2>/dev/null
	if [ "$(stat -c %i "$tmp/ok/A_64_504.txt.xml")" != "$ino" ] &&
	   cmp -s "$tmp/o1/A_64_504.txt.xml" "$tmp/ok/A_64_504.txt.xml"; then ok; else
		fail "--resume kept the output of an input given the time $when"
	fi
done

# 6b. An output directory holds files of one set of settings, kept in it
# by the first run; a run with others, resumed or not, is refused before
# anything is written (its --errors file too), as it would leave files of
# two kinds side by side.
ver=$("$unmine" --version | cut -d' ' -f2)
run -p acronyms,dates,references -f standoff --lang fr --elements s,p,s \
	-O references.set-symbol=off -O dates.durations=no -O dates.relative=YES \
	-O acronyms.min-length=3 "$tmp/in/A_64_504.txt" -o "$tmp/os1" 2>/dev/null
printf '%s\n' "# The settings this directory's files were written with: unmine writes" \
	"# no files of other settings here." "unmine $ver" "format standoff" \
	"input-format auto" "elements p,s" "lang fr" "plugin acronyms 0.1.0" \
	"option acronyms.min-length=3" "plugin dates 1.0" \
	"option dates.durations=no" "plugin references 1.0" \
	"option references.set-symbol=no" >"$tmp/os1.want"
if cmp -s "$tmp/os1.want" "$tmp/os1/.unmine-settings"; then ok; else
	fail "settings file of an output directory"
	diff "$tmp/os1.want" "$tmp/os1/.unmine-settings" | head -5
fi
# the same settings said otherwise: another order, spellings, repeats,
# --elements given twice, defaults given; and the file as another system may have left it (CR LF,
# no last line end, another comment)
{ echo '# written by hand'; sed -e '/^#/d' -e 's/$/\r/' "$tmp/os1.want"; } |
	head -c -2 >"$tmp/os1/.unmine-settings"
out=$("$unmine" -q -P "$pp" --resume -p references,dates,acronyms \
	-f standoff --lang fr --elements p --elements s -O dates.durations=0 \
	-O dates.relative=1 -O references.set-symbol=yes \
	-O references.set-symbol=FALSE -O acronyms.min-length=03 \
	"$tmp/in/A_64_504.txt" -o "$tmp/os1" 2>&1)
s=$?
if [ "$s" -eq 0 ] && [ -z "$out" ]; then ok; else
	fail "the same settings said otherwise were refused (status $s)"
	echo "$out"
fi
# two first runs at once with other settings: one of them, never both
both=0
for k in 1 2 3 4 5 6 7 8 9 10; do
	rm -rf "$tmp/orace"
	run -p none "$tmp/in/A_64_504.txt" -o "$tmp/orace" 2>/dev/null &
	p1=$!
	run -p none -f jsonl "$tmp/in/A_64_504.txt" -o "$tmp/orace" 2>/dev/null &
	p2=$!
	wait "$p1"
	s1=$?
	wait "$p2"
	s2=$?
	[ "$s1$s2" = 02 ] || [ "$s1$s2" = 20 ] || both=$((both + 1))
done
if [ "$both" -eq 0 ] && [ "$(ls -A "$tmp/orace" | grep -c '^\.unmine-settings')" -eq 1 ]
then ok; else
	fail "two first runs into one directory: $both of 10 not one and one"
fi
# refused WHY ARGS...: status 2, the line, nothing new written
refused() {
	why=$1
	shift
	echo kept >"$tmp/errors.tsv"
	before=$(find "$tmp/ok" | sort | md5sum)
	out=$("$unmine" -q -P "$pp" --errors "$tmp/errors.tsv" "$@" "$tmp/in" \
		-o "$tmp/ok" 2>&1)
	s=$?
	want="unmine: $tmp/ok/.unmine-settings: the files there were made with other settings ($why); write into another directory, or empty this one first"
	if [ "$s" -eq 2 ] && [ "$out" = "$want" ] &&
	   [ "$(find "$tmp/ok" | sort | md5sum)" = "$before" ] &&
	   [ "$(cat "$tmp/errors.tsv")" = kept ]; then ok; else
		fail "$* not refused as it should be (status $s)"
		echo "$out"
	fi
}
refused 'they have "format xml", this run "format jsonl"' --resume -f jsonl
refused 'they have "format xml", this run "format jsonl"' -f jsonl
refused 'they have "lang en", this run "lang fr"' --resume --lang fr
refused 'they have "plugin acronyms 0.1.0", this run "plugin dates 1.0"' \
	--resume -p dates,references
refused 'this run has "option themes.top=3", they do not' -O themes.top=3
# a file an option names counts by what is in it, not where it is
cp tests/themes/small.xml "$tmp/tax.xml"
run --taxonomy "$tmp/tax.xml" "$tmp/in/A_64_504.txt" -o "$tmp/otax" 2>/dev/null
s1=$?
(cd "$tmp" && "$unmine" -q -P "$pp" --resume --taxonomy ./tax.xml \
	in/A_64_504.txt -o otax) >/dev/null 2>&1
s2=$?
echo '<!-- edited -->' >>"$tmp/tax.xml"
out=$(run --resume --taxonomy "$tmp/tax.xml" "$tmp/in/A_64_504.txt" \
	-o "$tmp/otax" 2>&1)
s3=$?
case $out in
*'(they have "option themes.taxonomy=a file of '*' bytes, FNV-1a '*'", this run "option themes.taxonomy=a file of '*) r=ok ;;
*) r=no ;;
esac
if [ "$s1" -eq 0 ] && [ "$s2" -eq 0 ] && [ "$s3" -eq 2 ] && [ "$r" = ok ]; then ok; else
	fail "a taxonomy file in the settings (status $s1, $s2, $s3)"
	echo "$out"
fi
# a settings file that cannot be read: a clear line, status 2
mkdir -p "$tmp/odir/.unmine-settings"
out=$(run "$tmp/in/A_64_504.txt" -o "$tmp/odir" 2>&1)
s=$?
if [ "$s" -eq 2 ] &&
   [ "$out" = "unmine: cannot read $tmp/odir/.unmine-settings: Is a directory" ]
then ok; else
	fail "a settings file that is a directory (status $s)"
	echo "$out"
fi

# 7. SIGINT and SIGTERM: stop after the documents in flight, status 130
# and 143, say so. The paths come through a pipe that stays open, so the
# run cannot end before the signal, however fast it is: the signal once a
# document is written, while the run waits for the next path; the list
# ends only after the run (a watchdog kills a run still there after 30 s).
# stop_check SIGNAL STATUS WORD
stop_check() {
	rm -rf "$tmp/oi" "$tmp/fifo"
	mkfifo "$tmp/fifo"
	$dfl "$unmine" -P "$pp" -j 2 --files-from "$tmp/fifo" -o "$tmp/oi" \
		2>"$tmp/int.err" &
	pid=$!
	trap '' PIPE              # a run that died must not stop the test
	exec 3<>"$tmp/fifo"       # read-write: no wait for the reader
	echo "$tmp/in" >&3
	for i in $(seq 100); do
		find "$tmp/oi" -name '*.xml' 2>/dev/null | grep -q . && break
		sleep 0.1
	done
	kill -"$1" "$pid"
	(sleep 30; kill -KILL "$pid") >/dev/null 2>&1 &
	watchdog=$!
	wait "$pid"
	st=$?
	kill "$watchdog" 2>/dev/null
	exec 3>&-
	trap - PIPE
	if [ "$st" -eq "$2" ] &&
	   grep -q "^unmine: $3: [0-9]* documents done" "$tmp/int.err" &&
	   ! find "$tmp/oi" -name '*.tmp' | grep -q .; then ok; else
		fail "SIG$1: status $st"
		cat "$tmp/int.err"
	fi
}
stop_check INT 130 interrupted
stop_check TERM 143 terminated

# Documents waiting in the queue when the signal comes are not begun:
# eight documents at -j 2 through a test plugin that holds each one until
# it is let go; SIGINT once both workers hold one, then let go: those two
# are finished and written, the six queued behind them are not begun
# (without the stop, all eight were). A watchdog lets go after 30 s.
mkdir -p "$tmp/slow" "$tmp/slowplug"
cp "$top_builddir/tests/.libs/tp_slow.so" "$tmp/slowplug/"
for k in 1 2 3 4 5 6 7 8; do printf 'Text %s.\n' "$k" >"$tmp/slow/d$k.txt"; done
# held CTL N ARGS...: unmine ARGS with the test plugin tp-slow, which
# holds each document until CTL/go exists, in the background ($pid, with
# SIGINT), and a watchdog ($watchdog) that lets go after 30 s; returns
# once N documents are held (the plugin numbers them CTL/started.K).
held() {
	ctl=$1 n=$2
	shift 2
	mkdir -p "$ctl"
	TP_SLOW_DIR="$ctl" $dfl "$unmine" -q -P "$tmp/slowplug" --plugins tp-slow "$@" &
	pid=$!
	(sleep 30; touch "$ctl/go") >/dev/null 2>&1 &
	watchdog=$!
	for i in $(seq 600); do
		[ -e "$ctl/started.$n" ] && break
		sleep 0.05
	done
}
held "$tmp/slowctl" 2 -j 2 "$tmp/slow" -o "$tmp/os" 2>"$tmp/slow.err"
kill -INT "$pid"
sleep 0.2
touch "$tmp/slowctl/go"
wait "$pid"
st=$?
kill "$watchdog" 2>/dev/null
n=$(find "$tmp/os" -name '*.xml' | wc -l)
if [ "$st" -eq 130 ] && [ "$n" -eq 2 ] &&
   grep -q "^unmine: interrupted: 2 documents done, the rest not started$" "$tmp/slow.err"; then
	ok
else
	fail "queued documents begun after SIGINT (status $st, $n written)"
	cat "$tmp/slow.err"
fi
# A second signal does not wait for the documents in flight: the run dies
# of it at once, while the test plugin still holds its document.
rm -rf "$tmp/slowctl" "$tmp/os2"
held "$tmp/slowctl" 1 -j 1 "$tmp/slow" -o "$tmp/os2" 2>"$tmp/slow2.err"
kill -INT "$pid"
sleep 0.3
alive=0
kill -0 "$pid" 2>/dev/null && alive=1
kill -INT "$pid"
wait "$pid"
st=$?
held=0
[ -e "$tmp/slowctl/go" ] || held=1
kill "$watchdog" 2>/dev/null
touch "$tmp/slowctl/go"
if [ "$alive" -eq 1 ] && [ "$held" -eq 1 ] && [ "$st" -eq 130 ] &&
   [ "$(tail -n 1 "$tmp/slow2.err")" = "unmine: stopped at once (a second signal); the documents in flight are lost" ]
then ok; else
	fail "a second SIGINT (status $st, alive after the first $alive, held $held)"
	cat "$tmp/slow2.err"
fi
# SIGINT ignored when the run starts (as a shell leaves it for a job in
# the background) stays ignored: the run waits for its list and ends well.
# The signal is sent once the process is unmine itself (not the shell
# before its exec, nor libtool's wrapper) and waits on its list; the list
# is written through a descriptor the test holds open both ways, so that
# the test does not block if unmine died.
mkfifo "$tmp/ign.fifo"
(trap '' INT; exec "$unmine" -q -P "$pp" -p none -f jsonl --files-from "$tmp/ign.fifo" \
	>"$tmp/ign.jsonl" 2>"$tmp/ign.err") &
pid=$!
for i in $(seq 100); do
	case $(readlink "/proc/$pid/exe" 2>/dev/null) in
	*/unmine|*/lt-unmine) break ;;
	esac
	sleep 0.05
done
sleep 0.3
kill -INT "$pid"
sleep 0.3
alive=0
kill -0 "$pid" 2>/dev/null && alive=1
exec 3<>"$tmp/ign.fifo"
echo corpus/A_64_504.txt >&3
exec 3>&-
(sleep 30; kill -KILL "$pid") >/dev/null 2>&1 &
watchdog=$!
wait "$pid"
st=$?
kill "$watchdog" 2>/dev/null
if [ "$alive" -eq 1 ] && [ "$st" -eq 0 ] && [ "$(wc -l <"$tmp/ign.jsonl")" -eq 1 ]
then ok; else
	fail "SIGINT ignored at the start (status $st, alive $alive)"
	cat "$tmp/ign.err"
fi

# 8. On a terminal (script(1) gives one): the count of the documents to
# do as it goes, then a progress line with the total, then the summary;
# with -q, none of them.
if command -v script >/dev/null 2>&1; then
	script -qec "'$unmine' -P '$pp' -j 2 '$tmp/in' -o '$tmp/ot'" /dev/null \
		</dev/null 2>&1 | tr '\r' '\n' >"$tmp/tty"
	if grep -q '^unmine: 12/12 documents, [0-9.]* MB/s, 1 failed' "$tmp/tty" &&
	   grep -q '^unmine: 12 documents, 1 failed, [0-9.]* MB of text in' "$tmp/tty"; then
		ok
	else
		fail "no progress line or summary on a terminal"
		cat "$tmp/tty"
	fi
	if grep -q '^unmine: counting the documents to do: 1 ' "$tmp/tty"; then
		ok
	else
		fail "no count of the documents to do on a terminal"
		cat "$tmp/tty"
	fi
	# the total is what the run does: a file of records given twice,
	# a FIFO in a list and a line for standard input count for nothing
	printf '{"text": "a"}\n{"text": "b"}\n{"text": "c"}\n' >"$tmp/three.jsonl"
	printf '%s\n' "$tmp/three.jsonl" "$tmp/lf.txt" "$tmp/one.jsonl" \
		"$tmp/./three.jsonl" "$tmp//one.jsonl" >"$tmp/tot.list"
	timeout 60 script -qec "'$unmine' -P '$pp' -p none -f jsonl --files-from '$tmp/tot.list' >/dev/null" \
		/dev/null </dev/null 2>&1 | tr '\r' '\n' >"$tmp/ttytot"
	if grep -q '^unmine: 4/4 documents' "$tmp/ttytot" &&
	   ! grep -q '^unmine: [0-9]*/[0-35-9]' "$tmp/ttytot"; then ok; else
		fail "the progress total with files met twice and a FIFO listed"
		cat "$tmp/ttytot"
	fi
	script -qec "'$unmine' -q -P '$pp' -j 2 '$tmp/in' -o '$tmp/oq'" /dev/null \
		</dev/null 2>&1 | tr '\r' '\n' >"$tmp/ttyq"
	if ! grep -q 'documents' "$tmp/ttyq"; then ok; else
		fail "-q printed progress"
	fi
	# a list of paths from a pipe is read once, by the run, not by the
	# count for the progress line, which then shows no total
	script -qec "find '$tmp/in/a' -type f | '$unmine' -p none --files-from - -f jsonl; find '$tmp/in/a' -type f | '$unmine' -p none --files-from /dev/stdin -f jsonl" \
		/dev/null </dev/null 2>&1 | tr '\r' '\n' >"$tmp/ttyl"
	if [ "$(grep -c '^{"source"' "$tmp/ttyl")" -eq 6 ] &&
	   [ "$(grep -c '^unmine: 3 documents, 0 failed' "$tmp/ttyl")" -eq 2 ] &&
	   ! grep -q '^unmine: [0-9]*/' "$tmp/ttyl" &&
	   ! grep -q 'counting' "$tmp/ttyl"; then ok; else
		fail "a list of paths from a pipe on a terminal"
		cat "$tmp/ttyl"
	fi
fi

# 9. --max-memory: a document whose estimate (192 bytes a token and 24 a
# byte of text) is over it is refused with one line, the others are done;
# under it, documents too large to be annotated together wait for one
# another, and the output is that of a run without a limit.
mkdir -p "$tmp/mem"
yes a | head -n 1000 | tr '\n' ' ' >"$tmp/mem/big.txt"  # 2,000 tokens
printf 'The General Assembly met on 1 May 2000 in Geneva.\n' >"$tmp/mem/small.txt"
run --max-memory 100K --errors "$tmp/mem.tsv" "$tmp/mem" >"$tmp/mem.xml" 2>"$tmp/mem.err"
s=$?
sed "s|$tmp|TMP|g" "$tmp/mem.err" >"$tmp/mem.rel"
printf 'unmine: TMP/mem/big.txt: needs about 421.9K of memory to annotate (2000 tokens), over --max-memory (100.0K)\n' >"$tmp/mem.want"
if [ "$s" -eq 1 ] && cmp -s "$tmp/mem.want" "$tmp/mem.rel" &&
   [ "$(grep -c '<document ' "$tmp/mem.xml")" -eq 1 ] &&
   grep -q "<document source=\"$tmp/mem/small.txt\"" "$tmp/mem.xml" &&
   [ "$(cut -f 2 "$tmp/mem.tsv")" = annotate ]; then ok; else
	fail "a document over --max-memory (status $s)"
	cat "$tmp/mem.rel"
fi
# the text of a refused document is not counted as done in the summary
"$unmine" -P "$pp" --stats --max-memory 100K "$tmp/mem/big.txt" >/dev/null 2>"$tmp/mem.err"
case $(tail -n 1 "$tmp/mem.err") in
"unmine: 1 documents, 1 failed, 0.000 MB of text in "*) ok ;;
*) fail "a refused document counted in the summary: $(tail -n 1 "$tmp/mem.err")" ;;
esac
# below 32 bytes a byte of text, it is refused before it is tokenized
run --max-memory 60K "$tmp/mem/big.txt" >/dev/null 2>"$tmp/mem.err"
s=$?
sed "s|$tmp|TMP|g" "$tmp/mem.err" >"$tmp/mem.rel"
printf 'unmine: TMP/mem/big.txt: may need up to 62.5K of memory to tokenize (2000 bytes of text), over --max-memory (60.0K)\n' >"$tmp/mem.want"
if [ "$s" -eq 1 ] && cmp -s "$tmp/mem.want" "$tmp/mem.rel"; then ok; else
	fail "a document refused before it is tokenized (status $s)"
	cat "$tmp/mem.rel"
fi
for k in 1 2 3 4 5; do cp "$tmp/mem/big.txt" "$tmp/mem/big$k.txt"; done
rm "$tmp/mem/big.txt"
run -j 1 --max-memory 0 "$tmp/mem" >"$tmp/mem1.xml" 2>&1
s1=$?
run -j 3 --max-memory 600K "$tmp/mem" >"$tmp/mem3.xml" 2>&1
s3=$?
if [ "$s1" -eq 0 ] && [ "$s3" -eq 0 ] && cmp -s "$tmp/mem1.xml" "$tmp/mem3.xml" &&
   [ "$(grep -c '<document ' "$tmp/mem3.xml")" -eq 6 ]; then ok; else
	fail "documents waiting for memory (status $s1, $s3)"
fi

# 9. JSON Lines records in, a document a line: a file found by its name
# (.jsonl) and standard input (-i jsonl); each record is named PATH:LINE
# and fails alone.
mkdir -p "$tmp/rec"
python3 - "$tmp/rec/docs.jsonl" <<'PY'
import json, sys
def text(name):
    return open("corpus/" + name, encoding="utf-8").read()
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write(json.dumps({"id": "A/64/504", "text": text("A_64_504.txt")}) + "\n")
    out.write("\n")
    out.write(json.dumps(text("MHL_57_2002.txt")) + "\n")
    out.write('{"text": 5}\n')
    out.write(json.dumps({"id": 7, "format": "xml",
                          "text": text("A_RES_78_11.xml")}) + "\n")
    out.write("not json\r\n")
    # the last line without its end
    out.write(json.dumps({"text": "Security Council resolution 1325 (2000) "
                          "of 31 October 2000.", "lang": "en"}))
PY
cat >"$tmp/rec.err.want" <<'EOF2'
unmine: FILE:4: "text" is not a string
unmine: FILE:6: invalid JSON at byte offset 1: null expected
EOF2
# The same texts read as files, to compare the records with.
run -f jsonl corpus/A_64_504.txt corpus/MHL_57_2002.txt corpus/A_RES_78_11.xml \
	>"$tmp/rec.files.jsonl" 2>/dev/null
printf '{"text": "Security Council resolution 1325 (2000) of 31 October 2000."}' |
	run -i jsonl -f jsonl - >>"$tmp/rec.files.jsonl" 2>/dev/null
# rec_check WHAT NAME OUT ERR STATUS: the records' sources, ids and
# formats; their text and annotations those of the same texts read as
# files; their lines valid against the schema; the errors; status 1
rec_check() {
	sed "s|FILE|$2|" "$tmp/rec.err.want" >"$tmp/rec.want"
	python3 -c 'import json, sys
files = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
for line, f in zip(open(sys.argv[1], encoding="utf-8"), files):
    d = json.loads(line)
    same = all(d[k] == f[k] for k in ("text", "annotations", "tags"))
    print(d["source"], d["meta"].get("id", "-"), d["meta"]["format"],
          "same" if same else "differs")
' "$3" "$tmp/rec.files.jsonl" >"$tmp/rec.got"
	printf '%s\n' "$2:1 A/64/504 txt same" "$2:3 - txt same" \
		"$2:5 7 xml same" "$2:7 - txt same" >"$tmp/rec.got.want"
	if [ "$5" -eq 1 ] && cmp -s "$tmp/rec.want" "$4" &&
	   cmp -s "$tmp/rec.got.want" "$tmp/rec.got" &&
	   python3 "$srcdir/jsonl_check.py" "$top_srcdir/schema/unmine.schema.json" \
		"$3" 4 >/dev/null 2>&1; then ok; else
		fail "records $1 (status $5)"
		diff "$tmp/rec.want" "$4" | head -5
		diff "$tmp/rec.got.want" "$tmp/rec.got" | head -5
	fi
}
run -f jsonl "$tmp/rec" >"$tmp/rec.jsonl" 2>"$tmp/rec.err"
rec_check "from a file" "$tmp/rec/docs.jsonl" "$tmp/rec.jsonl" "$tmp/rec.err" $?
run -i jsonl -f jsonl - <"$tmp/rec/docs.jsonl" >"$tmp/recs.jsonl" 2>"$tmp/recs.err"
rec_check "from standard input" stdin "$tmp/recs.jsonl" "$tmp/recs.err" $?
run -j 4 -f jsonl "$tmp/rec" >"$tmp/rec4.jsonl" 2>"$tmp/rec4.err"
if cmp -s "$tmp/rec.jsonl" "$tmp/rec4.jsonl" && cmp -s "$tmp/rec.err" "$tmp/rec4.err"
then ok; else
	fail "records at -j 1 and -j 4 differ"
fi
# shards of records: the union is the whole, each record in one; names
# that differ in one odd digit ("spread.jsonl:1", ":3" ... ":9") are spread,
# as are 100 records (40 to 60 in each shard; the names are the same in
# every run)
run -f jsonl --shard 1/2 "$tmp/rec" >"$tmp/rec.s1" 2>/dev/null
run -f jsonl --shard 2/2 "$tmp/rec" >"$tmp/rec.s2" 2>/dev/null
python3 -c 'for i in range(100): print("\"R%d.\"" % i)' >"$tmp/rec100.jsonl"
printf '"a"\n\n"b"\n\n"c"\n\n"d"\n\n"e"\n' >"$tmp/spread.jsonl"
shard_count() {
	(cd "$tmp" && "$unmine" -q -P "$pp" -p none -f jsonl --shard "$1" "$2") |
		wc -l
}
n1=$(shard_count 1/2 rec100.jsonl)
n2=$(shard_count 2/2 rec100.jsonl)
o1=$(shard_count 1/2 spread.jsonl)
o2=$(shard_count 2/2 spread.jsonl)
if [ "$(cat "$tmp/rec.s1" "$tmp/rec.s2" | sort | md5sum)" = \
     "$(sort "$tmp/rec.jsonl" | md5sum)" ] &&
   [ "$((n1 + n2))" -eq 100 ] && [ "$n1" -ge 40 ] && [ "$n2" -ge 40 ] &&
   [ "$((o1 + o2))" -eq 5 ] && [ "$o1" -ge 1 ] && [ "$o2" -ge 1 ]; then ok; else
	fail "shards of records: not the whole, or uneven ($n1, $n2; $o1, $o2)"
fi
# -o: OUT/REL/LINE.xml; --resume by record; a file edited since its
# records were written is done again
run -j 2 "$tmp/rec" -o "$tmp/reco" 2>/dev/null
(cd "$tmp/reco" && find . -type f | sort) >"$tmp/reco.list"
printf '%s\n' ./.unmine-settings ./docs.jsonl/1.xml ./docs.jsonl/3.xml \
	./docs.jsonl/5.xml ./docs.jsonl/7.xml >"$tmp/reco.want"
rm "$tmp/reco/docs.jsonl/3.xml"
out=$("$unmine" -P "$pp" --stats --resume "$tmp/rec" -o "$tmp/reco" 2>&1)
case $out in
*"3 documents, 2 failed"*"; 3 already done"*) r1=ok ;;
*) r1=no ;;
esac
touch -d '2001-01-01' "$tmp/reco/docs.jsonl/"*.xml
out=$("$unmine" -P "$pp" --stats --resume "$tmp/rec" -o "$tmp/reco" 2>&1)
case $out in
*"6 documents, 2 failed"*) r2=ok ;;
*) r2=no ;;
esac
if cmp -s "$tmp/reco.want" "$tmp/reco.list" && [ "$r1" = ok ] && [ "$r2" = ok ]
then ok; else
	fail "records with -o and --resume ($r1, $r2)"
	cat "$tmp/reco.list"
fi
# a line of exactly --max-doc-size bytes is read, also with CR LF whose
# LF comes in a later read; one byte more is not
python3 -c 'import json; print(json.dumps("x" * 1022)); print(json.dumps("y" * 1023))' \
	>"$tmp/recmax.jsonl"
(head -c 1024 "$tmp/recmax.jsonl"; printf '\r'; sleep 0.3; printf '\n'
 tail -n 1 "$tmp/recmax.jsonl"; echo '"z"') |
	run -i jsonl -f jsonl -p none --max-doc-size 1K - >"$tmp/recmax.out" 2>"$tmp/recmax.err"
s=$?
if [ "$s" -eq 1 ] && [ "$(wc -l <"$tmp/recmax.out")" -eq 2 ] &&
   grep -q '"source":"stdin:1"' "$tmp/recmax.out" &&
   grep -q '"source":"stdin:3"' "$tmp/recmax.out" &&
   [ "$(cat "$tmp/recmax.err")" = "unmine: stdin:2: record over the size limit of 1024 bytes; not read" ]
then ok; else
	fail "a record of exactly --max-doc-size bytes (status $s)"
	cat "$tmp/recmax.err"
fi
# a record over --max-doc-size: refused, and the next one read
python3 -c 'import json; print(json.dumps("x " * 600)); print(json.dumps("Kenya."))' |
	run -i jsonl -f jsonl --max-doc-size 1K - >"$tmp/recbig.jsonl" 2>"$tmp/recbig.err"
s=$?
if [ "$s" -eq 1 ] &&
   [ "$(cat "$tmp/recbig.err")" = "unmine: stdin:1: record over the size limit of 1024 bytes; not read" ] &&
   [ "$(wc -l <"$tmp/recbig.jsonl")" -eq 1 ] &&
   grep -q '"source":"stdin:2"' "$tmp/recbig.jsonl"; then ok; else
	fail "a record over --max-doc-size (status $s)"
	cat "$tmp/recbig.err"
fi

# 10. gzip input: documents and records read inflated, found by their
# bytes; the same as read plain. Records in two gzip members, from a file
# (.jsonl.gz) and from standard input.
mkdir -p "$tmp/gz" "$tmp/gzrec"
gzip -c corpus/A_64_504.txt >"$tmp/gz/A_64_504.txt.gz"
gzip -c corpus/A_RES_78_11.xml >"$tmp/gz/A_RES_78_11.xml.gz"
head -n 3 "$tmp/rec/docs.jsonl" | gzip -c >"$tmp/gzrec/docs.jsonl.gz"
first=$(stat -c %s "$tmp/gzrec/docs.jsonl.gz")
tail -n +4 "$tmp/rec/docs.jsonl" | gzip -c >>"$tmp/gzrec/docs.jsonl.gz"
run -f jsonl "$tmp/gz" >"$tmp/gz.jsonl" 2>"$tmp/gz.err"
s=$?
run -f jsonl corpus/A_64_504.txt corpus/A_RES_78_11.xml >"$tmp/gz.plain" 2>/dev/null
python3 -c 'import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
ok = len(a) == 2 and len(b) == 2 and all(
    x[k] == y[k] for x, y in zip(a, b) for k in ("text", "annotations", "tags"))
ok = ok and [x["meta"]["format"] for x in a] == ["txt", "xml"]
ok = ok and [x["source"].split("/")[-1] for x in a] == [
    "A_64_504.txt.gz", "A_RES_78_11.xml.gz"]
sys.exit(0 if ok else 1)' "$tmp/gz.jsonl" "$tmp/gz.plain"
if [ $? -eq 0 ] && [ "$s" -eq 0 ] && [ ! -s "$tmp/gz.err" ]; then ok; else
	fail "gzip documents read as the plain ones (status $s)"
	head -3 "$tmp/gz.err"
fi
run "$tmp/gz" -o "$tmp/gzo" 2>/dev/null
(cd "$tmp/gzo" && find . -type f | sort) >"$tmp/gzo.list"
printf '%s\n' ./.unmine-settings ./A_64_504.txt.gz.xml ./A_RES_78_11.xml.gz.xml \
	>"$tmp/gzo.want"
if cmp -s "$tmp/gzo.want" "$tmp/gzo.list"; then ok; else
	fail "gzip documents with -o"
	cat "$tmp/gzo.list"
fi
run -f jsonl "$tmp/gzrec" >"$tmp/gzrec.jsonl" 2>"$tmp/gzrec.err"
rec_check "of gzip from a file" "$tmp/gzrec/docs.jsonl.gz" "$tmp/gzrec.jsonl" \
	"$tmp/gzrec.err" $?
run -i jsonl -f jsonl - <"$tmp/gzrec/docs.jsonl.gz" >"$tmp/gzrecs.jsonl" \
	2>"$tmp/gzrecs.err"
rec_check "of gzip from standard input" stdin "$tmp/gzrecs.jsonl" \
	"$tmp/gzrecs.err" $?
# many records, in more compressed bytes than one read takes
python3 -c 'import hashlib
for i in range(5000):
    h = hashlib.sha256(str(i).encode()).hexdigest()
    print("\"Kenya and Chile, %d. %s\"" % (i, h))' |
	gzip -c >"$tmp/many.jsonl.gz"
run -p none -f jsonl "$tmp/many.jsonl.gz" >"$tmp/many.jsonl" 2>"$tmp/many.err"
s=$?
if [ "$s" -eq 0 ] && [ ! -s "$tmp/many.err" ] &&
   [ "$(wc -l <"$tmp/many.jsonl")" -eq 5000 ] &&
   tail -n 1 "$tmp/many.jsonl" | grep -q '"source":"[^"]*many.jsonl.gz:5000"'
then ok; else
	fail "many records of gzip (status $s)"
	head -3 "$tmp/many.err"
fi
# a bad byte early in the second member: the records of the first, read
# in the same call to inflate as the damage, are done, and the file is
# reported
python3 - "$tmp/gzrec/docs.jsonl.gz" "$first" "$tmp/gzrec/bad.jsonl.gz" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[int(sys.argv[2]) + 20] ^= 0xFF
open(sys.argv[3], "wb").write(data)
PY
run -f jsonl "$tmp/gzrec/bad.jsonl.gz" >"$tmp/gzbad.jsonl" 2>"$tmp/gzbad.err"
s=$?
case $(cat "$tmp/gzbad.err") in
"unmine: $tmp/gzrec/bad.jsonl.gz: cannot read: corrupt gzip data ("*) r=ok ;;
*) r=no ;;
esac
if [ "$s" -eq 1 ] && [ "$r" = ok ] && [ "$(wc -l <"$tmp/gzbad.jsonl")" -eq 2 ]
then ok; else
	fail "records of gzip before a bad byte (status $s)"
	cat "$tmp/gzbad.err"
fi
rm "$tmp/gzrec/bad.jsonl.gz"
# cut just after the header of the second member: the records of the first
# are done, and the file is reported
head -c $((first + 10)) "$tmp/gzrec/docs.jsonl.gz" >"$tmp/gzrec/cut.jsonl.gz"
run -f jsonl --errors "$tmp/gzcut.tsv" "$tmp/gzrec/cut.jsonl.gz" \
	>"$tmp/gzcut.jsonl" 2>"$tmp/gzcut.err"
s=$?
if [ "$s" -eq 1 ] && [ "$(wc -l <"$tmp/gzcut.jsonl")" -eq 2 ] &&
   [ "$(cat "$tmp/gzcut.err")" = "unmine: $tmp/gzrec/cut.jsonl.gz: cannot read: truncated gzip data: the file ends inside it, after $((first + 10)) bytes" ] &&
   [ "$(cut -f 1,2 "$tmp/gzcut.tsv")" = "$tmp/gzrec/cut.jsonl.gz	read" ]
then ok; else
	fail "records of gzip cut short (status $s)"
	cat "$tmp/gzcut.err"
fi

# 11. What a run writes is not read back: standard output redirected into
# an input directory, the --errors file there, paths inside -o's
# directory in a list (each said, no failure); named as arguments, -o's
# directory or standard output's file are a mistake (status 1).
mkdir -p "$tmp/self"
cp corpus/A_64_504.txt "$tmp/self/"
runv -p none -f jsonl "$tmp/self" >"$tmp/self/all.jsonl" 2>"$tmp/self.err"
s=$?
if [ "$s" -eq 0 ] && [ "$(wc -l <"$tmp/self/all.jsonl")" -eq 1 ] &&
   [ "$(cat "$tmp/self.err")" = "unmine: $tmp/self/all.jsonl: is this run's standard output; not read" ]
then ok; else
	fail "standard output read back as input (status $s)"
	head -3 "$tmp/self.err"
fi
# left out as intended: no failure, no other problem in the summary
"$unmine" -P "$pp" -p none --stats -f jsonl "$tmp/self" >"$tmp/self/all.jsonl" \
	2>"$tmp/self.err"
case $(tail -n 1 "$tmp/self.err") in
*problem*) fail "a file of the run counted as a problem: $(tail -n 1 "$tmp/self.err")" ;;
"unmine: 1 documents, 0 failed, "*) ok ;;
*) fail "summary: $(tail -n 1 "$tmp/self.err")" ;;
esac
# named as an argument, a mistake: status 1
run -p none -f jsonl "$tmp/self/A_64_504.txt" "$tmp/self/all.jsonl" \
	>"$tmp/self/all.jsonl" 2>"$tmp/self.err"
s=$?
if [ "$s" -eq 1 ] && [ "$(wc -l <"$tmp/self/all.jsonl")" -eq 1 ] &&
   [ "$(cat "$tmp/self.err")" = "unmine: $tmp/self/all.jsonl: is this run's standard output; not read" ]
then ok; else
	fail "standard output named as an input (status $s)"
	head -3 "$tmp/self.err"
fi
rm "$tmp/self/all.jsonl"
runv -p none --errors "$tmp/self/e.tsv" "$tmp/self" >/dev/null 2>"$tmp/self.err"
s=$?
if [ "$s" -eq 0 ] && [ ! -s "$tmp/self/e.tsv" ] &&
   [ "$(cat "$tmp/self.err")" = "unmine: $tmp/self/e.tsv: is this run's --errors file; not read" ]
then ok; else
	fail "--errors file read back as input (status $s)"
	cat "$tmp/self.err"
fi
rm "$tmp/self/e.tsv"
run -p none "$tmp/self" -o "$tmp/self/out" 2>/dev/null
find "$tmp/self" -type f | sort | runv -p none --files-from - -o "$tmp/self/out" \
	2>"$tmp/self.err"
s=$?
sed "s|$tmp|TMP|g" "$tmp/self.err" >"$tmp/self.rel"
printf '%s\n' \
	"unmine: TMP/self/out/.unmine-settings: in the output directory; not read (the outputs are not read again as inputs)" \
	"unmine: TMP/self/out/A_64_504.txt.xml: in the output directory; not read (the outputs are not read again as inputs)" \
	>"$tmp/self.want"
if [ "$s" -eq 0 ] && cmp -s "$tmp/self.want" "$tmp/self.rel" &&
   [ "$(find "$tmp/self/out" -type f | wc -l)" -eq 3 ]; then ok; else
	fail "outputs listed in --files-from read back (status $s)"
	diff "$tmp/self.want" "$tmp/self.rel" | head -5
fi
run -p none "$tmp/self/out" -o "$tmp/self/out" 2>"$tmp/self.err"
s=$?
if [ "$s" -eq 1 ] && [ "$(cat "$tmp/self.err")" = "unmine: $tmp/self/out: in the output directory; not read (the outputs are not read again as inputs)" ]
then ok; else
	fail "-o's directory as the input (status $s)"
fi
# -o holding the current directory (-o . or ..): inputs below it are read
mkdir -p "$tmp/up/in"
printf 'Kenya.\n' >"$tmp/up/in/a.txt"
(cd "$tmp/up" && "$unmine" -q -p none in -o . 2>/dev/null)
s1=$?
(cd "$tmp/up/in" && "$unmine" -q -p none a.txt -o .. 2>/dev/null)
s2=$?
if [ "$s1" -eq 0 ] && [ "$s2" -eq 0 ] && [ -f "$tmp/up/a.txt.xml" ]; then ok; else
	fail "-o . and -o .. with the inputs below (status $s1, $s2)"
fi
# a link in the input to a directory inside -o's: left out like -o's own
mkdir -p "$tmp/lk/in/sub"
printf 'Kenya.\n' >"$tmp/lk/in/sub/a.txt"
run -p none "$tmp/lk/in" -o "$tmp/lk/out" 2>/dev/null
ln -s ../out/sub "$tmp/lk/in/lnk"
run -p none "$tmp/lk/in" -o "$tmp/lk/out" 2>/dev/null
s=$?
(cd "$tmp/lk/out" && find . -type f | sort) >"$tmp/lk.list"
printf '%s\n' ./.unmine-settings ./sub/a.txt.xml >"$tmp/lk.want"
if [ "$s" -eq 0 ] && cmp -s "$tmp/lk.want" "$tmp/lk.list"; then ok; else
	fail "a link into -o's directory followed (status $s)"
	cat "$tmp/lk.list"
fi
# standard input holding the list: a line "-" in it is not read as a
# document; a "-" argument with the list on /dev/stdin is refused
printf '%s\n' corpus/A_64_504.txt - corpus/MHL_57_2002.txt |
	run -p none -f jsonl --files-from - >"$tmp/dash.jsonl" 2>"$tmp/dash.err"
s=$?
echo corpus/A_64_504.txt | "$unmine" -q -p none --files-from /dev/stdin - \
	>/dev/null 2>&1
s2=$?
if [ "$s" -eq 1 ] && [ "$(wc -l <"$tmp/dash.jsonl")" -eq 2 ] && [ "$s2" -eq 2 ] &&
   [ "$(cat "$tmp/dash.err")" = "unmine: -: standard input holds the list of paths; not read as a document" ]
then ok; else
	fail "'-' in a list read from standard input (status $s, $s2)"
	cat "$tmp/dash.err"
fi
# a line of a list longer than any path is dropped as it is read
{ python3 -c 'print("a" * 100000)'; echo corpus/A_64_504.txt; } |
	run -p none -f jsonl --files-from - >"$tmp/longl.jsonl" 2>"$tmp/longl.err"
s=$?
if [ "$s" -eq 1 ] && [ "$(wc -l <"$tmp/longl.jsonl")" -eq 1 ] &&
   [ "$(cat "$tmp/longl.err")" = "unmine: standard input: a line of more than 65536 bytes in the list of paths (a list of find -print0 needs -0); not read" ]
then ok; else
	fail "a list line longer than any path (status $s)"
fi
# A list of paths from a FIFO: read once its writer comes; with no writer,
# SIGINT ends the wait.
mkfifo "$tmp/list.fifo"
printf '%s\n' corpus/A_64_504.txt corpus/MHL_57_2002.txt >"$tmp/list.fifo" &
run -p none -f jsonl --files-from "$tmp/list.fifo" >"$tmp/fifo.jsonl" 2>&1
s=$?
wait
$dfl "$unmine" -q -p none --files-from "$tmp/list.fifo" >/dev/null 2>&1 &
pid=$!
sleep 0.3
kill -INT "$pid"
wait "$pid"
s2=$?
if [ "$s" -eq 0 ] && [ "$(wc -l <"$tmp/fifo.jsonl")" -eq 2 ] && [ "$s2" -eq 130 ]
then ok; else
	fail "a list of paths from a FIFO (status $s, $s2)"
fi
# Streams named as inputs: a FIFO and /dev/stdin are each one document,
# read like the same bytes from a file; with --resume they are read again.
# SIGINT stops a run that waits on standard input.
mkfifo "$tmp/doc.fifo"
cat corpus/A_64_504.txt >"$tmp/doc.fifo" &
run -f jsonl "$tmp/doc.fifo" >"$tmp/sfifo.jsonl" 2>&1
s1=$?
wait
run -f jsonl /dev/stdin <corpus/A_64_504.txt >"$tmp/sstdin.jsonl" 2>&1
s2=$?
cat corpus/A_64_504.txt | run -f jsonl /dev/stdin >"$tmp/spipe.jsonl" 2>&1
s3=$?
run -f jsonl corpus/A_64_504.txt >"$tmp/sfile.jsonl" 2>&1
python3 -c 'import json, sys
d = [json.loads(open(p, encoding="utf-8").read()) for p in sys.argv[1:]]
sys.exit(0 if all(x[k] == d[0][k] for x in d[1:]
                  for k in ("text", "annotations", "tags")) else 1)' \
	"$tmp/sfile.jsonl" "$tmp/sfifo.jsonl" "$tmp/sstdin.jsonl" "$tmp/spipe.jsonl"
s4=$?
run -p none /dev/stdin -o "$tmp/so" <corpus/A_64_504.txt 2>/dev/null
out=$(printf 'Kenya.\n' | "$unmine" -P "$pp" -p none --stats --resume /dev/stdin -o "$tmp/so" 2>&1)
if [ "$s1$s2$s3$s4" = 0000 ] && grep -q Kenya "$tmp/so/stdin.xml" &&
   case $out in "unmine: 1 documents, 0 failed"*) true ;; *) false ;; esac
then ok; else
	fail "streams as inputs (status $s1 $s2 $s3 $s4): $out"
fi
mkfifo "$tmp/in.fifo"
$dfl "$unmine" -q -p none - <"$tmp/in.fifo" >/dev/null 2>&1 &
pid=$!
sleep 8 >"$tmp/in.fifo" &
writer=$!
sleep 0.5
start=$(date +%s)
kill -INT "$pid"
wait "$pid"
s=$?
took=$(( $(date +%s) - start ))
kill "$writer" 2>/dev/null
if [ "$s" -eq 130 ] && [ "$took" -le 2 ]; then ok; else
	fail "SIGINT while reading standard input: status $s after ${took}s"
fi
# --null: paths end with NUL, so a name may hold a line end
mkdir -p "$tmp/nul"
printf 'Kenya.\n' >"$tmp/nul/a
b.txt"
printf 'Chile.\n' >"$tmp/nul/c.txt"
find "$tmp/nul" -type f -print0 | sort -z |
	run -p none -f jsonl -0 --files-from - >"$tmp/nul.jsonl" 2>"$tmp/nul.err"
s=$?
if [ "$s" -eq 0 ] && [ ! -s "$tmp/nul.err" ] &&
   [ "$(wc -l <"$tmp/nul.jsonl")" -eq 2 ] && grep -q 'a\\nb.txt' "$tmp/nul.jsonl"
then ok; else
	fail "--null lists (status $s)"
	cat "$tmp/nul.err"
fi
# The --errors file holds each failure as soon as it is known: here while
# the next document is still held by the test plugin.
mkdir -p "$tmp/errs"
printf 'a\000b' >"$tmp/errs/a.txt"
printf 'Text.\n' >"$tmp/errs/b.txt"
held "$tmp/errsctl" 1 -j 1 --errors "$tmp/errs.tsv" "$tmp/errs" >/dev/null 2>&1
got=$(cat "$tmp/errs.tsv")
touch "$tmp/errsctl/go"
wait "$pid"
s=$?
kill "$watchdog" 2>/dev/null
if [ "$s" -eq 1 ] &&
   [ "$got" = "$tmp/errs/a.txt	read	binary file (NUL byte at offset 1)" ]; then ok; else
	fail "--errors written as the run goes (status $s): '$got'"
fi
# An input edited while it is being annotated (a copy still coming in):
# its output has the time it had when it was read, so a resumed run does
# it again. The edit comes a second later, as a file system may count
# time in seconds.
mkdir -p "$tmp/race"
printf 'First half.\n' >"$tmp/race/a.txt"
held "$tmp/racectl" 1 -j 1 "$tmp/race" -o "$tmp/raceo" >/dev/null 2>&1
sleep 1.1
printf 'Second half.\n' >>"$tmp/race/a.txt"
touch "$tmp/racectl/go"
wait "$pid"
kill "$watchdog" 2>/dev/null
first=$(grep -c 'Second half' "$tmp/raceo/a.txt.xml")
TP_SLOW_DIR="$tmp/racectl" "$unmine" -q -P "$tmp/slowplug" --plugins tp-slow \
	--resume "$tmp/race" -o "$tmp/raceo" 2>/dev/null
if [ "$first" -eq 0 ] && [ "$(grep -c 'Second half' "$tmp/raceo/a.txt.xml")" -eq 1 ]
then ok; else
	fail "--resume kept the output of an input edited while it was read"
fi
# --resume redoes an output that is empty or cut short, as a machine
# crash can leave one (renamed before its data reached the disk), for
# every format's ending (XML: one cut after a whole line too).
for f in xml jsonl edges; do
	rm -rf "$tmp/rz"
	mkdir -p "$tmp/rz"
	cp corpus/A_64_504.txt corpus/MHL_57_2002.txt corpus/A_RES_78_11.xml "$tmp/rz/"
	run -f "$f" "$tmp/rz" -o "$tmp/rzo" 2>/dev/null
	cp -rp "$tmp/rzo" "$tmp/rzo.whole"
	set -- "$tmp/rzo"/*.*
	: >"$1"
	truncate -s -1 "$2"
	want="2 documents, 0 failed"
	if [ "$f" = xml ]; then
		head -n 3 "$3" >"$tmp/rz.part" && mv "$tmp/rz.part" "$3"
		want="3 documents, 0 failed"
	fi
	# their times kept, as a crash leaves them
	for o in "$tmp/rzo"/*.*; do
		touch -r "$tmp/rzo.whole/${o##*/}" "$o"
	done
	out=$("$unmine" -P "$pp" --stats --resume -f "$f" "$tmp/rz" -o "$tmp/rzo" 2>&1)
	case $out in
	"unmine: $want"*) r=ok ;;
	*) r=no ;;
	esac
	if [ "$r" = ok ] && diff -r -x .unmine-settings -q "$tmp/rzo.whole" "$tmp/rzo" >/dev/null
	then ok; else
		fail "--resume and outputs cut short ($f): $out"
	fi
	rm -rf "$tmp/rzo" "$tmp/rzo.whole"
done
# A full disk under standard output stops the run: what is left is not
# read, to be lost the same way.
# The documents whose output was lost count as failed, those in flight
# too, each named (on standard error and in --errors), and the summary
# agrees.
if [ -w /dev/full ]; then
	for j in 1 2; do
		run -p none -f jsonl -j "$j" --stats --errors "$tmp/full.tsv" "$tmp/in" \
			>/dev/full 2>"$tmp/full.err"
		s=$?
		named=$(grep -c '^unmine: .*: not written: cannot write to standard output: No space left on device$' "$tmp/full.err")
		listed=$(grep -c '	write	not written: cannot write to standard output: No space left on device$' "$tmp/full.tsv")
		k=$(sed -n 's/^unmine: cannot write to standard output: No space left on device; \([0-9]*\) documents\{0,1\} not written, the rest not read$/\1/p' "$tmp/full.err")
		n=$(sed -n 's/^unmine: \([0-9]*\) documents, [0-9]* failed.*/\1/p' "$tmp/full.err")
		f=$(sed -n 's/^unmine: [0-9]* documents, \([0-9]*\) failed.*/\1/p' "$tmp/full.err")
		# the one binary file of the input fails apart (when reached)
		if [ "$s" -eq 1 ] && [ -n "$k" ] && [ "$k" -ge 1 ] && [ -n "$n" ] &&
		   [ "$n" -lt 12 ] && [ "$f" -ge "$k" ] && [ "$f" -le $((k + 1)) ] &&
		   [ "$named" -eq "$k" ] && [ "$listed" -eq "$k" ]
		then ok; else
			fail "a full disk under standard output, -j $j (status $s)"
			cat "$tmp/full.err"
		fi
	done
fi
# Arguments refused before anything is read.
for a in "--shard 1/-3" "--shard 4294967297/4294967298" "--shard 0/2" \
	"--shard 3/2" "--shard 1/2x" "--shard 1/1000001" "--errors -" \
	"--files-from - -" "--null" "--max-doc-size 4294967296" \
	"--max-doc-size 18446744073709551615"; do
	# shellcheck disable=SC2086
	echo | "$unmine" -q -p none $a corpus/A_64_504.txt >/dev/null 2>&1
	s=$?
	if [ "$s" -eq 2 ]; then ok; else fail "'$a' not refused (status $s)"; fi
done

echo "batch: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
