#!/usr/bin/env bash
# The package inside the real n8n, offline: setup (cached), then the CLI, trigger and browser e2e runs.
# Expects a built dist/ (npm run build). Ends with one line over both: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/e2e/setup-n8n.sh >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
log="$(mktemp)"
status=0
node scripts/e2e/cli-e2e.js | tee "$log" || status=$?
node scripts/e2e/trigger-e2e.js | tee -a "$log" || status=$?
node scripts/e2e/browser-e2e.js | tee -a "$log" || status=$?
awk '/^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 } END { printf "\n%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
