#!/usr/bin/env bash
# The whole test suite, from a fresh clone or a working tree: install, type-check every package
# (tsc -b), check the dependency rule, run every jest suite. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

npx tsc -b
node scripts/check-deps.js
mkdir -p .build
status=0
npx jest --ci --json --outputFile=.build/jest-results.json "$@" || status=$?
node -e '
  const r = require("./.build/jest-results.json");
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' || true
exit $status
