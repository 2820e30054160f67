#!/bin/sh
# Regression tests from fuzzing: every input in tests/fuzz/ that once made a
# harness fail, and hostile inputs written by hand, goes through every
# reader (records of JSON Lines too), every plugin and every writer; the
# CLI must end with status 0 or 1, never a crash, a hang or a sanitizer.
# Then large or hostile inputs, too big to keep in the tree, made here.
set -u
unmine="$top_builddir/core/unmine"
pp=$(find "$top_builddir/plugins" -type d -name .libs | sort | tr '\n' ':')
fails=0
checks=0
for f in "$srcdir"/fuzz/*; do
	case $f in */README.md) continue ;; esac
	[ -f "$f" ] || continue
	for i in txt xml html jsonl; do
		for o in xml standoff jsonl edges; do
			timeout 60 "$unmine" -q -P "$pp" -j 2 -i "$i" -f "$o" "$f" \
				>/dev/null 2>&1
			st=$?
			checks=$((checks + 1))
			if [ "$st" -gt 1 ]; then
				fails=$((fails + 1))
				echo "FAIL: $(basename "$f") read as $i, written as $o: status $st"
			fi
		done
	done
done

# 40,000 abbreviations defined ("The Axxx Bxxx Exxx Fxxx (ABEF) met.") and
# 200,000 uses of them: each use was compared with every definition, which
# took 20 s for half as many of each (the time grows with the square) and
# now takes a fraction of a second. Every definition and every use is
# found, within a timeout of 30 s.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unmine-fuzz.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
awk 'BEGIN {
	a = "ABEFGHJKNOPRSTUWYZ"; n = 0
	for (i = 1; i <= 18 && n < 40000; i++)
	for (j = 1; j <= 18 && n < 40000; j++)
	for (k = 1; k <= 18 && n < 40000; k++)
	for (l = 1; l <= 18 && n < 40000; l++) {
		s = substr(a, i, 1) substr(a, j, 1) substr(a, k, 1) substr(a, l, 1)
		f[n++] = s
		w = ""
		for (p = 1; p <= 4; p++)
			w = w substr(s, p, 1) "xxx "
		printf "The %s(%s) met.\n\n", w, s
	}
	printf "It named"
	for (u = 0; u < 200000; u++)
		printf " %s", f[(u * 7919) % n]
	printf ".\n"
}' >"$tmp/acronyms.txt"
timeout 30 "$unmine" -q -P "$pp" -j 2 "$tmp/acronyms.txt" >"$tmp/acronyms.xml" 2>&1
st=$?
defs=$(grep -o 'role="definition"' "$tmp/acronyms.xml" | wc -l)
uses=$(grep -o 'role="use"' "$tmp/acronyms.xml" | wc -l)
checks=$((checks + 1))
if [ "$st" -ne 0 ] || [ "$defs" -ne 40000 ] || [ "$uses" -ne 200000 ]; then
	fails=$((fails + 1))
	echo "FAIL: many abbreviations: status $st, $defs definitions, $uses uses"
fi

# 150,000 General Assembly resolutions cited in one list ("31/1" to
# "130/1500"; each N/M from the thirty-first session on): each edge of the
# citation graph was looked up in every edge before it. One line per
# resolution and the header, within 30 s.
awk 'BEGIN {
	printf "Recalling resolutions"
	sep = " "
	for (s = 31; s <= 130; s++)
		for (k = 1; k <= 1500; k++) {
			printf "%s%d/%d", sep, s, k
			sep = ", "
		}
	printf ".\n"
}' >"$tmp/resolutions.txt"
timeout 30 "$unmine" -q -P "$pp" -f edges "$tmp/resolutions.txt" \
	>"$tmp/resolutions.tsv" 2>&1
st=$?
lines=$(wc -l <"$tmp/resolutions.tsv")
checks=$((checks + 1))
if [ "$st" -ne 0 ] || [ "$lines" -ne 150001 ]; then
	fails=$((fails + 1))
	echo "FAIL: many resolutions as edges: status $st, $lines lines"
fi

# A taxonomy of 100,000 concepts, each below the one of a tenth its number
# (a thesaurus the size of the largest in use): ids were checked and
# broader concepts found by comparing every concept with every other, some
# 75 s; now under a second. The two mentions and their three tags (c77's
# broader, c7, counts its mention), within 30 s.
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<taxonomy xml:lang=\"en\" version=\"1\">"
	for (i = 0; i < 100000; i++) {
		b = i >= 10 ? sprintf("<broader ref=\"c%d\"/>", int(i / 10)) : ""
		printf "<concept id=\"c%d\"><prefLabel>Concept %d label</prefLabel>%s</concept>\n", i, i, b
	}
	print "</taxonomy>"
}' >"$tmp/taxonomy.xml"
printf 'Concept 5 label and Concept 77 label.\n' >"$tmp/concepts.txt"
timeout 30 "$unmine" -q -P "$pp" -p themes --taxonomy "$tmp/taxonomy.xml" \
	-f jsonl "$tmp/concepts.txt" >"$tmp/concepts.jsonl" 2>&1
st=$?
got=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(a["attrs"]["concept"] for a in d["annotations"]),
      "/", " ".join(a["attrs"]["concept"] for a in d["tags"]))' \
	"$tmp/concepts.jsonl" 2>&1)
checks=$((checks + 1))
if [ "$st" -ne 0 ] || [ "$got" != "c5 c77 / c5 c7 c77" ]; then
	fails=$((fails + 1))
	echo "FAIL: a taxonomy of 100,000 concepts: status $st, $got"
fi

echo "fuzz_regress: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
