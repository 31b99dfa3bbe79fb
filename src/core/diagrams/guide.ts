import { diagramSpec, type DiagramSpec, type GuideDiagramId } from './diagram';
import { containerArchitectureDiagram } from './containerArchitecture';
import { runtimeLayersDiagram } from './guideRuntimeLayers';
import { containersInVmsDiagram, vmArchitectureDiagram } from './guideStacks';
import { dagreFlowchart } from './layout';

/**
 * The guide's diagrams. Their labels are our own fixed text (no host data), so they are written as
 * Mermaid directly; `<br/>` breaks a label across lines.
 */

function namespacesAndCgroups(): DiagramSpec {
  const source = [
    dagreFlowchart('LR'),
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
    // Top to bottom, with an invisible link from the VM to the container: dagre places unlinked
    // groups in an order of its own, and the guide reads VM first.
    dagreFlowchart('TB'),
    '  subgraph vm["Virtual machine: 30 to 60 s"]',
    '    direction LR',
    '    v1["Allocate CPU, RAM, disk"] --> v2["BIOS / UEFI"] --> v3["Boot a full guest OS and kernel"] --> v4["Start the app"]',
    '  end',
    '  subgraph ct["Container: under 1 s"]',
    '    direction LR',
    '    c1["Create namespaces"] --> c2["Set cgroup limits"] --> c3["Start the app"]',
    '  end',
    '  vm ~~~ ct',
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
    // Left to right: the questions are a chain, and a chain laid across the panel's width keeps its text large.
    dagreFlowchart('LR'),
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

const GUIDE_BUILDERS: Record<GuideDiagramId, () => DiagramSpec> = {
  'vm-architecture': vmArchitectureDiagram,
  'container-architecture': containerArchitectureDiagram,
  'runtime-layers': runtimeLayersDiagram,
  'namespaces-cgroups': namespacesAndCgroups,
  startup,
  'decision-guide': decisionGuide,
  'containers-in-vms': containersInVmsDiagram,
};

export function buildGuideDiagram(id: GuideDiagramId): DiagramSpec {
  return GUIDE_BUILDERS[id]();
}
