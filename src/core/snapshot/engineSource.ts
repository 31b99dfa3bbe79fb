import type { ContainerInfo, RuntimeInfo, RuntimeKind } from '../model';

/**
 * What every engine client gives the snapshot: its own status and its containers, normalized to
 * the model, without kernel detail. The snapshot adds namespaces and cgroups from /proc and /sys,
 * so the engines are asked only for what the kernel cannot tell (names, images, states, PIDs).
 */
export interface EngineReading {
  runtime: RuntimeInfo;
  /** Containers as the engine lists them; `pid` set for those with a process on this kernel. */
  containers: ContainerInfo[];
}

export type SingleContainerReading =
  { state: 'found'; container: ContainerInfo } | { state: 'gone' } | { state: 'error'; detail: string };

/** An event from an engine that concerns one container, so only it is re-read. */
export interface ContainerEvent {
  runtime: RuntimeKind;
  /** The source that saw it (EngineSource.id): re-reads go to that source, not any of its kind. */
  sourceId?: string;
  /** containerd namespace, where the engine has them. */
  namespace?: string;
  id: string;
  action: string;
}

/** The state of an engine's event watch: the one status type every engine reports. */
export type EngineWatchStatus = { state: 'connected' } | { state: 'disconnected'; reason: string; retryInMs?: number };

export interface EngineSource {
  readonly kind: RuntimeKind;
  /**
   * Tells sources of the same kind apart (several users' rootless Podman, as root): the events and
   * containers of a source are routed back to it by this id.
   */
  readonly id: string;
  /** Where the engine is reached, as shown with its status (`unix:///var/run/docker.sock`). */
  readonly endpoint: string;
  /** Full read of the engine. Never throws: failures come back in `runtime.status`. */
  read(signal?: AbortSignal): Promise<EngineReading>;
  /** Re-reads one container after an event about it. */
  readOne(id: string, options?: { namespace?: string; signal?: AbortSignal }): Promise<SingleContainerReading>;
  /**
   * Follows the engine's event stream until disposed; reconnects on its own. Optional: an engine
   * without events is polled by the caller.
   */
  watch?(onEvent: (event: ContainerEvent) => void, onStatus: (status: EngineWatchStatus) => void): { dispose(): void };
  /** The PID the engine gave earlier no longer runs this container: forget what was cached about it. */
  forget?(id: string): void;
  /** The user's Refresh: forget everything cached, so the next read asks the engine afresh. */
  forgetAll?(): void;
  /** Stops the watches and closes the source's own connections. */
  dispose(): void;
}
