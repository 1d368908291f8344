#!/usr/bin/env bash
# Installs the pinned npm test peers and tools (anvil, cast, ethers, viem, solc, OP contract
# artifacts, ethereumjs) into tools/js/node_modules from tools/js/package-lock.json.
# Re-runs `npm ci` only when the lockfile changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/tools/js"
stamp="$dir/node_modules/.opal-lock-stamp"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm-tools: npm is not installed; the acceptance tests that need npm tools will be skipped" >&2
  exit 0
fi
if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json" \
  && [ "$dir/generated/op-contracts.json" -nt "$dir/extract-artifacts.mjs" ]; then
  exit 0
fi
echo "npm-tools: installing pinned test tools into tools/js/node_modules ..." >&2
# `npm ci` refuses this lockfile because the other platforms' optional anvil/cast binaries are not
# recorded in it; `npm install` honours the lockfile the same way and tolerates that.
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2)
node "$dir/extract-artifacts.mjs"
cp "$dir/package-lock.json" "$stamp"
