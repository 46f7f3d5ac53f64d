#!/usr/bin/env bash
# Installs a pinned Node.js from the npm registry (the `node-<os>-<arch>` package carries the
# official binary) into a cache outside the clone, and prints its bin folder (last line):
#
#   export PATH="$(bash engine/node.sh):$PATH"      # Node 24, the version we develop and test on
#   export PATH="$(bash engine/node.sh 22):$PATH"   # the oldest line we support (docs/engine.md)
#
# For a machine whose system Node is older than 22 (Node 20 is end of life). Nothing is fetched
# from anywhere but the npm registry. PULUMI_ACULAB_TOOLS moves the cache (default
# ~/.cache/pulumi-aculab).
#
#   bash engine/node.sh 24.22.3 darwin-arm64        # another platform's binary, not run
#
# A second argument, a platform as the packages name it (linux-x64, linux-arm64, darwin-x64,
# darwin-arm64, win-x64), fetches that platform's binary into the same cache, for the plugin
# executables (packaging/pluginExecutable.ts): npm refuses a package whose os/cpu is not this
# machine's (EBADPLATFORM) unless forced. A version the registry lacks for that platform fails
# with npm's ETARGET.
set -euo pipefail

case "${1:-24}" in
  24) version=24.22.3 ;;
  22) version=22.23.5 ;;
  26) version=26.12.1 ;;
  *) version="$1" ;;
esac
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=win ;; esac
case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
host="$os-$arch"
target="${2:-$host}"
os="${target%-*}"
arch="${target##*-}"
package="node-$os-$arch"
dir="${PULUMI_ACULAB_TOOLS:-$HOME/.cache/pulumi-aculab}/node-$version-$os-$arch"
bin="$dir/node_modules/$package/bin"
exe=node
[ "$os" = win ] && exe=node.exe
force=""
[ "$target" != "$host" ] && force=--force

if [ ! -f "$bin/$exe" ]; then
  echo "engine/node.sh: installing $package@$version from the npm registry into $dir" >&2
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  if ! (cd "$dir.partial" && npm install --no-save --no-package-lock --no-audit --no-fund \
    --ignore-scripts $force "$package@$version" >&2); then
    rm -rf "$dir.partial"
    exit 1
  fi
  # npm and npx come with the system's npm; the package carries only the node binary.
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
fi
[ "$target" = "$host" ] && "$bin/$exe" --version >&2
echo "$bin"
