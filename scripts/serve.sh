#!/usr/bin/env bash
# Runs the product: installs npm packages if needed, builds the editor if the sources changed, then starts the
# editor, API and runtime on one port (PORT, default 3000) on the embedded database (or DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-node-modules.sh
bash scripts/ensure-build.sh
exec env NODE_ENV=production npx tsx server.ts
