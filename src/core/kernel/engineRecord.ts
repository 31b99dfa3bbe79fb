/**
 * What an engine's record says about each namespace kind, for when the kernel's inodes cannot be
 * read: Docker's and Podman's HostConfig modes (`NetworkMode`, `PidMode`, `IpcMode`, `UTSMode`,
 * `UsernsMode`, `CgroupnsMode`), Podman's pod membership (members record `container:<infra>`), and
 * containerd's `linux.namespaces` (a `path` means joined). Pure: the modes come from the
 * runtime clients (ContainerInfo.requestedModes).
 */
import type { CgroupVersion, NamespaceKind, RuntimeKind } from '../model';

/** What the record claims: the host's, a namespace of its own, joined to another's, or the engine's own. */
export type RecordClaim =
  | { kind: 'host' }
  | { kind: 'isolated' }
  | { kind: 'joins'; target: string }
  | { kind: 'engine' }
  | { kind: 'unknown'; reason: string };

export interface RecordContext {
  runtime: RuntimeKind;
  /** The engine runs rootless: containers are in its user namespace unless asked otherwise. */
  rootless: boolean;
  hostCgroupVersion: CgroupVersion;
}

/** Where Docker's and Podman's records keep each mode, for the tooltip. */
const HOST_CONFIG_FIELD: Partial<Record<NamespaceKind, string>> = {
  net: 'HostConfig.NetworkMode',
  pid: 'HostConfig.PidMode',
  ipc: 'HostConfig.IpcMode',
  uts: 'HostConfig.UTSMode',
  user: 'HostConfig.UsernsMode',
  cgroup: 'HostConfig.CgroupnsMode',
};

export interface RecordReading {
  claim: RecordClaim;
  /** `HostConfig.NetworkMode container:ab12…`, `spec linux.namespaces: net joined by path`, `default: …`. */
  detail: string;
}

/**
 * The record's claim for one kind, or undefined when the engine recorded nothing at all for this
 * container (no inspect answer). A kind the record leaves out is the engine's default for it.
 */
export function recordClaim(
  kind: NamespaceKind,
  modes: Partial<Record<NamespaceKind, string>> | undefined,
  ctx: RecordContext,
): RecordReading | undefined {
  if (modes === undefined) return undefined;
  const mode = modes[kind];
  const field = ctx.runtime === 'containerd' ? 'spec linux.namespaces' : (HOST_CONFIG_FIELD[kind] ?? kind);
  if (mode === undefined || mode === '' || mode === 'default') return defaultClaim(kind, ctx);
  const said = `${field} ${mode}`;
  if (mode === 'host') return { claim: { kind: 'host' }, detail: said };
  if (mode.startsWith('container:')) return { claim: { kind: 'joins', target: mode.slice(10) }, detail: said };
  if (mode.startsWith('path:') || mode.startsWith('ns:'))
    return {
      claim: { kind: 'unknown', reason: `the engine joined it to ${mode.slice(mode.indexOf(':') + 1)}, owner unknown` },
      detail: said,
    };
  // private, shareable, none, bridge, slirp4netns, pasta, keep-id, auto, a user-defined network…
  return { claim: { kind: 'isolated' }, detail: said };
}

function defaultClaim(kind: NamespaceKind, ctx: RecordContext): RecordReading {
  switch (kind) {
    case 'time':
      return { claim: { kind: 'host' }, detail: 'default: engines do not create time namespaces' };
    case 'mnt':
      return { claim: { kind: 'isolated' }, detail: 'default: every container gets a mount namespace of its own' };
    case 'user':
      return ctx.rootless
        ? { claim: { kind: 'engine' }, detail: "default: a rootless engine's containers are in its user namespace" }
        : { claim: { kind: 'host' }, detail: "default: no user namespace is made, container root is the host's root" };
    case 'cgroup':
      return ctx.hostCgroupVersion === '2'
        ? { claim: { kind: 'isolated' }, detail: 'default on cgroup v2: a private cgroup namespace' }
        : { claim: { kind: 'host' }, detail: "default on cgroup v1: the host's cgroup namespace" };
    default:
      return { claim: { kind: 'isolated' }, detail: `default: a ${kind} namespace of its own` };
  }
}
