#!/bin/sh
# Builds the libFuzzer harnesses with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer, libunmine and every plugin instrumented) in
# build-fuzz/, and runs each for a while on a corpus seeded from corpus/.
#
#   fuzz/run.sh [--time SECONDS] [--build-only | --no-build] [HARNESS...]
#
# Harnesses: fuzz_txt, fuzz_xml, fuzz_html, fuzz_jsonl (one reader each,
# the last a record of JSON Lines, then the tokenizer), fuzz_gzip (the
# stream inflater, whole and in small pieces, compared) and fuzz_pipeline
# (reader by content, every plugin, every writer). Default: all six, 60
# seconds each, one after another. The
# growing corpus of each is kept in build-fuzz/corpus/HARNESS; inputs that
# crash go to build-fuzz/findings/, and the run fails. Needs clang.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
time=60
build_only=0
no_build=0
while [ "$#" -gt 0 ]; do
	case $1 in
	--time) time=$2; shift 2 ;;
	--build-only) build_only=1; shift ;;
	--no-build) no_build=1; shift ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "fuzz/run.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ "$#" -gt 0 ] || set -- fuzz_txt fuzz_xml fuzz_html fuzz_jsonl fuzz_gzip fuzz_pipeline
command -v clang >/dev/null || { echo "fuzz/run.sh: clang is needed" >&2; exit 2; }

san="-fsanitize=address,undefined -fno-sanitize-recover=all"
b=build-fuzz
lib="$top/$b/core/.libs"
pp=$(find "$top/$b/plugins" -type d -name .libs 2>/dev/null | sort | tr '\n' ':')
if [ "$no_build" -eq 0 ]; then
mkdir -p "$b"
if [ ! -f "$b/Makefile" ]; then
	(cd "$b" && ../configure CC=clang \
		CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $san" \
		LDFLAGS="$san" >/dev/null)
fi
make -C "$b" -j"$(nproc)" >/dev/null
lib="$top/$b/core/.libs"
pp=$(find "$top/$b/plugins" -type d -name .libs | sort | tr '\n' ':')
cflags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer $san -I$top/core"
for fmt in txt xml html jsonl; do
	up=$(echo "$fmt" | tr a-z A-Z)
	clang $cflags -DFUZZ_FORMAT=UM_FMT_$up -o "$b/fuzz_$fmt" fuzz/fuzz_reader.c \
		-L"$lib" -lunmine -Wl,-rpath,"$lib"
done
clang $cflags -o "$b/fuzz_gzip" fuzz/fuzz_gzip.c \
	-L"$lib" -lunmine -Wl,-rpath,"$lib"
clang $cflags -DFUZZ_PLUGIN_PATH="\"$pp\"" -o "$b/fuzz_pipeline" \
	fuzz/fuzz_pipeline.c -L"$lib" -lunmine -Wl,-rpath,"$lib"
fi
[ "$build_only" -eq 0 ] || exit 0

mkdir -p "$b/findings"
status=0
for h in "$@"; do
	c="$b/corpus/$h"
	mkdir -p "$c"
	case $h in
	fuzz_txt) seeds="corpus/*.txt tests/fuzz/*" ;;
	fuzz_xml) seeds="corpus/*.xml tests/fuzz/*" ;;
	fuzz_html) seeds="corpus/*.html tests/fuzz/*" ;;
	fuzz_jsonl)
		# a record a seed: each line of the records written by hand
		seeds=""
		split -l 1 -a 3 tests/fuzz/records.jsonl "$c/record-" ;;
	fuzz_gzip)
		# gzip of a few files of corpus/, and the seeds that are
		seeds="tests/fuzz/*.gz"
		for s in corpus/*; do
			[ -f "$s" ] && head -c 20000 "$s" | gzip -9n >"$c/$(basename "$s").gz"
		done ;;
	*) seeds="corpus/* tests/fuzz/*" ;;
	esac
	for s in $seeds; do
		[ -f "$s" ] && cp "$s" "$c/" || :
	done
	echo "== $h: $time s"
	ASAN_OPTIONS=detect_leaks=1 UNMINE_PLUGIN_PATH="$pp" \
		"$b/$h" -max_total_time="$time" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$b/findings/$h-" \
		-print_final_stats=1 "$c" 2>"$b/$h.log" || status=1
	grep -aE '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' \
		"$b/$h.log" || :
	if [ "$status" -ne 0 ]; then
		tail -40 "$b/$h.log"
		break
	fi
done
exit "$status"
