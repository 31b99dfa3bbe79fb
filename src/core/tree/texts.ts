/**
 * Fixed explanations the Containers tree shows: what each namespace kind isolates, why a namespace
 * is shared (from the mode the engine was asked for), and how to fix an engine that cannot be read.
 * Plain strings, no vscode: the tree's tooltips and items are built from them.
 */
import type { ContainerInfo, NamespaceEntry, NamespaceKind, RuntimeInfo } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';

/** What a namespace of each kind gives its processes their own copy of. */
export const NAMESPACE_ISOLATES: Record<NamespaceKind, string> = {
  cgroup: "the view of the cgroup hierarchy: /proc/self/cgroup shows the container's cgroup as the root",
  ipc: 'System V IPC objects and POSIX message queues (shared memory segments, semaphores)',
  mnt: "the mount table: the container's own root filesystem and mounts",
  net: 'network devices, addresses, routes, firewall rules and ports',
  pid: "process IDs: the container's first process is PID 1 and it cannot see the host's processes",
  time: 'the boot-time and monotonic clocks (CLOCK_BOOTTIME, CLOCK_MONOTONIC offsets)',
  user: 'user and group IDs: root inside can map to an ordinary user outside (rootless containers)',
  uts: 'the hostname and NIS domain name',
};

/** The docker/podman flag that asks for a namespace mode, for the "why shared" line. */
const MODE_FLAG: Partial<Record<NamespaceKind, string>> = {
  net: '--network',
  pid: '--pid',
  ipc: '--ipc',
  uts: '--uts',
  user: '--userns',
  cgroup: '--cgroupns',
};

/**
 * Why a namespace is shared or isolated, as far as the engine's request and the pod say. Undefined
 * when there is nothing to add to the verdict.
 */
export function namespaceReason(c: ContainerInfo, entry: NamespaceEntry): string | undefined {
  const mode = c.requestedModes?.[entry.kind];
  const flag = MODE_FLAG[entry.kind];
  const requested = mode ? `requested ${flag ? `${flag} ${mode}` : `${entry.kind} mode ${mode}`}` : undefined;
  switch (entry.verdict.kind) {
    case 'host':
      if (requested) return requested;
      if (entry.kind === 'user')
        return "no user namespace was requested: container root is host root (rootful engines share the host's user namespace by default)";
      if (entry.kind === 'time')
        return "engines do not create time namespaces: every container shares the host's clocks";
      if (entry.kind === 'cgroup')
        return "no cgroup namespace: the engine shares the host's (the default with cgroup v1)";
      return 'no namespace of its own was created for this kind';
    case 'shared': {
      if (entry.verdict.engine)
        return `the ${entry.kind} namespace ${RUNTIME_TITLES[entry.verdict.engine]} itself runs in: every container it starts is in it unless asked otherwise, so its containers share it without any of them joining another's`;
      if (entry.verdict.withKeys.length === 0)
        return "it is not the first process of its namespace, so it joined a namespace another process made (which one needs the inodes or the engine's record)";
      const parts: string[] = [];
      if (requested) parts.push(requested);
      if (c.pod)
        parts.push(
          `member of pod ${c.pod.namespace ? `${c.pod.namespace}/` : ''}${c.pod.name}: pod members join the pod infra (sandbox) container's namespaces`,
        );
      return parts.length ? parts.join('; ') : "another container was asked to join this container's namespace";
    }
    case 'isolated':
      return requested && mode !== 'private' ? requested : undefined;
    case 'unknown':
      return entry.verdict.reason;
  }
}

/** Who this engine is for, and what to run to make it readable. Undefined for a healthy engine. */
export function runtimeFix(r: RuntimeInfo): string | undefined {
  const s = r.status;
  if (s.state === 'ok') return undefined;
  switch (r.kind) {
    case 'docker':
      switch (s.state) {
        case 'missing':
          return 'Docker was not found at this endpoint. Install Docker and start it (`sudo systemctl start docker`), or set containerAnatomy.docker.host (or DOCKER_HOST) to its socket.';
        case 'denied':
          return 'Permission denied on the Docker socket. Add your user to the docker group (`sudo usermod -aG docker $USER`), then log out and back in (or run `newgrp docker`). Membership of the docker group is equivalent to root.';
        case 'not-running':
          return 'The socket exists but dockerd does not answer: start it (`sudo systemctl start docker`) and refresh.';
        case 'timeout':
          return "dockerd did not answer in time: check `docker info` and the daemon's log (`journalctl -u docker`).";
        case 'too-old':
          return 'This Docker engine is older than the API this extension needs: upgrade Docker.';
        default:
          return "Check `docker info` and the daemon's log (`journalctl -u docker`).";
      }
    case 'podman':
      switch (s.state) {
        case 'missing':
          return 'Podman was not found. Install Podman; for the API socket run `sudo systemctl enable --now podman.socket`, or set containerAnatomy.podman.socket.';
        case 'denied':
          return 'Permission denied on the rootful Podman socket (/run/podman/podman.sock is root-only): run VS Code as root to see root\'s containers, or look at your own in "Podman (rootless)".';
        case 'not-running':
          return 'The Podman service does not answer: `sudo systemctl enable --now podman.socket`.';
        default:
          return 'Check `sudo podman info` and `journalctl -u podman`.';
      }
    case 'podman-rootless':
      switch (s.state) {
        case 'missing':
        case 'not-running':
          return 'No rootless Podman socket: enable it with `systemctl --user enable --now podman.socket` (socket activation is off by default), or install Podman.';
        case 'denied':
          return 'Permission denied on the rootless Podman socket: it belongs to another user; run VS Code as that user.';
        default:
          return 'Check `podman info` as your user and `journalctl --user -u podman`.';
      }
    case 'containerd':
      switch (s.state) {
        case 'missing':
          return 'containerd was not found at this address. Install and start it (`sudo systemctl start containerd`), or set containerAnatomy.containerd.address.';
        case 'denied':
          return "The containerd socket is root-only by default (/run/containerd/containerd.sock is 0660 root:root): run VS Code (or the remote host's server) as root to see containerd's containers.";
        case 'not-running':
          return 'The socket exists but containerd does not answer: `sudo systemctl start containerd`.';
        default:
          return 'Check `sudo ctr version` and `journalctl -u containerd`.';
      }
  }
}

/** Short words for a runtime's status in the tree's description. */
export function runtimeStatusWord(r: RuntimeInfo): string {
  switch (r.status.state) {
    case 'ok':
      return 'running';
    case 'missing':
      return 'not found';
    case 'denied':
      return 'permission denied';
    case 'not-running':
      return 'not running';
    case 'timeout':
      return 'no answer';
    case 'too-old':
      return 'too old';
    case 'error':
      return 'error';
  }
}

/** How a verdict is known, for the tooltip: the source in words and what was compared. */
export function verdictBasisText(entry: NamespaceEntry): string | undefined {
  const b = entry.basis;
  if (!b) return undefined;
  const source =
    b.source === 'inode'
      ? `the kernel: /proc/PID/ns/${entry.kind} compared by inode (proof)`
      : b.source === 'evidence'
        ? `the kernel's evidence (${b.word}): strong, not proof`
        : "the engine's record (what it was asked for)";
  const text = b.detail ? `${source}; ${b.detail}` : source;
  const d = entry.disagreement;
  return d ? `${text}. Disagrees with ${d.basis.word}: ${d.basis.detail ?? d.verdict.kind}` : text;
}
