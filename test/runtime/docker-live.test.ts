// The Docker client against the REAL dockerd on /var/run/docker.sock, checked against ground truth
// read independently through the docker CLI (execFile, never through our client).
// scripts/engines/setup.sh starts dockerd and creates the anatomy-* containers and the
// anatomy-busybox:latest image. Without an engine this fails loudly, unless
// CONTAINER_ANATOMY_ALLOW_NO_ENGINES=1 says skipping is acceptable.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import {
  DockerClient,
  dockerEventConnector,
  dockerRuntimeChain,
  detectDockerInVm,
  mapDockerState,
  parseDockerEvent,
} from '../../src/core/runtimes/docker';
import type { DockerContainerRecord, DockerEvent } from '../../src/core/runtimes/docker';
import { httpGet } from '../../src/core/runtimes/shared/http';
import { NdjsonSplitter } from '../../src/core/runtimes/shared/ndjson';
import { EventWatch, formatEventTime } from '../../src/core/runtimes/shared/watch';
import type { EngineWatchStatus } from '../../src/core/snapshot/engineSource';

const SOCKET = '/var/run/docker.sock';
const NOT_RUNNING = 'dockerd not running: run scripts/engines/setup.sh as root';
const IMAGE = 'anatomy-busybox:latest';

/** The docker CLI pinned to the same socket, so both sides read the same daemon. */
function docker(args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: `unix://${SOCKET}` };
  delete env.DOCKER_CONTEXT;
  return new Promise((resolve, reject) => {
    execFile('docker', args, { env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`docker ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe('Docker client against the real dockerd', function () {
  this.timeout(60_000);
  const client = new DockerClient({ kind: 'unix', socketPath: SOCKET }, { timeoutMs: 10_000 });

  before(async function () {
    const allowSkip = process.env.CONTAINER_ANATOMY_ALLOW_NO_ENGINES === '1';
    const reason = !fs.existsSync(SOCKET) ? `${NOT_RUNNING} (${SOCKET} is absent)` : undefined;
    const ping = reason ? undefined : await client.ping();
    const why = reason ?? (ping && !ping.ok ? `${NOT_RUNNING} (${ping.error.kind}: ${ping.error.detail})` : undefined);
    if (why) {
      if (allowSkip) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      throw new Error(why);
    }
  });

  after(() => client.dispose());

  it('lists the same containers as `docker ps -a --no-trunc` (ids, names, images, states)', async () => {
    // Containers may come and go while another test runs; compare those present in both of our
    // lists taken around the CLI call.
    const before = await client.listContainers();
    const psOut = await docker(['ps', '-a', '--no-trunc', '--format', '{{json .}}']);
    const after = await client.listContainers();
    assert.ok(before.ok && after.ok, JSON.stringify(before.ok ? after : before));
    const stable = new Map<string, DockerContainerRecord>();
    const afterIds = new Set(after.value.map((c) => c.id));
    for (const c of before.value) if (afterIds.has(c.id)) stable.set(c.id, c);
    const truth = psOut
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { ID: string; Names: string; Image: string; State: string });
    const truthStable = truth.filter((t) => stable.has(t.ID));
    assert.equal(
      truthStable.length,
      stable.size,
      `ours: ${[...stable.keys()].join(' ')}\ndocker ps: ${truth.map((t) => t.ID).join(' ')}`,
    );
    assert.ok(stable.size > 0, 'no containers at all: did scripts/engines/setup.sh create the anatomy-* containers?');
    for (const t of truthStable) {
      const ours = stable.get(t.ID)!;
      assert.deepEqual([...ours.names].sort(), t.Names.split(',').sort(), `names of ${t.ID}`);
      assert.equal(ours.image, t.Image, `image of ${t.ID}`);
      assert.equal(ours.state, t.State, `state of ${t.ID}`);
      assert.notEqual(mapDockerState(ours.state), 'unknown', `state ${ours.state} of ${t.ID}`);
    }
    const anatomy = [...stable.values()].filter((c) => c.name.startsWith('anatomy-'));
    assert.ok(anatomy.length > 0, 'no anatomy-* containers: run scripts/engines/setup.sh');
  });

  it('inspect gives the same PIDs as `docker inspect -f {{.State.Pid}}` for every running container', async () => {
    const list = await client.listContainers();
    assert.ok(list.ok);
    const running = list.value.filter((c) => c.state === 'running');
    assert.ok(running.length > 0, 'no running containers: run scripts/engines/setup.sh');
    const inspected = await client.inspectRunning(list.value);
    const ids = running.map((c) => c.id).filter((id) => inspected.get(id)?.ok);
    const truth = (await docker(['inspect', '-f', '{{.Id}} {{.State.Pid}}', ...ids])).trim().split('\n');
    for (const line of truth) {
      const [id, pid] = line.split(' ');
      const ours = inspected.get(id);
      assert.ok(ours?.ok, id);
      // A container may be restarted between the two reads; then both PIDs are simply current.
      if (ours.value.pid !== Number(pid) && ours.value.pid !== 0) {
        const again = await client.inspect(id);
        assert.ok(again.ok);
        assert.equal(
          again.value.pid,
          Number((await docker(['inspect', '-f', '{{.State.Pid}}', id])).trim()),
          `pid of ${id}`,
        );
      } else {
        assert.equal(ours.value.pid, Number(pid), `pid of ${id}`);
      }
      assert.ok(fs.existsSync(`/proc/${ours.value.pid}`), `PID ${ours.value.pid} of ${id} is on this kernel`);
    }
    for (const c of list.value.filter((x) => x.state === 'exited'))
      assert.equal(inspected.has(c.id), false, 'stopped containers are not inspected');
  });

  it('reads namespace modes that match `docker inspect` HostConfig', async () => {
    const list = await client.listContainers();
    assert.ok(list.ok);
    const sample = list.value.filter((c) => c.name.startsWith('anatomy-')).slice(0, 12);
    for (const c of sample) {
      const ours = await client.inspect(c.id);
      assert.ok(ours.ok);
      const truth = (
        await docker([
          'inspect',
          '-f',
          '{{.HostConfig.NetworkMode}}|{{.HostConfig.PidMode}}|{{.HostConfig.IpcMode}}|{{.HostConfig.UTSMode}}',
          c.id,
        ])
      ).trim();
      const m = ours.value.modes;
      assert.equal(`${m.network}|${m.pid}|${m.ipc}|${m.uts}`, truth, c.name);
      assert.equal(c.networkMode, m.network, `list NetworkMode of ${c.name}`);
    }
  });

  it('/info CgroupDriver matches `docker info`, and /version matches `docker version`', async () => {
    const info = await client.info();
    assert.ok(info.ok, JSON.stringify(info));
    assert.equal(info.value.cgroupDriver, (await docker(['info', '-f', '{{.CgroupDriver}}'])).trim());
    assert.equal(info.value.cgroupVersion, (await docker(['info', '-f', '{{.CgroupVersion}}'])).trim());
    const version = await client.version();
    assert.ok(version.ok, JSON.stringify(version));
    assert.equal(version.value.version, (await docker(['version', '-f', '{{.Server.Version}}'])).trim());
    const chain = dockerRuntimeChain(version.value, info.value);
    assert.deepEqual(
      chain.map((l) => l.role),
      ['engine', 'cri', 'oci'],
    );
    assert.equal(detectDockerInVm(version.value, info.value), undefined, 'dockerd here runs on this kernel');
    console.log(
      `      chain: ${chain.map((l) => `${l.name} ${l.version ?? '?'}`).join(' → ')}; containerd address: ${info.value.containerdAddress ?? '(not reported by this engine)'}`,
    );
  });

  it('measures call latency (printed)', async () => {
    const time = async (fn: () => Promise<unknown>): Promise<number> => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const list = await client.listContainers();
    assert.ok(list.ok);
    const ping: number[] = [];
    const lists: number[] = [];
    const inspects: number[] = [];
    for (let i = 0; i < 20; i++) {
      ping.push(await time(() => client.ping()));
      lists.push(await time(() => client.listContainers()));
      inspects.push(await time(() => client.inspectRunning(list.value)));
    }
    const running = list.value.filter((c) => c.state === 'running').length;
    console.log(
      `      ${list.value.length} containers (${running} running): ping ${median(ping).toFixed(1)} ms, ` +
        `list ${median(lists).toFixed(1)} ms, inspect all running ${median(inspects).toFixed(1)} ms (medians of 20, keep-alive)`,
    );
    assert.ok(median(lists) < 1000);
  });

  it('events: a container run and removed gives start, die and destroy for its id', async function () {
    const images = (await docker(['images', '-q', IMAGE])).trim();
    if (!images) {
      console.log(`      skipped: image ${IMAGE} not found (created by scripts/engines/setup.sh)`);
      this.skip();
    }
    const events: DockerEvent[] = [];
    const statuses: EngineWatchStatus[] = [];
    let connected!: () => void;
    const isConnected = new Promise<void>((resolve) => (connected = resolve));
    const stream = new EventWatch(dockerEventConnector(client), {
      onEvent: (e) => events.push(e),
      onStatus: (s) => {
        statuses.push(s);
        if (s.state === 'connected') connected();
      },
    });
    let id = '';
    try {
      stream.start();
      await isConnected;
      // Not named anatomy-*: other live tests count those.
      id = (
        await docker(['run', '-d', '--rm', '--name', `ca-client-events-${process.pid}`, IMAGE, 'sleep', '30'])
      ).trim();
      await docker(['rm', '-f', id]);
      const deadline = Date.now() + 15_000;
      const actions = (): string[] => events.filter((e) => e.id === id).map((e) => e.action);
      while (
        !(actions().includes('start') && actions().includes('die') && actions().includes('destroy')) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(actions().includes('start'), `events for ${id}: ${actions().join(', ')}`);
      assert.ok(actions().includes('die'), `events for ${id}: ${actions().join(', ')}`);
      assert.ok(actions().includes('destroy'), `events for ${id}: ${actions().join(', ')}`);
      assert.ok(actions().indexOf('start') < actions().indexOf('destroy'));
      assert.ok(
        events.every((e) => e.type === 'container'),
        'the type=container filter was applied',
      );
      assert.ok(!statuses.some((s) => s.state === 'disconnected'), JSON.stringify(statuses));
    } finally {
      stream.dispose();
      if (id) await docker(['rm', '-f', id]).catch(() => undefined);
    }
  });

  it('events: since= is inclusive at nanosecond precision (what the resume de-duplication relies on)', async function () {
    const prefix = await client.versionPrefix();
    assert.ok(prefix.ok);
    const until = Math.floor(Date.now() / 1000);
    const past = async (since: string): Promise<DockerEvent[]> => {
      const res = await httpGet(client.endpoint, `${prefix.value}/events?since=${since}&until=${until}`);
      assert.ok(res.ok, JSON.stringify(res));
      const splitter = new NdjsonSplitter();
      return [...splitter.push(res.body), splitter.flush() ?? '']
        .map(parseDockerEvent)
        .filter((e): e is DockerEvent => typeof e !== 'string');
    };
    const all = await past(String(until - 3600));
    if (all.length < 2) {
      console.log('      skipped: fewer than two events in the last hour');
      this.skip();
    }
    const pick = all[Math.floor(all.length / 2)];
    const from = await past(formatEventTime(pick.timeNano));
    assert.equal(from[0].timeNano, pick.timeNano, 'the event at exactly `since` is replayed');
    assert.ok(from.every((e) => e.timeNano >= pick.timeNano));
    const after = await past(formatEventTime(pick.timeNano + 1n));
    assert.ok(after.every((e) => e.timeNano > pick.timeNano));
  });
});
