import { blockStack, flow, gap, type StackCell } from './blockStack';
import { diagramSpec, type DiagramSpec } from './diagram';

/**
 * The three runtime layers as a grid: a column of layer names on the left, and each tool's path down
 * through the layers in the columns beside it, so that every "↓ how" connector runs straight down and
 * none crosses another. The OCI runtimes are one row that every supervisor hands the same OCI runtime
 * spec to: any of them can sit under any path, which is why no line points at one of them.
 */
const COLUMNS = 7;

function name(id: string, label: string): StackCell {
  return { id, label, kind: 'name' };
}

export function runtimeLayersDiagram(): DiagramSpec {
  const source = blockStack(COLUMNS, [
    [
      name('n1', '1 · User tools<br/>what you type'),
      { id: 'docker', label: 'Docker CLI, Docker Compose<br/>→ dockerd, the engine' },
      { id: 'nerdctl', label: 'nerdctl<br/>Docker-compatible CLI' },
      { id: 'kubelet', label: 'Kubernetes kubelet<br/>runs a node’s pods', span: 2 },
      { id: 'podman', label: 'Podman<br/>daemonless, rootless', span: 2 },
    ],
    [
      gap(),
      flow('f1', 'gRPC'),
      flow('f2', 'gRPC'),
      flow('f3', 'CRI (gRPC)'),
      flow('f4', 'CRI (gRPC)'),
      flow('f5', 'forks, no daemon', 2),
    ],
    [
      name('n2', '2 · CRI runtimes<br/>images, snapshots, lifecycle'),
      { id: 'containerd', label: 'containerd<br/>the industry standard: EKS, GKE, AKS', span: 3 },
      { id: 'crio', label: 'CRI-O<br/>OpenShift’s default' },
      { id: 'nodaemon', label: 'Podman itself<br/>libpod, in the CLI process', span: 2 },
    ],
    [gap(), flow('f6', 'starts one per container', 3), flow('f7', 'starts one per container', 3)],
    [
      name('n3', 'Supervisor<br/>one per container'),
      { id: 'shim', label: 'containerd-shim-runc-v2<br/>holds the container’s stdio and exit status', span: 3 },
      { id: 'conmon', label: 'conmon<br/>the same, for CRI-O and Podman', span: 3 },
    ],
    [gap(), flow('f8', 'the OCI runtime spec (config.json), to any OCI runtime below', 6)],
    [
      name('n4', '3 · OCI runtimes<br/>create the container'),
      { id: 'runc', label: 'runc<br/>the default, in Go', span: 2 },
      { id: 'crun', label: 'crun<br/>faster, in C', span: 2 },
      { id: 'gvisor', label: 'gVisor runsc<br/>a user-space kernel: a sandbox', span: 2 },
    ],
    [gap(), flow('f9', 'runc, crun: clone, unshare, cgroup files · gVisor: a few host syscalls', 6)],
    [
      name('n5', 'The host’s kernel'),
      { id: 'kernel', label: 'Linux kernel: namespaces, cgroups, seccomp, capabilities', span: 6, kind: 'layer' },
    ],
  ]);
  return diagramSpec(
    'runtime-layers',
    [
      'User tools talk to a CRI runtime (containerd, CRI-O); Kubernetes speaks CRI to it. Podman skips that layer.',
      'A supervisor per container hands an OCI runtime (runc, crun) the spec, and it asks the kernel for namespaces and cgroups; gVisor puts its own kernel in between.',
    ],
    source,
  );
}
