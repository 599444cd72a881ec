#!/usr/bin/env bash
# The README's start command: installs and builds as needed, then runs the main job on the
# embedded default (no external service).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsc -b examples
node examples/dist/main.js
