#!/usr/bin/env bash
# Runs the product: installs npm packages if needed, builds the editor if the sources changed, then starts the
# editor, API and runtime on one port (PORT, default 3000) on the embedded database (or DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-node-modules.sh
# The speech engines: Debian packages when they can be installed (root or sudo), then the models. Without them the
# product still runs; voice falls back to espeak-ng or is unavailable, and the log says which.
if [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then bash scripts/ensure-system-packages.sh || echo "voice: could not install the speech packages"; fi
npx tsx scripts/fetch-voices.ts || echo "voice: could not fetch the speech models; the fallback voice is espeak-ng"
bash scripts/ensure-build.sh
exec env NODE_ENV=production npx tsx server.ts
