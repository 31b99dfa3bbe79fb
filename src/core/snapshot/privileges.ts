/**
 * What each container may do, added to the snapshot: the kernel's view of its init process
 * (readPrivileges) explained with what its engine was asked (ContainerInfo.privilegeRequest), its
 * namespace verdicts and its cgroup limits. Runs after the namespace verdicts, which it needs.
 *
 * Not kept with the namespaces in KernelDetailCache: a process keeps its namespaces for life, but not
 * its privileges. `exec gosu app` or `setpriv` keeps the PID and changes its uids and capability
 * sets, and an exec moves it to another AppArmor profile. So /proc/PID/status (and attr/current
 * where the kernel has an LSM) is read on every snapshot; PrivilegeCache keeps only what follows
 * from inputs it compares (the parse, the user namespace's maps, the explanation).
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
import type { PrivilegeCache } from './privilegeCache';

export interface PrivilegeSnapshotContext {
  procRoot: string;
  /** Read once per snapshot: the LSMs and the host's bounding set. */
  host: HostPrivileges;
  /** The Snapshotter's: status read early, parses, maps and explanations kept where their inputs are unchanged. */
  cache?: PrivilegeCache;
}

export function privilegeSnapshotContext(
  procRoot: string,
  sysRoot: string,
  cache?: PrivilegeCache,
): PrivilegeSnapshotContext {
  return { procRoot, host: cache ? cache.host(procRoot, sysRoot) : readHostPrivileges(procRoot, sysRoot), cache };
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
  const report = !hasProcess
    ? noProcessReport(c, ctx.host)
    : ctx.cache
      ? ctx.cache.report(c as ContainerInfo & { pid: number }, ctx.procRoot, ctx.host)
      : readPrivileges(ctx.procRoot, c.pid!, { host: ctx.host });
  const context: PrivilegeContext = { engine: engineOf(c), hostNamespaces: hostNamespaceKinds(c), ...limitsContext(c) };
  // The owner's uid may be the kept one (KernelDetailCache): status read just now is the truth.
  const uid = report.status?.uid;
  if (uid) c.initUid = uid.real === uid.effective && uid.real === uid.saved ? uid.real : undefined;
  const explanation = ctx.cache
    ? ctx.cache.explain(c.key, report, c.privilegeRequest, context)
    : explainPrivileges(report, c.privilegeRequest, context);
  c.privileges = hasProcess ? { report, explanation } : { explanation };
}

function engineOf(c: ContainerInfo): PrivilegeContext['engine'] {
  return c.runtime === 'podman-rootless' ? 'podman' : c.runtime;
}
