/**
 * The host's own facts (cgroup mounts, this process's cgroup, the host's privilege facts), kept for
 * as long as a container's kernel detail is (KERNEL_DETAIL_TTL_MS) and forgotten by the user's
 * Refresh. The cgroup mounts come from /proc/self/mountinfo, which lists every container's mounts
 * too (hundreds of lines on a busy host), while cgroupfs mounts change only when a cgroup hierarchy
 * is mounted or unmounted: reading it on every event was most of one container's re-read.
 */
import { readCgroupMounts, readProcCgroup } from '../kernel';
import { KERNEL_DETAIL_TTL_MS, type KernelContext } from './kernelDetail';
import type { PrivilegeSnapshotContext } from './privileges';

export interface HostFacts {
  kernel: KernelContext;
  /** Undefined when privileges are not read (SnapshotterOptions.privileges false). */
  privileges: PrivilegeSnapshotContext | undefined;
}

export class HostFactsCache {
  private kept: { facts: HostFacts; readAt: number } | undefined;

  constructor(
    private readonly read: () => HostFacts,
    private readonly ttlMs = KERNEL_DETAIL_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  current(): HostFacts {
    if (this.kept && this.now() - this.kept.readAt <= this.ttlMs) return this.kept.facts;
    this.kept = { facts: this.read(), readAt: this.now() };
    return this.kept.facts;
  }

  forget(): void {
    this.kept = undefined;
  }
}

/** The cgroup mounts and this process's own cgroup, which every container's cgroup is read against. */
export function readKernelContext(procRoot: string, fsRoot: string, withUsage: boolean): KernelContext {
  const mounts = readCgroupMounts(procRoot);
  const own = readProcCgroup(procRoot, 'self');
  return {
    procRoot,
    fsRoot,
    mounts: mounts.ok ? mounts.mounts : undefined,
    mountsProblem: mounts.ok ? undefined : mounts.detail,
    ownCgroup: own.ok ? own.cgroup : undefined,
    withUsage,
  };
}
