import { diagramSpec, type DiagramSpec, type GuideDiagramId } from './diagram';
import { containerArchitectureDiagram } from './containerArchitecture';

/**
 * The guide's diagrams. Their labels are our own fixed text (no host data), so they are written as
 * Mermaid directly; `<br/>` breaks a label across lines.
 */

function vmArchitecture(): DiagramSpec {
  const vms = [
    { id: 'vm1', os: 'Ubuntu 22.04', ram: '~1 GB', app: 'Node.js app' },
    { id: 'vm2', os: 'CentOS 8', ram: '~1.5 GB', app: 'Java service' },
    { id: 'vm3', os: 'Windows Server', ram: '~4 GB', app: '.NET app' },
  ];
  const lines = [
    'flowchart TB',
    '  subgraph guests["Virtual machines: each carries a full guest OS"]',
    '    direction LR',
  ];
  for (const vm of vms) {
    lines.push(`    subgraph ${vm.id}["VM"]`, '      direction TB');
    lines.push(
      `      ${vm.id}app["${vm.app}"]`,
      `      ${vm.id}lib["Libraries"]`,
      `      ${vm.id}os["Guest OS: ${vm.os}<br/>own kernel, ${vm.ram} RAM"]`,
    );
    lines.push(`      ${vm.id}app --> ${vm.id}lib --> ${vm.id}os`, '    end');
  }
  lines.push('  end');
  lines.push('  hyp["Hypervisor: hardware virtualization<br/>VMware ESXi, Hyper-V, KVM"]');
  lines.push('  hw["Physical server<br/>CPU, RAM, storage, network"]');
  lines.push('  guests --> hyp --> hw');
  return diagramSpec(
    'vm-architecture',
    [
      'The hypervisor splits one server into virtual hardware; every VM boots its own full operating system and kernel.',
      'Strong isolation, paid for with gigabytes of RAM per guest OS and boot times of tens of seconds.',
    ],
    lines.join('\n'),
  );
}

function runtimeLayers(): DiagramSpec {
  const source = [
    'flowchart TB',
    '  subgraph tools["User tools: what you type"]',
    '    direction LR',
    '    docker["Docker CLI, Docker Compose + dockerd"]',
    '    podman["Podman<br/>daemonless, rootless"]',
    '    nerdctl["nerdctl"]',
    '    k8s["Kubernetes kubelet"]',
    '  end',
    '  subgraph cri["High-level runtimes: images, snapshots, lifecycle"]',
    '    direction LR',
    '    containerd["containerd"]',
    '    crio["CRI-O"]',
    '  end',
    '  subgraph oci["OCI runtimes: create the namespaces and cgroups"]',
    '    direction LR',
    '    runc["runc"]',
    '    crun["crun"]',
    '    gvisor["gVisor runsc<br/>user-space kernel"]',
    '  end',
    '  kernel["Linux kernel: namespaces, cgroups, seccomp, capabilities"]',
    '  docker -- "API" --> containerd',
    '  nerdctl -- "API" --> containerd',
    '  k8s -- "CRI (gRPC)" --> containerd',
    '  k8s -- "CRI (gRPC)" --> crio',
    '  podman -- "OCI runtime spec" --> crun',
    '  podman -. "or" .-> runc',
    '  containerd -- "shim + OCI spec" --> runc',
    '  containerd -. "or" .-> gvisor',
    '  crio -- "OCI spec" --> crun',
    '  runc --> kernel',
    '  crun --> kernel',
    '  gvisor -- "few host syscalls" --> kernel',
  ].join('\n');
  return diagramSpec(
    'runtime-layers',
    [
      'User tools talk to a high-level runtime (containerd, CRI-O); Kubernetes speaks CRI to it. Podman skips that layer.',
      'At the bottom an OCI runtime (runc, crun) asks the kernel for namespaces and cgroups; gVisor puts its own kernel in between.',
    ],
    source,
  );
}

function namespacesAndCgroups(): DiagramSpec {
  const source = [
    'flowchart LR',
    '  proc(["A container process"])',
    '  subgraph ns["Namespaces: what a process can SEE"]',
    '    direction TB',
    '    pid["pid: its own process tree, it is PID 1"]',
    '    net["net: its own network interfaces, routes, ports"]',
    '    mnt["mnt: its own mount table and root filesystem"]',
    '    uts["uts: its own hostname"]',
    '    ipc["ipc: its own shared memory and queues"]',
    '    user["user: its own UIDs, root inside only"]',
    '    cgroupns["cgroup: its own view of the cgroup tree"]',
    '    time["time: its own boot and monotonic clocks"]',
    '  end',
    '  subgraph cg["cgroups: what a process can USE"]',
    '    direction TB',
    '    cpu["cpu: share and quota of CPU time"]',
    '    memory["memory: a hard limit, OOM kill beyond it"]',
    '    io["io: disk I/O bandwidth and IOPS (network bandwidth: no cgroup, tc)"]',
    '    pids["pids: how many processes it may fork"]',
    '  end',
    '  proc --> ns',
    '  proc --> cg',
  ].join('\n');
  return diagramSpec(
    'namespaces-cgroups',
    [
      'Namespaces decide what a process can see: each of the eight kinds gives it a private copy of one kernel resource.',
      'cgroups decide what it can use: CPU, memory, I/O and process count, measured and capped by the kernel.',
    ],
    source,
  );
}

function startup(): DiagramSpec {
  const source = [
    'flowchart LR',
    '  subgraph vm["Virtual machine: 30 to 60 s"]',
    '    direction LR',
    '    v1["Allocate CPU, RAM, disk"] --> v2["BIOS / UEFI"] --> v3["Boot a full guest OS and kernel"] --> v4["Start the app"]',
    '  end',
    '  subgraph ct["Container: under 1 s"]',
    '    direction LR',
    '    c1["Create namespaces"] --> c2["Set cgroup limits"] --> c3["Start the app"]',
    '  end',
  ].join('\n');
  return diagramSpec(
    'startup',
    [
      'A VM must boot an operating system before the app runs; a container asks the already-running kernel for namespaces and limits.',
      'That is why containers start in well under a second and a VM takes tens of seconds.',
    ],
    source,
  );
}

function decisionGuide(): DiagramSpec {
  const source = [
    'flowchart TB',
    '  start(["A workload to run"])',
    '  os{"Needs a different OS,<br/>e.g. Windows on Linux?"}',
    '  compliance{"A compliance or tenant<br/>boundary that must be a VM?"}',
    '  kernel{"Needs its own kernel<br/>or kernel modules?"}',
    '  untrusted{"Runs untrusted code?"}',
    '  gvisor["VM, or a container on gVisor / Kata"]',
    '  vm["Use a VM"]',
    '  containers["Use containers:<br/>fast scaling, microservices, CI/CD, density, consistent environments"]',
    '  start --> os',
    '  os -- yes --> vm',
    '  os -- no --> compliance',
    '  compliance -- yes --> vm',
    '  compliance -- no --> kernel',
    '  kernel -- yes --> vm',
    '  kernel -- no --> untrusted',
    '  untrusted -- yes --> gvisor',
    '  untrusted -- no --> containers',
  ].join('\n');
  return diagramSpec(
    'decision-guide',
    [
      'A VM is the answer when the workload needs another OS, its own kernel, or a boundary an auditor accepts.',
      'Otherwise containers win on start-up time, density and CI/CD speed; sandboxed runtimes cover untrusted code.',
    ],
    source,
  );
}

function containersInVms(): DiagramSpec {
  const source = [
    'flowchart TB',
    '  subgraph vmA["VM for tenant A: its own kernel"]',
    '    direction LR',
    '    a1["Container"]',
    '    a2["Container"]',
    '    a3["Container"]',
    '  end',
    '  subgraph vmB["VM for tenant B: its own kernel"]',
    '    direction LR',
    '    b1["Container"]',
    '    b2["Container"]',
    '  end',
    '  hyp["Hypervisor: the hard security boundary between tenants"]',
    '  hw["Physical server"]',
    '  vmA --> hyp',
    '  vmB --> hyp',
    '  hyp --> hw',
  ].join('\n');
  return diagramSpec(
    'containers-in-vms',
    [
      'Clouds run containers inside VMs: namespaces separate one tenant’s containers, the hypervisor separates tenants.',
      'Defence in depth: escaping a container lands in a VM, not on the host.',
    ],
    source,
  );
}

const GUIDE_BUILDERS: Record<GuideDiagramId, () => DiagramSpec> = {
  'vm-architecture': vmArchitecture,
  'container-architecture': containerArchitectureDiagram,
  'runtime-layers': runtimeLayers,
  'namespaces-cgroups': namespacesAndCgroups,
  startup,
  'decision-guide': decisionGuide,
  'containers-in-vms': containersInVms,
};

export function buildGuideDiagram(id: GuideDiagramId): DiagramSpec {
  return GUIDE_BUILDERS[id]();
}
