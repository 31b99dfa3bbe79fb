#!/usr/bin/env bash
# Prepares a fresh Debian 12 / Ubuntu machine to run and test Container Anatomy, and is safe to run
# again: system packages (Chromium to drive the VS Code host, ripgrep and Kerberos headers for the
# host's native modules), the npm packages, the VS Code host itself (code-server's VS Code server,
# installed once into .vscode-test/), and — as root — the real container engines with the known
# test containers.
#
#   bash scripts/setup.sh               everything
#   bash scripts/setup.sh --no-engines  skip the container engines (e.g. to only look at the UI)
set -euo pipefail
cd "$(dirname "$0")/.."

with_engines=1
for arg in "$@"; do
  case "$arg" in
    --no-engines) with_engines=0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup.sh: '$*' needs root and sudo is not installed" >&2; exit 1
  fi
}

step() { printf '\n==> %s\n' "$*"; }

system_packages=(chromium ripgrep libkrb5-dev g++ make python3 libcap2-bin)
missing=()
for p in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  step "System packages present"
fi

step "Installing npm packages"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

step "Installing the VS Code host (once, into .vscode-test/)"
bash scripts/host/install-host.sh

if [ "$with_engines" -eq 1 ]; then
  step "Starting the container engines and the known test containers"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: the container engines need root; run: sudo bash scripts/engines/setup.sh" >&2
    exit 1
  fi
  bash scripts/engines/setup.sh
fi

step "Ready"
