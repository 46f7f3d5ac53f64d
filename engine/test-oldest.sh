#!/usr/bin/env bash
# The oldest combination we support (README, "Supported versions"): Node 22 and @pulumi/pulumi
# 3.248.0, through the pinned CLI and Pulumi's own hosts, running the engine tests of the dynamic
# resources. The working tree is copied (without node_modules and dist) into a temporary folder,
# installed there with the oldest SDK, and tested there; this clone is left as it is.
#
#   npm run test:engine:oldest
set -euo pipefail
OLDEST_NODE=22
OLDEST_SDK=3.248.0
TESTS="quickstart tollfreeBlock relocate releasedOutside crashRecovery"

root="$(cd "$(dirname "$0")/.." && pwd)"
# The copy builds (or reuses) the same CLI and hosts, from the hosts' source beside this clone.
export PULUMI_ACULAB_HOSTS_SOURCE="${PULUMI_ACULAB_HOSTS_SOURCE:-$root/../shared/pulumi-language-hosts}"
node_bin="$(bash "$root/engine/node.sh" "$OLDEST_NODE" | tail -1)"
export PATH="$node_bin:$PATH"
work="$(mktemp -d "${TMPDIR:-/tmp}/aculab-oldest-XXXXXX")"
trap 'rm -rf "$work"' EXIT

tar -C "$root" --exclude=./node_modules --exclude=./dist --exclude=./.git -cf - . | tar -C "$work" -xf -
cd "$work"
npm ci --no-audit --no-fund >&2
npm install --no-save --no-audit --no-fund "@pulumi/pulumi@$OLDEST_SDK" >&2
sdk="$(node -p 'require("@pulumi/pulumi/package.json").version')"
if [ "$(node --version | cut -d. -f1)" != "v$OLDEST_NODE" ] || [ "$sdk" != "$OLDEST_SDK" ]; then
  echo "engine/test-oldest.sh: meant to run on Node $OLDEST_NODE with @pulumi/pulumi $OLDEST_SDK, got $(node --version) with $sdk" >&2
  exit 1
fi
echo "engine/test-oldest.sh: Node $(node --version), @pulumi/pulumi $sdk" >&2
npm run build >&2
npx jest --config jest.engine.config.js $(for t in $TESTS; do echo "test/engine/$t.test.ts"; done)
