#!/usr/bin/env bash
# The one test command (`npm test`): sets up what it needs on a fresh Debian machine, then runs every check:
# format, lint, types, unit and integration tests (embedded and real PostgreSQL, the offline speech engines, a real
# livekit-server), the production build, and the Playwright suite in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$1"; }

step "System packages"
bash scripts/ensure-system-packages.sh
step "npm packages"
bash scripts/ensure-node-modules.sh
step "Speech models (Piper voice, Silero VAD)"
npx tsx scripts/fetch-voices.ts
step "livekit-server (built once from its Go module, cached in .switchboard/bin)"
bash scripts/ensure-livekit-server.sh

step "PostgreSQL"
TEST_DATABASE_URL=$(bash scripts/start-test-postgres.sh)
export TEST_DATABASE_URL
echo "real PostgreSQL at ${TEST_DATABASE_URL%%@*}@…"

step "Format, lint, types"
npx prettier --check . >/dev/null || { npx prettier --check . | tail -20; exit 1; }
npx next typegen >/dev/null
npx eslint --max-warnings=0 .
npx tsc --noEmit

# Built before the tests: the integration tests of the server's front door (lib/server/guarded-http.test.ts) serve
# the real pages and API from this build.
step "Production build"
npx next build

step "Unit and integration tests"
npx vitest run

step "End-to-end tests (Playwright, Chromium)"
npx playwright test

echo
echo "All checks passed."
