#!/bin/sh
# Builds the QEMU TCG plugin libctnn_icount.so (exact instruction counts between the bench
# markers) for the machine's qemu-system-arm. Needs only Debian packages: gcc, apt, xz-utils,
# and network access to Debian's archive (deb-src), from which qemu-plugin.h is taken - Debian
# ships QEMU with plugin support but without the header. Nothing in apt's configuration changes.
#
#   bench/firmware/plugin/build.sh [OUT_DIR]          (default: build/qemu-plugin)
#   -> OUT_DIR/libctnn_icount.so; configure with -DCTNN_QEMU_PLUGIN=OUT_DIR/libctnn_icount.so
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-build/qemu-plugin}
mkdir -p "$OUT/include"
OUT=$(cd "$OUT" && pwd)

if [ ! -f "$OUT/include/qemu-plugin.h" ]; then
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  chmod 755 "$WORK"   # apt's sandbox user must be able to write the download
  mkdir -p "$WORK/lists/partial" "$WORK/parts"
  # The machine's own Debian sources, as deb-src, in a private list directory.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] && sed 's/^Types:.*/Types: deb-src/' "$f" > "$WORK/parts/$(basename "$f")"
  done
  if [ -e /etc/apt/sources.list ]; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > "$WORK/parts/legacy.list"
  fi
  APT="apt-get -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$WORK/parts \
       -o Dir::State::Lists=$WORK/lists -o Acquire::Languages=none -qq"
  $APT update
  # The source version matching the installed binary package (binNMU suffix +bN dropped).
  VER=$(dpkg-query -W -f='${Version}' qemu-system-arm 2>/dev/null | sed 's/+b[0-9]*$//')
  (cd "$WORK" && { $APT source --download-only "qemu=$VER" 2>/dev/null || $APT source --download-only qemu; })
  tar -xJf "$WORK"/qemu_*.orig.tar.xz -C "$WORK" --wildcards '*/include/qemu/qemu-plugin.h'
  cp "$WORK"/*/include/qemu/qemu-plugin.h "$OUT/include/"
fi

${CC:-gcc} -O2 -shared -fPIC -fvisibility=hidden -Wall -Wextra -Werror -I"$OUT/include" \
  "$HERE/ctnn_icount.c" -o "$OUT/libctnn_icount.so"
echo "$OUT/libctnn_icount.so"
