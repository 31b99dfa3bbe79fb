/**
 * The few facts about one container that both the weak-spot findings and the Pod Security
 * Standards check need, computed once from the kernel's report and the engine's request.
 */
import type { NamespaceKind } from '../model';
import { diffCapabilities, engineDefaultMask, parseCapabilityMask } from './capabilities';
import type { EngineRequest, RequestedMount } from './engineRequest';
import type { EngineKind } from './types';
import { classifyRuntime } from './runtime';
import type { CapabilitySummary, PrivilegeReport, RuntimeSandbox } from './types';
import { mapOutsideToInside } from './userMapping';

/** What the caller knows beyond the kernel and the engine (from the namespace and cgroup readers). */
export interface PrivilegeContext {
  /** The engine, when no request is given. */
  engine?: EngineKind;
  /** Namespace kinds the container shares with the host, from the namespace verdicts. */
  hostNamespaces?: readonly NamespaceKind[];
  /** False when the cgroup shows no memory limit; undefined when not known (no finding then). */
  memoryLimited?: boolean;
  pidsLimited?: boolean;
}

export interface ContainerFacts {
  report: PrivilegeReport;
  request?: EngineRequest;
  context: PrivilegeContext;
  runtime: RuntimeSandbox;
  capabilities?: CapabilitySummary;
  /** The set compared (bounding, else effective) as names. */
  capabilityNames?: string[];
  /** The container's own uid for its process (inside its user namespace); undefined when unknown. */
  uidInside?: number;
  /** Root inside is root on the host. */
  rootIsHostRoot?: boolean;
  /** Bind mounts the user asked for (the engine's own hosts/resolv.conf left out). */
  hostMounts: RequestedMount[];
}

function summarizeCapabilities(report: PrivilegeReport, engine: EngineKind | undefined): CapabilitySummary | undefined {
  const caps = report.status?.capabilities;
  const set = caps?.bounding ?? caps?.effective;
  if (!engine || !set) return undefined;
  const mask = parseCapabilityMask(set.mask) ?? 0n;
  const universe = report.hostBounding ? parseCapabilityMask(report.hostBounding.mask) : undefined;
  const summary: CapabilitySummary = {
    engine,
    basis: caps?.bounding ? 'bounding' : 'effective',
    diff: diffCapabilities(mask, engineDefaultMask(engine), universe),
  };
  if (caps?.effective) summary.effectiveCount = caps.effective.names.length;
  if (caps?.bounding) summary.boundingCount = caps.bounding.names.length;
  return summary;
}

export function containerFacts(
  report: PrivilegeReport,
  request: EngineRequest | undefined,
  context: PrivilegeContext,
): ContainerFacts {
  const engine = request?.engine ?? context.engine;
  const capabilities = summarizeCapabilities(report, engine);
  const caps = report.status?.capabilities;
  const set = caps?.bounding ?? caps?.effective;
  const hostUid = report.status?.uid?.effective;
  const uidMap = report.userMapping?.uid;
  const uidInside = hostUid === undefined || !uidMap ? undefined : mapOutsideToInside(uidMap.ranges, hostUid);
  const facts: ContainerFacts = {
    report,
    context,
    runtime: classifyRuntime(request?.runtime),
    hostMounts: (request?.mounts ?? []).filter((m) => m.type === 'bind' && !m.engineManaged),
  };
  if (request) facts.request = request;
  if (capabilities) facts.capabilities = capabilities;
  if (set) facts.capabilityNames = set.names;
  if (uidInside !== undefined) facts.uidInside = uidInside;
  if (uidMap) facts.rootIsHostRoot = uidMap.rootIsHostRoot;
  return facts;
}
