#!/usr/bin/env bash
# Runs the product: installs npm packages if needed, builds the editor if the sources changed, then starts the
# editor, API and runtime on one port (PORT, default 3000) on the embedded database (or DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-node-modules.sh
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.ts proxy.ts instrumentation-client.ts package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "Building the editor…"
  npx next build
fi
exec env NODE_ENV=production npx tsx server.ts
