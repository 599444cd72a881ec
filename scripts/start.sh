#!/usr/bin/env bash
# The README's start command: the whole product (apps/standalone) on the embedded SQLite file
# ./data/gavel.db, no external service. Installs when node_modules is missing or older than the
# lockfile, builds what the app needs (tsc -b is incremental: a no-op when nothing changed),
# then runs it; the app prints its URL and the demo logins. Configuration: docs/configuration.md
# (e.g. PORT=8080 npm start, DEMO_DATA=false npm start).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsc -b apps/standalone
# exec: Ctrl-C and SIGTERM reach the app itself, which shuts down gracefully.
exec node apps/standalone/dist/main.js
