#!/bin/sh
# One entry point for a fresh Debian 12 machine:
#   ./build.sh demo   install what is missing, build, install into
#                     build/prefix, and annotate corpus/ into out/
#   ./build.sh test   install what is missing, build, run the whole test suite
# Both can be run again on the same machine.
set -eu

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

PACKAGES="gcc make autoconf automake libtool pkg-config libxml2-dev \
libxml2-utils libutf8proc-dev libstemmer-dev libjson-c-dev zlib1g-dev check binutils \
python3 iso-codes parallel python3-jsonschema clang"

say() {
	printf '%s\n' "build.sh: $*"
}

install_missing() {
	missing=""
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	say "installing$missing"
	if [ "$(id -u)" -eq 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		say "not root and no sudo: please apt-get install$missing"
		exit 2
	fi
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
}

# build DIR [configure arguments...]: configure once, then make.
build() {
	dir=$1
	shift
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		say "generating configure"
		autoreconf -fi
	fi
	if [ -f config.status ]; then
		say "the source tree is configured in place (./configure was run" \
			"here); run 'make distclean' here first"
		exit 2
	fi
	mkdir -p "$dir"
	# configure again when the tree was configured with other arguments
	# (another --prefix, by hand)
	if [ ! -f "$dir/Makefile" ] ||
		[ "$(cat "$dir/.build-args" 2>/dev/null)" != "$*" ]; then
		(cd "$dir" && ../configure "$@")
		printf '%s\n' "$*" >"$dir/.build-args"
	fi
	make -C "$dir" -j"$(nproc)"
}

case "${1:-}" in
demo)
	install_missing
	build build --enable-werror --prefix="$top/build/prefix"
	make -C build install >/dev/null
	rm -rf out
	say "annotating corpus/ into out/"
	build/prefix/bin/unmine corpus/ -o out/ --stats
	say "done: $(find out -name '*.xml' | wc -l) files in out/"
	;;
test)
	install_missing
	build build --enable-werror --prefix="$top/build/prefix"
	make -C build check -j"$(nproc)" || {
		cat build/tests/test-suite.log 2>/dev/null
		exit 1
	}
	;;
*)
	echo "usage: ./build.sh demo | test" >&2
	exit 2
	;;
esac
