#!/usr/bin/env bash
# scripts/engines/teardown.sh — remove the known Container Anatomy test containers created by
# setup.sh (Docker, Podman rootful pod + containers, rootless Podman as `anatomy`, containerd
# `default` and `k8s.io`). Engines that are not answering are skipped.
#
# Usage (as root):  bash scripts/engines/teardown.sh          # containers only
#                   bash scripts/engines/teardown.sh --stop   # and stop the daemons
# --stop stops the two Podman API services and containerd only when setup.sh started them (pid
# files in /run/container-anatomy), and dockerd through /var/run/docker.pid. Images, users and
# /etc/containers/containers.conf are left in place.
set -Eeuo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$SCRIPT_DIR/lib.sh"

STOP=0
for arg in "$@"; do
  case $arg in
    --stop) STOP=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (use --stop or --help)" ;;
  esac
done
require_root

if docker_ok; then
  say "docker: removing ${DOCKER_CONTAINERS[*]}"
  existing=$(dk ps -a --format '{{.Names}}')
  for name in "${DOCKER_CONTAINERS[@]}"; do   # joiners come first in the list
    if grep -qxF "$name" <<<"$existing"; then dk rm -f "$name" >/dev/null || warn "docker rm $name failed"; fi
  done
else
  warn "docker not answering on $DOCKER_SOCK: skipped"
fi

if command -v podman >/dev/null; then
  say "podman: removing pod $PODMAN_POD and ${PODMAN_CONTAINERS[*]}"
  pm pod rm -f -i -t 0 "$PODMAN_POD" >/dev/null || warn "podman pod rm failed"
  pm rm -f -i -t 0 "${PODMAN_CONTAINERS[@]}" >/dev/null || warn "podman rm failed"
  if id "$ROOTLESS_USER" >/dev/null 2>&1; then
    say "rootless podman ($ROOTLESS_USER): removing ${ROOTLESS_CONTAINERS[*]}"
    pmu rm -f -i -t 0 "${ROOTLESS_CONTAINERS[@]}" >/dev/null || warn "rootless podman rm failed"
  fi
fi

if containerd_ok; then
  for ns in default k8s.io; do
    names=("${CTR_DEFAULT_CONTAINERS[@]}")
    [ "$ns" = k8s.io ] && names=("${CTR_K8S_CONTAINERS[@]}")
    say "containerd $ns: removing ${names[*]}"
    existing=$(ctrn "$ns" containers ls -q)
    for name in "${names[@]}"; do
      grep -qxF "$name" <<<"$existing" || continue
      ctrn "$ns" tasks rm -f "$name" >/dev/null 2>&1 || true
      ctrn "$ns" containers rm "$name" >/dev/null || warn "ctr -n $ns containers rm $name failed"
    done
  done
else
  warn "containerd not answering on $CONTAINERD_SOCK: skipped"
fi

if [ "$STOP" = 1 ]; then
  stop_from_pidfile "$STATE_DIR/podman-rootless.pid" "rootless podman service" runuser podman
  stop_from_pidfile "$STATE_DIR/podman.pid" "podman service" podman
  pid=$(pidfile_pid "$DOCKER_PIDFILE")
  if [ -n "$pid" ] && [ "$(pid_comm "$pid")" = dockerd ]; then stop_pid "$pid" dockerd; fi
  rm -f "$STATE_DIR/dockerd.pid"
  if [ -f "$STATE_DIR/containerd.pid" ]; then
    stop_from_pidfile "$STATE_DIR/containerd.pid" containerd containerd
  elif containerd_ok; then
    warn "containerd was not started by setup.sh (no $STATE_DIR/containerd.pid): left running"
  fi
fi
ok "teardown done"
