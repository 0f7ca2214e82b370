#!/usr/bin/env bash
# Gives a fresh state folder (the e2e suite's, ../playwright.config.ts) the speech models already fetched into
# .switchboard/voices: hard links (the same files, no copy of 60 MB) when on one filesystem, else a copy. Does nothing
# when there are none yet (the server's start then fetches them) or the folder has its own.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: link-voices.sh STATE_DIR}"
source_dir=".switchboard/voices"
[ -d "$source_dir" ] || exit 0
[ -e "$target/voices" ] && exit 0
mkdir -p "$target"
cp -al "$source_dir" "$target/voices" 2>/dev/null || cp -a "$source_dir" "$target/voices"
