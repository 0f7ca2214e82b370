#!/usr/bin/env bash
# Provides livekit-server for the tests and for development: built once from its Go module (it is on neither npm nor
# Debian) into the git-ignored .switchboard/bin, then reused. Pinned to v1.13.5: v1.13.0/1 carry `replace` lines and
# cannot be installed with `go install`. Prints nothing when the binary is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

version="v1.13.5"
bin_dir="$PWD/.switchboard/bin"
binary="$bin_dir/livekit-server-$version"

if [[ -x "$binary" ]]; then
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "livekit-server: Go is needed to build it (apt-get install golang-go, or https://go.dev/dl/); it is not installed" >&2
  exit 1
fi

echo "livekit-server: building $version from its Go module (about a minute, once)"
mkdir -p "$bin_dir"
build_dir=$(mktemp -d)
trap 'rm -rf "$build_dir"' EXIT
# cgo off: a static binary with no system libraries to match. GOBIN in a scratch folder, then one rename, so an
# interrupted build never leaves a half-written binary at the cached path.
CGO_ENABLED=0 GOBIN="$build_dir" go install "github.com/livekit/livekit-server/cmd/server@$version"
mv "$build_dir/server" "$binary"
echo "livekit-server: $binary"
