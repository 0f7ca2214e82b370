#!/usr/bin/env bash
# Builds the editor (next build) when there is no build yet or the sources changed since the last one.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.ts proxy.ts instrumentation-client.ts package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "Building the editor…"
  npx next build
fi
