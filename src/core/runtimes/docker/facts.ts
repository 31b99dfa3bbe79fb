/** What Docker's /version and /info say about the engine: the runtime chain and whether it runs in a VM. */
import type { RuntimeChainLink } from '../../model';
import type { DockerInfoRecord, DockerVersionRecord } from './records';

/**
 * The chain below the CLI as the engine reports it: dockerd → containerd → OCI runtime. The OCI
 * link names the default runtime when it is not runc (crun, runsc), whose version /version omits.
 */
export function dockerRuntimeChain(version: DockerVersionRecord, info?: DockerInfoRecord): RuntimeChainLink[] {
  const find = (name: string) => version.components.find((c) => c.name.toLowerCase() === name);
  const chain: RuntimeChainLink[] = [
    { name: 'dockerd', version: find('engine')?.version ?? version.version, role: 'engine' },
  ];
  const containerd = find('containerd');
  if (containerd) chain.push({ name: 'containerd', version: containerd.version, role: 'cri' });
  const runc = find('runc');
  const defaultRuntime = info?.defaultRuntime;
  if (defaultRuntime && defaultRuntime !== 'runc' && !defaultRuntime.startsWith('io.containerd.runc')) {
    chain.push({ name: defaultRuntime, role: 'oci' });
  } else if (runc) {
    chain.push({ name: 'runc', version: runc.version, role: 'oci' });
  }
  return chain;
}

/** Docker Desktop (and similar) run the engine in a VM: its PIDs are not on this kernel. */
export function detectDockerInVm(
  version?: DockerVersionRecord,
  info?: DockerInfoRecord,
): { reason: string } | undefined {
  if (version && /docker desktop/i.test(version.platformName)) {
    return { reason: `engine runs inside Docker Desktop's VM (${version.platformName})` };
  }
  if (info?.operatingSystem && /docker desktop/i.test(info.operatingSystem)) {
    return { reason: `engine runs inside Docker Desktop's VM (OperatingSystem: ${info.operatingSystem})` };
  }
  return undefined;
}
