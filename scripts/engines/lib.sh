# shellcheck shell=bash
# Shared constants and helpers for scripts/engines/setup.sh and teardown.sh.
# Sourced, never executed.
# shellcheck disable=SC2034  # the constants are used by the scripts that source this file

# ---- names and places -------------------------------------------------------
LOG_DIR=/var/log/container-anatomy
STATE_DIR=/run/container-anatomy          # our pid files and the setup lock
WORK_DIR=/var/lib/container-anatomy       # the busybox root folder and image tarballs

CONTAINERD_SOCK=/run/containerd/containerd.sock
DOCKER_SOCK=/var/run/docker.sock
DOCKER_PIDFILE=/var/run/docker.pid         # written by dockerd itself
PODMAN_SOCK=/run/podman/podman.sock

ROOTLESS_USER=anatomy
GUEST_USER=anatomy-guest

IMAGE=anatomy-busybox:latest                           # docker
CTR_IMAGE=docker.io/library/anatomy-busybox:latest     # containerd, after `docker save | ctr import`
PODMAN_IMAGE=localhost/anatomy-busybox:latest          # podman import names it so

TEST_LABEL=anatomy.test=1
HOSTILE_MERMAID='x"]; click A "javascript:alert(1)"'
HOSTILE_HTML='<img src=x onerror=alert(1)>'
HOSTILE_MD='[run](command:workbench.action.terminal.new)'
SLEEP_CMD=(sleep 1000000)

K8S_POD_NAME=anatomy-pod-k8s
K8S_POD_NAMESPACE=default

# Known containers, in removal order (joiners before owners).
DOCKER_CONTAINERS=(anatomy-netjoiner anatomy-ipcjoiner anatomy-netowner anatomy-ipcowner
  anatomy-limits anatomy-hostnet anatomy-hostpid anatomy-stopped anatomy-hostile)
PODMAN_CONTAINERS=(anatomy-pod-a anatomy-pod-b anatomy-podman-limits anatomy-podman-hostile)
PODMAN_POD=anatomy-pod
ROOTLESS_CONTAINERS=(anatomy-rootless)
CTR_DEFAULT_CONTAINERS=(anatomy-ctr-limits)
CTR_K8S_CONTAINERS=(anatomy-k8s-app anatomy-k8s-hostile anatomy-k8s-sandbox anatomy-k8s-evil)

# ---- output -----------------------------------------------------------------
if [ -t 1 ]; then C_RED=$'\e[1;31m'; C_YEL=$'\e[1;33m'; C_GRN=$'\e[1;32m'; C_BLD=$'\e[1m'; C_OFF=$'\e[0m'
else C_RED=; C_YEL=; C_GRN=; C_BLD=; C_OFF=; fi

say()  { printf '%s==>%s %s\n' "$C_BLD" "$C_OFF" "$*"; }
ok()   { printf '    %sok%s %s\n' "$C_GRN" "$C_OFF" "$*"; }
warn() { printf '%sWARN%s %s\n' "$C_YEL" "$C_OFF" "$*" >&2; }
err()  { printf '%sERROR%s %s\n' "$C_RED" "$C_OFF" "$*" >&2; }
die()  { err "$*"; exit 1; }

require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    cat >&2 <<EOF
${C_RED}################################################################################
#  $(basename "$0") MUST RUN AS ROOT (you are uid $(id -u), $(id -un 2>/dev/null || echo '?')).
#
#  It installs packages with apt, starts containerd, dockerd and the Podman API
#  services as root daemons, writes /etc/containers/containers.conf, creates the
#  users '$ROOTLESS_USER' and '$GUEST_USER' and the test containers. None of
#  that is possible without root, so the container engines CANNOT be started.
#
#  Run:  sudo bash $0
################################################################################${C_OFF}
EOF
    exit 1
  fi
}

# ---- engine clients, pinned to the sockets this script manages ---------------
# DOCKER_HOST / CONTAINER_HOST / CONTAINERD_ADDRESS from the caller are ignored on purpose.
dk()  { env -u DOCKER_HOST -u DOCKER_CONTEXT docker -H "unix://$DOCKER_SOCK" "$@"; }
ctrn() { local ns=$1; shift; ctr --address "$CONTAINERD_SOCK" --namespace "$ns" "$@"; }
pm()  { env -u CONTAINER_HOST -u CONTAINER_CONNECTION podman "$@"; }

rootless_uid() { id -u "$ROOTLESS_USER"; }
rootless_runtime_dir() { echo "/run/user/$(rootless_uid)"; }
rootless_sock() { echo "$(rootless_runtime_dir)/podman/podman.sock"; }
# Run podman as the rootless user, with its own runtime dir (no logind here to make one).
# `pmu_cmd` prints the command prefix (usable after `timeout`), `pmu` runs it.
pmu_cmd() {
  PMU=(runuser -u "$ROOTLESS_USER" -- env -u CONTAINER_HOST -u CONTAINER_CONNECTION
    HOME="$(getent passwd "$ROOTLESS_USER" | cut -d: -f6)"
    XDG_RUNTIME_DIR="$(rootless_runtime_dir)" podman)
}
pmu() { local PMU; pmu_cmd; (cd / && "${PMU[@]}" "$@"); }

containerd_ok() { timeout 5 ctr --address "$CONTAINERD_SOCK" version >/dev/null 2>&1; }
docker_ok()     { timeout 5 env -u DOCKER_HOST -u DOCKER_CONTEXT docker -H "unix://$DOCKER_SOCK" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
# _ping over the socket; curl when present (fast), else the podman remote client (~1.5 s here).
ping_podman_sock() {
  if command -v curl >/dev/null; then
    timeout 5 curl -fsS --unix-socket "$1" http://d/_ping >/dev/null 2>&1
  else
    timeout 5 podman --url "unix://$1" version >/dev/null 2>&1
  fi
}
podman_ok()     { [ -S "$PODMAN_SOCK" ] && ping_podman_sock "$PODMAN_SOCK"; }
rootless_ok()   {
  local sock PMU
  id "$ROOTLESS_USER" >/dev/null 2>&1 || return 1
  sock=$(rootless_sock); [ -S "$sock" ] || return 1
  if command -v curl >/dev/null; then ping_podman_sock "$sock"; return; fi
  pmu_cmd
  (cd / && timeout 5 "${PMU[@]}" --url "unix://$sock" version >/dev/null 2>&1)
}

# ---- processes ----------------------------------------------------------------
pid_comm() { cat "/proc/$1/comm" 2>/dev/null || true; }
pidfile_pid() { if [ -f "$1" ]; then tr -dc '0-9' <"$1"; fi; }

# stop_pid PID WHAT : SIGTERM, wait up to 15 s, then SIGKILL.
stop_pid() {
  local pid=$1 what=$2 _
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  say "stopping $what (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  warn "$what (pid $pid) ignored SIGTERM for 15 s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

# stop_from_pidfile PIDFILE WHAT COMM... : stop the process named in PIDFILE only when its
# command name is one of COMM (a recycled pid must not be killed), then remove the file.
stop_from_pidfile() {
  local file=$1 what=$2 pid comm c; shift 2
  pid=$(pidfile_pid "$file")
  if [ -n "$pid" ]; then
    comm=$(pid_comm "$pid")
    for c in "$@"; do
      if [ "$comm" = "$c" ]; then stop_pid "$pid" "$what"; break; fi
    done
  fi
  rm -f "$file"
}
