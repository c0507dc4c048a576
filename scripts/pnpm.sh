#!/usr/bin/env bash
# `scripts/pnpm.sh <args>`: pnpm with this checkout's pinned toolchain and environment.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BRIDGE_ROOT"
exec pnpm "$@"
