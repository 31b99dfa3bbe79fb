#!/usr/bin/env bash
# Installs the VS Code server that code-server@4.100.3 bundles into .vscode-test/code-server, so host
# tests and `npm start` can run a real extension host on a machine that reaches only the npm
# registry and Debian's packages (see /work/shared/VSCODE-HOST.md for why each step exists).
#
# Idempotent: a marker file records a finished install of this exact version; with it present,
# nothing is done. A half-finished install (no marker) is wiped and redone, because npm steps that
# were interrupted leave node_modules in states that later steps cannot detect.
#
# Usage: scripts/host/install-host.sh [--force]
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
base="${CONTAINER_ANATOMY_HOST_DIR:-$repo_root/.vscode-test}"
install_dir="$base/code-server"
marker="$install_dir/.install-complete"
cs="$install_dir/node_modules/code-server"
vscode_dir="$cs/lib/vscode"

log() { printf '[install-host] %s\n' "$*"; }
die() { printf '[install-host] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" == "--force" ]]; then
  rm -f "$marker"
fi

if [[ -f "$marker" ]] && [[ "$(cat "$marker")" == "code-server@$CODE_SERVER_VERSION" ]] \
   && [[ -f "$vscode_dir/out/server-main.js" ]]; then
  log "code-server@$CODE_SERVER_VERSION already installed in $install_dir (delete $marker to reinstall)"
  exit 0
fi

# --- Prerequisites: check them all first so one run lists everything that is missing. ---------
missing=()
command -v node >/dev/null 2>&1 || missing+=("node (Node.js 20)")
command -v npm >/dev/null 2>&1 || missing+=("npm")
for tool in g++ make python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool (apt-get install build-essential python3)")
done
[[ -x /usr/bin/chromium ]] || missing+=("/usr/bin/chromium (apt-get install chromium)")
[[ -x /usr/bin/rg ]] || missing+=("/usr/bin/rg (apt-get install ripgrep)")
# kerberos (a native module of the VS Code server) includes gssapi/gssapi.h from libkrb5-dev.
[[ -f /usr/include/gssapi/gssapi.h ]] || missing+=("/usr/include/gssapi/gssapi.h (apt-get install libkrb5-dev)")
if (( ${#missing[@]} > 0 )); then
  die "missing prerequisites:$(printf '\n  - %s' "${missing[@]}")"
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [[ "$node_major" != "20" ]]; then
  # code-server 4.100.x is built for Node 20; newer ones need Node 22+. Native modules are built
  # against the running node, so a different major would load but may not match the server.
  log "WARNING: node $(node -v) found; code-server@$CODE_SERVER_VERSION expects Node 20"
fi

# node-gyp needs Node's headers. Debian's/NodeSource's node ships them under /usr/include/node;
# pointing nodedir there avoids node-gyp downloading them (no internet here). Elsewhere (nvm, a
# tarball install) the headers sit next to the binary, under <prefix>/include/node.
node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [[ -z "${npm_config_nodedir:-}" ]]; then
  for candidate in "$node_prefix" /usr; do
    if [[ -f "$candidate/include/node/common.gypi" ]]; then
      export npm_config_nodedir="$candidate"
      break
    fi
  done
fi
if [[ -n "${npm_config_nodedir:-}" ]]; then
  log "node $(node -v), headers from npm_config_nodedir=$npm_config_nodedir"
else
  log "WARNING: no Node headers found under $node_prefix/include/node or /usr/include/node;" \
      "node-gyp will try to download them (needs internet)"
fi

# Quieter, faster, and no telemetry/update checks from npm itself.
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_loglevel="${npm_config_loglevel:-warn}"

start_time=$SECONDS
step() { log "[$(( SECONDS - start_time ))s] $*"; }

step "installing code-server@$CODE_SERVER_VERSION into $install_dir (about 320 MB, ~1-3 min with a warm npm cache)"
rm -rf "$install_dir"
mkdir -p "$install_dir"
# A private package.json so this install never touches the project's own node_modules or lockfile.
cat >"$install_dir/package.json" <<JSON
{ "name": "container-anatomy-vscode-host", "private": true, "version": "0.0.0" }
JSON

# --ignore-scripts: code-server's postinstall downloads ripgrep from GitHub and fails offline.
# The steps below do by hand what that postinstall would do.
(cd "$install_dir" && npm install --no-save --ignore-scripts --no-package-lock "code-server@$CODE_SERVER_VERSION")
[[ -f "$vscode_dir/out/server-main.js" ]] || die "code-server installed, but $vscode_dir/out/server-main.js is missing"

step "building argon2 (code-server's password hashing; loaded at start-up)"
(cd "$cs" && npm rebuild argon2)

step "installing the VS Code server's own dependencies (lib/vscode)"
(cd "$vscode_dir" && npm install --omit=dev --ignore-scripts)

# Native modules: every package under lib/vscode/node_modules with a binding.gyp. Found rather than
# listed so a code-server bump that adds one still gets built.
mapfile -t native_modules < <(
  cd "$vscode_dir/node_modules" &&
  for pkg in * @*/*; do
    [[ -f "$pkg/binding.gyp" && -f "$pkg/package.json" ]] && printf '%s\n' "$pkg"
  done
)
step "building native modules: ${native_modules[*]}"
# Each build's output goes to a log file, shown only when it matters: node-pty's harmless failure
# (below) prints hundreds of lines otherwise.
build_logs="$install_dir/build-logs"
mkdir -p "$build_logs"
# node-gyp reads JOBS: compile with every core (spdlog alone takes ~30 s on one).
export JOBS="${JOBS:-max}"
failed_optional=()
for mod in "${native_modules[@]}"; do
  case "$mod" in
    # Windows-only modules: their binding.gyp builds nothing on Linux.
    @vscode/windows-*) continue ;;
  esac
  mod_log="$build_logs/${mod//\//_}.log"
  step "  npm rebuild $mod"
  if ! (cd "$vscode_dir" && npm rebuild "$mod") >"$mod_log" 2>&1; then
    case "$mod" in
      # cpu-features is optional (ssh2 falls back to JS).
      cpu-features) failed_optional+=("$mod") ;;
      # node-pty's rebuild runs an extra `npx node-gyp` step that fails offline after pty.node is
      # already built: harmless when the binary exists.
      node-pty)
        if [[ -f "$vscode_dir/node_modules/node-pty/build/Release/pty.node" ]]; then
          log "  node-pty: its extra npx node-gyp step failed offline, but pty.node was built (harmless)"
        else
          tail -n 40 "$mod_log" >&2
          die "node-pty failed to build (no build/Release/pty.node); full output: $mod_log"
        fi ;;
      *)
        tail -n 40 "$mod_log" >&2
        die "native module $mod failed to build; full output: $mod_log" ;;
    esac
  fi
done
if (( ${#failed_optional[@]} > 0 )); then
  log "optional native modules not built (harmless): ${failed_optional[*]}"
fi

# Check the modules the server loads at start-up really load under this node.
step "checking native modules load"
(cd "$vscode_dir" && node -e '
  for (const m of ["@vscode/spdlog", "node-pty", "@parcel/watcher", "kerberos"]) {
    try { require(m); } catch (e) { console.error("cannot load " + m + ": " + e.message); process.exit(1); }
  }
') || die "a native module of the VS Code server does not load (see above)"

step "pointing @vscode/ripgrep at /usr/bin/rg"
rg_bin_dir="$vscode_dir/node_modules/@vscode/ripgrep/bin"
mkdir -p "$rg_bin_dir"
ln -sfn /usr/bin/rg "$rg_bin_dir/rg"

# The server resolves built-in modules through node_modules.asar (its Electron layout); on plain
# Node a symlink to node_modules stands in for the archive.
step "linking node_modules.asar -> node_modules"
ln -sfn node_modules "$vscode_dir/node_modules.asar"

step "installing built-in extensions' dependencies (lib/vscode/extensions)"
(cd "$vscode_dir/extensions" && npm install --omit=dev --ignore-scripts)

printf 'code-server@%s\n' "$CODE_SERVER_VERSION" >"$marker"
step "done: $(du -sh "$install_dir" | cut -f1) in $install_dir"
