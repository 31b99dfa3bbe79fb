import { diagramSpec, type DiagramSpec } from './diagram';

/**
 * The guide's container stack, bottom to top as the hardware sees it: one physical server, one shared
 * Linux kernel, one container runtime, and containers that carry only an app and its libraries.
 * Drawn top-down (apps first) because that is how people read a stack diagram.
 */
export function containerArchitectureDiagram(): DiagramSpec {
  const apps = [
    { id: 'c1', app: 'Node.js app', libs: 'npm packages' },
    { id: 'c2', app: 'Python app', libs: 'pip packages' },
    { id: 'c3', app: 'Redis', libs: 'libc, libssl' },
    { id: 'c4', app: 'Nginx', libs: 'libc, libpcre' },
  ];
  const lines = ['flowchart TB'];
  lines.push('  subgraph containers["Containers: only apps and their libraries, ~5 MB overhead each"]');
  lines.push('    direction LR');
  for (const a of apps) {
    lines.push(`    ${a.id}["${a.app}<br/>${a.libs}"]`);
  }
  lines.push('  end');
  lines.push('  runtime["Container runtime<br/>Docker, containerd, Podman"]');
  lines.push('  kernel["One shared Linux kernel<br/>namespaces isolate, cgroups limit"]');
  lines.push('  hw["Physical server<br/>CPU, RAM, storage, network"]');
  lines.push('  containers --> runtime');
  lines.push('  runtime --> kernel');
  lines.push('  kernel --> hw');
  lines.push('  classDef layer stroke-width:2px');
  lines.push('  class runtime,kernel,hw layer');
  return diagramSpec(
    'container-architecture',
    [
      'Every container runs on the same Linux kernel: there is no guest OS, so a container starts in well under a second.',
      'Isolation comes from kernel namespaces (what a process can see) and cgroups (what it can use).',
    ],
    lines.join('\n'),
  );
}
