# shellcheck shell=bash
# Sourced by scripts/test.sh: makes sure the browser tests have Debian's headless Chromium. Installs the
# `chromium-headless-shell` package when it is missing and this runs as root; otherwise stops with one line saying
# what to install. Playwright never downloads a browser here: it drives this one (CHROMIUM_PATH).
if [ -z "${CHROMIUM_PATH:-}" ]; then
  if ! command -v chromium-headless-shell >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "› installing Debian's chromium-headless-shell for the browser tests" >&2
      { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium-headless-shell; } >/tmp/bridge-chromium-install.log 2>&1 \
        || { echo "browser tests: could not install chromium-headless-shell (see /tmp/bridge-chromium-install.log); install it with: sudo apt-get install chromium-headless-shell" >&2; exit 1; }
    else
      echo "browser tests: Chromium is missing; install it with: sudo apt-get install chromium-headless-shell (or set CHROMIUM_PATH)" >&2
      exit 1
    fi
  fi
  CHROMIUM_PATH="$(command -v chromium-headless-shell)"
fi
export CHROMIUM_PATH
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
