# shellcheck shell=bash
# Sourced by every entry point (scripts/*.sh, .ci/run). Makes sure this checkout has the toolchain it
# pins (Node 24, pnpm 12) using only the npm registry, installs workspace dependencies when the
# lockfile changed, and exports the environment every command runs with.
set -euo pipefail

BRIDGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BRIDGE_ROOT
NODE_VERSION="$(tr -d '[:space:]' <"$BRIDGE_ROOT/.node-version")"
PNPM_VERSION="12.21.0"
TOOLS="$BRIDGE_ROOT/.tools"

# Tools that otherwise try to reach hosts this project never needs.
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CHECKPOINT_DISABLE=1 PACT_DO_NOT_TRACK=true
export TZ=UTC
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# 1. Node: use the machine's Node when it is new enough (>= 22.12), otherwise the pinned one from npm.
platform="$(uname -s | tr '[:upper:]' '[:lower:]')"
arch="$(uname -m)"; case "$arch" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac
node_pkg="node-${platform}-${arch}"
node_bin="$TOOLS/node/node_modules/$node_pkg/bin"
if [ -x "$node_bin/node" ]; then
  export PATH="$node_bin:$PATH"
elif [ "$(node_major)" -lt 22 ]; then
  echo "› installing Node $NODE_VERSION from the npm registry into .tools/node" >&2
  npm install --silent --no-save --prefix "$TOOLS/node" "$node_pkg@$NODE_VERSION" >&2
  export PATH="$node_bin:$PATH"
fi
if [ -d "$TOOLS/node/node_modules/$node_pkg/include/node" ]; then
  export npm_config_nodedir="$TOOLS/node/node_modules/$node_pkg"   # native builds use these headers
fi

# 2. pnpm, pinned, from the npm registry.
pnpm_bin="$TOOLS/pnpm/bin"
if ! [ -x "$pnpm_bin/pnpm" ] || [ "$("$pnpm_bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm $PNPM_VERSION from the npm registry into .tools/pnpm" >&2
  npm install --silent --global --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >&2
fi
export PATH="$pnpm_bin:$BRIDGE_ROOT/node_modules/.bin:$PATH"

# 3. Workspace dependencies: installed when missing or when the lockfile changed since the last install.
stamp="$BRIDGE_ROOT/node_modules/.bridge-install-stamp"
lock_sum="$(cat "$BRIDGE_ROOT/pnpm-lock.yaml" "$BRIDGE_ROOT/pnpm-workspace.yaml" 2>/dev/null | cksum | cut -d' ' -f1)"
if [ "${BRIDGE_SKIP_INSTALL:-}" != 1 ] && { ! [ -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; }; then
  echo "› pnpm install" >&2
  if [ "${CI:-}" = "true" ]; then
    (cd "$BRIDGE_ROOT" && pnpm install --frozen-lockfile --reporter=append-only >&2)
  else
    (cd "$BRIDGE_ROOT" && pnpm install --reporter=append-only >&2)
  fi
  lock_sum="$(cat "$BRIDGE_ROOT/pnpm-lock.yaml" "$BRIDGE_ROOT/pnpm-workspace.yaml" | cksum | cut -d' ' -f1)"
  echo "$lock_sum" >"$stamp"
fi
