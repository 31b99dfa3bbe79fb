/**
 * The containerd client against the REAL containerd at /run/containerd/containerd.sock, started and
 * populated by scripts/engines/setup.sh: `default/anatomy-ctr-limits` (64 MiB memory limit) and the
 * CRI-style pod `anatomy-pod-k8s` in `k8s.io` (sandbox, app and hostile members joined to the
 * sandbox's net namespace), plus Docker's containers in `moby` when dockerd shares this containerd.
 * Everything is checked against ground truth read independently with `ctr`, `docker` and /proc.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContainerEvent, EngineWatchStatus } from '../../src/core/snapshot/engineSource';
import {
  createContainerdSource,
  type ContainerdContainerInfo,
  type ContainerdSource,
} from '../../src/core/runtimes/containerd';
import type { ContainerInfo } from '../../src/core/model';
import { dedupe } from '../../src/core/snapshot/dockerCopies';

const SOCKET = '/run/containerd/containerd.sock';
const NOT_RUNNING = 'containerd not running: run scripts/engines/setup.sh as root';
const POD = 'anatomy-pod-k8s';

function run(
  cmd: string,
  args: string[],
  timeoutMs = 10_000,
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ ok: !err, stdout: String(stdout), stderr: String(stderr) }),
    ),
  );
}

async function ctr(args: string[]): Promise<string> {
  const res = await run('ctr', ['--address', SOCKET, ...args]);
  assert.ok(res.ok, `ctr ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

interface Truth {
  namespaces: string[];
  /** namespace → container ids */
  containers: Map<string, string[]>;
  /** `ns/id` → [pid, STATUS] */
  tasks: Map<string, [number, string]>;
}

/** What `ctr` says, namespace by namespace. */
async function groundTruth(): Promise<Truth> {
  const namespaces = (await ctr(['namespaces', 'ls', '-q']))
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
  const containers = new Map<string, string[]>();
  const tasks = new Map<string, [number, string]>();
  for (const ns of namespaces) {
    containers.set(
      ns,
      (await ctr(['-n', ns, 'containers', 'ls', '-q']))
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .sort(),
    );
    for (const line of (await ctr(['-n', ns, 'tasks', 'ls'])).split('\n').slice(1)) {
      const [id, pid, status] = line.trim().split(/\s+/);
      if (id && pid) tasks.set(`${ns}/${id}`, [Number(pid), status]);
    }
  }
  return { namespaces, containers, tasks };
}

const truthKey = (t: Truth): string => JSON.stringify([t.namespaces, [...t.containers], [...t.tasks].sort()]);

describe('containerd client against the real containerd', function () {
  this.timeout(60_000);
  let source: ContainerdSource;
  let containers: ContainerdContainerInfo[] = [];
  let truth: Truth;
  const readMs: number[] = [];

  before(async function () {
    if (!fs.existsSync(SOCKET)) {
      if (process.env.CONTAINER_ANATOMY_ALLOW_NO_ENGINES === '1') {
        console.log(`      skipped: ${NOT_RUNNING}`);
        this.skip();
      }
      assert.fail(NOT_RUNNING);
    }
    source = createContainerdSource({ timeoutMs: 10_000 });
    // Other tests (or setup.sh) may change containers meanwhile: accept a reading only when the
    // ground truth before and after it agree.
    for (let attempt = 0; ; attempt++) {
      const before = await groundTruth();
      const t0 = performance.now();
      const reading = await source.read();
      readMs.push(performance.now() - t0);
      const after = await groundTruth();
      assert.deepEqual(reading.runtime.status, { state: 'ok' }, JSON.stringify(reading.runtime.status));
      if (truthKey(before) === truthKey(after) || attempt === 4) {
        containers = reading.containers;
        truth = after;
        break;
      }
    }
    // Warm reads, for the timing in the report.
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await source.read();
      readMs.push(performance.now() - t0);
    }
    console.log(
      `      full read of all namespaces (${containers.length} containers): ${readMs.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`,
    );
  });

  after(() => source?.dispose());

  it('lists every namespace and exactly the containers ctr lists in each', () => {
    for (const ns of truth.namespaces) {
      const ours = containers
        .filter((c) => c.containerdNamespace === ns)
        .map((c) => c.id)
        .sort();
      assert.deepEqual(ours, truth.containers.get(ns), `namespace ${ns}`);
    }
    for (const c of containers) assert.ok(truth.namespaces.includes(c.containerdNamespace ?? ''), c.key);
    assert.ok(
      truth.namespaces.includes('default') && truth.namespaces.includes('k8s.io'),
      `setup.sh namespaces missing: ${truth.namespaces.join(', ')}`,
    );
  });

  it("gives each running task's PID as ctr tasks ls does, and no PID without a live task", () => {
    for (const c of containers) {
      const task = truth.tasks.get(`${c.containerdNamespace}/${c.id}`);
      if (task && task[1] === 'RUNNING') {
        assert.equal(c.pid, task[0], c.key);
        assert.equal(c.state, 'running', c.key);
        assert.ok(fs.existsSync(`/proc/${task[0]}`), `${c.key}: /proc/${task[0]}`);
      } else if (!task) {
        assert.equal(c.pid, undefined, c.key);
      }
      assert.equal(c.key, `containerd:${c.containerdNamespace}:${c.id}`);
    }
  });

  it('reports the version ctr reports and the chain containerd → runc', async () => {
    const out = await ctr(['version']);
    const server = /Server:[\s\S]*?Version:\s*(\S+)/.exec(out)?.[1];
    const reading = await source.read();
    assert.equal(reading.runtime.version, server);
    assert.equal(reading.runtime.endpoint, `unix://${SOCKET}`);
    assert.deepEqual(reading.runtime.chain[0], { name: 'containerd', version: server, role: 'cri' });
    assert.ok(
      reading.runtime.chain.some((l) => l.name === 'runc' && l.role === 'oci'),
      JSON.stringify(reading.runtime.chain),
    );
  });

  it('default/anatomy-ctr-limits: the 64 MiB memory limit and the cgroupsPath from its spec', () => {
    const c = containers.find((x) => x.key === 'containerd:default:anatomy-ctr-limits');
    assert.ok(c, 'anatomy-ctr-limits not found: run scripts/engines/setup.sh');
    assert.equal(c.containerd.specLimits?.memoryBytes, 64 * 1024 * 1024);
    assert.equal(c.containerd.cgroupsPath, '/default/anatomy-ctr-limits');
    assert.equal(c.containerd.ociRuntime, 'runc');
    assert.equal(c.requestedModes?.net, 'private');
    assert.equal(c.pod, undefined);
    assert.equal(c.name, 'anatomy-ctr-limits');
  });

  it('k8s.io: groups the CRI pod from its labels, with the sandbox as infra', () => {
    const pod = containers.filter((c) => c.containerdNamespace === 'k8s.io' && c.pod?.name === POD);
    assert.deepEqual(pod.map((c) => c.id).sort(), ['anatomy-k8s-app', 'anatomy-k8s-hostile', 'anatomy-k8s-sandbox']);
    for (const c of pod) assert.equal(c.pod?.namespace, 'default', c.id);
    assert.deepEqual(
      pod.filter((c) => c.pod?.infra).map((c) => c.id),
      ['anatomy-k8s-sandbox'],
    );
    assert.equal(pod.find((c) => c.id === 'anatomy-k8s-app')?.name, 'app');
    const hostile = pod.find((c) => c.id === 'anatomy-k8s-hostile');
    assert.equal(hostile?.name, 'hostile');
    assert.ok(
      Object.values(hostile?.labels ?? {}).some((v) => v.includes('javascript:')),
      'the hostile labels arrive as plain text',
    );
  });

  it("k8s.io: the member's spec joins the sandbox's net namespace by path, as the kernel confirms", () => {
    const sandbox = containers.find((c) => c.key === 'containerd:k8s.io:anatomy-k8s-sandbox');
    const app = containers.find((c) => c.key === 'containerd:k8s.io:anatomy-k8s-app');
    assert.ok(sandbox?.pid && app?.pid, 'sandbox and app must be running');
    const net = app.containerd.specNamespaces?.find((n) => n.kind === 'net');
    assert.ok(net?.path, JSON.stringify(app.containerd.specNamespaces));
    assert.match(net.path, /^\/proc\/\d+\/ns\/net$/);
    assert.equal(
      sandbox.containerd.specNamespaces?.find((n) => n.kind === 'net')?.path,
      undefined,
      'the sandbox makes a new one',
    );
    assert.equal(sandbox.requestedModes?.net, 'private');
    // The spec's path names the sandbox's PID at creation; while it lives, the member shares its net namespace.
    if (net.path === `/proc/${sandbox.pid}/ns/net`)
      assert.equal(app.requestedModes?.net, 'container:anatomy-k8s-sandbox');
    assert.equal(fs.readlinkSync(`/proc/${app.pid}/ns/net`), fs.readlinkSync(`/proc/${sandbox.pid}/ns/net`));
    assert.notEqual(fs.readlinkSync(`/proc/${app.pid}/ns/pid`), fs.readlinkSync(`/proc/${sandbox.pid}/ns/pid`));
  });

  it("Docker's containers appear in `moby` and dedupe links them to docker ps", async function () {
    const ps = await run('docker', ['ps', '-a', '-q', '--no-trunc']);
    if (!ps.ok) {
      console.log(`      docker not answering (${ps.stderr.trim().slice(0, 120)}): moby part not checked`);
      this.skip();
    }
    const dockerIds = ps.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const moby = containers.filter((c) => c.containerdNamespace === 'moby');
    if (!truth.namespaces.includes('moby')) {
      console.log('      dockerd does not share this containerd (no `moby` namespace): moby part not checked');
      this.skip();
    }
    for (const c of moby) assert.equal(c.containerd.managedBy, 'docker', c.key);
    const running = (await run('docker', ['ps', '-q', '--no-trunc'])).stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const id of running)
      assert.ok(
        moby.some((c) => c.id === id),
        `running Docker container ${id} not in moby`,
      );
    const dockerRows: ContainerInfo[] = dockerIds.map((id) => ({
      key: `docker::${id}`,
      runtime: 'docker',
      id,
      name: id,
      image: '',
      state: 'running',
      labels: {},
    }));
    const shown = dedupe([...dockerRows, ...containers]);
    const kept = shown.filter((c) => c.runtime === 'containerd');
    const linked = shown
      .filter((c) => c.runtime === 'docker')
      .flatMap((c) => (c.alsoSeenAs ?? []).map((alias) => ({ dockerId: c.id, alias })));
    assert.deepEqual(
      linked.map((l) => l.dockerId).sort(),
      moby
        .filter((c) => dockerIds.includes(c.id))
        .map((c) => c.id)
        .sort(),
    );
    assert.ok(linked.length >= running.length);
    for (const l of linked) assert.equal(l.alias, `containerd moby/${l.dockerId}`);
    assert.ok(!kept.some((c) => c.containerdNamespace === 'moby' && dockerIds.includes(c.id)));
    assert.equal(kept.length + linked.length, containers.length);
  });

  it('readOne re-reads one container, and says gone for an id that does not exist', async () => {
    const one = await source.readOne('anatomy-k8s-app', { namespace: 'k8s.io' });
    assert.equal(one.state, 'found');
    if (one.state === 'found') {
      assert.equal(one.container.pod?.name, POD);
      assert.equal(one.container.pid, containers.find((c) => c.id === 'anatomy-k8s-app')?.pid);
    }
    const searched = await source.readOne('anatomy-ctr-limits');
    assert.equal(searched.state, 'found');
    assert.equal(searched.state === 'found' ? searched.container.containerdNamespace : '', 'default');
    assert.deepEqual(await source.readOne('anatomy-no-such-container', { namespace: 'default' }), { state: 'gone' });
  });

  it('readOne on a fresh source (no listing yet) still names the sandbox whose net namespace a member joins', async () => {
    const fresh = createContainerdSource({ timeoutMs: 10_000 });
    try {
      const sandboxPid = containers.find((c) => c.id === 'anatomy-k8s-sandbox')?.pid;
      const one = await fresh.readOne('anatomy-k8s-app', { namespace: 'k8s.io' });
      assert.equal(one.state, 'found');
      if (one.state !== 'found') return;
      const net = (one.container as ContainerdContainerInfo).containerd.specNamespaces?.find(
        (n) => n.kind === 'net',
      )?.path;
      // Ground truth: the kernel says both share one net namespace.
      assert.equal(fs.readlinkSync(`/proc/${one.container.pid}/ns/net`), fs.readlinkSync(`/proc/${sandboxPid}/ns/net`));
      if (net === `/proc/${sandboxPid}/ns/net`)
        assert.equal(one.container.requestedModes?.net, 'container:anatomy-k8s-sandbox');
      // The sandbox itself, read alone: its own task's PID.
      const again = await fresh.readOne('anatomy-k8s-sandbox', { namespace: 'k8s.io' });
      assert.equal(again.state === 'found' ? again.container.pid : undefined, sandboxPid);
    } finally {
      fresh.dispose?.();
    }
  });

  it('watch: follows Events.Subscribe and reports a container created and deleted in a throwaway namespace', async () => {
    const events: ContainerEvent[] = [];
    const statuses: EngineWatchStatus[] = [];
    const sub = source.watch(
      (e) => events.push(e),
      (s) => statuses.push(s),
    );
    const until = async (cond: () => boolean, what: string, ms = 5000): Promise<void> => {
      const end = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > end)
          assert.fail(
            `timed out waiting for ${what}; statuses ${JSON.stringify(statuses)}, events ${JSON.stringify(events)}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const ns = `anatomy-live-events-${process.pid}`;
    const id = `anatomy-evt-${process.pid}`;
    const rootfs = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-evt-rootfs-'));
    try {
      await until(() => statuses.some((s) => s.state === 'connected'), 'connected');
      await new Promise((r) => setTimeout(r, 200)); // the subscription is registered server-side
      await ctr(['-n', ns, 'containers', 'create', '--rootfs', rootfs, id, '/bin/true']);
      await ctr(['-n', ns, 'containers', 'rm', id]);
      await until(() => events.some((e) => e.action === '/containers/delete' && e.id === id), '/containers/delete');
      assert.deepEqual(
        events.find((e) => e.action === '/containers/create' && e.id === id),
        { runtime: 'containerd', sourceId: source.id, namespace: ns, id, action: '/containers/create' },
      );
      assert.ok(!statuses.some((s) => s.state === 'disconnected'), JSON.stringify(statuses));
    } finally {
      sub.dispose();
      await run('ctr', ['--address', SOCKET, '-n', ns, 'containers', 'rm', id]);
      await run('ctr', ['--address', SOCKET, 'namespaces', 'rm', ns]);
      fs.rmSync(rootfs, { recursive: true, force: true });
    }
  });
});
