/** What Podman's `info` says about the engine: the runtime chain and whether it runs elsewhere. */
import type { RuntimeChainLink } from '../../model';
import type { PodmanInfoRecord } from './records';

/** podman → conmon → runc/crun, as `info` reports them. The CLI link is added when the CLI was used. */
export function podmanRuntimeChain(info: PodmanInfoRecord, via: 'socket' | 'cli'): RuntimeChainLink[] {
  const chain: RuntimeChainLink[] = [];
  if (via === 'cli') chain.push({ name: 'podman', version: info.version, role: 'cli' });
  else chain.push({ name: 'podman system service', version: info.version, role: 'engine' });
  if (info.conmon) chain.push({ name: 'conmon', version: info.conmon.version, role: 'monitor' });
  if (info.ociRuntime) chain.push({ name: info.ociRuntime.name, version: info.ociRuntime.version, role: 'oci' });
  return chain;
}

/** Podman machine (macOS, Windows, or `podman --remote`): the service is remote, its PIDs are elsewhere. */
export function detectPodmanInVm(info: PodmanInfoRecord): { reason: string } | undefined {
  if (info.serviceIsRemote)
    return { reason: 'Podman runs as a remote service (Podman machine or --remote): its PIDs are not on this kernel' };
  return undefined;
}
