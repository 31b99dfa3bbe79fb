/**
 * What each container may do, added to the snapshot: the kernel's view of its init process
 * (readPrivileges) explained with what its engine was asked (ContainerInfo.privilegeRequest), its
 * namespace verdicts and its cgroup limits. Runs after the namespace verdicts, which it needs.
 *
 * Read afresh on every snapshot, not kept with the namespaces in KernelDetailCache: a process keeps
 * its namespaces for life, but not its privileges. `exec gosu app` or `setpriv` keeps the PID and
 * changes its uids and capability sets, and an exec moves it to another AppArmor profile. The reads
 * are /proc/PID/status, uid_map and gid_map (plus attr/current where the kernel has an LSM), each a
 * few hundred bytes read synchronously: about as cheap as the one /proc/PID/cgroup read the cache
 * itself needs to decide on reuse, so keeping them would save little and could show stale truth.
 */
import type { ContainerInfo, NamespaceKind } from '../model';
import {
  explainPrivileges,
  readHostPrivileges,
  readPrivileges,
  type HostPrivileges,
  type PrivilegeContext,
  type PrivilegeReport,
} from '../privileges';

export interface PrivilegeSnapshotContext {
  procRoot: string;
  /** Read once per snapshot: the LSMs and the host's bounding set. */
  host: HostPrivileges;
}

export function privilegeSnapshotContext(procRoot: string, sysRoot: string): PrivilegeSnapshotContext {
  return { procRoot, host: readHostPrivileges(procRoot, sysRoot) };
}

/** Namespace kinds the verdicts say the container shares with the host. */
function hostNamespaceKinds(c: ContainerInfo): NamespaceKind[] {
  return (c.namespaces?.entries ?? []).filter((e) => e.verdict.kind === 'host').map((e) => e.kind);
}

function limitsContext(c: ContainerInfo): Pick<PrivilegeContext, 'memoryLimited' | 'pidsLimited'> {
  const out: Pick<PrivilegeContext, 'memoryLimited' | 'pidsLimited'> = {};
  // Only a cgroup that was read says "no limit"; a missing figure means unknown, not unlimited.
  if (c.cgroup?.memory) out.memoryLimited = c.cgroup.memory.limitBytes !== null;
  if (c.cgroup?.pids) out.pidsLimited = c.cgroup.pids.limit !== null;
  return out;
}

/** A report for a container without a process: the explanation then rests on the request alone. */
function noProcessReport(c: ContainerInfo, host: HostPrivileges): PrivilegeReport {
  const report: PrivilegeReport = {
    pid: 0,
    hostLsm: host.lsm,
    issues: [{ file: 'status', state: 'missing', detail: c.kernelDetailNote ?? 'the container has no process' }],
  };
  if (host.bounding) report.hostBounding = host.bounding;
  return report;
}

/**
 * Sets `privileges` on one container: read from the kernel when it has a PID on this kernel,
 * from the engine's request alone when it does not (a created container). Containers with neither
 * (stopped, nothing inspected) get none.
 */
export function addPrivileges(c: ContainerInfo, ctx: PrivilegeSnapshotContext): void {
  const hasProcess = c.pid !== undefined && c.pid > 0;
  if (!hasProcess && !c.privilegeRequest) {
    delete c.privileges;
    return;
  }
  const report = hasProcess ? readPrivileges(ctx.procRoot, c.pid!, { host: ctx.host }) : noProcessReport(c, ctx.host);
  const context: PrivilegeContext = { engine: engineOf(c), hostNamespaces: hostNamespaceKinds(c), ...limitsContext(c) };
  // The owner's uid may be the kept one (KernelDetailCache): status read just now is the truth.
  const uid = report.status?.uid;
  if (uid) c.initUid = uid.real === uid.effective && uid.real === uid.saved ? uid.real : undefined;
  const explanation = explainPrivileges(report, c.privilegeRequest, context);
  c.privileges = hasProcess ? { report, explanation } : { explanation };
}

function engineOf(c: ContainerInfo): PrivilegeContext['engine'] {
  return c.runtime === 'podman-rootless' ? 'podman' : c.runtime;
}
