#!/usr/bin/env bash
# Installs the Pulumi CLI and the plugins the engine suite needs, at pinned versions, into a cache
# outside the clone; reused when there.
#
#   bash engine/install.sh          # prints the bin folder to put on PATH (last line)
#   bash engine/install.sh --cached # the same, only if already installed; else exit 1, build nothing
#
# What a user's `pulumi` installation carries, built here:
#   pulumi                      from the Go module proxy (pkg/v3), through the wrapper engine/go.mod
#   pulumi-language-nodejs,     Pulumi's own hosts, unchanged, from the source in
#   -python, -go                ../shared/pulumi-language-hosts/<pin> (the proxy refuses their modules)
#   pulumi-language-yaml        from the Go module proxy (pulumi-yaml), through engine/yaml/go.mod
#   pulumi-language-python-exec, pulumi-resource-pulumi-nodejs: scripts from the pinned sdk/v3 module
#
# Pins and the recipe: docs/engine.md. PULUMI_ACULAB_TOOLS moves the cache (default
# ~/.cache/pulumi-aculab); PULUMI_ACULAB_HOSTS_SOURCE names another copy of the hosts' source.
# Without that source, a `pulumi` on PATH whose `pulumi version` is exactly the pin is used with
# the hosts installed beside it (any Pulumi installation of that version has them).
set -euo pipefail

PULUMI_VERSION=v3.259.0
YAML_VERSION=v1.25.0
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
hosts_source="${PULUMI_ACULAB_HOSTS_SOURCE:-$root/../shared/pulumi-language-hosts}/$PULUMI_VERSION"
languages="nodejs python go"

say() { echo "engine/install.sh: $*" >&2; }

need() {
  command -v "$1" >/dev/null 2>&1 || {
    say "$1 is required ($2) but is not on PATH"
    exit 1
  }
}

# The cache key covers every input of the build: the pins, both wrapper modules and the hosts'
# source, so a change to any of them builds afresh instead of reusing a stale binary.
inputs() {
  echo "$PULUMI_VERSION $YAML_VERSION"
  cat "$here/go.mod" "$here/go.sum" "$here/yaml/go.mod" "$here/yaml/go.sum" "$0"
  if [ -d "$hosts_source" ]; then
    (cd "$hosts_source" && find . -type f | LC_ALL=C sort | xargs sha256sum)
  fi
}
key="$(inputs | sha256sum | cut -c1-12)"
cache="${PULUMI_ACULAB_TOOLS:-$HOME/.cache/pulumi-aculab}"
bin="$cache/pulumi-$PULUMI_VERSION-$key/bin"

installed() {
  for binary in pulumi pulumi-language-yaml pulumi-resource-pulumi-nodejs pulumi-language-python-exec; do
    [ -x "$bin/$binary" ] || return 1
  done
  for language in $languages; do
    [ -x "$bin/pulumi-language-$language" ] || return 1
  done
}

if [ "${1:-}" = "--cached" ]; then
  installed && echo "$bin" && exit 0
  exit 1
fi

stamp="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
build() { # build <module dir> <package> <output name> [ldflags]
  local started=$SECONDS
  say "building $3 ($2)"
  (cd "$1" && CGO_ENABLED=0 go build -trimpath -ldflags "${4:-}" -o "$bin.partial/$3" "$2")
  say "built $3 in $((SECONDS - started)) s"
}

# Pulumi's hosts as packages of our wrapper module: the source is copied beside engine/go.mod in a
# staging folder (never into the clone), and the Go host's imports of its own two sub-packages are
# rewritten to the wrapper's path, the one edit the recipe needs.
build_hosts() {
  local stage="$cache/src-$key"
  rm -rf "$stage"
  mkdir -p "$stage"
  cp "$here/go.mod" "$here/go.sum" "$stage/"
  for language in $languages; do
    cp -R "$hosts_source/pulumi-language-$language" "$stage/"
    rm -f "$stage/pulumi-language-$language"/go.*.upstream
  done
  grep -rl 'github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3/' "$stage/pulumi-language-go" |
    xargs sed -i.orig 's#github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3/#pulumi-aculab/engine/pulumi-language-go/#g'
  find "$stage" -name '*.orig' -delete
  for language in $languages; do
    build "$stage" "./pulumi-language-$language" "pulumi-language-$language" "$stamp"
  done
  rm -rf "$stage"
}

# A contributor without the hosts' source but with a Pulumi installation of the pinned version:
# that installation's own binaries, linked.
link_installation() {
  local dir="$1"
  for binary in pulumi pulumi-language-nodejs pulumi-language-python pulumi-language-python-exec \
    pulumi-language-go pulumi-language-yaml pulumi-resource-pulumi-nodejs; do
    [ -x "$dir/$binary" ] || {
      say "$dir/$binary is missing: that Pulumi installation lacks a plugin the suite needs"
      exit 1
    }
    ln -s "$dir/$binary" "$bin.partial/$binary"
  done
}

if installed; then
  say "reusing $bin"
else
  rm -rf "$bin.partial"
  mkdir -p "$bin.partial"
  started=$SECONDS
  existing="$(command -v pulumi || true)"
  if [ ! -d "$hosts_source" ]; then
    if [ -n "$existing" ] && [ "$("$existing" version 2>/dev/null || true)" = "$PULUMI_VERSION" ]; then
      say "no hosts' source at $hosts_source; using the Pulumi installation on PATH ($existing)"
      link_installation "$(dirname "$(readlink -f "$existing")")"
    else
      say "Pulumi's language hosts are built from their source, which is not at $hosts_source."
      say "Either put the pulumi-language-hosts folder there (or name it in PULUMI_ACULAB_HOSTS_SOURCE),"
      say "or put a Pulumi $PULUMI_VERSION installation on PATH (it carries the hosts); docs/engine.md."
      exit 1
    fi
  else
    need go "Go 1.26 builds the Pulumi CLI and its language hosts"
    need node "Node.js runs the TypeScript programs"
    build "$here" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi pulumi "$stamp"
    build_hosts
    build "$here/yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml pulumi-language-yaml \
      "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION"
    sdk="$(cd "$here" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
    # The dynamic-provider launcher, with the exact name the engine looks for, identical to the one
    # @pulumi/pulumi ships; and the script Pulumi's Python host runs programs with, beside it.
    install -m 0755 "$sdk/nodejs/dist/pulumi-resource-pulumi-nodejs" "$bin.partial/"
    install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$bin.partial/"
  fi
  rm -rf "$bin"
  mkdir -p "$(dirname "$bin")"
  mv "$bin.partial" "$bin"
  say "installed into $bin in $((SECONDS - started)) s"
fi

"$bin/pulumi" version >&2
echo "$bin"
