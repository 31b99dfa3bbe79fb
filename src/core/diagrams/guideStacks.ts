import { blockStack, type StackCell } from './blockStack';
import { diagramSpec, type DiagramSpec } from './diagram';

/**
 * The guide's VM stacks as layers: the physical server and the hypervisor span the whole width, the
 * VMs stand side by side on them, each a column of virtual hardware, a full guest OS with its own
 * kernel, libraries and the app.
 */

const VMS = [
  { os: 'Ubuntu 22.04', ram: '~1–2 GB RAM', app: 'Node.js app' },
  { os: 'CentOS 8', ram: '~1–2 GB RAM', app: 'Java service' },
  { os: 'Windows Server', ram: '~2–4 GB RAM', app: '.NET app' },
];

export function vmArchitectureDiagram(): DiagramSpec {
  const row = (cell: (vm: (typeof VMS)[number], n: number) => Omit<StackCell, 'id'>, prefix: string) =>
    VMS.map((vm, i) => ({ id: `${prefix}${i + 1}`, ...cell(vm, i + 1) }));
  const source = blockStack(VMS.length, [
    row((vm) => ({ label: vm.app }), 'app'),
    row(() => ({ label: 'Libraries' }), 'lib'),
    row((vm) => ({ label: `Guest OS: ${vm.os}<br/>a full OS with its own kernel, ${vm.ram}` }), 'os'),
    row((_, n) => ({ label: `VM ${n}: virtual hardware<br/>vCPUs, RAM, disk, network card` }), 'vhw'),
    [
      {
        id: 'hyp',
        label: 'Hypervisor: hardware virtualization, one server carved into isolated VMs<br/>VMware ESXi, Hyper-V, KVM',
        span: VMS.length,
        kind: 'layer',
      },
    ],
    [{ id: 'hw', label: 'Physical server<br/>CPU, RAM, storage, network', span: VMS.length, kind: 'layer' }],
  ]);
  return diagramSpec(
    'vm-architecture',
    [
      'The hypervisor splits one server into virtual hardware; every VM boots its own full operating system and kernel.',
      'Strong isolation, paid for with gigabytes of RAM per guest OS and boot times of tens of seconds.',
    ],
    source,
  );
}

const TENANTS = [
  { name: 'A', containers: 3 },
  { name: 'B', containers: 2 },
];

/** Containers inside VMs: each tenant's containers share their VM's kernel; the hypervisor separates tenants. */
export function containersInVmsDiagram(): DiagramSpec {
  const width = TENANTS.reduce((sum, t) => sum + t.containers, 0);
  const perTenant = (cell: (t: (typeof TENANTS)[number]) => Omit<StackCell, 'id' | 'span'>, prefix: string) =>
    TENANTS.map((t) => ({ id: `${prefix}${t.name}`, span: t.containers, ...cell(t) }));
  const source = blockStack(width, [
    TENANTS.flatMap((t) =>
      Array.from({ length: t.containers }, (_, i) => ({
        id: `ct${t.name}${i + 1}`,
        label: 'Container<br/>app + libraries',
      })),
    ),
    perTenant(() => ({ label: 'Container runtime' }), 'rt'),
    perTenant((t) => ({ label: `VM for tenant ${t.name}: its own kernel<br/>shared by its containers only` }), 'vm'),
    [
      {
        id: 'hyp',
        label: 'Hypervisor: the hard security boundary between tenants',
        span: width,
        kind: 'layer',
      },
    ],
    [{ id: 'hw', label: 'Physical server', span: width, kind: 'layer' }],
  ]);
  return diagramSpec(
    'containers-in-vms',
    [
      'Clouds run containers inside VMs: namespaces separate one tenant’s containers, the hypervisor separates tenants.',
      'Defence in depth: escaping a container lands in a VM, not on the host.',
    ],
    source,
  );
}
