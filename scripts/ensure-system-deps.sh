#!/usr/bin/env bash
# System packages the build and the browser tests need: Node.js (KaTeX at build time),
# Chromium (tests drive it through Playwright; the build lays out diagrams in it), a CJK font
# (figure labels, page text) and Liberation Sans (Arial's metrics, for diagram labels).
# Installs what is missing when it can (root + apt-get); otherwise says exactly what to install.
set -euo pipefail

missing=()
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# grep reads to the end: with pipefail, an early-exiting grep -q would make fc-list die of SIGPIPE
fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep "Liberation Sans" >/dev/null || missing+=(fonts-liberation)

if [ ${#missing[@]} -eq 0 ]; then
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$node_major" -lt 18 ]; then
    echo "Node.js $node_major is too old: KaTeX's renderer needs Node.js 18 or newer." >&2
    exit 1
  fi
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing missing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
  rm -rf "${HOME}/.cache/matplotlib"  # matplotlib caches the font list; let it see the new font
  exit 0
fi

echo "Missing system packages: ${missing[*]}" >&2
echo "Install them, then run make again:  sudo apt-get install ${missing[*]}" >&2
exit 1
