#!/usr/bin/env bash
# End-to-end browser tests of the web app (called by .ci/run): Debian Chromium + playwright-core.
# Installs Chromium via apt when missing, installs the npm package, builds the binary, runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if ! [ -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
if ! command -v node >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
(cd "$here" && npm ci --no-audit --no-fund --silent)
(cd "$repo" && cargo build --bin anguan)
cd "$here" && node run.mjs
