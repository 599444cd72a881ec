#!/usr/bin/env bash
# The whole test suite, from a fresh clone or a working tree: install, type-check every package
# (tsc -b), check the dependency rule, then run every jest suite with throwaway PostgreSQL,
# MariaDB and Redis servers started on loopback (scripts/with-services.sh; installed from Debian
# packages when missing). `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

npx tsc -b
node scripts/check-deps.js
mkdir -p .build
rm -f .build/jest-*.json
status=0
# Everything in parallel, then the serial stage (tests that restart a shared server) alone.
bash scripts/with-services.sh bash -c '
  s=0
  npx jest --ci --json --outputFile=.build/jest-main.json "$@" || s=$?
  GAVEL_SERIAL=1 npx jest --ci --runInBand --json --outputFile=.build/jest-serial.json "\.serial\." "$@" || s=$?
  exit $s
' jest "$@" || status=$?
node -e '
  const fs = require("fs");
  const runs = [".build/jest-main.json", ".build/jest-serial.json"].filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  console.log(`jest: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed`);
' || true
exit $status
