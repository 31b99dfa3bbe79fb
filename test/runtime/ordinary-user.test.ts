/**
 * The CLI run as an ordinary user (issue 17): the rootless Podman user `anatomy`, in the docker
 * group and out of it. root's containers deny that user their /proc/PID/ns links, so verdicts come
 * from the kernel's other files and the engine's record; each is compared with the ground truth
 * this test reads as root (readlink /proc/PID/ns/*). The user's own rootless containers keep their
 * inodes.
 *
 * Uses the known containers of scripts/engines/setup.sh and makes what it lacks (prefix
 * anatomy-user-): two --network none containers with no traffic, and a rootless pod.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerInfo, HostSnapshot, NamespaceEntry, NamespaceKind } from '../../src/core/model';
import { NAMESPACE_KINDS } from '../../src/core/model';
import { requireSocket, run, runuserArgs } from './support/engines';
import { distCopyForOtherUsers } from './support/distCopy';

const USER = 'anatomy';
/** In the docker group; the test alone gives it a sudoers rule, for the bundled reader only. */
const SUDO_USER = 'anatomy-sudo';
const IMAGE = 'anatomy-busybox:latest';
const PODMAN_IMAGE = 'localhost/anatomy-busybox:latest';
const SLEEP = ['sleep', '1000000'];
const NONE = ['anatomy-user-none-a', 'anatomy-user-none-b'];
/** A private cgroup namespace: /proc/PID/cgroup reads the same either way (it is shown relative to the reader's). */
const CGNS = 'anatomy-user-cgns';
const POD = 'anatomy-user-pod';
const POD_MEMBERS = ['anatomy-user-pod-a', 'anatomy-user-pod-b'];
const DOCKER_KNOWN = [
  'anatomy-hostnet',
  'anatomy-hostpid',
  'anatomy-netowner',
  'anatomy-netjoiner',
  'anatomy-ipcowner',
  'anatomy-ipcjoiner',
  'anatomy-limits',
  ...NONE,
  CGNS,
];

async function uidOf(user: string): Promise<string> {
  return run('id', ['-u', user]);
}

async function asUser(args: string[]): Promise<string> {
  return run('runuser', ['-u', USER, '--', 'env', `XDG_RUNTIME_DIR=/run/user/${await uidOf(USER)}`, ...args]);
}

/**
 * Runs the bundled CLI as `user` (`anatomy` unless said), with the docker group or without any supplementary group
 * (`runuser -g` sets the groups to the one given). The bundle is copied where that user can read it.
 */
async function cliAs(
  dist: string,
  withDockerGroup: boolean,
  args: string[],
  user = USER,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = await runuserArgs(user, withDockerGroup, [process.execPath, path.join(dist, 'cli.js'), ...args]);
  return new Promise((resolve) => {
    execFile('runuser', argv, { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function link(pid: number | 'self', kind: NamespaceKind): string {
  return fs.readlinkSync(`/proc/${pid}/ns/${kind}`);
}

function ppidOf(pid: number): number {
  return Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

function byName(snapshot: HostSnapshot, runtime: string, name: string): ContainerInfo {
  const c = snapshot.containers.find((x) => x.runtime === runtime && x.name === name);
  assert.ok(c, `${runtime} ${name} in the snapshot`);
  return c;
}

async function dockerPids(): Promise<Map<string, number>> {
  const pids = new Map<string, number>();
  for (const name of DOCKER_KNOWN)
    pids.set(name, Number(await run('docker', ['inspect', '-f', '{{.State.Pid}}', name])));
  return pids;
}

/**
 * Every verdict of the known Docker containers against the ground truth read here as root: the
 * host's when the inode is this process's, shared with exactly the known containers holding the
 * same inode, else isolated. `check` adds what each entry's provenance must be.
 */
function verdictProblems(
  snapshot: HostSnapshot,
  pids: Map<string, number>,
  check: (e: NamespaceEntry) => string | undefined,
): string[] {
  const problems: string[] = [];
  const nameOfKey = (k: string) => snapshot.containers.find((x) => x.key === k)?.name ?? k;
  for (const name of DOCKER_KNOWN) {
    const c = byName(snapshot, 'docker', name);
    if (c.pid !== pids.get(name)) problems.push(`${name}: pid ${c.pid}, docker says ${pids.get(name)}`);
    const entries = c.namespaces?.entries ?? [];
    if (entries.length !== NAMESPACE_KINDS.length) problems.push(`${name}: ${entries.length} namespace entries`);
    for (const e of entries) {
      const mine = link(pids.get(name)!, e.kind);
      const withTruth = DOCKER_KNOWN.filter((o) => o !== name && link(pids.get(o)!, e.kind) === mine).sort();
      const truth = mine === link('self', e.kind) ? 'host' : withTruth.length > 0 ? 'shared' : 'isolated';
      const got = e.verdict;
      const gotWith =
        got.kind === 'shared'
          ? got.withKeys
              .map(nameOfKey)
              .filter((n) => DOCKER_KNOWN.includes(n))
              .sort()
          : [];
      if (got.kind !== truth || (truth === 'shared' && gotWith.join() !== withTruth.join()))
        problems.push(`${name} ${e.kind}: ${JSON.stringify(got)} but the inodes say ${truth} ${withTruth.join(',')}`);
      const wrong = check(e);
      if (wrong) problems.push(`${name} ${e.kind}: ${wrong}`);
    }
  }
  return problems;
}

describe('the CLI as an ordinary user (issue 17)', function () {
  this.timeout(180_000);
  let dist: string;
  let inGroup: HostSnapshot;
  let inGroupText: string;

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'dockerd');
    requireSocket(this, `/run/user/${await uidOf(USER)}/podman/podman.sock`, 'rootless Podman');
    dist = distCopyForOtherUsers('anatomy-user-');
    await run('docker', ['rm', '-f', ...NONE, CGNS]).catch(() => '');
    await run('docker', [
      'run',
      '-d',
      '--label',
      'anatomy.test=1',
      '--cgroupns',
      'private',
      '--name',
      CGNS,
      IMAGE,
      ...SLEEP,
    ]);
    for (const name of NONE)
      await run('docker', [
        'run',
        '-d',
        '--label',
        'anatomy.test=1',
        '--network',
        'none',
        '--name',
        name,
        IMAGE,
        ...SLEEP,
      ]);
    await asUser(['podman', 'pod', 'rm', '-f', '-i', '-t', '0', POD]);
    await asUser(['podman', 'pod', 'create', '--name', POD, '--label', 'anatomy.test=1']);
    for (const name of POD_MEMBERS)
      await asUser([
        'podman',
        'run',
        '-d',
        '--pod',
        POD,
        '--label',
        'anatomy.test=1',
        '--name',
        name,
        PODMAN_IMAGE,
        ...SLEEP,
      ]);
    const json = await cliAs(dist, true, ['--json', '--engine', 'docker,podman-rootless']);
    assert.equal(json.code, 0, json.stderr);
    inGroup = JSON.parse(json.stdout) as HostSnapshot;
    const text = await cliAs(dist, true, ['--engine', 'docker,podman-rootless']);
    inGroupText = text.stdout;
  });

  after(async () => {
    await run('docker', ['rm', '-f', ...NONE, CGNS]).catch(() => '');
    await asUser(['podman', 'pod', 'rm', '-f', '-i', '-t', '0', POD]).catch(() => '');
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  it('runs as that user, not root', () => {
    assert.equal(inGroup.host.isRoot, false);
  });

  it("every verdict on root's Docker containers matches the inodes read as root, with its provenance", async () => {
    const problems = verdictProblems(inGroup, await dockerPids(), (e) => {
      if (e.read.state !== 'denied') return "root's links should be denied to this user";
      if (!e.basis || e.basis.source === 'inode') return `no provenance (${JSON.stringify(e.basis)})`;
      return e.disagreement ? `disagreement ${JSON.stringify(e.disagreement)}` : undefined;
    });
    assert.deepEqual(problems, []);
  });

  it('snapshots taken again by that user (kept /proc descriptors) keep every verdict and read status now', async () => {
    // Three snapshots in one process of the user's, through the bundled engines part as the feed
    // takes them; the last one, and the /proc files that process holds open, printed as JSON.
    const script = `
      const fs = require('node:fs');
      const { Snapshotter, createDefaultSources } = require(${JSON.stringify(path.join(dist, 'engines.js'))});
      (async () => {
        const snapshotter = new Snapshotter({ sources: createDefaultSources({ engines: ['docker'] }) });
        let snapshot;
        for (let i = 0; i < 3; i++) snapshot = await snapshotter.take();
        const held = fs.readdirSync('/proc/self/fd').map((fd) => { try { return fs.readlinkSync('/proc/self/fd/' + fd); } catch { return ''; } });
        process.stdout.write(JSON.stringify({ snapshot, held }));
        snapshotter.dispose();
        for (const s of snapshotter.sources) s.dispose();
      })();`;
    const argv = await runuserArgs(USER, true, [process.execPath, '-e', script]);
    const out = await new Promise<string>((resolve, reject) =>
      execFile('runuser', argv, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const { snapshot, held } = JSON.parse(out) as { snapshot: HostSnapshot; held: string[] };
    assert.equal(snapshot.host.isRoot, false);
    const pids = await dockerPids();
    for (const [name, pid] of pids)
      assert.ok(held.includes(`/proc/${pid}/status`), `${name}: its status kept open by the user's process`);
    const problems = verdictProblems(snapshot, pids, (e) =>
      e.read.state === 'denied' ? undefined : "root's links should be denied to this user",
    );
    assert.deepEqual(problems, []);
    for (const [name, pid] of pids) {
      const truth = /^CapEff:\s+([0-9a-f]+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      const shown = byName(snapshot, 'docker', name).privileges?.report?.status?.capabilities.effective?.mask;
      assert.equal(shown, truth, `${name}: CapEff as /proc/${pid}/status says, read as root now`);
    }
  });

  it('says which file or record each case was decided by', () => {
    const basis = (name: string, kind: NamespaceKind) =>
      byName(inGroup, 'docker', name).namespaces?.entries.find((e) => e.kind === kind)?.basis;
    assert.equal(basis('anatomy-hostpid', 'pid')?.word, 'NSpid');
    assert.equal(basis('anatomy-hostnet', 'net')?.word, 'net/dev');
    assert.equal(basis('anatomy-netjoiner', 'net')?.word, 'net/dev');
    assert.equal(basis('anatomy-ipcjoiner', 'ipc')?.source, 'engine');
    assert.equal(basis('anatomy-limits', 'user')?.word, 'uid_map');
    assert.equal(basis('anatomy-limits', 'mnt')?.word, 'mountinfo');
    // Two idle --network none namespaces look identical to the kernel's files: the record decides.
    for (const name of NONE) {
      assert.equal(basis(name, 'net')?.source, 'engine', name);
      assert.match(basis(name, 'net')?.detail ?? '', /cannot tell them apart/);
    }
  });

  it('the text says "inodes need root" once per Docker container, never EACCES on a namespace line', () => {
    for (const name of DOCKER_KNOWN) {
      const block = new RegExp(`\\n  ${name} [^\\n]*\\n((?:    [^\\n]*\\n)*)`).exec(`\n${inGroupText}\n`)?.[1] ?? '';
      assert.equal(block.match(/inodes need root/g)?.length, 1, `${name}:\n${block}`);
      assert.doesNotMatch(block, /EACCES|denied/);
    }
    assert.match(inGroupText, /anatomy-hostnet [\s\S]*?net {4}shared with host · net\/dev/);
    assert.match(inGroupText, /anatomy-hostpid [\s\S]*?pid {4}shared with host · NSpid/);
    assert.match(inGroupText, /anatomy-ipcjoiner [\s\S]*?ipc {4}shared with anatomy-ipcowner · engine/);
  });

  it("the user's own rootless containers keep their inodes, and their user namespace is the engine's", async () => {
    const names = ['anatomy-rootless', ...POD_MEMBERS];
    for (const name of names) {
      const c = byName(inGroup, 'podman-rootless', name);
      const pid = Number(await asUser(['podman', 'inspect', '-f', '{{.State.Pid}}', name]));
      assert.equal(c.pid, pid, name);
      assert.equal(c.namespaces?.inodesNote, undefined, name);
      for (const kind of NAMESPACE_KINDS) {
        const e = c.namespaces!.entries.find((x) => x.kind === kind)!;
        assert.equal(e.read.state === 'ok' && `${kind}:[${e.read.inode}]`, link(pid, kind), `${name} ${kind}`);
        assert.equal(e.basis?.source, 'inode');
      }
      const user = c.namespaces!.entries.find((e) => e.kind === 'user')!;
      assert.equal(link(pid, 'user'), link(ppidOf(pid), 'user'), 'ground truth: the user namespace of its conmon');
      assert.equal(user.verdict.kind === 'shared' && user.verdict.engine, 'podman-rootless', name);
    }
    // The pod's members share the infra container's net, ipc and uts, as the inodes say.
    const [a, b] = POD_MEMBERS.map((n) => byName(inGroup, 'podman-rootless', n));
    for (const kind of ['net', 'ipc', 'uts'] as const) {
      const v = a.namespaces!.entries.find((e) => e.kind === kind)!.verdict;
      assert.ok(v.kind === 'shared' && v.withKeys.includes(b.key), `${kind}: ${JSON.stringify(v)}`);
    }
  });

  it('out of the docker group: Docker is "permission denied" and the own rootless containers still show', async () => {
    const out = await cliAs(dist, false, ['--json', '--engine', 'docker,podman-rootless']);
    const snapshot = JSON.parse(out.stdout) as HostSnapshot;
    assert.equal(snapshot.runtimes.find((r) => r.kind === 'docker')?.status.state, 'denied');
    assert.equal(snapshot.containers.filter((c) => c.runtime === 'docker').length, 0);
    const own = byName(snapshot, 'podman-rootless', 'anatomy-rootless');
    assert.equal(
      own.namespaces?.entries.every((e) => e.read.state === 'ok'),
      true,
    );
  });

  describe('with --sudo-inodes (the setting containerAnatomy.namespaces.readInodesWithSudo)', () => {
    const rule = '/etc/sudoers.d/anatomy-user-inode-reader';
    after(() => fs.rmSync(rule, { force: true }));

    it('where a sudoers rule allows just the bundled reader: inodes as root, equal to the ground truth', async () => {
      // Narrow: `true` for the probe and this node running this root-owned reader, nothing else.
      const reader = path.join(dist, 'nsInodeReader.js');
      assert.equal(fs.statSync(reader).uid, 0);
      assert.equal(fs.statSync(reader).mode & 0o022, 0, 'not writable by the user');
      fs.writeFileSync(rule, `${SUDO_USER} ALL=(root) NOPASSWD: /usr/bin/true, ${process.execPath} ${reader} *\n`, {
        mode: 0o440,
      });
      await run('visudo', ['-c', '-f', rule]);
      const out = await cliAs(dist, true, ['--json', '--engine', 'docker', '--sudo-inodes'], SUDO_USER);
      assert.equal(out.code, 0, out.stderr);
      const snapshot = JSON.parse(out.stdout) as HostSnapshot;
      assert.equal(snapshot.host.isRoot, false);
      const problems = verdictProblems(snapshot, await dockerPids(), (e) => {
        if (e.read.state !== 'ok' || e.read.via !== 'sudo') return `not read through sudo: ${JSON.stringify(e.read)}`;
        return e.basis?.source === 'inode' ? undefined : `basis ${JSON.stringify(e.basis)}`;
      });
      assert.deepEqual(problems, []);
      for (const name of DOCKER_KNOWN)
        assert.match(byName(snapshot, 'docker', name).namespaces?.inodesNote ?? '', /sudo -n/);
    });

    it('where sudo needs a password: it never prompts, says why once per container, and keeps the evidence', async () => {
      fs.rmSync(rule, { force: true });
      const started = Date.now();
      const out = await cliAs(dist, true, ['--json', '--engine', 'docker', '--sudo-inodes'], SUDO_USER);
      assert.ok(Date.now() - started < 30_000);
      const snapshot = JSON.parse(out.stdout) as HostSnapshot;
      const c = byName(snapshot, 'docker', 'anatomy-hostnet');
      assert.match(c.namespaces?.inodesNote ?? '', /^inodes need root:.*`sudo -n true` failed/);
      assert.deepEqual(c.namespaces?.entries.find((e) => e.kind === 'net')?.verdict, { kind: 'host' });
    });
  });
});
