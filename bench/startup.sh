#!/bin/sh
# Start-up cost of plugins: unmine on a one-word document, with the plugins
# given and with none, 50 runs each; prints the mean wall time of each and
# the difference (the plugins' init: loading, building their tables).
#
#   bench/startup.sh [--build DIR] [--plugins LIST] [--plugin-path DIRS]
#
# Defaults: --build build, --plugins places, --plugin-path the plugin
# directories of the build. Needs GNU date (nanoseconds).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
plugins=places
plugin_path=
while [ "$#" -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--plugins) plugins=$2; shift 2 ;;
	--plugin-path) plugin_path=$2; shift 2 ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/startup.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
unmine=$build/core/unmine
[ -x "$unmine" ] || { echo "bench/startup.sh: no $unmine: build first" >&2; exit 2; }
if [ -z "$plugin_path" ]; then
	plugin_path=$(find "$build/plugins" -type d -name .libs | tr '\n' ':')
fi
empty=$(mktemp "${TMPDIR:-/tmp}/unmine-startup.XXXXXX")
echo "Text." >"$empty"
trap 'rm -f "$empty"' EXIT
runs=50

# mean_ms PLUGINS: mean wall time of $runs runs, in milliseconds
mean_ms() {
	"$unmine" -q -P "$plugin_path" --plugins "$1" "$empty" >/dev/null
	t0=$(date +%s%N)
	i=0
	while [ "$i" -lt "$runs" ]; do
		"$unmine" -q -P "$plugin_path" --plugins "$1" "$empty" >/dev/null
		i=$((i + 1))
	done
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / runs / 1000 )) | awk '{ printf "%.2f", $1 / 1000 }'
}

none=$(mean_ms none)
with=$(mean_ms "$plugins")
echo "unmine on a one-word document, mean of $runs runs:"
echo "  --plugins none:       $none ms"
echo "  --plugins $plugins: $with ms"
awk -v a="$with" -v b="$none" -v p="$plugins" \
	'BEGIN { printf "start-up cost of %s: %.2f ms\n", p, a - b }'
