#!/bin/sh
# Records of JSON Lines against files: the same texts read as one file of
# records (-i jsonl) and as a tree of files, each timed with `wc -w` on the
# file of records in the same run.
#
#   bench/records.sh [--build DIR] [--corpus DIR] [--size MB]
#                    [--plugins LIST] [--plugin-path DIRS] [--runs N]
#                    [--jobs N[,N...]] [--gzip]
#
# Builds, in a scratch directory, a tree of at least --size MB (10^6 bytes)
# of copies of the development corpus' texts (un-documents/txt/*.txt and
# general-debate/*.txt) and one file holding each of them as a record
# {"id": PATH, "text": TEXT}. Then it times, best of --runs runs (3 by
# default), with GNU time:
#
#   wc -w RECORDS.jsonl                        in the UTF-8 locale
#   unmine --plugins LIST -j J -f jsonl TREE/ > FILE
#   unmine --plugins LIST -j J -f jsonl RECORDS.jsonl > FILE
#
# for each J of --jobs, and prints seconds, MB/s of the file of records,
# peak RSS and each run's ratio to wc -w. JSON Lines out, so that the two
# unmine runs write the same annotations (the sources differ). With
# --gzip, the tree and the file of records are also compressed (gzip -6)
# and read so, and their MB/s are still those of the records' bytes
# inflated.
#
# Defaults: --build build, --corpus ../shared/corpus-dev (both from the top
# of the source tree unless absolute), --size 100, --plugins none,
# --jobs 1, --runs 3. Exit status: 0 when it ran, 1 if a timed command
# failed, 2 for a usage or setup error.
set -eu

me=bench/records.sh
top=$(cd "$(dirname "$0")/.." && pwd)
say() { printf '%s: %s\n' "$me" "$*" >&2; }
die() { say "error: $*"; exit 2; }
usage() { sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'; }
abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$top" "$1" ;; esac; }

build=build corpus=../shared/corpus-dev size=100 plugins=none plugin_path=
runs=3 jobs=1 gz=0
while [ "$#" -gt 0 ]; do
	[ "$1" = -h ] || [ "$1" = --help ] && { usage; exit 0; }
	[ "$1" = --gzip ] && { gz=1; shift; continue; }
	[ "$#" -ge 2 ] || die "option $1 needs an argument"
	case $1 in
	--build) build=$2 ;;
	--corpus) corpus=$2 ;;
	--size) size=$2 ;;
	--plugins) plugins=$2 ;;
	--plugin-path) plugin_path=$2 ;;
	--runs) runs=$2 ;;
	--jobs) jobs=$2 ;;
	*) say "unknown argument '$1'"; usage >&2; exit 2 ;;
	esac
	shift 2
done
for v in "$size" "$runs" $(printf '%s\n' "$jobs" | tr ',' ' '); do
	case $v in ''|*[!0-9]*|0) die "want whole numbers above 0, not '$v'" ;; esac
done
timebin=/usr/bin/time
"$timebin" --version 2>&1 | grep -q GNU || die "GNU time is needed as $timebin"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to write the records"
unmine=$(abspath "$build")/core/unmine
[ -x "$unmine" ] || die "no unmine binary at $unmine: build it first"
corpus=$(abspath "$corpus")
[ -d "$corpus/un-documents/txt" ] || die "no $corpus/un-documents/txt: give --corpus"
utf8_env=
[ "$(locale charmap 2>/dev/null)" = UTF-8 ] || utf8_env="LC_ALL=C.UTF-8"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/unmine-records.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
say "building $size MB of texts as a tree and as one file of records"
python3 - "$corpus" "$size" "$scratch" <<'EOF'
import glob, json, os, sys
corpus, size, scratch = sys.argv[1], int(sys.argv[2]) * 10**6, sys.argv[3]
names = sorted(glob.glob(corpus + "/un-documents/txt/*.txt")) + \
    sorted(glob.glob(corpus + "/general-debate/*.txt"))
texts = [(os.path.basename(n), open(n, "rb").read()) for n in names]
done, copy = 0, 0
with open(scratch + "/records.jsonl", "w", encoding="utf-8") as out:
    while done < size:
        copy += 1
        d = "%s/tree/%04d" % (scratch, copy)
        os.makedirs(d)
        for name, data in texts:
            open(d + "/" + name, "wb").write(data)
            text = data.decode("utf-8", "replace")
            out.write(json.dumps({"id": "%04d/%s" % (copy, name), "text": text},
                                 ensure_ascii=False) + "\n")
            done += len(data)
EOF
bytes=$(wc -c <"$scratch/records.jsonl")
text_bytes=$(find "$scratch/tree" -type f -exec cat {} + | wc -c)
files=$(find "$scratch/tree" -type f | wc -l)
say "$files texts, $text_bytes bytes; records $bytes bytes"
if [ "$gz" -eq 1 ]; then
	cp -r "$scratch/tree" "$scratch/treegz"
	find "$scratch/treegz" -type f -exec gzip -6 {} +
	gzip -6 -k "$scratch/records.jsonl"
	say "compressed: tree $(find "$scratch/treegz" -type f -exec cat {} + | wc -c) bytes, records $(wc -c <"$scratch/records.jsonl.gz") bytes"
fi

rows=
timed() {
	name=$1
	shift
	best=
	peak=0
	r=1
	while [ "$r" -le "$runs" ]; do
		"$timebin" -f '%e %M' -o "$scratch/time" "$@" >"$scratch/stdout" \
			2>"$scratch/stderr" || { say "error: $name failed"; cat "$scratch/stderr" >&2; exit 1; }
		set -- $(tail -n 1 "$scratch/time") "$@"
		[ -n "$best" ] && [ "$(awk -v a="$1" -v b="$best" 'BEGIN { print (a + 0 < b + 0) }')" = 0 ] || best=$1
		[ "$2" -le "$peak" ] || peak=$2
		shift 2
		r=$((r + 1))
	done
	rows="$rows$name	$best	$peak
"
}
# timed_unmine J WHAT INPUT: unmine with J threads on INPUT, JSON Lines
# out, which must hold a line for each text
timed_unmine() {
	timed "unmine -j $1, $2" "$unmine" --plugins "$plugins" -j "$1" -q \
		${plugin_path:+--plugin-path "$plugin_path"} -f jsonl "$3"
	n=$(wc -l <"$scratch/stdout")
	[ "$n" -eq "$files" ] || say "warning: $n documents out of $files texts ($2)"
}
# shellcheck disable=SC2086
timed "wc -w (records)" env $utf8_env wc -w "$scratch/records.jsonl"
for j in $(printf '%s\n' "$jobs" | tr ',' ' '); do
	timed_unmine "$j" files "$scratch/tree"
	timed_unmine "$j" records "$scratch/records.jsonl"
	[ "$gz" -eq 1 ] || continue
	timed_unmine "$j" files.gz "$scratch/treegz"
	timed_unmine "$j" records.gz "$scratch/records.jsonl.gz"
done
echo
printf '%s' "$rows" | awk -F '\t' -v bytes="$bytes" '
{ n++; name[n] = $1; s[n] = $2; rss[n] = $3 / 1024; mbs[n] = $2 > 0 ? bytes / 1e6 / $2 : 0 }
END {
	fmt = "%-24s %8s %9s %12s %10s\n"
	printf fmt, "run", "seconds", "MB/s", "peak RSS MB", "of wc -w"
	for (i = 1; i <= n; i++)
		printf fmt, name[i], sprintf("%.2f", s[i]), sprintf("%.1f", mbs[i]),
			sprintf("%.1f", rss[i]),
			(i > 1 && mbs[1] > 0) ? sprintf("%.3f", mbs[i] / mbs[1]) : "-"
}'
printf 'best of %s runs; MB/s of the %s bytes of records (%s bytes of text in %s files)\n' \
	"$runs" "$bytes" "$text_bytes" "$files"
