import { blockStack } from './blockStack';
import { diagramSpec, type DiagramSpec } from './diagram';

/**
 * The guide's container stack as layers, read top to bottom as people read a stack diagram: the
 * containers side by side, each only an app and its libraries, standing on one container runtime, one
 * shared Linux kernel and one physical server, each of those spanning the whole width. No guest OS.
 */
const APPS = [
  { app: 'Node.js app', libs: 'npm packages' },
  { app: 'Python app', libs: 'pip packages' },
  { app: 'Redis', libs: 'libc, libssl' },
  { app: 'Nginx', libs: 'libc, libpcre' },
];

export function containerArchitectureDiagram(): DiagramSpec {
  const width = APPS.length;
  const source = blockStack(width, [
    APPS.map((a, i) => ({ id: `c${i + 1}`, label: `Container ${i + 1}<br/>${a.app}` })),
    APPS.map((a, i) => ({ id: `lib${i + 1}`, label: `Libraries only<br/>${a.libs}, ~5 MB overhead` })),
    [
      {
        id: 'runtime',
        label:
          'Container runtime: Docker, containerd, Podman<br/>asks the kernel for each container’s namespaces and cgroups',
        span: width,
        kind: 'layer',
      },
    ],
    [
      {
        id: 'kernel',
        label:
          'One shared Linux kernel: namespaces isolate, cgroups limit<br/>every container uses the same kernel, none has its own OS',
        span: width,
        kind: 'layer',
      },
    ],
    [{ id: 'hw', label: 'Physical server<br/>CPU, RAM, storage, network', span: width, kind: 'layer' }],
  ]);
  return diagramSpec(
    'container-architecture',
    [
      'Every container runs on the same Linux kernel: there is no guest OS, so a container starts in well under a second.',
      'Isolation comes from kernel namespaces (what a process can see) and cgroups (what it can use).',
    ],
    source,
  );
}
