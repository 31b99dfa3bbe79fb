/**
 * The Podman source against REAL Podman, as `scripts/engines/setup.sh` leaves it: the rootful API
 * service on /run/podman/podman.sock with the pod `anatomy-pod` (`anatomy-pod-a`, `anatomy-pod-b`)
 * and `anatomy-podman-limits`; the rootless user `anatomy` with `anatomy-rootless` and its API
 * socket under /run/user/<uid>/. Ground truth is read independently with `podman inspect`.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { createPodmanSource, lookupUser, type PodmanSource } from '../../src/core/runtimes/podman';
import type { ContainerEvent, EngineWatchStatus } from '../../src/core/snapshot/engineSource';
import type { ContainerInfo } from '../../src/core/model';

const ROOTFUL_SOCKET = '/run/podman/podman.sock';
const ROOTLESS_USER = 'anatomy';
const IMAGE = 'anatomy-busybox:latest';
const NOT_SET_UP = 'podman not set up: run scripts/engines/setup.sh as root';

function run(file: string, args: string[], timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${file} ${args.join(' ')}: ${err.message} ${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

function asUser(uid: number, home: string | undefined, args: string[]): [string, string[]] {
  const env = ['-u', 'CONTAINER_HOST', `XDG_RUNTIME_DIR=/run/user/${uid}`, ...(home ? [`HOME=${home}`] : [])];
  return ['runuser', ['-u', ROOTLESS_USER, '--', 'env', ...env, 'podman', ...args]];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const v = await fn();
  return [v, Number(process.hrtime.bigint() - t0) / 1e6];
}

function byName(list: ContainerInfo[], name: string): ContainerInfo {
  const c = list.find((x) => x.name === name);
  assert.ok(c, `${name} not in [${list.map((x) => x.name).join(', ')}]`);
  return c;
}

describe('Podman source against REAL Podman', function () {
  this.timeout(60_000);
  const sources: PodmanSource[] = [];
  const make = (o: Parameters<typeof createPodmanSource>[0]): PodmanSource => {
    const s = createPodmanSource(o);
    sources.push(s);
    return s;
  };

  before(async function () {
    let problem: string | undefined;
    if (process.getuid?.() !== 0) problem = 'these tests run as root';
    else if (!fs.existsSync(ROOTFUL_SOCKET)) problem = `${ROOTFUL_SOCKET} is absent`;
    else {
      try {
        await run('podman', ['container', 'exists', 'anatomy-pod-a']);
      } catch (err) {
        problem = (err as Error).message;
      }
    }
    if (problem) {
      if (process.env.CONTAINER_ANATOMY_ALLOW_NO_ENGINES === '1') {
        console.log(`      skipped: ${NOT_SET_UP} (${problem})`);
        this.skip();
      }
      assert.fail(`${NOT_SET_UP} (${problem})`);
    }
  });

  after(() => {
    for (const s of sources) s.dispose();
  });

  describe('rootful', () => {
    it('sees the same containers, ids and PIDs through the socket and through the CLI, matching podman inspect', async () => {
      const viaSocket = make({ kind: 'podman', timeoutMs: 10_000 });
      const viaCli = make({ kind: 'podman', preferCli: true, timeoutMs: 20_000 });
      const [s1, socketColdMs] = await timed(() => viaSocket.read());
      const [c1, cliColdMs] = await timed(() => viaCli.read());
      const [s2, socketWarmMs] = await timed(() => viaSocket.read());
      const [c2, cliWarmMs] = await timed(() => viaCli.read());
      console.log(
        `      full read: socket ${socketColdMs.toFixed(0)} ms cold / ${socketWarmMs.toFixed(0)} ms warm; ` +
          `CLI ${cliColdMs.toFixed(0)} ms cold / ${cliWarmMs.toFixed(0)} ms warm (${s2.containers.length} containers)`,
      );
      for (const r of [s1, c1, s2, c2]) assert.equal(r.runtime.status.state, 'ok', JSON.stringify(r.runtime.status));
      assert.equal(s1.runtime.endpoint, `unix://${ROOTFUL_SOCKET}`);
      assert.equal(c1.runtime.endpoint, 'cli:podman');
      assert.equal(s1.runtime.rootless, false);
      assert.match(s1.runtime.version ?? '', /^\d+\.\d+/);
      assert.deepEqual(s1.runtime.chain.map((l) => l.name).slice(1), c1.runtime.chain.map((l) => l.name).slice(1));
      assert.deepEqual(
        c1.runtime.chain.map((l) => l.role),
        ['cli', 'monitor', 'oci'],
      );
      assert.ok(['runc', 'crun'].includes(c1.runtime.chain[2].name));
      assert.ok(c1.runtime.chain.every((l) => l.version));

      const summary = (l: ContainerInfo[]) =>
        l.map((c) => `${c.id} ${c.name} ${c.state} ${c.pid ?? '-'} ${c.pod?.id ?? '-'} ${c.pod?.infra ?? '-'}`).sort();
      assert.deepEqual(summary(s2.containers), summary(c2.containers));

      for (const name of ['anatomy-pod-a', 'anatomy-pod-b', 'anatomy-podman-limits']) {
        const [id, pid] = (await run('podman', ['inspect', '-f', '{{.Id}} {{.State.Pid}}', name])).trim().split(' ');
        for (const list of [s2.containers, c2.containers]) {
          const c = byName(list, name);
          assert.equal(c.id, id);
          assert.equal(c.pid, Number(pid));
          assert.equal(c.state, 'running');
          assert.equal(c.key, `podman::${id}`);
        }
      }
    });

    it('groups anatomy-pod: members, the infra container and the namespace modes they asked for', async () => {
      const pod = JSON.parse(await run('podman', ['pod', 'inspect', 'anatomy-pod'])) as
        | { Id: string; InfraContainerID: string; Containers: { Id: string; Name: string }[] }
        | { Id: string; InfraContainerID: string; Containers: { Id: string; Name: string }[] }[];
      const p = Array.isArray(pod) ? pod[0] : pod;
      for (const src of [make({ kind: 'podman' }), make({ kind: 'podman', preferCli: true })]) {
        const r = await src.read();
        const members = r.containers.filter((c) => c.pod?.name === 'anatomy-pod');
        assert.deepEqual(members.map((m) => m.id).sort(), p.Containers.map((c) => c.Id).sort());
        assert.ok(members.every((m) => m.pod?.id === p.Id));
        assert.deepEqual(
          members.filter((m) => m.pod?.infra).map((m) => m.id),
          [p.InfraContainerID],
        );
        const a = byName(r.containers, 'anatomy-pod-a');
        assert.equal(a.requestedModes?.net, `container:${p.InfraContainerID}`);
        assert.equal(a.requestedModes?.uts, `container:${p.InfraContainerID}`);
        assert.equal(byName(r.containers, 'anatomy-podman-limits').pod, undefined);
      }
    });

    it('readOne: found through either path, gone for an unknown id', async () => {
      const id = (await run('podman', ['inspect', '-f', '{{.Id}}', 'anatomy-podman-limits'])).trim();
      for (const src of [make({ kind: 'podman' }), make({ kind: 'podman', preferCli: true })]) {
        const one = await src.readOne(id);
        assert.equal(one.state, 'found', JSON.stringify(one));
        assert.equal(one.state === 'found' ? one.container.name : '', 'anatomy-podman-limits');
        assert.ok(one.state === 'found' && one.container.pid && one.container.pid > 0);
        assert.deepEqual(await src.readOne('0'.repeat(64)), { state: 'gone' });
      }
    });

    it('events through the socket: start and died/remove for a short-lived container', async function () {
      const src = make({ kind: 'podman' });
      const events: ContainerEvent[] = [];
      const statuses: EngineWatchStatus[] = [];
      let connected!: () => void;
      const isConnected = new Promise<void>((r) => (connected = r));
      const w = src.watch(
        (e) => events.push(e),
        (s) => {
          statuses.push(s);
          if (s.state === 'connected') connected();
        },
      );
      let id = '';
      try {
        await isConnected;
        id = (await run('podman', ['run', '-d', '--rm', IMAGE, 'sleep', '5'])).trim();
        assert.match(id, /^[0-9a-f]{64}$/);
        const until = Date.now() + 15_000;
        while (!events.some((e) => e.id === id && e.action === 'start') && Date.now() < until)
          await new Promise((r) => setTimeout(r, 50));
        await run('podman', ['rm', '-f', id]);
        while (
          !events.some((e) => e.id === id && (e.action === 'died' || e.action === 'remove')) &&
          Date.now() < until
        ) {
          await new Promise((r) => setTimeout(r, 50));
        }
        const mine = events.filter((e) => e.id === id).map((e) => e.action);
        assert.ok(mine.includes('start'), `events for ${id}: ${mine.join(', ')}`);
        assert.ok(mine.includes('died') || mine.includes('remove'), `events for ${id}: ${mine.join(', ')}`);
        assert.ok(events.every((e) => e.runtime === 'podman'));
        assert.deepEqual(
          statuses.filter((s) => s.state !== 'connected'),
          [],
        );
      } finally {
        w.dispose();
        if (id) await run('podman', ['rm', '-f', '--ignore', id]).catch(() => undefined);
      }
    });
  });

  describe('rootless (user anatomy)', () => {
    let uid = -1;
    let home: string | undefined;
    let socket = '';

    before(function () {
      const who = lookupUser(ROOTLESS_USER);
      if (!who) assert.fail(`${NOT_SET_UP} (no user ${ROOTLESS_USER})`);
      uid = who.uid;
      home = who.home;
      socket = `/run/user/${uid}/podman/podman.sock`;
      if (!fs.existsSync(socket)) {
        if (process.env.CONTAINER_ANATOMY_ALLOW_NO_ENGINES === '1') {
          console.log(`      SKIPPED: ${NOT_SET_UP} (${socket} is absent; CONTAINER_ANATOMY_ALLOW_NO_ENGINES=1)`);
          this.skip();
        }
        assert.fail(`${NOT_SET_UP} (${socket} is absent)`);
      }
    });

    it('reads anatomy-rootless through its socket (rootless=true) and through runuser … podman, PIDs matching inspect', async () => {
      const [file, args] = asUser(uid, home, ['inspect', '-f', '{{.Id}} {{.State.Pid}}', 'anatomy-rootless']);
      const [id, pid] = (await run(file, args)).trim().split(' ');
      const viaSocket = make({ kind: 'podman-rootless', rootlessSockets: [socket] });
      const viaCli = make({ kind: 'podman-rootless', rootlessSockets: [socket], preferCli: true, timeoutMs: 30_000 });
      const [s, socketMs] = await timed(() => viaSocket.read());
      const [c, cliMs] = await timed(() => viaCli.read());
      console.log(
        `      rootless full read: socket ${socketMs.toFixed(0)} ms, CLI via runuser ${cliMs.toFixed(0)} ms (cold)`,
      );
      assert.equal(s.runtime.status.state, 'ok', JSON.stringify(s.runtime.status));
      assert.equal(c.runtime.status.state, 'ok', JSON.stringify(c.runtime.status));
      assert.equal(s.runtime.endpoint, `unix://${socket}`);
      assert.equal(c.runtime.endpoint, `cli:podman?user=${ROOTLESS_USER}`);
      for (const r of [s, c]) {
        assert.equal(r.runtime.kind, 'podman-rootless');
        assert.equal(r.runtime.rootless, true);
        const ct = byName(r.containers, 'anatomy-rootless');
        assert.equal(ct.id, id);
        assert.equal(ct.pid, Number(pid));
        assert.equal(ct.key, `podman-rootless::${id}`);
        if (r.runtime.cgroupVersion === '1')
          assert.match(ct.kernelDetailNote ?? '', /no per-container cgroup: rootless containers on cgroup v1/);
      }
      // And none of the rootful containers leak into the rootless view.
      assert.ok(!s.containers.some((x) => x.name === 'anatomy-pod-a'));
    });

    it('events through the CLI as the user (runuser … podman events): start seen; the child group is gone after dispose', async () => {
      const src = make({ kind: 'podman-rootless', rootlessSockets: [socket], preferCli: true });
      const events: ContainerEvent[] = [];
      const statuses: EngineWatchStatus[] = [];
      const w = src.watch(
        (e) => events.push(e),
        (s) => statuses.push(s),
      );
      let id = '';
      const [file, runArgs] = asUser(uid, home, ['run', '-d', '--rm', IMAGE, 'sleep', '5']);
      try {
        // `podman events` prints nothing until something happens: give it a moment to subscribe.
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(statuses[0]?.state, 'connected');
        id = (await run(file, runArgs)).trim();
        const until = Date.now() + 15_000;
        while (!events.some((e) => e.id === id && e.action === 'start') && Date.now() < until)
          await new Promise((r) => setTimeout(r, 50));
        assert.ok(
          events.some((e) => e.id === id && e.action === 'start'),
          `events: ${events.map((e) => `${e.id.slice(0, 12)} ${e.action}`).join(', ')}`,
        );
        assert.ok(events.every((e) => e.runtime === 'podman-rootless'));
      } finally {
        w.dispose();
        if (id) {
          const [f, a] = asUser(uid, home, ['rm', '-f', '--ignore', id]);
          await run(f, a).catch(() => undefined);
        }
      }
      const until = Date.now() + 5_000;
      let left: string;
      do {
        await new Promise((r) => setTimeout(r, 100));
        left = await run('pgrep', ['-u', String(uid), '-f', 'podman events --format json']).catch(() => '');
      } while (left.trim() && Date.now() < until);
      assert.equal(left.trim(), '', 'podman events still running after dispose');
    });

    it('the rootful source refuses the rootless socket', async () => {
      const r = await make({ kind: 'podman', socketPath: socket }).read();
      assert.equal(r.runtime.status.state, 'error');
    });
  });
});
