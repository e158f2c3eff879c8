#!/usr/bin/env bash
# Regenerates format/src/main/java/io/graphsnap/format/fbs/ from format/src/main/fbs/loose_object.fbs
# with flatc 2.0.8, the exact version of the flatbuffers-java runtime (pom.xml: flatbuffers.version).
# flatc comes from Maven Central (com.github.davidmoten:flatbuffers-compiler:2.0.8, linux x86_64).
# Usage: ./format/flatc-generate.sh [--check]   (--check: fail if the committed sources differ)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=2.0.8
artifact="com.github.davidmoten:flatbuffers-compiler:${version}:tar.gz:distribution-linux"
tarball="$HOME/.m2/repository/com/github/davidmoten/flatbuffers-compiler/${version}/flatbuffers-compiler-${version}-distribution-linux.tar.gz"
if [ ! -f "$tarball" ]; then
  mvn -B -q dependency:get -Dartifact="$artifact" >&2
fi
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
tar -xzf "$tarball" -C "$tool"
flatc=$(find "$tool" -type f -name flatc | head -n 1)
chmod +x "$flatc"
found=$("$flatc" --version)
[ "$found" = "flatc version $version" ] || { echo "flatc-generate: expected flatc $version, found: $found" >&2; exit 1; }
out="$tool/out"
mkdir -p "$out"
"$flatc" --java -o "$out" "$here/src/main/fbs/loose_object.fbs"
target="$here/src/main/java/io/graphsnap/format/fbs"
if [ "${1:-}" = "--check" ]; then
  if ! diff -r "$out/io/graphsnap/format/fbs" "$target"; then
    echo "flatc-generate: committed FlatBuffers sources differ from the schema; run ./format/flatc-generate.sh" >&2
    exit 1
  fi
  echo "flatc-generate: generated sources match the schema"
else
  rm -rf "$target"
  mkdir -p "$target"
  cp "$out/io/graphsnap/format/fbs/"*.java "$target/"
  echo "flatc-generate: wrote $(ls "$target" | wc -l) files to $target"
fi
