#!/usr/bin/env bash
# Runs every test of every package, browser tests included (installs the toolchain, the dependencies and Debian's
# headless Chromium first when needed),
# then prints one summary line: "tests: N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/browser.sh"
cd "$BRIDGE_ROOT"
status=0
pnpm test "$@" || status=$?
node scripts/test-summary.mjs || status=1
exit "$status"
