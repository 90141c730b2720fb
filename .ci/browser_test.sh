#!/usr/bin/env bash
# The report's JavaScript in a real browser (tests/report_browser.rs, ignored by `cargo test`).
# Installs Debian's chromium-headless-shell when no Chromium is found and we may (root or CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
find_chromium() {
    if [ -n "${CHROMIUM:-}" ]; then echo "$CHROMIUM"; return; fi
    command -v chromium-headless-shell || command -v chromium || command -v chromium-browser || command -v google-chrome || true
}
if [ -z "$(find_chromium)" ]; then
    if [ "$(id -u)" = 0 ] || [ "${CI:-}" = true ]; then
        SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
        echo "== installing chromium-headless-shell"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null
    else
        echo "browser test: no Chromium (install chromium-headless-shell or set CHROMIUM) and not allowed to install it (not root, CI unset)" >&2
        exit 1
    fi
fi
CHROMIUM="$(find_chromium)"
export CHROMIUM
echo "== browser test with $CHROMIUM"
cargo test --test report_browser -- --ignored
