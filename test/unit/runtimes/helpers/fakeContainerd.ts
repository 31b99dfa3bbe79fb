// A FAKE containerd: a grpc-js server on a unix socket that serves namespace `default` with container
// `web` and its running task, or hangs, or answers garbage. Records every method called. Used by
// containerd-fake.test.ts and the discovery test.
import * as grpc from '@grpc/grpc-js';
import { encodeMessage } from '../../../../src/core/runtimes/containerd/schema';

/** Every method of the services we speak to, mutating ones included: the fake records them all. */
const SERVICES: Record<string, string[]> = {
  'containerd.services.namespaces.v1.Namespaces': ['Get', 'List', 'Create', 'Update', 'Delete'],
  'containerd.services.containers.v1.Containers': ['Get', 'List', 'ListStream', 'Create', 'Update', 'Delete'],
  'containerd.services.tasks.v1.Tasks': [
    'Create',
    'Start',
    'Delete',
    'DeleteProcess',
    'Get',
    'List',
    'Kill',
    'Exec',
    'ResizePty',
    'CloseIO',
    'Pause',
    'Resume',
    'ListPids',
    'Checkpoint',
    'Update',
    'Metrics',
    'Wait',
  ],
  'containerd.services.events.v1.Events': ['Publish', 'Forward', 'Subscribe'],
  'containerd.services.version.v1.Version': ['Version'],
};
export const READ_ONLY = /\/(List|Get|Subscribe|Version)$/;
const STREAMING = new Set([
  '/containerd.services.events.v1.Events/Subscribe',
  '/containerd.services.containers.v1.Containers/ListStream',
]);

type Mode = 'ok' | 'hang' | 'garbage';

const SPEC = JSON.stringify({
  linux: {
    cgroupsPath: '/default/web',
    resources: { memory: { limit: 1048576 } },
    namespaces: [{ type: 'pid' }, { type: 'network', path: '/proc/1/ns/net' }],
  },
});

/** The fixture a correct fake serves: namespace `default` with container `web` and its running task. */
function answer(method: string, request: Buffer, namespace: string | undefined): Buffer | grpc.ServiceError {
  const notFound = (what: string): grpc.ServiceError =>
    Object.assign(new Error(what), { code: grpc.status.NOT_FOUND, details: what, metadata: new grpc.Metadata() });
  const container = {
    id: 'web',
    labels: { app: 'web' },
    image: 'busybox',
    runtime: { name: 'io.containerd.runc.v2' },
    spec: { type_url: 'spec', value: Buffer.from(SPEC) },
  };
  switch (method) {
    case 'Version':
      return encodeMessage('VersionResponse', { version: '9.9.9-fake', revision: 'x' });
    case 'Namespaces/List':
      return encodeMessage('ListNamespacesResponse', { namespaces: [{ name: 'default' }] });
    case 'Containers/List':
      return encodeMessage('ListContainersResponse', { containers: namespace === 'default' ? [container] : [] });
    case 'Containers/Get': {
      const id = request.length > 2 ? request.subarray(2).toString('utf8') : '';
      return namespace === 'default' && id === 'web'
        ? encodeMessage('GetContainerResponse', { container })
        : notFound(`container "${id}" in namespace "${namespace}": not found`);
    }
    case 'Tasks/Get': {
      const id = request.length > 2 ? request.subarray(2).toString('utf8') : '';
      return namespace === 'default' && id === 'web'
        ? encodeMessage('GetTaskResponse', { process: { container_id: 'web', id: 'web', pid: 4242, status: 2 } })
        : notFound(`no running task found: task ${id} not found`);
    }
    case 'Tasks/List':
      return encodeMessage('ListTasksResponse', {
        tasks: namespace === 'default' ? [{ container_id: 'web', id: 'web', pid: 4242, status: 2 }] : [],
      });
    default:
      return Object.assign(new Error('not in the fixture'), {
        code: grpc.status.UNIMPLEMENTED,
        details: 'not in the fixture',
        metadata: new grpc.Metadata(),
      });
  }
}

/** A stand-in for a hostile or broken containerd. */
export class FakeContainerd {
  readonly calls: { method: string; namespace?: string }[] = [];
  mode: Mode = 'ok';
  private readonly server = new grpc.Server();
  private readonly hung: (() => void)[] = [];
  readonly streams: grpc.ServerWritableStream<Buffer, Buffer>[] = [];

  constructor(readonly socketPath: string) {
    const raw = (b: Buffer): Buffer => b;
    for (const [service, methods] of Object.entries(SERVICES)) {
      const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
      const handlers: grpc.UntypedServiceImplementation = {};
      for (const m of methods) {
        const full = `/${service}/${m}`;
        const streaming = STREAMING.has(full);
        definition[m] = {
          path: full,
          requestStream: false,
          responseStream: streaming,
          requestSerialize: raw,
          requestDeserialize: raw,
          responseSerialize: raw,
          responseDeserialize: raw,
        };
        const short = `${service.split('.').at(-1)}/${m}`.replace(/^Version\/Version$/, 'Version');
        if (streaming) {
          handlers[m] = (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
            this.calls.push({ method: full });
            this.streams.push(call);
          };
        } else {
          handlers[m] = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
            const ns = call.metadata.get('containerd-namespace')[0];
            this.calls.push({ method: full, namespace: typeof ns === 'string' ? ns : undefined });
            if (this.mode === 'hang') {
              this.hung.push(() => callback(null, Buffer.alloc(0)));
              return;
            }
            // Not a message at all: field 1 with wire type 7, which does not exist.
            if (this.mode === 'garbage')
              return callback(null, Buffer.from([0x0f, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02, 0x03]));
            const res = answer(short, call.request, typeof ns === 'string' ? ns : undefined);
            if (Buffer.isBuffer(res)) callback(null, res);
            else callback(res);
          };
        }
      }
      this.server.addService(definition, handlers);
    }
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.server.bindAsync(`unix://${this.socketPath}`, grpc.ServerCredentials.createInsecure(), (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  }

  close(): void {
    for (const h of this.hung) h();
    this.server.forceShutdown();
  }
}
