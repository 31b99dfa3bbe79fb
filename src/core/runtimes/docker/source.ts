/**
 * Docker as an EngineSource: the list, plus the PIDs and namespace modes that only inspect gives.
 * Inspect is the slow part of a refresh, so its answers are kept per container while the container
 * keeps running; the snapshot checks each kept PID against the kernel (its /proc/PID/cgroup must
 * name the container) and calls forget() when it no longer does. What was kept is dropped when the
 * last watch stops (no event tells of a restart from then on) and by forgetAll() (the user's Refresh).
 */
import os = require('node:os');
import type { ContainerInfo, NamespaceKind, RuntimeInfo } from '../../model';
import type {
  ContainerEvent,
  EngineReading,
  EngineSource,
  EngineWatchStatus,
  SingleContainerReading,
} from '../../snapshot/engineSource';
import type { EngineRequest } from '../../privileges/types';
import { requestedModes } from '../shared/json';
import { mapLimited } from '../shared/limit';
import { errorDetail, toRuntimeStatus } from '../shared/result';
import { EventWatch, WatchSet } from '../shared/watch';
import { DockerClient } from './client';
import { resolveDockerEndpoint, type DockerEndpointResolution } from './endpoint';
import { dockerEventConnector } from './events';
import { detectDockerInVm, dockerRuntimeChain } from './facts';
import {
  hasProcess,
  mapDockerState,
  type DockerContainerRecord,
  type DockerInfoRecord,
  type DockerInspectRecord,
  type DockerVersionRecord,
} from './records';

export interface DockerSourceOptions {
  /** Resolved as the docker CLI does when absent. */
  resolution?: DockerEndpointResolution;
  env?: NodeJS.ProcessEnv;
  homedir?: string;
  timeoutMs?: number;
}

interface KeptInspect {
  pid: number;
  modes: Partial<Record<NamespaceKind, string>>;
  request: EngineRequest;
}

/** How many created-but-not-started containers are inspected at once (for what they were asked). */
const CREATED_INSPECT_CONCURRENCY = 4;

interface EngineFacts {
  version: DockerVersionRecord;
  info?: DockerInfoRecord;
}

/** A start or die changes the PID: what inspect said before no longer holds. */
const CHANGES_PID = /^(start|restart|die|kill|stop|destroy|pause|unpause)$/;

export class DockerSource implements EngineSource {
  readonly kind = 'docker' as const;
  readonly id: string;
  readonly endpoint: string;
  private readonly client: DockerClient | undefined;
  private readonly unusable: string | undefined;
  private readonly kept = new Map<string, KeptInspect>();
  /**
   * What created-but-never-started containers were asked (`docker create --privileged`): it can
   * only be explained from the request, there is no process. Their config does not change until
   * they start, and then they are inspected as running ones.
   */
  private readonly createdRequests = new Map<string, EngineRequest>();
  private engineFacts: EngineFacts | undefined;
  private readonly watches = new WatchSet();
  /** The last event seen by any watch: the next watch resumes there. */
  private resumeNano: bigint | undefined;

  constructor(options: DockerSourceOptions = {}) {
    const resolution =
      options.resolution ?? resolveDockerEndpoint(options.env ?? process.env, options.homedir ?? os.homedir());
    if (resolution.ok) {
      this.client = new DockerClient(resolution.endpoint, {
        timeoutMs: options.timeoutMs,
        connectTimeoutMs: options.timeoutMs,
      });
      this.endpoint = resolution.url;
    } else {
      this.endpoint = resolution.source;
      this.unusable = resolution.detail;
    }
    this.id = `docker:${this.endpoint}`;
  }

  /** Docker's containerd socket as /info reports it (API ≥ 1.46); asks the engine when not known yet. */
  async containerdAddress(signal?: AbortSignal): Promise<string | undefined> {
    this.engineFacts ??= await this.readEngineFacts(signal);
    return this.engineFacts?.info?.containerdAddress;
  }

  private runtime(partial: Partial<RuntimeInfo> & Pick<RuntimeInfo, 'status'>): RuntimeInfo {
    return { kind: 'docker', endpoint: this.endpoint, chain: [], ...partial };
  }

  async read(signal?: AbortSignal): Promise<EngineReading> {
    if (!this.client)
      return {
        runtime: this.runtime({ status: { state: 'error', detail: this.unusable ?? 'no endpoint' } }),
        containers: [],
      };
    const client = this.client;
    // Version and info change only when the engine restarts: asked once, again after a failure.
    const factsPromise = this.engineFacts ? Promise.resolve(this.engineFacts) : this.readEngineFacts(signal);
    const [list, facts] = await Promise.all([client.listContainers(signal), factsPromise]);
    if (!list.ok) {
      this.engineFacts = undefined;
      this.kept.clear();
      return { runtime: this.runtime({ status: toRuntimeStatus(list.error) }), containers: [] };
    }
    this.engineFacts = facts;
    const inVm = facts ? detectDockerInVm(facts.version, facts.info) : undefined;

    const running = list.value.filter((c) => hasProcess(c.state));
    const runningIds = new Set(running.map((c) => c.id));
    for (const id of [...this.kept.keys()]) if (!runningIds.has(id)) this.kept.delete(id);
    const toInspect = running.filter((c) => !this.kept.has(c.id));
    const created = new Set(list.value.filter((c) => mapDockerState(c.state) === 'created').map((c) => c.id));
    for (const id of [...this.createdRequests.keys()]) if (!created.has(id)) this.createdRequests.delete(id);
    const createdTodo = [...created].filter((id) => !this.createdRequests.has(id));
    const [inspected, inspectedCreated] = await Promise.all([
      toInspect.length > 0 ? client.inspectRunning(toInspect, { signal }) : new Map<string, never>(),
      mapLimited(createdTodo, CREATED_INSPECT_CONCURRENCY, (id) => client.inspect(id, signal)),
    ]);
    for (const [id, res] of inspected) if (res.ok && res.value.pid > 0) this.keep(id, res.value);
    createdTodo.forEach((id, i) => {
      const res = inspectedCreated[i];
      if (res.ok) this.createdRequests.set(id, res.value.request);
    });

    const containers = list.value.map((c) => this.toContainer(c, inVm));
    const runtime = this.runtime({
      status: { state: 'ok' },
      version: facts?.version.version,
      apiVersion: facts?.version.apiVersion,
      chain: facts ? dockerRuntimeChain(facts.version, facts.info) : [],
      inVm,
      rootless: facts?.info?.rootless,
      cgroupDriver: facts?.info?.cgroupDriver,
      cgroupVersion: facts?.info?.cgroupVersion,
    });
    return { runtime, containers };
  }

  private async readEngineFacts(signal?: AbortSignal): Promise<EngineFacts | undefined> {
    if (!this.client) return undefined;
    const [version, info] = await Promise.all([this.client.version(signal), this.client.info(signal)]);
    if (!version.ok) return undefined;
    return { version: version.value, info: info.ok ? info.value : undefined };
  }

  private keep(id: string, r: DockerInspectRecord): void {
    this.kept.set(id, { pid: r.pid, modes: requestedModes(r.modes), request: r.request });
  }

  private toContainer(c: DockerContainerRecord, inVm: { reason: string } | undefined): ContainerInfo {
    const kept = this.kept.get(c.id);
    const state = mapDockerState(c.state);
    const info: ContainerInfo = {
      key: `docker::${c.id}`,
      runtime: 'docker',
      id: c.id,
      name: c.name,
      image: c.image,
      state,
      status: c.status,
      labels: c.labels,
    };
    const request = kept?.request ?? this.createdRequests.get(c.id);
    if (request) info.privilegeRequest = request;
    if (kept) info.requestedModes = kept.modes;
    else if (c.networkMode) info.requestedModes = { net: c.networkMode };
    if (inVm) info.kernelDetailNote = `No kernel detail: ${inVm.reason}.`;
    else if (kept) info.pid = kept.pid;
    else if (hasProcess(c.state))
      info.kernelDetailNote = 'No kernel detail: the engine did not give this container’s PID.';
    return info;
  }

  async readOne(id: string, options: { signal?: AbortSignal } = {}): Promise<SingleContainerReading> {
    if (!this.client) return { state: 'error', detail: this.unusable ?? 'no endpoint' };
    this.kept.delete(id);
    this.createdRequests.delete(id);
    // Inspect has no list-style image name or status text; the list, filtered to this id, has both.
    // Both go out at once (an event names the full id); only a name or short id needs the list again
    // with the id inspect answered.
    const [res, listById] = await Promise.all([
      this.client.inspect(id, options.signal),
      this.client.listOne(id, options.signal),
    ]);
    if (!res.ok) {
      if (res.error.kind === 'http' && res.error.status === 404) return { state: 'gone' };
      return { state: 'error', detail: errorDetail(res.error) };
    }
    const r = res.value;
    if (r.pid > 0) this.keep(r.id, r);
    else if (mapDockerState(r.status) === 'created') this.createdRequests.set(r.id, r.request);
    const list = r.id === id ? listById : await this.client.listOne(r.id, options.signal);
    const row = list.ok ? list.value.find((c) => c.id === r.id) : undefined;
    if (!row) return { state: 'gone' };
    const inVm = this.engineFacts ? detectDockerInVm(this.engineFacts.version, this.engineFacts.info) : undefined;
    return { state: 'found', container: this.toContainer(row, inVm) };
  }

  forget(id: string): void {
    this.kept.delete(id);
  }

  forgetAll(): void {
    this.kept.clear();
    this.createdRequests.clear();
    this.engineFacts = undefined;
  }

  watch(onEvent: (event: ContainerEvent) => void, onStatus: (status: EngineWatchStatus) => void): { dispose(): void } {
    if (!this.client) {
      onStatus({ state: 'disconnected', reason: this.unusable ?? 'no endpoint' });
      return { dispose() {} };
    }
    const watch = new EventWatch(dockerEventConnector(this.client), {
      sinceNano: this.resumeNano,
      onEvent: (e) => {
        if (e.type !== 'container' || !e.id) return;
        this.resumeNano = e.timeNano;
        if (CHANGES_PID.test(e.action)) this.kept.delete(e.id);
        onEvent({ runtime: 'docker', sourceId: this.id, id: e.id, action: e.action });
      },
      onStatus: (s) => {
        if (s.state === 'disconnected') this.engineFacts = undefined;
        onStatus(s);
      },
    });
    return this.watches.start(watch, () => {
      // No stream says what changes from now on: the kept PIDs cannot be trusted any longer.
      if (this.watches.size === 0) this.kept.clear();
    });
  }

  dispose(): void {
    this.watches.disposeAll();
    this.kept.clear();
    this.client?.dispose();
  }
}

export function createDockerSource(options: DockerSourceOptions = {}): DockerSource {
  return new DockerSource(options);
}
