#!/usr/bin/env bash
# Writes the generated SDKs from schema.json with the engine's own generator:
#   bash engine/gen-sdks.sh          # sdk/python, sdk/go, sdk/nodejs (what is committed)
#   bash engine/gen-sdks.sh OUT_DIR  # the same into OUT_DIR (the engine suite's staleness test)
# Each language's folder is removed first, so a file the generator no longer writes goes too.
# Needs the Pulumi CLI and our language hosts (bash engine/install.sh builds them once).
# .NET and Java are not generated: no pulumi-language-dotnet/-java host is to be had from the Go
# module proxy (docs/engine.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-sdk}"
if ! bin="$(bash engine/install.sh --cached 2>/dev/null | tail -1)"; then
  echo "gen-sdks: the Pulumi CLI is not installed; run 'bash engine/install.sh' once (it builds" >&2
  echo "gen-sdks: the CLI and language hosts from Go modules), then 'npm run generate:sdks'." >&2
  exit 1
fi
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mkdir -p "$out"
for language in python go nodejs; do
  rm -rf "${out:?}/$language"
  PATH="$bin:$PATH" PULUMI_HOME="$home" PULUMI_SKIP_UPDATE_CHECK=1 \
    "$bin/pulumi" package gen-sdk schema.json --language "$language" --out "$out" >/dev/null
done
