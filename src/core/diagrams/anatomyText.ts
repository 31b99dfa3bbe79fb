/**
 * The words inside a container's anatomy diagram: one namespace's verdict, the cgroup's limits
 * against usage, the privileges. Plain strings; the builder escapes every line.
 */
import { cpuText, memoryText, pidsText } from '../cgroupText';
import type { ContainerInfo, HostSnapshot, NamespaceEntry } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';

export const NOT_READ = 'not read';

/** `own`, `host's`, `shared with a, b`: the short verdict that heads a namespace's box. */
export function namespaceVerdictText(entry: NamespaceEntry, nameOfKey: (key: string) => string): string {
  const v = entry.verdict;
  switch (v.kind) {
    case 'isolated':
      return 'own';
    case 'host':
      return "host's";
    case 'shared':
      if (v.engine) return `the engine's (${RUNTIME_TITLES[v.engine]}: all its containers)`;
      return `shared with ${v.withKeys.map(nameOfKey).join(', ')}`;
    case 'unknown':
      return `unknown: ${v.reason}`;
  }
}

/** The lines of one namespace's box: kind and verdict, then the inode (or why not) and how it is known. */
export function namespaceLines(entry: NamespaceEntry, nameOfKey: (key: string) => string): string[] {
  const lines = [`${entry.kind}: ${namespaceVerdictText(entry, nameOfKey)}`];
  if (entry.read.state === 'ok') lines.push(`inode ${entry.read.inode}`);
  else lines.push(`inode ${entry.read.state}`);
  if (entry.basis) lines.push(`by ${entry.basis.word}`);
  return lines;
}

/** The cgroup's box: version and path, then each controller's limit against its usage. */
export function cgroupLines(c: ContainerInfo): string[] {
  const cg = c.cgroup;
  if (!cg) return ['cgroup: not read', ...(c.kernelDetailNote ? [c.kernelDetailNote] : [])];
  // Engine ids make paths 80 characters wide: shortened as the engines show them.
  const path = cg.path.replace(/[0-9a-f]{64}/g, (id) => `${id.slice(0, 12)}…`);
  const lines = [`cgroup v${cg.version}${cg.driver && cg.driver !== 'unknown' ? ` (${cg.driver})` : ''}`, path];
  lines.push(`memory: ${cg.memory ? memoryText(cg.memory) : NOT_READ}`);
  lines.push(`cpu: ${cg.cpu ? cpuText(cg.cpu) : NOT_READ}`);
  lines.push(`pids: ${cg.pids ? pidsText(cg.pids) : NOT_READ}`);
  if (cg.note) lines.push(cg.note);
  return lines;
}

/**
 * The privileges' box: capabilities, seccomp, LSM, user mapping; `not read` until they are. Written
 * here rather than from the tree's rows: the webview's typecheck reads this folder, and the rows'
 * module reaches Node's file readers.
 */
export function privilegeLines(c: ContainerInfo): string[] {
  const p = c.privileges;
  if (!p?.report) return ['Privileges: not read', ...(p ? [`runtime: ${p.explanation.runtime.text}`] : [])];
  const { report, explanation } = p;
  const caps = report.status?.capabilities;
  const set = caps?.bounding ?? caps?.effective;
  const seccomp = report.status?.seccomp;
  const nnp = report.status?.noNewPrivs;
  return [
    'Privileges',
    `capabilities: ${explanation.capabilities ? `${explanation.capabilities.diff.text} (${set?.names.length ?? 0})` : set ? `${set.names.length}` : NOT_READ}`,
    `seccomp: ${seccomp?.mode ?? NOT_READ}${seccomp?.filters !== undefined ? ` (${seccomp.filters})` : ''}`,
    `no_new_privs: ${nnp === undefined ? NOT_READ : nnp ? 'on' : 'off'}`,
    `LSM: ${report.lsm?.text ?? NOT_READ}`,
    `user mapping: ${report.userMapping?.uid.text ?? NOT_READ}`,
    `runtime: ${explanation.runtime.name ?? explanation.runtime.family}`,
    `Pod Security: ${explanation.podSecurity.level}`,
  ];
}

/** The weak spots' box, the most serious first; undefined when none was found or privileges are not read. */
export function weakSpotLines(c: ContainerInfo): string[] | undefined {
  const findings = c.privileges?.report ? c.privileges.explanation.findings : [];
  if (findings.length === 0) return undefined;
  return [`Weak spots (${findings.length})`, ...findings.map((f) => `⚠ ${f.severity}: ${f.title}`)];
}

/** The init process's box. */
export function initLines(c: ContainerInfo): string[] {
  const lines = [c.name, `${c.image} · ${c.state}`];
  if (c.pid !== undefined)
    lines.push(`init process: PID ${c.pid} on this host${c.initUid !== undefined ? `, uid ${c.initUid}` : ''}`);
  else lines.push(`no init process on this kernel${c.kernelDetailNote ? `: ${c.kernelDetailNote}` : ''}`);
  return lines;
}

/** The kernel under everything: what the container shares with every other one on this host. */
export function kernelLines(snapshot: HostSnapshot): string[] {
  const v = snapshot.host.cgroupVersion;
  return [
    "One shared Linux kernel: this host's",
    `namespaces isolate, cgroups limit (cgroup ${v === 'hybrid' ? 'v1 + v2, hybrid' : `v${v}`})`,
  ];
}
