/**
 * Generated compose files and multi-document Kubernetes manifests for the YAML hover bench: every
 * isolation key of the tables in block and flow style, anchors and a merge key, comments, several
 * workload kinds. Deterministic, so every run hovers the same keys.
 */
import { rng } from './dockerfiles';

function composeService(i: number): string[] {
  const modes = ['host', 'none', `"service:svc${Math.max(0, i - 1)}"`, 'bridge'];
  return [
    `  svc${i}:`,
    '    <<: *common',
    `    image: registry.example/app${i}:1.${i % 10}`,
    `    network_mode: ${modes[i % modes.length]}`,
    i % 3 === 0 ? '    pid: host' : '    pid: "service:svc0"',
    '    ipc: shareable',
    `    mem_limit: ${64 + i}m`,
    '    memswap_limit: 512m',
    '    mem_reservation: 32m',
    `    cpus: ${((i % 4) + 1) / 4}`,
    '    cpu_shares: 512',
    '    pids_limit: 100',
    '    cap_add: [NET_ADMIN, SYS_PTRACE]',
    '    cap_drop:',
    '      - ALL',
    '    security_opt:',
    '      - no-new-privileges:true',
    '      - seccomp:unconfined',
    '    read_only: true',
    '    user: "1000:1000"',
    '    volumes:',
    '      - /var/run/docker.sock:/var/run/docker.sock  # an engine socket',
    `      - data${i}:/data`,
    '    tmpfs: /run',
    '    sysctls:',
    '      net.core.somaxconn: 1024',
    '    ulimits: {nofile: {soft: 1024, hard: 2048}}',
    '    deploy:',
    '      resources:',
    `        limits: {memory: ${128 + i}m, cpus: "0.5"}`,
    '        reservations:',
    '          memory: 64m',
  ];
}

/** A compose file of at least `lines` lines (whole services). */
export function generateCompose(lines: number): string {
  const out = [
    'name: bench',
    'x-common: &common',
    '  init: true',
    '  oom_kill_disable: false',
    '  shm_size: 128m',
    'services:',
  ];
  for (let i = 0; out.length < lines; i++) out.push(...composeService(i));
  return out.join('\n') + '\n';
}

const KINDS = ['Deployment', 'Pod', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;

function podSpec(i: number, indent: string): string[] {
  const lines = [
    'hostNetwork: false',
    `hostPID: ${i % 5 === 0}`,
    'hostIPC: false',
    'hostUsers: false',
    'shareProcessNamespace: true',
    'runtimeClassName: gvisor',
    'securityContext:',
    '  runAsNonRoot: true',
    '  runAsUser: 1000',
    '  seccompProfile: {type: RuntimeDefault}',
    '  sysctls:',
    '    - {name: net.ipv4.ip_unprivileged_port_start, value: "0"}',
    'containers:',
    `  - name: app${i}`,
    `    image: registry.example/app${i}:1.0`,
    '    ports:',
    '      - containerPort: 8080',
    '        hostPort: 8080',
    '    securityContext:',
    '      privileged: false',
    '      allowPrivilegeEscalation: false',
    '      readOnlyRootFilesystem: true',
    '      capabilities:',
    '        drop: ["ALL"]',
    '        add: ["NET_BIND_SERVICE"]',
    '      procMount: Default',
    '      appArmorProfile: {type: RuntimeDefault}',
    '      seLinuxOptions: {level: "s0:c123,c456"}',
    '    resources:',
    '      limits:',
    `        memory: ${64 + i}Mi`,
    '        cpu: 500m',
    '      requests: {memory: 32Mi, cpu: 100m}',
    '    volumeMounts:',
    '      - {name: host, mountPath: /host}',
    'volumes:',
    '  - name: host',
    '    hostPath: {path: /var/lib, type: Directory}',
  ];
  return lines.map((l) => indent + l);
}

function workload(i: number): string[] {
  const kind = KINDS[i % KINDS.length];
  const head = ['---', kind === 'CronJob' ? 'apiVersion: batch/v1' : 'apiVersion: apps/v1', `kind: ${kind}`];
  const meta = ['metadata:', `  name: app${i}`, '  namespace: bench', `  labels: {app: app${i}}  # selector`];
  if (kind === 'Pod')
    return [...head.slice(0, 1), 'apiVersion: v1', 'kind: Pod', ...meta, 'spec:', ...podSpec(i, '  ')];
  if (kind === 'CronJob')
    return [
      ...head,
      ...meta,
      'spec:',
      '  schedule: "*/5 * * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      ...podSpec(i, '          '),
    ];
  return [
    ...head,
    ...meta,
    'spec:',
    '  replicas: 2',
    '  template:',
    '    metadata:',
    `      labels: {app: app${i}}`,
    '    spec:',
    ...podSpec(i, '      '),
  ];
}

/** A multi-document manifest of at least `lines` lines (whole documents). */
export function generateManifest(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) out.push(...workload(i));
  return out.join('\n') + '\n';
}

/** `count` seeded positions in the middle of mapping keys (a line's key, after any `- `). */
export function keyPositions(text: string, count: number, seed = 42): { line: number; character: number }[] {
  const lines = text.split('\n');
  const next = rng(seed);
  const out: { line: number; character: number }[] = [];
  while (out.length < count) {
    const line = Math.floor(next() * lines.length);
    const m = /^(\s*(?:- )?)([A-Za-z_<][\w.<-]*)\s*:/.exec(lines[line]);
    if (!m) continue;
    out.push({ line, character: m[1].length + Math.floor(m[2].length / 2) });
  }
  return out;
}
