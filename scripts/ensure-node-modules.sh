#!/usr/bin/env bash
# Installs npm packages when node_modules is missing or older than the lockfile (npm ci runs `prisma generate`).
set -euo pipefail
# onnxruntime-node's install script downloads GPU libraries from NuGet (unreachable offline, and not needed: its CPU
# binaries are in the npm package). package.json's allowScripts skips it on npm 11; this skips it on older npm too.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages…"
  npm ci --no-audit --no-fund
fi
if [ ! -d lib/generated/prisma ]; then npx prisma generate; fi
