#!/usr/bin/env bash
# Installs the Pulumi CLI and the plugins the engine suite needs, built from Go
# modules at pinned versions, into a cache outside the clone; reused when there.
#
#   bash engine/install.sh          # prints the bin folder to put on PATH (last line)
#   bash engine/install.sh --cached # the same, only if already installed; else exit 1, build nothing
#
# Pins and the recipe: docs/engine.md. PULUMI_ACULAB_TOOLS moves the cache
# (default ~/.cache/pulumi-aculab). A `pulumi` already on PATH is used instead
# of building one when `pulumi version` is exactly the pin.
set -euo pipefail

PULUMI_VERSION=v3.248.0
YAML_VERSION=v1.25.0
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

# The cache key covers every input of the build, so a change to a pin or to one
# of our language hosts (every .go file under engine/, with its path) rebuilds
# instead of reusing a stale binary.
sources() {
  (cd "$here" && find . -name '*.go' -not -path './yaml/*' | LC_ALL=C sort | while read -r f; do
    echo "== $f"
    cat "$f"
  done)
}
key="$( (echo "$PULUMI_VERSION $YAML_VERSION" && cat "$here/go.mod" "$here/go.sum" "$here/yaml/go.mod" \
  "$here/yaml/go.sum" && sources) | sha256sum | cut -c1-12)"
cache="${PULUMI_ACULAB_TOOLS:-$HOME/.cache/pulumi-aculab}"
bin="$cache/pulumi-$PULUMI_VERSION-$key/bin"

say() { echo "engine/install.sh: $*" >&2; }

need() {
  command -v "$1" >/dev/null 2>&1 || {
    say "$1 is required ($2) but is not on PATH"
    exit 1
  }
}

stamp="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
build() { # build <module dir> <package> <output name> [ldflags]
  local started=$SECONDS
  say "building $3 ($2)"
  (cd "$1" && CGO_ENABLED=0 go build -trimpath -ldflags "${4:-}" -o "$bin.partial/$3" "$2")
  say "built $3 in $((SECONDS - started)) s"
}

# Our own language hosts: engine/<language>-host → pulumi-language-<language>.
hosts="nodejs python go"

installed() {
  [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-yaml" ] && [ -x "$bin/pulumi-resource-pulumi-nodejs" ] \
    && [ -x "$bin/pulumi-language-python-exec" ] || return 1
  for language in $hosts; do
    [ -x "$bin/pulumi-language-$language" ] || return 1
  done
}

if [ "${1:-}" = "--cached" ]; then
  installed && echo "$bin" && exit 0
  exit 1
fi

if installed; then
  say "reusing $bin"
else
  need go "Go 1.26 builds the Pulumi CLI from its modules"
  need node "Node.js runs the TypeScript programs"
  rm -rf "$bin.partial"
  mkdir -p "$bin.partial"
  started=$SECONDS
  existing="$(command -v pulumi || true)"
  if [ -n "$existing" ] && [ "$("$existing" version 2>/dev/null || true)" = "$PULUMI_VERSION" ]; then
    say "using the pulumi on PATH ($existing, $PULUMI_VERSION)"
    ln -s "$existing" "$bin.partial/pulumi"
  else
    build "$here" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi pulumi "$stamp"
  fi
  for language in $hosts; do
    build "$here" "./$language-host" "pulumi-language-$language" "$stamp"
  done
  build "$here/yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml pulumi-language-yaml \
    "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION"
  # The dynamic-provider launcher, with the exact name the engine looks for: the
  # copy in the pinned sdk/v3 module, identical to the one @pulumi/pulumi ships.
  sdk="$(cd "$here" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
  install -m 0755 "$sdk/nodejs/dist/pulumi-resource-pulumi-nodejs" "$bin.partial/"
  # The script our Python host runs programs with, from the same module; the
  # host looks for it beside itself.
  install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$bin.partial/"
  rm -rf "$bin"
  mkdir -p "$(dirname "$bin")"
  mv "$bin.partial" "$bin"
  say "installed into $bin in $((SECONDS - started)) s"
fi

"$bin/pulumi" version >&2
echo "$bin"
