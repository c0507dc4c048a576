#!/usr/bin/env bash
# Runs the product for a demo (installs the toolchain and dependencies first when needed).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BRIDGE_ROOT"
pnpm build >&2
exec node scripts/demo.mjs "$@"
