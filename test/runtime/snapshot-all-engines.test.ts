import * as assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import type { ContainerInfo, HostSnapshot, NamespaceKind, RuntimeKind } from '../../src/core/model';
import { createDefaultSources } from '../../src/core/snapshot/defaultSources';
import { Snapshotter } from '../../src/core/snapshot/snapshotter';
import { requireSocket, run } from './support/engines';

/**
 * Docker, Podman (rootful and rootless) and containerd in one snapshot, against the containers
 * scripts/engines/setup.sh creates. Ground truth comes from each engine's own CLI and readlink of
 * /proc, read here.
 */

function inode(pid: number, kind: NamespaceKind): number {
  return Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/${kind}`))![1]);
}

function find(snapshot: HostSnapshot, runtime: RuntimeKind, name: string): ContainerInfo {
  const found = snapshot.containers.find((c) => c.runtime === runtime && c.name === name);
  assert.ok(
    found,
    `${runtime} ${name} is in the snapshot; have: ${snapshot.containers
      .filter((c) => c.runtime === runtime)
      .map((c) => c.name)
      .join(', ')}`,
  );
  return found;
}

function entry(c: ContainerInfo, kind: NamespaceKind) {
  const e = c.namespaces?.entries.find((x) => x.kind === kind);
  assert.ok(e, `${c.name} has ${kind}`);
  return e;
}

const rootlessUser = 'anatomy';
async function rootlessPodman(args: string[]): Promise<string> {
  const uid = await run('id', ['-u', rootlessUser]);
  return run('runuser', ['-u', rootlessUser, '--', 'env', `XDG_RUNTIME_DIR=/run/user/${uid}`, 'podman', ...args]);
}

describe('HostSnapshot of every engine on this host', function () {
  this.timeout(90_000);
  let snapshot: HostSnapshot;

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'dockerd');
    requireSocket(this, '/run/containerd/containerd.sock', 'containerd');
    requireSocket(this, '/run/podman/podman.sock', 'the Podman API service');
    snapshot = await new Snapshotter({ sources: createDefaultSources({ env: {} }) }).take();
  });

  it('reaches all four engines', () => {
    for (const kind of ['docker', 'podman', 'podman-rootless', 'containerd'] as RuntimeKind[]) {
      const r = snapshot.runtimes.find((x) => x.kind === kind);
      assert.deepEqual(r?.status, { state: 'ok' }, `${kind}: ${JSON.stringify(r?.status)}`);
    }
  });

  it('shows each Docker container once although containerd’s moby namespace holds it too', async () => {
    const dockerIds = (await run('docker', ['ps', '-a', '-q', '--no-trunc'])).split('\n').filter(Boolean);
    const mobyIds = (await run('ctr', ['-n', 'moby', 'containers', 'ls', '-q'])).split('\n').filter(Boolean);
    assert.ok(
      mobyIds.length > 0 && mobyIds.every((id) => dockerIds.includes(id)),
      'ground truth: moby holds Docker’s containers',
    );
    for (const id of dockerIds) assert.equal(snapshot.containers.filter((c) => c.id === id).length, 1, `${id} once`);
    const running = snapshot.containers.find((c) => c.runtime === 'docker' && mobyIds.includes(c.id));
    assert.ok(running?.alsoSeenAs?.some((s) => s.startsWith('containerd moby/')));
  });

  it('a Podman pod’s members share the infra container’s network, IPC and UTS namespaces', async () => {
    const a = find(snapshot, 'podman', 'anatomy-pod-a');
    const b = find(snapshot, 'podman', 'anatomy-pod-b');
    const pidA = Number(await run('podman', ['inspect', '-f', '{{.State.Pid}}', 'anatomy-pod-a']));
    const pidB = Number(await run('podman', ['inspect', '-f', '{{.State.Pid}}', 'anatomy-pod-b']));
    assert.equal(a.pid, pidA);
    assert.equal(b.pid, pidB);
    const infraId = await run('podman', ['pod', 'inspect', '-f', '{{.InfraContainerID}}', 'anatomy-pod']);
    const infra = snapshot.containers.find((c) => c.runtime === 'podman' && c.id === infraId);
    assert.ok(infra?.pod?.infra, 'the infra container is marked');
    assert.equal(a.pod?.name, 'anatomy-pod');
    for (const kind of ['net', 'ipc', 'uts'] as NamespaceKind[]) {
      assert.equal(inode(pidA, kind), inode(pidB, kind), `ground truth: ${kind} shared`);
      const verdict = entry(a, kind).verdict;
      assert.equal(verdict.kind, 'shared');
      assert.deepEqual(verdict.kind === 'shared' ? [...verdict.withKeys].sort() : [], [b.key, infra!.key].sort());
    }
    assert.notEqual(inode(pidA, 'pid'), inode(pidB, 'pid'));
    assert.equal(entry(a, 'pid').verdict.kind, 'isolated');
  });

  it('reads Podman’s memory limit from the kernel', () => {
    assert.equal(find(snapshot, 'podman', 'anatomy-podman-limits').cgroup?.memory?.limitBytes, 64 * 1024 * 1024);
  });

  it('rootless Podman: its own user namespace, and no per-container cgroup on cgroup v1', async () => {
    const c = find(snapshot, 'podman-rootless', 'anatomy-rootless');
    const pid = Number(await rootlessPodman(['inspect', '-f', '{{.State.Pid}}', 'anatomy-rootless']));
    assert.equal(c.pid, pid);
    const user = entry(c, 'user');
    assert.deepEqual(user.read, { state: 'ok', inode: inode(pid, 'user') });
    assert.notEqual(inode(pid, 'user'), inode(process.pid, 'user'), 'ground truth: not the host’s user namespace');
    // The engine's own user namespace (its conmon is in it too), not a pair's (issue 11 item 6).
    assert.deepEqual(user.verdict.kind === 'shared' && user.verdict.engine, 'podman-rootless');
    assert.match(c.cgroup?.note ?? '', /no per-container cgroup/);
    assert.equal(c.cgroup?.memory, undefined, 'no limits shown that are not the container’s');
  });

  it('containerd: the limit set with ctr --memory-limit, and a CRI pod whose member joined the sandbox’s network', async () => {
    const limited = find(snapshot, 'containerd', 'anatomy-ctr-limits');
    assert.equal(limited.containerdNamespace, 'default');
    assert.equal(limited.cgroup?.memory?.limitBytes, 67108864);
    const tasks = await run('ctr', ['-n', 'k8s.io', 'tasks', 'ls']);
    const pidOf = (id: string) => Number(new RegExp(`^${id}\\s+(\\d+)`, 'm').exec(tasks)![1]);
    const sandbox = snapshot.containers.find((c) => c.runtime === 'containerd' && c.id === 'anatomy-k8s-sandbox');
    const app = snapshot.containers.find((c) => c.runtime === 'containerd' && c.id === 'anatomy-k8s-app');
    assert.ok(sandbox && app);
    assert.equal(sandbox.pid, pidOf('anatomy-k8s-sandbox'));
    assert.equal(app.pid, pidOf('anatomy-k8s-app'));
    assert.equal(app.pod?.name, 'anatomy-pod-k8s');
    assert.equal(app.pod?.namespace, 'default');
    assert.equal(sandbox.pod?.infra, true);
    assert.equal(inode(app.pid!, 'net'), inode(sandbox.pid!, 'net'), 'ground truth: shared net');
    const net = entry(app, 'net').verdict;
    assert.ok(net.kind === 'shared' && net.withKeys.includes(sandbox.key));
    assert.equal(entry(app, 'pid').verdict.kind, 'isolated');
  });
});
