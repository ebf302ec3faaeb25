#!/usr/bin/env bash
# `npm run dev`: the n8n editor with this package loaded (built, packed and installed as a community
# package on every start), a local Amplitude stand-in and a credential for it. See scripts/e2e/dev.js.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/e2e/setup-n8n.sh >/dev/null
npm run build
exec node scripts/e2e/dev.js "$@"
