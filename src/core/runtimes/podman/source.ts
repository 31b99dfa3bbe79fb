/**
 * Podman as an EngineSource, rootful (`podman`) or rootless (`podman-rootless`). The list carries
 * PIDs, pods and the infra flag; inspect adds the requested namespace modes, once per container id
 * (modes never change for an id), so a refresh costs one list, one pod list and one info, plus one
 * inspect per container not seen before.
 */
import type { ContainerInfo, RuntimeInfo } from '../../model';
import type {
  ContainerEvent,
  EngineReading,
  EngineSource,
  EngineWatchStatus,
  SingleContainerReading,
} from '../../snapshot/engineSource';
import { errorDetail, toRuntimeStatus } from '../shared/result';
import { EventWatch, WatchSet } from '../shared/watch';
import { PodmanClient, type Via } from './client';
import { podmanContainerInfo, inspectAsListRecord } from './containers';
import { resolvePodmanEndpoint, type PodmanEndpoint, type PodmanEndpointOptions } from './endpoint';
import { podmanEventConnector } from './events';
import { detectPodmanInVm, podmanRuntimeChain } from './facts';
import type { PodmanInfoRecord, PodmanInspectRecord, PodmanPodRecord } from './records';

export interface PodmanSourceOptions extends PodmanEndpointOptions {
  /** Use the CLI even when the socket answers. */
  preferCli?: boolean;
  /** Deadline per HTTP call or CLI run (default 10 s for HTTP, 15 s for the CLI). */
  timeoutMs?: number;
  /** Inspect containers for their requested namespace modes (default true). */
  inspectModes?: boolean;
}

export class PodmanSource implements EngineSource {
  readonly kind: 'podman' | 'podman-rootless';
  readonly id: string;
  readonly client: PodmanClient;
  /** Modes and cgroup path per container id, from inspect. */
  private readonly inspected = new Map<string, PodmanInspectRecord>();
  private pods: PodmanPodRecord[] = [];
  private lastVia: Via | undefined;
  private lastInfo: PodmanInfoRecord | undefined;
  private readonly watches = new WatchSet();
  /** The last event seen by any watch: the next watch resumes there. */
  private resumeNano: bigint | undefined;

  constructor(private readonly options: PodmanSourceOptions) {
    this.kind = options.kind;
    this.client = new PodmanClient(resolvePodmanEndpoint(options), options);
    this.id = `${this.kind}:${this.client.socketUrl ?? this.client.cliUrl ?? 'none'}`;
  }

  get endpointInfo(): PodmanEndpoint {
    return this.client.endpointInfo;
  }

  get endpoint(): string {
    return this.client.socketUrl ?? this.client.cliUrl ?? 'cli:podman';
  }

  get socketUrl(): string | undefined {
    return this.client.socketUrl;
  }

  get cliUrl(): string | undefined {
    return this.client.cliUrl;
  }

  async read(signal?: AbortSignal): Promise<EngineReading> {
    const { via, endpoint, result } = await this.client.read(signal);
    const runtime: RuntimeInfo = { kind: this.kind, endpoint, status: { state: 'ok' }, chain: [] };
    if (!result.ok) {
      runtime.status = toRuntimeStatus(result.error);
      return { runtime, containers: [] };
    }
    const { info, containers, pods } = result.value;
    const wantRootless = this.kind === 'podman-rootless';
    if (info.rootless !== wantRootless) {
      runtime.status = {
        state: 'error',
        detail: `${endpoint} is ${info.rootless ? 'rootless' : 'rootful'} Podman, but this source reads ${wantRootless ? 'rootless' : 'rootful'} Podman`,
      };
      return { runtime, containers: [] };
    }
    this.lastVia = via;
    this.lastInfo = info;
    this.pods = pods;
    runtime.version = info.version;
    runtime.apiVersion = result.value.apiVersion;
    runtime.chain = podmanRuntimeChain(info, via);
    runtime.rootless = info.rootless;
    if (info.cgroupManager) runtime.cgroupDriver = info.cgroupManager;
    if (info.cgroupVersion) runtime.cgroupVersion = info.cgroupVersion;
    const inVm = detectPodmanInVm(info);
    if (inVm) runtime.inVm = inVm;

    if (this.options.inspectModes !== false && !inVm) {
      const live = new Set(containers.map((c) => c.id));
      for (const id of this.inspected.keys()) if (!live.has(id)) this.inspected.delete(id);
      const todo = containers.filter((c) => !this.inspected.has(c.id)).map((c) => c.id);
      for (const rec of await this.client.inspectMany(via, todo, signal)) this.inspected.set(rec.id, rec);
    }
    return { runtime, containers: containers.map((c) => podmanContainerInfo(c, this.context(inVm))) };
  }

  private context(inVm = this.lastInfo && detectPodmanInVm(this.lastInfo)) {
    const rootlessOnV1 = this.lastInfo?.rootless === true && this.lastInfo.cgroupVersion === '1';
    return { runtime: this.kind, pods: this.pods, inspected: this.inspected, inVm, rootlessOnV1 };
  }

  async readOne(
    id: string,
    options: { namespace?: string; signal?: AbortSignal } = {},
  ): Promise<SingleContainerReading> {
    const signal = options.signal;
    const via = this.lastVia ?? (await this.client.chooseVia(signal));
    const rec = await this.client.inspectOne(via, id, signal);
    if (rec === 'gone') return { state: 'gone' };
    if (!rec.ok) return { state: 'error', detail: errorDetail(rec.error) };
    this.inspected.set(rec.value.id, rec.value);
    if (rec.value.podId && !this.pods.some((p) => p.id === rec.value.podId)) {
      const pods = await this.client.pods(via, signal);
      if (pods.ok) this.pods = pods.value;
    }
    const container: ContainerInfo = podmanContainerInfo(inspectAsListRecord(rec.value), this.context());
    return { state: 'found', container };
  }

  watch(onEvent: (event: ContainerEvent) => void, onStatus: (status: EngineWatchStatus) => void): { dispose(): void } {
    const connector = podmanEventConnector(this.kind, () => this.client.eventTransport());
    const watch: EventWatch<ContainerEvent> = new EventWatch(connector, {
      sinceNano: this.resumeNano,
      onEvent: (event) => {
        this.resumeNano = watch.lastEventTimeNano ?? this.resumeNano;
        onEvent({ ...event, sourceId: this.id });
      },
      onStatus,
    });
    return this.watches.start(watch);
  }

  forget(id: string): void {
    this.inspected.delete(id);
  }

  dispose(): void {
    this.watches.disposeAll();
    this.client.dispose();
  }
}

export function createPodmanSource(options: PodmanSourceOptions): PodmanSource {
  return new PodmanSource(options);
}

/**
 * One source per rootless socket when root reads several users' rootless Podman (each has its own
 * status, endpoint and events); for anything else the single source of createPodmanSource.
 */
export function createPodmanSources(options: PodmanSourceOptions): PodmanSource[] {
  const sockets = options.rootlessSockets ?? [];
  if (options.kind !== 'podman-rootless' || options.socketPath || sockets.length <= 1)
    return [new PodmanSource(options)];
  return sockets.map(
    (socketPath) => new PodmanSource({ ...options, socketPath, cliUser: undefined, rootlessSockets: [socketPath] }),
  );
}
