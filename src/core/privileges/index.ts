/**
 * What a container may do: the kernel's truth about its init process (readPrivileges) and what it
 * means given what the engine was asked (explainPrivileges). Host-wide facts (the LSMs, the host's
 * bounding set) are read once per snapshot with readHostPrivileges and passed in.
 *
 * Everything here is readable by an ordinary user for any process: /proc/PID/status, uid_map,
 * gid_map and attr/current are world-readable. What a non-root reader lacks is only elsewhere
 * (the namespace links, which need ptrace access).
 */
import type { EngineRequest } from './engineRequest';
import { containerFacts, type PrivilegeContext } from './facts';
import { findWeakSpots } from './findings';
import { NO_LSM_TEXT, readHostLsm, readLsmLabel } from './lsm';
import { podSecurityLevel } from './podSecurity';
import type { ReadTextFn } from './readText';
import { readProcStatus, type StatusRead } from './status';
import type { CapabilitySet, HostLsm, PrivilegeExplanation, PrivilegeReport, UserMapping } from './types';
import { readUserMapping } from './userMapping';

export interface HostPrivileges {
  lsm: HostLsm;
  /** PID 1's bounding set (this process's when PID 1 is unreadable): what any container here can hold at most. */
  bounding?: CapabilitySet;
}

export interface PrivilegeReadOptions {
  /** Host-wide facts read once (readHostPrivileges); read here when absent. */
  host?: HostPrivileges;
  /** `/sys` unless given (fixture trees). */
  sysRoot?: string;
  read?: ReadTextFn;
  /** /proc/PID/status read (and parsed) already: the snapshot reads it while the engines answer. */
  status?: StatusRead;
  /** The uid and gid maps of the process's user namespace, kept: a namespace's maps never change once written. */
  userMapping?: UserMapping;
}

/** `lsm`: the host's LSMs read before; they are fixed at boot, so a caller may keep them. */
export function readHostPrivileges(
  procRoot: string,
  sysRoot = '/sys',
  read?: ReadTextFn,
  lsm?: HostLsm,
): HostPrivileges {
  const host: HostPrivileges = { lsm: lsm ?? readHostLsm(sysRoot, procRoot, read) };
  for (const pid of [1, 'self'] as const) {
    const res = readProcStatus(procRoot, pid, read);
    const bounding = res.ok ? res.status.capabilities.bounding : undefined;
    if (bounding) {
      host.bounding = bounding;
      break;
    }
  }
  return host;
}

/** Reads status, uid_map/gid_map and the LSM label of `<procRoot>/<pid>`; never throws. */
export function readPrivileges(procRoot: string, pid: number, options: PrivilegeReadOptions = {}): PrivilegeReport {
  const host = options.host ?? readHostPrivileges(procRoot, options.sysRoot ?? '/sys', options.read);
  const report: PrivilegeReport = { pid, hostLsm: host.lsm, issues: [] };
  if (host.bounding) report.hostBounding = host.bounding;
  const status = options.status ?? readProcStatus(procRoot, pid, options.read);
  if (status.ok) report.status = status.status;
  else report.issues.push(status.issue);
  const mapping = options.userMapping
    ? { ok: true as const, mapping: options.userMapping }
    : readUserMapping(procRoot, pid, options.read);
  if (mapping.ok) report.userMapping = mapping.mapping;
  else report.issues.push(...mapping.issues);
  // A kernel with no labelling LSM has no label for any process: no need to ask each one.
  if (host.lsm.state === 'none') {
    report.lsm = { kind: 'none', text: NO_LSM_TEXT };
    return report;
  }
  const hint = host.lsm.state === 'listed' ? host.lsm.confining : [];
  const lsm = readLsmLabel(procRoot, pid, hint, options.read);
  if (lsm.ok) report.lsm = lsm.label;
  else report.issues.push(lsm.issue);
  return report;
}

/** Capabilities against the engine's default, the runtime, the weak spots and the Pod Security level. */
export function explainPrivileges(
  report: PrivilegeReport,
  request: EngineRequest | undefined,
  context: PrivilegeContext = {},
): PrivilegeExplanation {
  const facts = containerFacts(report, request, context);
  const explanation: PrivilegeExplanation = {
    runtime: facts.runtime,
    findings: findWeakSpots(facts),
    podSecurity: podSecurityLevel(facts),
  };
  if (facts.capabilities) explanation.capabilities = facts.capabilities;
  return explanation;
}

export type { PrivilegeContext } from './facts';
export type { EngineRequest, RequestedMount } from './engineRequest';
export type { CapabilityDiff, EngineKind } from './types';
export { requestFromDockerInspect, requestFromPodmanInspect } from './engineRequest';
export { requestFromOciSpec } from './ociRequest';
export { classifyRuntime } from './runtime';
export {
  CAPABILITY_NAMES,
  ENGINE_DEFAULT_CAPABILITIES,
  decodeCapabilityMask,
  diffCapabilities,
  engineDefaultMask,
  parseCapabilityMask,
} from './capabilities';
export { describeSeccomp, parseProcStatus } from './status';
export { parseIdMap, describeIdMap } from './userMapping';
export { parseLsmLabel, NO_LSM_TEXT } from './lsm';
export { privilegeRows, privilegeLines, type PrivilegeRow, type PrivilegeRowId, type PrivilegeRowItem } from './rows';
export * from './types';
