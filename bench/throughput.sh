#!/bin/sh
# Throughput benchmark: unmine against `wc -w` on the same bytes.
#
#   bench/throughput.sh [--build DIR] [--unmine PATH] [--corpus DIR]
#                       [--size MB] [--plugins LIST] [--plugin-path DIRS]
#                       [--runs N] [--jobs N[,N...]]
#
# Builds a corpus of at least --size MB (10^6 bytes) in a scratch directory
# by copying the development corpus (un-documents/txt/*.txt and
# general-debate/*.txt) again and again into subdirectories, as an archive
# would hold them, plus one file with the same bytes concatenated. Then it
# times, best of --runs runs each (3 by default):
#
#   wc -w ALL.txt              with LC_ALL=C and in the default UTF-8 locale
#   unmine --plugins LIST -j J -o OUT CORPUS/   (one process, J threads)
#   unmine --plugins LIST -j J CORPUS/ > FILE   (the same, one XML stream)
#
# for each J of --jobs (a comma-separated list: "--jobs 1,2" times both
# on the same corpus in one run), with GNU time (/usr/bin/time -f '%e %M',
# plus user and system seconds) and prints a table of MB, seconds, MB/s
# and peak RSS, the ratio of unmine's MB/s to wc's, and, for each J after
# the first, the speed-up against the first. The ratio is judged against
# wc in the UTF-8 locale; the C locale line is printed too.
#
# Every run with -o writes into a directory of its own, and nothing is
# deleted before the end. On an ext4 file system without a journal the
# kernel skips inodes freed in the last minute (five, while their blocks
# are unwritten) one by one when it creates a file, which makes creating
# thousands of files just after deleting thousands several times slower:
# so time -j 1 and -j 2 in one run rather than in two runs back to back,
# since the first run's clean-up would slow the second run's -o.
#
# Defaults: --build build (relative to the top of the source tree, so the
# binary is build/core/unmine, the libtool wrapper, which works as is),
# --corpus ../shared/corpus-dev relative to the top of the source tree,
# --size 100, --plugins none, --jobs 1. Relative paths given on the command line are
# taken from the current directory, else from the top of the source tree.
#
# Exit status: 0 when the benchmark ran, whatever the figures; 2 for a usage
# or setup error (missing binary, corpus or GNU time); 1 if a timed command
# failed.
set -eu

me=bench/throughput.sh
top=$(cd "$(dirname "$0")/.." && pwd)

say() {
	printf '%s: %s\n' "$me" "$*" >&2
}

die() {
	say "error: $*"
	exit 2
}

usage() {
	sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
}

# abspath PATH: PATH made absolute, from the current directory if it exists
# there, else from the top of the source tree.
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*)
		if [ -e "$1" ]; then
			printf '%s/%s\n' "$(pwd)" "$1"
		else
			printf '%s/%s\n' "$top" "$1"
		fi
		;;
	esac
}

build=build
unmine=
corpus=../shared/corpus-dev
size=100
plugins=none
plugin_path=
runs=3
jobs=1

need_arg() {
	[ "$#" -ge 2 ] || die "option $1 needs an argument"
}

while [ "$#" -gt 0 ]; do
	case $1 in
	--build) need_arg "$@"; build=$2; shift 2 ;;
	--build=*) build=${1#*=}; shift ;;
	--unmine) need_arg "$@"; unmine=$2; shift 2 ;;
	--unmine=*) unmine=${1#*=}; shift ;;
	--corpus) need_arg "$@"; corpus=$2; shift 2 ;;
	--corpus=*) corpus=${1#*=}; shift ;;
	--size) need_arg "$@"; size=$2; shift 2 ;;
	--size=*) size=${1#*=}; shift ;;
	--plugins) need_arg "$@"; plugins=$2; shift 2 ;;
	--plugins=*) plugins=${1#*=}; shift ;;
	--plugin-path) need_arg "$@"; plugin_path=$2; shift 2 ;;
	--plugin-path=*) plugin_path=${1#*=}; shift ;;
	--runs) need_arg "$@"; runs=$2; shift 2 ;;
	--jobs) need_arg "$@"; jobs=$2; shift 2 ;;
	--runs=*) runs=${1#*=}; shift ;;
	-h|--help) usage; exit 0 ;;
	*) say "unknown argument '$1'"; usage >&2; exit 2 ;;
	esac
done

case $size in
''|*[!0-9]*|0) die "--size wants a whole number of MB above 0, not '$size'" ;;
esac
case $runs in
''|*[!0-9]*|0) die "--runs wants a whole number above 0, not '$runs'" ;;
esac
jobs_list=$(printf '%s\n' "$jobs" | tr ',' ' ')
for j in $jobs_list; do
	case $j in
	''|*[!0-9]*|0) die "--jobs wants whole numbers above 0, separated by commas, not '$jobs'" ;;
	esac
done
[ -n "$jobs_list" ] || die "--jobs wants whole numbers above 0, not '$jobs'"

# --- what we need -----------------------------------------------------------

timebin=/usr/bin/time
if [ ! -x "$timebin" ] || ! "$timebin" --version 2>&1 | grep -q GNU; then
	die "GNU time is needed as $timebin: apt-get install time"
fi
command -v wc >/dev/null 2>&1 || die "wc not found (coreutils)"

if [ -z "$unmine" ]; then
	unmine=$(abspath "$build")/core/unmine
else
	unmine=$(abspath "$unmine")
fi
if [ ! -f "$unmine" ] || [ ! -x "$unmine" ]; then
	die "no unmine binary at $unmine: build it first (e.g. mkdir build && cd build && ../configure && make) or give --build DIR or --unmine PATH"
fi
"$unmine" --version >/dev/null 2>&1 || die "$unmine --version fails"

corpus=$(abspath "$corpus")
docs=$corpus/un-documents/txt
debates=$corpus/general-debate
[ -d "$docs" ] || die "no $docs: give --corpus DIR (the corpus-dev directory)"
[ -d "$debates" ] || die "no $debates: give --corpus DIR (the corpus-dev directory)"

# The default locale for wc: the inherited one if it is UTF-8, else C.UTF-8.
utf8_env=
if [ "$(locale charmap 2>/dev/null)" != UTF-8 ]; then
	if locale -a 2>/dev/null | grep -qix 'C\.utf-\{0,1\}8'; then
		utf8_env="LC_ALL=C.UTF-8"
		say "the default locale is not UTF-8; using LC_ALL=C.UTF-8 for wc"
	else
		say "warning: no UTF-8 locale; the 'default locale' wc line is $(locale charmap 2>/dev/null)"
	fi
fi
utf8_name=$(env $utf8_env locale 2>/dev/null | sed -n 's/^LC_CTYPE="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p')
[ -n "$utf8_name" ] || utf8_name=default

# --- the corpus -------------------------------------------------------------

scratch=$(mktemp -d "${TMPDIR:-/tmp}/unmine-bench.XXXXXX")
# shellcheck disable=SC2317 # run by the trap
cleanup() {
	rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tree=$scratch/corpus
all=$scratch/all.txt
out=$scratch/out
mkdir "$tree"
: >"$all"

target=$((size * 1000000))
pass_bytes=$(cat "$docs"/*.txt "$debates"/*.txt | wc -c)
[ "$pass_bytes" -gt 0 ] || die "the corpus at $corpus is empty"
passes=$(( (target + pass_bytes - 1) / pass_bytes ))
say "building a corpus of $passes copies of $pass_bytes bytes in a scratch directory"
i=1
while [ "$i" -le "$passes" ]; do
	d=$(printf '%s/%04d' "$tree" "$i")
	mkdir -p "$d/un-documents" "$d/general-debate"
	cp "$docs"/*.txt "$d/un-documents/"
	cp "$debates"/*.txt "$d/general-debate/"
	cat "$docs"/*.txt "$debates"/*.txt >>"$all"
	i=$((i + 1))
done
bytes=$(wc -c <"$all")
tree_bytes=$(find "$tree" -type f -exec cat {} + | wc -c)
files=$(find "$tree" -type f | wc -l)
[ "$bytes" -eq "$tree_bytes" ] ||
	die "corpus mismatch: $tree_bytes bytes in the tree, $bytes concatenated"
say "corpus: $files files, $bytes bytes, and one file of the same bytes"

# --- timing -----------------------------------------------------------------

# timed NAME CMD...: runs CMD $runs times under GNU time; sets best_s (the
# least elapsed seconds), best_cpu (user and system seconds of that run) and
# peak_kib (the largest peak RSS of the runs).
# Before each run, $before (if set) is evaluated, untimed, with $r the run.
before=
timed() {
	name=$1
	shift
	best_s=
	peak_kib=0
	r=1
	while [ "$r" -le "$runs" ]; do
		[ -z "$before" ] || eval "$before"
		if ! "$timebin" -f '%e %M %U %S' -o "$scratch/time" "$@" \
			>"$scratch/stdout" 2>"$scratch/stderr"; then
			say "error: $name failed (run $r):"
			cat "$scratch/stderr" "$scratch/time" >&2
			exit 1
		fi
		# The last line is ours (GNU time may put a status line first).
		# shellcheck disable=SC2046 # four numbers
		set -- $(tail -n 1 "$scratch/time") "$@"
		s=$1 k=$2 u=$3 sys=$4
		shift 4
		if [ -z "$best_s" ] ||
			[ "$(awk -v a="$s" -v b="$best_s" 'BEGIN { print (a + 0 < b + 0) }')" = 1 ]; then
			best_s=$s
			best_cpu="user $u s, system $sys s"
		fi
		[ "$k" -le "$peak_kib" ] || peak_kib=$k
		r=$((r + 1))
	done
	rows="$rows$name	$best_s	$peak_kib
"
	cpu="$cpu$name: $best_cpu
"
}

rows=
cpu=
say "timing wc -w, LC_ALL=C ($runs runs)"
timed "wc -w (LC_ALL=C)" env LC_ALL=C wc -w "$all"
words=$(awk '{ print $1 }' "$scratch/stdout")
say "timing wc -w, $utf8_name ($runs runs)"
# shellcheck disable=SC2086
timed "wc -w ($utf8_name)" env $utf8_env wc -w "$all"
words_utf8=$(awk '{ print $1 }' "$scratch/stdout")
# Each run writes into an empty directory, and nothing is deleted until the
# end (the previous run's output is moved aside): see the top of this file.
mkdir "$out"
for j in $jobs_list; do
	say "timing unmine --plugins $plugins -j $j ($runs runs)"
	# shellcheck disable=SC2016 # expanded by the eval in timed
	before='[ ! -d "$out/run" ] || mv "$out/run" "$out/before-$j-$r"'
	timed "unmine -j $j" "$unmine" --plugins "$plugins" -j "$j" \
		${plugin_path:+--plugin-path "$plugin_path"} --stats -o "$out/run" "$tree"
	stats=$(grep 'unmine: .* documents' "$scratch/stderr" || :)
	before=
	out_files=$(find "$out/run" -type f -name '*.xml' | wc -l)
	[ "$out_files" -eq "$files" ] ||
		say "warning: unmine wrote $out_files files for $files inputs"
	mv "$out/run" "$out/last-$j"
	# The same work written as one XML stream into one file: without the
	# cost of creating a file per document, which depends on the file
	# system.
	say "timing unmine --plugins $plugins -j $j, one stream ($runs runs)"
	timed "unmine -j $j, one stream" "$unmine" --plugins "$plugins" -j "$j" \
		${plugin_path:+--plugin-path "$plugin_path"} "$tree"
	stream_docs=$(grep -c '^<document ' "$scratch/stdout" || :)
	[ "$stream_docs" -eq "$files" ] ||
		say "warning: the stream holds $stream_docs documents for $files inputs"
done

# --- report -----------------------------------------------------------------

echo
printf '%s\n' "$rows" | awk -F '\t' -v bytes="$bytes" -v label="$utf8_name" '
NF == 3 {
	n++; name[n] = $1; s[n] = $2; rss[n] = $3 / 1024
	mbs[n] = ($2 > 0) ? bytes / 1e6 / $2 : 0
}
END {
	fmt = "%-24s %8s %8s %9s %13s %14s\n"
	printf fmt, "tool", "MB", "seconds", "MB/s", "peak RSS MB", "unmine/wc"
	for (i = 1; i <= n; i++) {
		r = (i > 2 && mbs[2] > 0) ? sprintf("%.3f", mbs[i] / mbs[2]) : "-"
		printf fmt, name[i], sprintf("%.1f", bytes / 1e6), \
			sprintf("%.2f", s[i]), \
			(mbs[i] > 0 ? sprintf("%.1f", mbs[i]) : "n/a"), \
			sprintf("%.1f", rss[i]), r
	}
	print ""
	if (mbs[1] > 0 && mbs[2] > 0 && mbs[3] > 0) {
		for (i = 3; i <= n; i++)
			printf "%s: %.3f of wc -w in %s (the judged one), " \
				"%.3f of wc -w with LC_ALL=C\n", name[i], \
				mbs[i] / mbs[2], label, mbs[i] / mbs[1]
	} else {
		print "unmine/wc ratio: n/a (a run took under 0.01 s; use a larger --size)"
	}
	# rows 3 and 4 are the first -j (-o, stream); each later pair against them
	for (i = 5; i <= n; i++) {
		f = 3 + (i + 1) % 2
		if (mbs[i] > 0 && mbs[f] > 0)
			printf "%s: %.2f times %s\n", name[i], mbs[i] / mbs[f], name[f]
	}
}'
printf 'best of %s runs each; peak RSS is the largest of the runs; MB = 10^6 bytes of input\n' "$runs"
printf 'corpus: %s files in %s copies of the development corpus; wc -w counted %s words (C), %s (%s)\n' \
	"$files" "$passes" "$words" "$words_utf8" "$utf8_name"
printf 'CPU time of the best runs:\n%s' "$cpu" | sed '2,$s/^/  /'
[ -z "$stats" ] || printf 'unmine --stats (last run): %s\n' "${stats#unmine: }"
exit 0
