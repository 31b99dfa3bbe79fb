/**
 * The containerd calls the source makes, over one transport: namespaces, containers, tasks and the
 * version. Only List, Get and Version are ever called (Subscribe is in events.ts).
 */
import { METHODS, type PbContainer, type PbNamespace, type PbProcess, type PbVersion } from './schema';
import type { ContainerdTransport, CtrResult } from './transport';

export interface NamespaceReading {
  namespace: string;
  containers: PbContainer[];
  tasks: PbProcess[];
}

interface Call {
  deadline: number;
  signal?: AbortSignal;
}

export class ContainerdClient {
  constructor(readonly transport: ContainerdTransport) {}

  get address(): string {
    return this.transport.address;
  }

  probe(call: Call): Promise<CtrResult<void>> {
    return this.transport.probe(call.deadline, call.signal);
  }

  version(call: Call): Promise<CtrResult<PbVersion>> {
    return this.transport.unary<PbVersion>(METHODS.version, 'Empty', {}, 'VersionResponse', call);
  }

  async listNamespaces(call: Call): Promise<CtrResult<string[]>> {
    const res = await this.transport.unary<{ namespaces?: PbNamespace[] }>(
      METHODS.listNamespaces,
      'ListNamespacesRequest',
      {},
      'ListNamespacesResponse',
      call,
    );
    if (!res.ok) return res;
    const names = (res.value.namespaces ?? [])
      .map((n) => n.name)
      .filter((n): n is string => typeof n === 'string' && n.length > 0);
    return { ok: true, value: [...new Set(names)].sort() };
  }

  async listTasks(namespace: string, call: Call): Promise<CtrResult<PbProcess[]>> {
    const res = await this.transport.unary<{ tasks?: PbProcess[] }>(
      METHODS.listTasks,
      'ListTasksRequest',
      {},
      'ListTasksResponse',
      { ...call, namespace },
    );
    return res.ok ? { ok: true, value: res.value.tasks ?? [] } : res;
  }

  async readNamespace(namespace: string, call: Call): Promise<CtrResult<NamespaceReading>> {
    const [containers, tasks] = await Promise.all([
      this.transport.unary<{ containers?: PbContainer[] }>(
        METHODS.listContainers,
        'ListContainersRequest',
        {},
        'ListContainersResponse',
        { ...call, namespace },
      ),
      this.listTasks(namespace, call),
    ]);
    if (!containers.ok) return containers;
    if (!tasks.ok) return tasks;
    return { ok: true, value: { namespace, containers: containers.value.containers ?? [], tasks: tasks.value } };
  }

  getContainer(namespace: string, id: string, call: Call): Promise<CtrResult<{ container?: PbContainer }>> {
    return this.transport.unary(METHODS.getContainer, 'GetContainerRequest', { id }, 'GetContainerResponse', {
      ...call,
      namespace,
    });
  }

  /**
   * One container's own task. Tasks.List would do, but containerd answers it by asking every task's
   * shim for its state, on every event.
   */
  getTask(namespace: string, id: string, call: Call): Promise<CtrResult<{ process?: PbProcess }>> {
    return this.transport.unary(METHODS.getTask, 'GetTaskRequest', { container_id: id }, 'GetTaskResponse', {
      ...call,
      namespace,
    });
  }
}
