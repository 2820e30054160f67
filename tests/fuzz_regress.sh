#!/bin/sh
# Regression tests from fuzzing: every input in tests/fuzz/ that once made a
# harness fail goes through every reader, every plugin and every writer; the
# CLI must end with status 0 or 1, never a crash, a hang or a sanitizer.
set -u
unmine="$top_builddir/core/unmine"
pp=$(find "$top_builddir/plugins" -type d -name .libs | sort | tr '\n' ':')
fails=0
checks=0
for f in "$srcdir"/fuzz/*; do
	case $f in */README.md) continue ;; esac
	[ -f "$f" ] || continue
	for i in txt xml html; do
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
echo "fuzz_regress: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
