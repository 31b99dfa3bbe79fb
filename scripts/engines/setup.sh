#!/usr/bin/env bash
# scripts/engines/setup.sh — start the real container engines and create the known test
# containers for Container Anatomy's runtime tests (test/runtime/).
#
# Usage (as root, Debian 12):   bash scripts/engines/setup.sh
#         remove containers:    bash scripts/engines/teardown.sh [--stop]   (--stop also stops daemons)
#
# Idempotent: run it on a fresh machine or again and again. Each run
#   1. installs docker.io containerd runc podman catatonit uidmap busybox-static sudo docker-compose (apt is
#      skipped when all are present);
#   2. creates the users `anatomy` (rootless Podman, /etc/subuid + /etc/subgid, XDG_RUNTIME_DIR
#      /run/user/<uid>, in group docker: the ordinary user), `anatomy-sudo` (group docker; the
#      runtime test gives it a sudoers rule for the bundled inode reader only, for as long as it
#      runs) and `anatomy-guest` (no docker group: for permission-denied tests);
#   3. merges `[engine] runtime = "runc"` and `[containers] default_ulimits` into
#      /etc/containers/containers.conf (rootless also gets cgroupfs + file events without systemd);
#   4. starts, without systemd (setsid + nohup, pid files in /run/container-anatomy):
#        containerd                      /run/containerd/containerd.sock
#        dockerd --iptables=false        /var/run/docker.sock  (uses the SHARED containerd above,
#                                        so Docker's containers also show in containerd ns `moby`)
#        podman system service (root)    /run/podman/podman.sock
#        podman system service (anatomy) /run/user/<uid>/podman/podman.sock
#      A daemon that already answers on its socket is reused; stale pid files/sockets are cleared.
#      Logs: /var/log/container-anatomy/{containerd,dockerd,podman,podman-rootless}.log
#   5. builds the image anatomy-busybox:latest from /bin/busybox with no registry (docker import,
#      docker save | ctr import into containerd `default` and `k8s.io`, podman import as root and
#      as `anatomy`); an image that exists is not imported again;
#   6. removes and recreates every known container (all labelled anatomy.test=1):
#        docker:     anatomy-limits anatomy-hostnet anatomy-hostpid anatomy-netowner
#                    anatomy-netjoiner anatomy-ipcowner anatomy-ipcjoiner anatomy-stopped
#                    anatomy-hostile
#        podman:     pod anatomy-pod (anatomy-pod-a, anatomy-pod-b), anatomy-podman-limits,
#                    anatomy-podman-hostile
#        rootless:   anatomy-rootless                (podman as user anatomy)
#        containerd: default/anatomy-ctr-limits, k8s.io/anatomy-k8s-{sandbox,app,hostile}
#   7. prints a summary and writes test-results/engines.json.
# Exit status: 0 when containerd, Docker, the image and their containers are all good; Podman
# (rootful or rootless) failing is reported loudly but does not fail the run.
# Environment: ANATOMY_SKIP_APT=1 skips the package step entirely.
# --docker-only: only (re)start dockerd and recreate Docker's known containers (the tree's host test
# uses it after killing dockerd; containerd must already answer).

# The part_* functions are called indirectly through run_part.
# shellcheck disable=SC2317
set -Eeuo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$SCRIPT_DIR/lib.sh"

require_root

SUDO_TEST_USER=anatomy-sudo
APT_PACKAGES=(docker.io containerd runc podman catatonit uidmap busybox-static sudo docker-compose)
START_TIME=$(date +%s.%N)
declare -A PART_RESULT=()
PART_ORDER=()

mkdir -p "$LOG_DIR" "$STATE_DIR" "$WORK_DIR"
chmod 755 "$LOG_DIR" "$STATE_DIR" "$WORK_DIR"

# One setup at a time on a host. The lock is held by flock(1) as our parent (-o: not passed on
# to us): if this shell held it, every conmon/shim/daemon started below would inherit it
# and keep it forever.
if [ "${ANATOMY_SETUP_LOCKED:-}" != "$PPID" ]; then
  # flock runs us as its child: our $PPID will be this very pid.
  exec env ANATOMY_SETUP_LOCKED=$$ flock -o -w 600 -E 75 "$STATE_DIR/setup.lock" bash "$0" "$@"
fi
unset ANATOMY_SETUP_LOCKED

# run_part NAME FUNCTION: run a step in a subshell with errexit really on (it is ignored inside
# `if`), record ok/FAILED. Later parts may depend on earlier ones via part_ok.
run_part() {
  local name=$1 fn=$2 rc=0 t0 t1
  t0=$(date +%s.%N)
  PART_ORDER+=("$name")
  (
    set -Eeuo pipefail
    trap 'err "[$name] failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
    "$fn"
  ) &
  wait $! || rc=$?
  t1=$(date +%s.%N)
  if [ "$rc" -eq 0 ]; then
    PART_RESULT[$name]=ok
    printf '    [%s done in %ss]\n' "$name" "$(secs_between "$t0" "$t1")"
  else
    PART_RESULT[$name]=FAILED
    err "part '$name' FAILED (exit $rc) — see the messages above"
  fi
}
secs_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
part_ok() { [ "${PART_RESULT[$1]:-}" = ok ]; }

# wait_for WHAT TIMEOUT_S LOGFILE CHECK...: poll CHECK every 0.25 s; on timeout show the log tail.
wait_for() {
  local what=$1 timeout_s=$2 log=$3 deadline; shift 3
  deadline=$(( $(date +%s) + timeout_s ))
  until "$@"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      err "$what did not answer within ${timeout_s}s. Last lines of $log:"
      tail -n 25 "$log" 2>/dev/null | sed 's/^/    | /' >&2 || true
      return 1
    fi
    sleep 0.25
  done
}

# start_bg LOG PIDFILE CMD...: detach CMD from this shell (new session, stdin closed, output
# appended to LOG, cwd /) and record its pid.
start_bg() {
  local log=$1 pidfile=$2; shift 2
  printf '\n===== %s starting: %s\n' "$(date -Is)" "$*" >>"$log"
  # In a non-interactive shell a background job is not a process-group leader, so setsid does
  # not fork: the recorded pid is the daemon's own (nohup and setsid exec it).
  (cd / && exec setsid nohup "$@" >>"$log" 2>&1 </dev/null) &
  echo $! >"$pidfile"
}

# ---- 1. packages ---------------------------------------------------------------------------
part_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then ok "all packages present: ${APT_PACKAGES[*]}"; return 0; fi
  if [ "${ANATOMY_SKIP_APT:-0}" = 1 ]; then err "missing packages and ANATOMY_SKIP_APT=1: ${missing[*]}"; return 1; fi
  say "installing with apt: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq -o Dpkg::Options::=--force-confold "${missing[@]}" >"$LOG_DIR/apt.log" 2>&1 \
    || { tail -n 30 "$LOG_DIR/apt.log" >&2; return 1; }
  # Debian's packages try to start services through invoke-rc.d; without systemd that is a no-op.
  ok "installed ${missing[*]}"
}

# ---- 2. users ------------------------------------------------------------------------------
# add_subid FILE USER: give USER 65536 ids after the highest range already in FILE.
add_subid() {
  local file=$1 user=$2 start
  touch "$file"
  grep -q "^$user:" "$file" && return 0
  start=$(awk -F: 'BEGIN{m=100000} NF>=3 { e=$2+$3; if (e>m) m=e } END{print m}' "$file")
  echo "$user:$start:65536" >>"$file"
  ok "$file: $user:$start:65536"
}

in_docker_group() { id -nG "$1" | tr ' ' '\n' | grep -qx docker; }
add_to_docker_group() {
  in_docker_group "$1" && return 0
  usermod -aG docker "$1"
  ok "added $1 to group docker"
}

part_users() {
  if ! id "$ROOTLESS_USER" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash "$ROOTLESS_USER"
    ok "created user $ROOTLESS_USER"
  fi
  add_subid /etc/subuid "$ROOTLESS_USER"
  add_subid /etc/subgid "$ROOTLESS_USER"
  local uid dir home
  uid=$(rootless_uid); dir=$(rootless_runtime_dir)
  home=$(getent passwd "$ROOTLESS_USER" | cut -d: -f6)
  mkdir -p "$dir"
  chown "$ROOTLESS_USER:$(id -gn "$ROOTLESS_USER")" "$dir"
  chmod 700 "$dir"
  # The rootless API socket's folder (podman does not create it for `system service`).
  install -d -o "$ROOTLESS_USER" -g "$(id -gn "$ROOTLESS_USER")" -m 700 "$dir/podman"
  ok "$ROOTLESS_USER uid $uid, XDG_RUNTIME_DIR=$dir, home $home"
  # The ordinary user most people are: in the docker group (the socket, not the containers'
  # /proc/PID/ns links, which stay root's). test/runtime/ordinary-user.test.ts runs the CLI as this
  # user with and without the group.
  getent group docker >/dev/null || groupadd --system docker
  add_to_docker_group "$ROOTLESS_USER"

  # The ordinary user with passwordless sudo for just the extension's inode reader. No sudoers
  # rule is written here: test/runtime/ordinary-user.test.ts writes one naming the reader it
  # copied (root-owned, not writable by the user) and removes it afterwards.
  if ! id "$SUDO_TEST_USER" >/dev/null 2>&1; then
    useradd --system --create-home --shell /bin/bash "$SUDO_TEST_USER"
    ok "created system user $SUDO_TEST_USER"
  fi
  add_to_docker_group "$SUDO_TEST_USER"

  if ! id "$GUEST_USER" >/dev/null 2>&1; then
    useradd --system --create-home --shell /bin/bash "$GUEST_USER"
    ok "created system user $GUEST_USER"
  fi
  # The guest must NOT reach the docker socket (root:docker 0660).
  if in_docker_group "$GUEST_USER"; then
    gpasswd -d "$GUEST_USER" docker >/dev/null
    ok "removed $GUEST_USER from group docker"
  fi
  ok "$GUEST_USER uid $(id -u "$GUEST_USER"), groups: $(id -nG "$GUEST_USER")"
}

# ---- 3. podman configuration ---------------------------------------------------------------
# conf_set FILE SECTION KEY VALUE: set KEY = VALUE inside [SECTION] of a TOML file, keeping
# everything else (comments, other keys, other sections). A multi-line array value is replaced
# whole. Rewrites the file only when something changes.
conf_set() {
  local file=$1 section=$2 key=$3 value=$4 tmp
  mkdir -p "$(dirname "$file")"
  [ -f "$file" ] || : >"$file"
  tmp=$(mktemp "$file.XXXXXX")
  awk -v sec="[$section]" -v key="$key" -v val="$value" '
    function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
    function emit() { print key " = " val; done = 1 }
    BEGIN { cur = ""; done = 0; skipping = 0; seen = 0 }
    skipping { if ($0 ~ /\]/) skipping = 0; next }
    /^[ \t]*\[[^\]]+\][ \t]*(#.*)?$/ {
      line = $0; sub(/#.*/, "", line); line = trim(line)
      if (cur == sec && !done) emit()
      cur = line; if (cur == sec) seen = 1
      print; next
    }
    cur == sec && $0 ~ "^[ \t]*" key "[ \t]*=" {
      if (done) next
      rest = $0; sub(/^[^=]*=/, "", rest)
      if (rest ~ /\[/ && rest !~ /\]/) skipping = 1
      emit(); next
    }
    { print }
    END {
      if (!done) {
        if (!seen) { print ""; print sec }
        emit()
      }
    }' "$file" >"$tmp"
  if cmp -s "$tmp" "$file"; then rm -f "$tmp"; return 0; fi
  chmod --reference="$file" "$tmp" 2>/dev/null || chmod 644 "$tmp"
  mv "$tmp" "$file"
  ok "$file: [$section] $key = $value"
}

part_podman_conf() {
  local conf=/etc/containers/containers.conf
  # Debian ships crun as an option; runc is what this host has. Podman's default ulimits
  # (nofile=1048576) exceed the hard limit here and runc fails with "error setting rlimit type 7".
  conf_set "$conf" engine runtime '"runc"'
  conf_set "$conf" containers default_ulimits '["nofile=1024:1024", "nproc=1024:1024"]'
  # The rootless user: without systemd there is no user slice and no journald.
  local home uconf
  home=$(getent passwd "$ROOTLESS_USER" | cut -d: -f6)
  uconf="$home/.config/containers/containers.conf"
  if [ ! -d /run/systemd/system ]; then
    conf_set "$uconf" engine cgroup_manager '"cgroupfs"'
    conf_set "$uconf" engine events_logger '"file"'
  fi
  [ -f "$uconf" ] && chown -R "$ROOTLESS_USER:" "$home/.config"
  ok "podman configured"
}

# ---- 4. daemons ------------------------------------------------------------------------------
part_containerd() {
  local log="$LOG_DIR/containerd.log" pidfile="$STATE_DIR/containerd.pid" pid
  if containerd_ok; then
    ok "containerd already answers on $CONTAINERD_SOCK — reusing it"
    return 0
  fi
  # A containerd we started earlier may still be starting: give it a moment, then replace it.
  pid=$(pidfile_pid "$pidfile")
  if [ -n "$pid" ] && [ "$(pid_comm "$pid")" = containerd ]; then
    wait_for "containerd (pid $pid)" 10 "$log" containerd_ok 2>/dev/null && { ok "containerd came up (pid $pid)"; return 0; }
    stop_pid "$pid" "unresponsive containerd"
  fi
  rm -f "$pidfile" "$CONTAINERD_SOCK" "$CONTAINERD_SOCK.ttrpc"
  say "starting containerd (log $log)"
  start_bg "$log" "$pidfile" containerd --address "$CONTAINERD_SOCK"
  wait_for containerd 30 "$log" containerd_ok
  ok "containerd up (pid $(pidfile_pid "$pidfile"))"
}

part_dockerd() {
  local log="$LOG_DIR/dockerd.log" pid
  if docker_ok; then
    ok "dockerd already answers on $DOCKER_SOCK — reusing it"
    return 0
  fi
  part_ok containerd || { err "containerd is not running; dockerd is configured to use it"; return 1; }
  # dockerd refuses to start while its pid file names a live process.
  pid=$(pidfile_pid "$DOCKER_PIDFILE")
  if [ -n "$pid" ] && [ "$(pid_comm "$pid")" = dockerd ]; then
    wait_for "dockerd (pid $pid)" 15 "$log" docker_ok 2>/dev/null && { ok "dockerd came up (pid $pid)"; return 0; }
    stop_pid "$pid" "unresponsive dockerd"
  fi
  rm -f "$DOCKER_PIDFILE" "$DOCKER_SOCK"
  say "starting dockerd --iptables=false (log $log)"
  # --iptables=false: no netfilter rules (the bridge still works: docker0 gets an address and
  # containers get veths; they just have no NAT to the outside, which the tests do not need).
  # --containerd: share the system containerd (containers also visible in its `moby` namespace).
  start_bg "$log" "$STATE_DIR/dockerd.pid" dockerd --iptables=false --ip-masq=false \
    --containerd "$CONTAINERD_SOCK" --pidfile "$DOCKER_PIDFILE" -H "unix://$DOCKER_SOCK" --group docker
  wait_for dockerd 60 "$log" docker_ok
  ok "dockerd up (pid $(pidfile_pid "$DOCKER_PIDFILE"))"
}

part_podman_service() {
  local log="$LOG_DIR/podman.log" pidfile="$STATE_DIR/podman.pid"
  if podman_ok; then ok "podman API already answers on $PODMAN_SOCK — reusing it"; return 0; fi
  stop_from_pidfile "$pidfile" "unresponsive podman service" podman
  mkdir -p "$(dirname "$PODMAN_SOCK")"
  rm -f "$PODMAN_SOCK"
  say "starting podman system service (log $log)"
  start_bg "$log" "$pidfile" env -u CONTAINER_HOST podman system service --time=0 "unix://$PODMAN_SOCK"
  wait_for "podman system service" 30 "$log" podman_ok
  ok "podman API up (pid $(pidfile_pid "$pidfile"))"
}

part_rootless_service() {
  local log="$LOG_DIR/podman-rootless.log" pidfile="$STATE_DIR/podman-rootless.pid" sock home
  sock=$(rootless_sock)
  home=$(getent passwd "$ROOTLESS_USER" | cut -d: -f6)
  if rootless_ok; then ok "rootless podman API already answers on $sock — reusing it"; return 0; fi
  stop_from_pidfile "$pidfile" "unresponsive rootless podman service" runuser podman
  # When a machine's processes were all killed (a session ending, a container restart), the
  # user's Podman still records its containers as running and refuses to start ("invalid internal
  # status … could not find any running process"). `podman system migrate` resets that state; it
  # stops only this test user's containers, which step 6 recreates anyway.
  say "resetting rootless podman's state for $ROOTLESS_USER (podman system migrate)"
  pmu system migrate >>"$log" 2>&1 || warn "podman system migrate as $ROOTLESS_USER failed (see $log)"
  touch "$log"; chown "$ROOTLESS_USER:" "$log"
  rm -f "$sock"
  say "starting rootless podman system service as $ROOTLESS_USER (log $log)"
  # runuser stays as the parent of podman and forwards SIGTERM to it; the pid file names runuser.
  start_bg "$log" "$pidfile" runuser -u "$ROOTLESS_USER" -- env -u CONTAINER_HOST \
    HOME="$home" XDG_RUNTIME_DIR="$(rootless_runtime_dir)" \
    podman system service --time=0 "unix://$sock"
  wait_for "rootless podman system service" 30 "$log" rootless_ok
  ok "rootless podman API up on $sock (runuser pid $(pidfile_pid "$pidfile"))"
}

# ---- 5. image --------------------------------------------------------------------------------
ROOTFS_TAR="$WORK_DIR/anatomy-busybox-rootfs.tar"
DOCKER_ARCHIVE="$WORK_DIR/anatomy-busybox-docker.tar"

build_rootfs_tar() {
  local busybox root
  busybox=$(command -v busybox || true)
  [ -x /bin/busybox ] && busybox=/bin/busybox
  [ -n "$busybox" ] || { err "busybox not found (package busybox-static)"; return 1; }
  # Must be the static one: the image holds nothing else.
  if ldd "$busybox" >/dev/null 2>&1; then err "$busybox is dynamically linked; install busybox-static"; return 1; fi
  root=$(mktemp -d "$WORK_DIR/rootfs.XXXXXX")
  mkdir -p "$root"/{bin,dev,etc,proc,sys,tmp,root,var/tmp}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cp "$busybox" "$root/bin/busybox"
  local applet
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  ln -s bin "$root/sbin"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  # Deterministic tarball: same busybox, same bytes.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$ROOTFS_TAR.tmp" .
  rm -rf "$root"
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  chmod 644 "$ROOTFS_TAR"
}

part_image() {
  if ! dk image inspect "$IMAGE" >/dev/null 2>&1; then
    build_rootfs_tar
    dk import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' \
      --message 'Container Anatomy test image: static busybox, no registry' "$ROOTFS_TAR" "$IMAGE" >/dev/null
    ok "docker import $IMAGE"
    rm -f "$DOCKER_ARCHIVE"
  else
    ok "docker image $IMAGE present"
  fi
  local ns
  for ns in default k8s.io; do
    if ctrn "$ns" images ls -q | grep -qxF "$CTR_IMAGE"; then ok "containerd $ns: $CTR_IMAGE present"; continue; fi
    [ -s "$DOCKER_ARCHIVE" ] || dk save -o "$DOCKER_ARCHIVE" "$IMAGE"
    ctrn "$ns" images import "$DOCKER_ARCHIVE" >/dev/null
    ok "containerd $ns: imported $CTR_IMAGE"
  done
}

part_podman_image() {
  if pm image exists "$PODMAN_IMAGE"; then ok "podman: $PODMAN_IMAGE present"; return 0; fi
  [ -s "$ROOTFS_TAR" ] || build_rootfs_tar
  pm import --quiet --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' "$ROOTFS_TAR" "$PODMAN_IMAGE" >/dev/null
  ok "podman import $PODMAN_IMAGE"
}

part_rootless_image() {
  if pmu image exists "$PODMAN_IMAGE"; then ok "rootless podman: $PODMAN_IMAGE present"; return 0; fi
  [ -s "$ROOTFS_TAR" ] || build_rootfs_tar
  # Fed on stdin: the user cannot read $WORK_DIR's files by path necessarily.
  pmu import --quiet --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' - "$PODMAN_IMAGE" <"$ROOTFS_TAR" >/dev/null
  ok "rootless podman import $PODMAN_IMAGE"
}

# ---- 6. containers ---------------------------------------------------------------------------
hostile_labels=(--label "anatomy.hostile.mermaid=$HOSTILE_MERMAID"
                --label "anatomy.hostile.html=$HOSTILE_HTML"
                --label "anatomy.hostile.md=$HOSTILE_MD")

# bg CMD...: start CMD in the background (output dropped); wait_bg: wait for all, fail if any did.
BG_PIDS=()
bg() { "$@" >/dev/null & BG_PIDS+=($!); }
wait_bg() {
  local p rc=0
  for p in "${BG_PIDS[@]}"; do wait "$p" || rc=1; done
  BG_PIDS=()
  return "$rc"
}

part_docker_containers() {
  local name existing
  existing=$(dk ps -a --format '{{.Names}}')
  # Joiners first: an owner cannot go while a joiner still uses its namespace.
  for name in anatomy-netjoiner anatomy-ipcjoiner; do
    if grep -qxF "$name" <<<"$existing"; then bg dk rm -f "$name"; fi
  done
  wait_bg
  for name in "${DOCKER_CONTAINERS[@]}"; do
    case $name in anatomy-netjoiner|anatomy-ipcjoiner) continue ;; esac
    if grep -qxF "$name" <<<"$existing"; then bg dk rm -f "$name"; fi
  done
  wait_bg
  # docker run takes ~1.5 s here; run the independent ones side by side.
  local run=(dk run -d --label "$TEST_LABEL")
  bg "${run[@]}" --name anatomy-limits --memory 64m --cpus 0.5 --pids-limit 50 "$IMAGE" "${SLEEP_CMD[@]}"
  bg "${run[@]}" --name anatomy-hostnet --network host "$IMAGE" "${SLEEP_CMD[@]}"
  bg "${run[@]}" --name anatomy-hostpid --pid host "$IMAGE" "${SLEEP_CMD[@]}"
  bg "${run[@]}" --name anatomy-netowner "$IMAGE" "${SLEEP_CMD[@]}"
  bg "${run[@]}" --name anatomy-ipcowner --ipc shareable "$IMAGE" "${SLEEP_CMD[@]}"
  bg "${run[@]}" --name anatomy-hostile "${hostile_labels[@]}" "$IMAGE" "${SLEEP_CMD[@]}"
  # Created, ran, exited 0.
  bg dk run --label "$TEST_LABEL" --name anatomy-stopped "$IMAGE" true
  wait_bg
  bg "${run[@]}" --name anatomy-netjoiner --network container:anatomy-netowner "$IMAGE" "${SLEEP_CMD[@]}"
  bg "${run[@]}" --name anatomy-ipcjoiner --ipc container:anatomy-ipcowner "$IMAGE" "${SLEEP_CMD[@]}"
  wait_bg
  ok "docker: ${DOCKER_CONTAINERS[*]}"
  # The joiners really share the owners' namespaces.
  same_ns net anatomy-netowner anatomy-netjoiner
  same_ns ipc anatomy-ipcowner anatomy-ipcjoiner
}

docker_pid() { dk inspect -f '{{.State.Pid}}' "$1"; }
same_ns() {
  local kind=$1 a b
  a=$(readlink "/proc/$(docker_pid "$2")/ns/$kind"); b=$(readlink "/proc/$(docker_pid "$3")/ns/$kind")
  [ "$a" = "$b" ] || { err "$3 should share $kind with $2: $a vs $b"; return 1; }
  ok "$3 shares $2's $a"
}

# ctr_remove NS NAME...: kill + delete the task, then the container (and its snapshot).
ctr_remove() {
  local ns=$1 name existing; shift
  existing=$(ctrn "$ns" containers ls -q)
  for name in "$@"; do
    grep -qxF "$name" <<<"$existing" || continue
    ctrn "$ns" tasks rm -f "$name" >/dev/null 2>&1 || true
    ctrn "$ns" containers rm "$name" >/dev/null
  done
}
ctr_task_pid() { ctrn "$1" tasks ls | awk -v n="$2" '$1 == n { print $2 }'; }

part_ctr_containers() {
  ctr_remove default "${CTR_DEFAULT_CONTAINERS[@]}"
  ctr_remove k8s.io "${CTR_K8S_CONTAINERS[@]}"

  ctrn default run -d --memory-limit 67108864 --label "$TEST_LABEL" \
    "$CTR_IMAGE" anatomy-ctr-limits "${SLEEP_CMD[@]}" >/dev/null
  ok "containerd default: anatomy-ctr-limits (task pid $(ctr_task_pid default anatomy-ctr-limits))"

  # A CRI-style pod made by hand: a sandbox holding the network namespace, members joining it.
  local cri=(--label "$TEST_LABEL" --label "io.kubernetes.pod.name=$K8S_POD_NAME"
             --label "io.kubernetes.pod.namespace=$K8S_POD_NAMESPACE")
  ctrn k8s.io run -d "${cri[@]}" --label io.kubernetes.container.name=sandbox \
    --label io.cri-containerd.kind=sandbox "$CTR_IMAGE" anatomy-k8s-sandbox "${SLEEP_CMD[@]}" >/dev/null
  local sbpid
  sbpid=$(ctr_task_pid k8s.io anatomy-k8s-sandbox)
  [ -n "$sbpid" ] || { err "anatomy-k8s-sandbox has no running task"; return 1; }
  ctrn k8s.io run -d "${cri[@]}" --label io.kubernetes.container.name=app \
    --label io.cri-containerd.kind=container --with-ns "network:/proc/$sbpid/ns/net" \
    "$CTR_IMAGE" anatomy-k8s-app "${SLEEP_CMD[@]}" >/dev/null
  ctrn k8s.io run -d "${cri[@]}" --label io.kubernetes.container.name=hostile \
    --label io.cri-containerd.kind=container "${hostile_labels[@]}" --with-ns "network:/proc/$sbpid/ns/net" \
    "$CTR_IMAGE" anatomy-k8s-hostile "${SLEEP_CMD[@]}" >/dev/null
  local n a b
  a=$(readlink "/proc/$sbpid/ns/net")
  for n in anatomy-k8s-app anatomy-k8s-hostile; do
    b=$(readlink "/proc/$(ctr_task_pid k8s.io "$n")/ns/net")
    [ "$a" = "$b" ] || { err "$n should share the sandbox's $a, has $b"; return 1; }
  done
  ok "containerd k8s.io: pod $K8S_POD_NAME = anatomy-k8s-{sandbox,app,hostile} sharing $a"

  # Engines restrict container names but not CRI labels: a pod whose CRI pod and container names
  # carry HTML and Mermaid payloads, so the views prove they show them as text.
  ctrn k8s.io run -d --label "$TEST_LABEL" --label "io.kubernetes.pod.name=$HOSTILE_HTML" \
    --label "io.kubernetes.pod.namespace=$K8S_POD_NAMESPACE" --label "io.kubernetes.container.name=$HOSTILE_MERMAID" \
    --label io.cri-containerd.kind=sandbox "$CTR_IMAGE" anatomy-k8s-evil "${SLEEP_CMD[@]}" >/dev/null
  ok "containerd k8s.io: anatomy-k8s-evil, a pod with hostile CRI pod and container names"
}

part_podman_containers() {
  # -t 0: sleep ignores SIGTERM as PID 1; do not wait 10 s for it.
  pm pod rm -f -i -t 0 "$PODMAN_POD" >/dev/null
  pm rm -f -i -t 0 "${PODMAN_CONTAINERS[@]}" >/dev/null
  local run=(pm run -d --label "$TEST_LABEL")
  bg "${run[@]}" --name anatomy-podman-limits --memory 64m "$PODMAN_IMAGE" "${SLEEP_CMD[@]}"
  bg "${run[@]}" --name anatomy-podman-hostile "${hostile_labels[@]}" "$PODMAN_IMAGE" "${SLEEP_CMD[@]}"
  # The pod's infra container is podman's own local pause image, built from catatonit.
  pm pod create --name "$PODMAN_POD" --label "$TEST_LABEL" >/dev/null
  bg "${run[@]}" --pod "$PODMAN_POD" --name anatomy-pod-a "$PODMAN_IMAGE" "${SLEEP_CMD[@]}"
  bg "${run[@]}" --pod "$PODMAN_POD" --name anatomy-pod-b "$PODMAN_IMAGE" "${SLEEP_CMD[@]}"
  wait_bg
  ok "podman: pod $PODMAN_POD (anatomy-pod-a, anatomy-pod-b), anatomy-podman-limits, anatomy-podman-hostile"
}

part_rootless_containers() {
  pmu rm -f -i -t 0 "${ROOTLESS_CONTAINERS[@]}" >/dev/null
  pmu run -d --label "$TEST_LABEL" --name anatomy-rootless "$PODMAN_IMAGE" "${SLEEP_CMD[@]}" >/dev/null
  ok "rootless podman ($ROOTLESS_USER): anatomy-rootless"
}

# ---- 7. summary ------------------------------------------------------------------------------
json_or_null() { if [ "$1" = - ]; then echo null; else json_str "$1"; fi; }
json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

ENGINE_ROWS=()      # name|socket|version|status
CONTAINER_ROWS=()   # runtime|namespace|name|id|state|pid

up_or_down() { if [ -n "$1" ]; then echo up; else echo DOWN; fi; }

collect_summary() {
  local v
  v=$(timeout 5 ctr --address "$CONTAINERD_SOCK" version 2>/dev/null | awk '/Server:/{s=1} s && /Version:/{print $2; exit}') || true
  ENGINE_ROWS+=("containerd|$CONTAINERD_SOCK|${v:-?}|$(up_or_down "$v")")
  v=$(timeout 5 env -u DOCKER_HOST -u DOCKER_CONTEXT docker -H "unix://$DOCKER_SOCK" version --format '{{.Server.Version}}' 2>/dev/null) || true
  ENGINE_ROWS+=("docker|$DOCKER_SOCK|${v:-?}|$(up_or_down "$v")")
  # The service's /version is slow here (4-5 s: it gathers `info`); the service runs this very
  # podman binary, so report the binary's version when the socket answers _ping.
  local pv; pv=$(podman --version 2>/dev/null | awk '{ print $NF }') || true
  v=; if podman_ok; then v=$pv; fi
  ENGINE_ROWS+=("podman|$PODMAN_SOCK|${v:-?}|$(up_or_down "$v")")
  local rsock
  rsock=$(rootless_sock 2>/dev/null || echo "/run/user/?/podman/podman.sock")
  v=; if rootless_ok; then v=$pv; fi
  ENGINE_ROWS+=("podman-rootless|$rsock|${v:-?}|$(up_or_down "$v")")

  # One inspect per engine and one task list per containerd namespace: each CLI call costs
  # 0.1-0.5 s here.
  local fmt='{{.Name}}|{{.Id}}|{{.State.Status}}|{{.State.Pid}}'
  table_rows docker "$(dk inspect -f "$fmt" "${DOCKER_CONTAINERS[@]}" 2>/dev/null || true)" "${DOCKER_CONTAINERS[@]}"
  table_rows podman "$(pm inspect -f "$fmt" "${PODMAN_CONTAINERS[@]}" 2>/dev/null || true)" "${PODMAN_CONTAINERS[@]}"
  table_rows podman-rootless "$(pmu inspect -f "$fmt" "${ROOTLESS_CONTAINERS[@]}" 2>/dev/null || true)" "${ROOTLESS_CONTAINERS[@]}"
  local ns n cs ts st pid
  for ns in default k8s.io; do
    local names=("${CTR_DEFAULT_CONTAINERS[@]}")
    [ "$ns" = k8s.io ] && names=("${CTR_K8S_CONTAINERS[@]}")
    cs=$(ctrn "$ns" containers ls -q 2>/dev/null || true)
    ts=$(ctrn "$ns" tasks ls 2>/dev/null || true)
    for n in "${names[@]}"; do
      if grep -qxF "$n" <<<"$cs"; then
        read -r pid st < <(awk -v n="$n" '$1 == n { print $2, tolower($3) }' <<<"$ts") || true
        CONTAINER_ROWS+=("containerd|$ns|$n|$n|${st:-no-task}|${pid:-0}")
      else
        CONTAINER_ROWS+=("containerd|$ns|$n|-|missing|0")
      fi
    done
  done
}

# table_rows RUNTIME INSPECT_OUTPUT NAME...: one row per known NAME, `missing` when absent.
table_rows() {
  local rt=$1 out=$2 n line; shift 2
  for n in "$@"; do
    line=$(awk -F'|' -v n="$n" '$1 == n || $1 == "/" n { print $2 "|" $3 "|" $4; exit }' <<<"$out")
    CONTAINER_ROWS+=("$rt|-|$n|${line:--|missing|0}")
  done
}

print_summary() {
  local r
  echo
  say "engines"
  printf '    %-16s %-8s %-15s %s\n' ENGINE STATUS VERSION SOCKET
  for r in "${ENGINE_ROWS[@]}"; do
    IFS='|' read -r name sock ver st <<<"$r"
    printf '    %-16s %-8s %-15s %s\n' "$name" "$st" "$ver" "$sock"
  done
  echo
  say "containers"
  printf '    %-16s %-9s %-24s %-9s %-8s %s\n' RUNTIME NAMESPACE NAME STATE PID ID
  for r in "${CONTAINER_ROWS[@]}"; do
    IFS='|' read -r rt ns name id st pid <<<"$r"
    printf '    %-16s %-9s %-24s %-9s %-8s %.12s\n' "$rt" "$ns" "$name" "$st" "$pid" "$id"
  done
  echo
  say "parts"
  for r in "${PART_ORDER[@]}"; do printf '    %-22s %s\n' "$r" "${PART_RESULT[$r]}"; done
}

write_json() {
  local out="$REPO_ROOT/test-results/engines.json" r first=1 tmp
  mkdir -p "$REPO_ROOT/test-results"
  tmp=$(mktemp "$out.XXXXXX")
  {
    printf '{\n  "generated": %s,\n  "engines": [\n' "$(json_str "$(date -Is)")"
    for r in "${ENGINE_ROWS[@]}"; do
      IFS='|' read -r name sock ver st <<<"$r"
      [ $first = 1 ] || printf ',\n'; first=0
      printf '    {"name": %s, "socket": %s, "version": %s, "up": %s}' \
        "$(json_str "$name")" "$(json_str "$sock")" "$(json_str "$ver")" "$([ "$st" = up ] && echo true || echo false)"
    done
    printf '\n  ],\n  "containers": [\n'; first=1
    for r in "${CONTAINER_ROWS[@]}"; do
      IFS='|' read -r rt ns name id st pid <<<"$r"
      [ $first = 1 ] || printf ',\n'; first=0
      printf '    {"runtime": %s, "namespace": %s, "name": %s, "id": %s, "state": %s, "pid": %s}' \
        "$(json_str "$rt")" "$(json_or_null "$ns")" "$(json_str "$name")" \
        "$(json_or_null "$id")" "$(json_str "$st")" "${pid:-0}"
    done
    printf '\n  ],\n  "parts": {'; first=1
    for r in "${PART_ORDER[@]}"; do
      [ $first = 1 ] || printf ', '; first=0
      printf '%s: %s' "$(json_str "$r")" "$(json_str "${PART_RESULT[$r]}")"
    done
    printf '},\n  "logs": %s\n}\n' "$(json_str "$LOG_DIR")"
  } >"$tmp"
  chmod 644 "$tmp"
  mv "$tmp" "$out"
  ok "wrote $out"
}

# ---- main --------------------------------------------------------------------------------------
say "Container Anatomy engines setup (logs: $LOG_DIR)"
if [ "${1:-}" = "--docker-only" ]; then
  run_part containerd part_containerd # reuses the running containerd; dockerd needs to know it answers
  run_part dockerd part_dockerd
  part_ok dockerd && run_part image part_image
  part_ok image && run_part docker-containers part_docker_containers
  for p in containerd dockerd image docker-containers; do part_ok "$p" || { err "part '$p' did not succeed"; exit 1; }; done
  ok "dockerd and Docker's known containers are back"
  exit 0
fi
run_part packages part_packages
run_part users part_users
run_part podman-conf part_podman_conf
run_part containerd part_containerd
run_part dockerd part_dockerd
if part_ok dockerd && part_ok containerd; then
  run_part image part_image
fi
part_ok image && run_part docker-containers part_docker_containers
part_ok image && run_part ctr-containers part_ctr_containers

if part_ok podman-conf; then
  run_part podman-service part_podman_service
  run_part podman-image part_podman_image
  part_ok podman-image && run_part podman-containers part_podman_containers
fi
if part_ok users && part_ok podman-conf; then
  run_part rootless-service part_rootless_service
  run_part rootless-image part_rootless_image
  part_ok rootless-image && run_part rootless-containers part_rootless_containers
fi

t_summary=$(date +%s.%N)
collect_summary
print_summary
write_json
printf '    [summary done in %ss]\n' "$(secs_between "$t_summary" "$(date +%s.%N)")"

elapsed=$(secs_between "$START_TIME" "$(date +%s.%N)")
status=0
for p in packages containerd dockerd image docker-containers ctr-containers; do
  part_ok "$p" || { err "required part '$p' did not succeed"; status=1; }
done
for p in podman-service podman-image podman-containers rootless-service rootless-image rootless-containers; do
  [ -z "${PART_RESULT[$p]:-}" ] && PART_RESULT[$p]=skipped
  part_ok "$p" || warn "optional part '$p': ${PART_RESULT[$p]} — Podman tests will see less (logs in $LOG_DIR)"
done
printf '\n'
if [ "$status" -eq 0 ]; then say "${C_GRN}engines ready${C_OFF} in ${elapsed}s"
else err "engines NOT ready (${elapsed}s): see FAILED parts above and logs in $LOG_DIR"; fi
exit "$status"
