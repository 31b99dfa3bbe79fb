// The pure parts of the containerd client: OCI spec parsing, namespace modes, task states, CRI
// pods, runtime names and the chain, ContainerInfo mapping, and the dedupe against Docker.
import * as assert from 'node:assert/strict';
import type { ContainerInfo } from '../../../src/core/model';
import {
  containerdChain,
  describeTask,
  mapTaskState,
  ociRuntimeName,
  parseOciSpec,
  pidIndex,
  podFromLabels,
  requestedModesFromSpec,
  taskHasProcess,
  tasksByContainer,
  TASK_STATUS,
  toContainerInfo,
} from '../../../src/core/runtimes/containerd/records';
import type { PbContainer, PbProcess } from '../../../src/core/runtimes/containerd/schema';
import { endpointFromDockerInfo } from '../../../src/core/runtimes/containerd/endpoint';
import { classifySocketError, classifyStatus } from '../../../src/core/runtimes/containerd/transport';
import { toRuntimeStatus } from '../../../src/core/runtimes/shared/result';
import { dedupe } from '../../../src/core/snapshot/dockerCopies';

const json = (v: unknown): Uint8Array => Buffer.from(JSON.stringify(v), 'utf8');

/** The shape `ctr run --with-ns network:/proc/…/ns/net --memory-limit …` writes, trimmed. */
const memberSpec = {
  ociVersion: '1.0.2-dev',
  process: { args: ['sleep', '1000000'] },
  linux: {
    resources: {
      devices: [{ allow: false, access: 'rwm' }],
      memory: { limit: 67108864 },
      cpu: { shares: 1024, quota: 50000, period: 100000 },
      pids: { limit: 64 },
    },
    cgroupsPath: '/k8s.io/anatomy-k8s-app',
    namespaces: [
      { type: 'pid' },
      { type: 'ipc' },
      { type: 'uts' },
      { type: 'mount' },
      { type: 'network', path: '/proc/14063/ns/net' },
    ],
  },
};

describe('containerd: OCI spec parsing', () => {
  it('reads namespaces with and without path, cgroupsPath and resources', () => {
    const spec = parseOciSpec(json(memberSpec));
    assert.ok(typeof spec !== 'string', String(spec));
    assert.deepEqual(spec.namespaces, [
      { kind: 'pid' },
      { kind: 'ipc' },
      { kind: 'uts' },
      { kind: 'mnt' },
      { kind: 'net', path: '/proc/14063/ns/net' },
    ]);
    assert.equal(spec.cgroupsPath, '/k8s.io/anatomy-k8s-app');
    assert.deepEqual(spec.limits, {
      memoryBytes: 67108864,
      cpuQuotaUs: 50000,
      cpuPeriodUs: 100000,
      cpus: 0.5,
      cpuShares: 1024,
      pidsLimit: 64,
    });
  });

  it('reads a systemd-style cgroupsPath and user/cgroup/time namespaces', () => {
    const spec = parseOciSpec(
      JSON.stringify({
        linux: {
          cgroupsPath: 'system.slice:cri-containerd:abc',
          namespaces: [{ type: 'user' }, { type: 'cgroup' }, { type: 'time' }, { type: 'bogus' }],
        },
      }),
    );
    assert.ok(typeof spec !== 'string');
    assert.equal(spec.cgroupsPath, 'system.slice:cri-containerd:abc');
    assert.deepEqual(
      spec.namespaces.map((n) => n.kind),
      ['user', 'cgroup', 'time'],
    );
    assert.deepEqual(spec.limits, {});
  });

  it('treats unlimited or odd resources as no limit', () => {
    const spec = parseOciSpec(
      json({ linux: { resources: { memory: { limit: -1 }, cpu: { quota: -1, period: 100000 }, pids: { limit: 0 } } } }),
    );
    assert.ok(typeof spec !== 'string');
    assert.deepEqual(spec.limits, { cpuPeriodUs: 100000 });
    const odd = parseOciSpec(
      json({
        linux: {
          resources: { memory: { limit: '64m' } },
          namespaces: [{ type: 7 }, 'net', null, { type: 'network', path: '' }],
        },
      }),
    );
    assert.ok(typeof odd !== 'string');
    assert.deepEqual(odd.limits, {});
    assert.deepEqual(odd.namespaces, [{ kind: 'net' }]);
  });

  it('says what is wrong with a spec that is absent, not JSON or not an object', () => {
    assert.match(String(parseOciSpec(undefined)), /no spec/);
    assert.match(String(parseOciSpec(new Uint8Array())), /no spec/);
    assert.match(String(parseOciSpec(Buffer.from([0xff, 0x00, 0x12]))), /not JSON/);
    assert.match(String(parseOciSpec('[1,2]')), /not a JSON object/);
    const noLinux = parseOciSpec('{}');
    assert.ok(typeof noLinux !== 'string');
    assert.deepEqual(noLinux, { namespaces: [], cgroupsPath: undefined, limits: {} });
  });

  it('turns the namespace list into requested modes: private, host, container:<id>, path:<path>', () => {
    const spec = parseOciSpec(json(memberSpec));
    assert.ok(typeof spec !== 'string');
    assert.deepEqual(requestedModesFromSpec(spec.namespaces, new Map([[14063, 'anatomy-k8s-sandbox']])), {
      cgroup: 'host',
      ipc: 'private',
      mnt: 'private',
      net: 'container:anatomy-k8s-sandbox',
      pid: 'private',
      user: 'host',
      uts: 'private',
    });
    assert.equal(requestedModesFromSpec(spec.namespaces).net, 'path:/proc/14063/ns/net');
    assert.equal(
      requestedModesFromSpec([{ kind: 'net', path: '/var/run/netns/cni-1' }]).net,
      'path:/var/run/netns/cni-1',
    );
    assert.equal(requestedModesFromSpec([]).time, undefined);
  });
});

describe('containerd: tasks', () => {
  it('maps every task status to the model state', () => {
    assert.equal(mapTaskState(TASK_STATUS.UNKNOWN), 'unknown');
    assert.equal(mapTaskState(TASK_STATUS.CREATED), 'created');
    assert.equal(mapTaskState(TASK_STATUS.RUNNING), 'running');
    assert.equal(mapTaskState(TASK_STATUS.STOPPED), 'exited');
    assert.equal(mapTaskState(TASK_STATUS.PAUSED), 'paused');
    assert.equal(mapTaskState(TASK_STATUS.PAUSING), 'paused');
    assert.equal(mapTaskState(99), 'unknown');
    assert.equal(mapTaskState(undefined), 'unknown');
    assert.equal(mapTaskState(undefined, false), 'created');
  });

  it('hands over a PID only for tasks with a live process', () => {
    assert.equal(taskHasProcess({ pid: 10, status: TASK_STATUS.RUNNING }), true);
    assert.equal(taskHasProcess({ pid: 10, status: TASK_STATUS.PAUSED }), true);
    assert.equal(taskHasProcess({ pid: 10, status: TASK_STATUS.STOPPED }), false);
    assert.equal(taskHasProcess({ pid: 0, status: TASK_STATUS.RUNNING }), false);
    assert.equal(taskHasProcess(undefined), false);
    assert.match(describeTask({ pid: 10, status: TASK_STATUS.RUNNING }), /running \(pid 10\)/);
    assert.match(describeTask({ pid: 10, status: TASK_STATUS.STOPPED, exit_status: 137 }), /exit status 137/);
    assert.match(describeTask(undefined), /no task/);
  });

  it('indexes init processes by container and by PID, ignoring exec processes', () => {
    const tasks: PbProcess[] = [
      { container_id: 'a', id: 'a', pid: 11, status: TASK_STATUS.RUNNING },
      { container_id: 'a', id: 'exec-1', pid: 12, status: TASK_STATUS.RUNNING },
      { container_id: 'b', pid: 13, status: TASK_STATUS.STOPPED },
      { container_id: '', id: '', pid: 14 },
    ];
    const byContainer = tasksByContainer(tasks);
    assert.deepEqual([...byContainer.keys()], ['a', 'b']);
    assert.equal(byContainer.get('a')?.pid, 11);
    assert.deepEqual([...pidIndex(byContainer)], [[11, 'a']]);
  });
});

describe('containerd: runtimes', () => {
  it('names the OCI runtime behind a shim', () => {
    assert.equal(ociRuntimeName('io.containerd.runc.v2'), 'runc');
    assert.equal(ociRuntimeName('io.containerd.runc.v1'), 'runc');
    assert.equal(ociRuntimeName('io.containerd.runsc.v1'), 'runsc');
    assert.equal(ociRuntimeName('io.containerd.kata.v2'), 'kata');
    assert.equal(ociRuntimeName('io.containerd.runtime.v1.linux'), 'runc');
    assert.equal(ociRuntimeName('/usr/local/bin/my-shim'), '/usr/local/bin/my-shim');
    assert.equal(ociRuntimeName(''), undefined);
  });

  it('builds the chain containerd → each distinct OCI runtime', () => {
    assert.deepEqual(
      containerdChain('1.6.20', [
        'io.containerd.runc.v2',
        'io.containerd.runc.v2',
        undefined,
        'io.containerd.runsc.v1',
      ]),
      [
        { name: 'containerd', version: '1.6.20', role: 'cri' },
        { name: 'runc', role: 'oci' },
        { name: 'runsc', role: 'oci' },
      ],
    );
    assert.deepEqual(containerdChain(undefined, []), [{ name: 'containerd', version: undefined, role: 'cri' }]);
  });

  it('maps statuses; a denied socket or call carries the root-only hint', () => {
    assert.deepEqual(toRuntimeStatus({ kind: 'missing', detail: 'x' }), { state: 'missing', detail: 'x' });
    assert.equal(toRuntimeStatus({ kind: 'not-running', detail: 'x' }).state, 'not-running');
    assert.equal(toRuntimeStatus({ kind: 'timeout', detail: 'x' }).state, 'timeout');
    for (const error of [
      classifySocketError('EACCES', 'unix:///run/containerd/containerd.sock'),
      classifyStatus({ code: 7, details: 'refused' }, 'unix:///x.sock', 'List'),
    ]) {
      const denied = toRuntimeStatus(error);
      assert.equal(denied.state, 'denied');
      assert.match(denied.state === 'denied' ? denied.detail : '', /root-only by default/);
    }
    assert.equal(toRuntimeStatus({ kind: 'garbage', detail: 'x' }).state, 'error');
    assert.equal(toRuntimeStatus({ kind: 'rpc', detail: 'x' }).state, 'error');
  });

  it("turns Docker's Containerd.Address into an endpoint", () => {
    assert.equal(endpointFromDockerInfo('/run/containerd/containerd.sock'), 'unix:///run/containerd/containerd.sock');
    assert.equal(
      endpointFromDockerInfo('/var/run/docker/containerd/containerd.sock'),
      'unix:///var/run/docker/containerd/containerd.sock',
    );
    assert.equal(endpointFromDockerInfo('unix:///run/x.sock'), 'unix:///run/x.sock');
    assert.equal(endpointFromDockerInfo(''), undefined);
    assert.equal(endpointFromDockerInfo(undefined), undefined);
  });
});

const criLabels = (kind: 'sandbox' | 'container', name: string): Record<string, string> => ({
  'io.kubernetes.pod.name': 'web-7d4b9',
  'io.kubernetes.pod.namespace': 'shop',
  'io.kubernetes.pod.uid': 'uid-1',
  'io.kubernetes.container.name': name,
  'io.cri-containerd.kind': kind,
});

describe('containerd: CRI pods and ContainerInfo', () => {
  it('reads the pod from CRI labels and marks the sandbox as infra', () => {
    assert.deepEqual(podFromLabels(criLabels('sandbox', 'POD')), {
      name: 'web-7d4b9',
      namespace: 'shop',
      id: 'uid-1',
      infra: true,
    });
    assert.deepEqual(podFromLabels(criLabels('container', 'nginx')), {
      name: 'web-7d4b9',
      namespace: 'shop',
      id: 'uid-1',
    });
    assert.equal(podFromLabels({ 'io.kubernetes.container.name': 'x' }), undefined);
    assert.equal(podFromLabels({}), undefined);
  });

  it('groups a CRI pod: sandbox, member joined to its net namespace, names from the labels', () => {
    const sandbox: PbContainer = {
      id: 'sb1',
      labels: criLabels('sandbox', 'POD'),
      image: 'registry.k8s.io/pause:3.9',
      runtime: { name: 'io.containerd.runc.v2' },
      spec: {
        type_url: 'types.containerd.io/opencontainers/runtime-spec/1/Spec',
        value: json({ linux: { namespaces: [{ type: 'network' }, { type: 'ipc' }] } }),
      },
    };
    const member: PbContainer = {
      id: 'c1',
      labels: criLabels('container', 'nginx'),
      image: 'nginx',
      runtime: { name: 'io.containerd.runc.v2' },
      spec: {
        value: json({
          linux: {
            cgroupsPath: 'kubepods-pod1.slice:cri-containerd:c1',
            namespaces: [
              { type: 'network', path: '/proc/500/ns/net' },
              { type: 'ipc', path: '/proc/500/ns/ipc' },
            ],
          },
        }),
      },
    };
    const tasks = tasksByContainer([
      { container_id: 'sb1', pid: 500, status: TASK_STATUS.RUNNING },
      { container_id: 'c1', pid: 600, status: TASK_STATUS.RUNNING },
    ]);
    const byPid = pidIndex(tasks);
    const a = toContainerInfo('k8s.io', sandbox, tasks.get('sb1'), byPid);
    const b = toContainerInfo('k8s.io', member, tasks.get('c1'), byPid);
    assert.ok(a && b);
    assert.equal(a.key, 'containerd:k8s.io:sb1');
    assert.equal(a.name, 'POD');
    assert.deepEqual(a.pod, { name: 'web-7d4b9', namespace: 'shop', id: 'uid-1', infra: true });
    assert.equal(a.pid, 500);
    assert.equal(b.name, 'nginx');
    assert.deepEqual(b.pod, { name: 'web-7d4b9', namespace: 'shop', id: 'uid-1' });
    assert.equal(b.requestedModes?.net, 'container:sb1');
    assert.equal(b.requestedModes?.ipc, 'container:sb1');
    assert.equal(b.requestedModes?.pid, 'host');
    assert.equal(b.containerd.cgroupsPath, 'kubepods-pod1.slice:cri-containerd:c1');
    assert.equal(b.containerd.ociRuntime, 'runc');
    assert.equal(b.containerdNamespace, 'k8s.io');
    assert.equal(b.state, 'running');
  });

  it('keeps a container without task, labels or a readable spec, with the reason', () => {
    const info = toContainerInfo('default', { id: 'plain', spec: { value: Buffer.from('not json') } }, undefined);
    assert.ok(info);
    assert.equal(info.name, 'plain');
    assert.equal(info.state, 'created');
    assert.equal(info.pid, undefined);
    assert.match(info.kernelDetailNote ?? '', /no task/);
    assert.match(info.containerd.specProblem ?? '', /not JSON/);
    assert.equal(info.requestedModes, undefined);
    assert.equal(info.pod, undefined);
    assert.equal(toContainerInfo('default', { id: '' }, undefined), undefined);
  });

  it('keeps hostile label values as plain data', () => {
    const hostile = 'x"]; click A "javascript:alert(1)"';
    const info = toContainerInfo(
      'k8s.io',
      { id: 'h', labels: { 'io.kubernetes.container.name': hostile, 'io.kubernetes.pod.name': '<img src=x>' } },
      undefined,
    );
    assert.equal(info?.name, hostile);
    assert.equal(info?.pod?.name, '<img src=x>');
  });

  it('carries what the OCI spec asked (capabilities, seccomp, runtime) as the privilege request; none without a spec', () => {
    const spec = {
      process: { capabilities: { bounding: ['CAP_CHOWN', 'CAP_NET_ADMIN'] }, noNewPrivileges: true },
      linux: { seccomp: { defaultAction: 'SCMP_ACT_ERRNO' } },
    };
    const info = toContainerInfo(
      'default',
      { id: 'p', runtime: { name: 'io.containerd.runsc.v1' }, spec: { value: Buffer.from(JSON.stringify(spec)) } },
      undefined,
    );
    assert.equal(info?.privilegeRequest?.engine, 'containerd');
    assert.deepEqual(info?.privilegeRequest?.capabilities, ['CHOWN', 'NET_ADMIN']);
    assert.equal(info?.privilegeRequest?.seccomp, 'profile');
    assert.equal(info?.privilegeRequest?.noNewPrivileges, true);
    assert.equal(info?.privilegeRequest?.runtime, 'io.containerd.runsc.v1');
    const unreadable = toContainerInfo('default', { id: 'q', spec: { value: Buffer.from('not json') } }, undefined);
    assert.equal(unreadable?.privilegeRequest, undefined);
  });

  it("marks containers in Docker's namespace", () => {
    assert.equal(toContainerInfo('moby', { id: 'abc' }, undefined)?.containerd.managedBy, 'docker');
    assert.equal(toContainerInfo('default', { id: 'abc' }, undefined)?.containerd.managedBy, undefined);
  });
});

describe('containerd: the copies of Docker’s containers (the one dedupe the snapshot ships)', () => {
  const mk = (runtime: ContainerInfo['runtime'], ns: string | undefined, id: string): ContainerInfo => ({
    key: `${runtime}:${ns ?? ''}:${id}`,
    runtime,
    id,
    name: id,
    image: '',
    state: 'running',
    labels: {},
    containerdNamespace: ns,
  });
  const dockerA = 'a'.repeat(64);
  const dockerB = 'b'.repeat(64);

  it("drops containerd's copies of the containers Docker lists, in any namespace Docker uses, and links them", () => {
    const list = [
      mk('docker', undefined, dockerA),
      mk('containerd', 'moby', dockerA),
      mk('containerd', 'moby', dockerB),
      mk('containerd', 'docker2', dockerA),
      mk('containerd', 'k8s.io', 'x'),
    ];
    const out = dedupe(list);
    assert.deepEqual(
      out.map((c) => c.key),
      [`docker::${dockerA}`, `containerd:moby:${dockerB}`, 'containerd:k8s.io:x'],
    );
    assert.deepEqual(out[0].alsoSeenAs, [`containerd moby/${dockerA}`, `containerd docker2/${dockerA}`]);
  });

  it('keeps everything when Docker lists nothing', () => {
    const list = [mk('containerd', 'moby', dockerA), mk('containerd', 'docker2', dockerB)];
    assert.equal(dedupe(list).length, 2);
  });

  it('matches ids case-insensitively and ignores empty ids', () => {
    const out = dedupe([
      mk('docker', undefined, dockerA.toUpperCase()),
      mk('containerd', 'moby', dockerA),
      mk('containerd', 'moby', ''),
    ]);
    assert.deepEqual(
      out.map((c) => c.key),
      [`docker::${dockerA.toUpperCase()}`, 'containerd:moby:'],
    );
  });
});
