/**
 * The privilege readers against REAL containers made here and removed after: Docker (default,
 * --cap-add, --cap-drop, --cap-add ALL, seccomp=unconfined, no-new-privileges, the docker socket
 * mounted, --privileged created but not started), rootful Podman with --uidmap, the rootless
 * Podman user's container, and containerd (`ctr run --cap-add --seccomp`).
 *
 * Ground truth is read by the test itself: the lines of /proc/PID/status, decoded by
 * `capsh --decode` (libcap2-bin), never by the code's own decoder; uid_map/gid_map as files; the
 * engines' inspect and ctr's spec as JSON.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ENGINE_DEFAULT_CAPABILITIES,
  decodeCapabilityMask,
  explainPrivileges,
  readHostPrivileges,
  readPrivileges,
  requestFromDockerInspect,
  requestFromOciSpec,
  requestFromPodmanInspect,
  type HostPrivileges,
  type PrivilegeReport,
} from '../../src/core/privileges';
import { requireSocket, run } from './support/engines';
import { CAPABILITY_LINES, capsh, mapFile, SECCOMP_MODES, statusLine } from './support/kernelTruth';

const PREFIX = 'anatomy-priv-';
const DOCKER_IMAGE = 'anatomy-busybox:latest';
const PODMAN_IMAGE = 'localhost/anatomy-busybox:latest';
const CTR_IMAGE = 'docker.io/library/anatomy-busybox:latest';
const SLEEP = ['sleep', '1000000'];
const ROOTLESS_USER = 'anatomy';
const GUEST_USER = 'anatomy-guest';
const MINUS = '\u2212';

const SETS = CAPABILITY_LINES;

/** Every figure of the report against the test's own reading of the kernel. */
async function assertMatchesKernel(pid: number, report: PrivilegeReport): Promise<void> {
  assert.deepEqual(report.issues, []);
  const status = report.status;
  assert.ok(status, 'status read');
  for (const [line, key] of SETS) {
    const mask = statusLine(pid, line);
    assert.ok(mask, line);
    assert.equal(status.capabilities[key]?.mask, mask, line);
    assert.deepEqual(status.capabilities[key]?.names, await capsh(mask), `${line} ${mask}`);
  }
  assert.equal(status.noNewPrivs, statusLine(pid, 'NoNewPrivs') === '1');
  const mode = SECCOMP_MODES[statusLine(pid, 'Seccomp') ?? ''];
  assert.equal(status.seccomp.mode, mode);
  assert.equal(status.seccomp.filters, Number(statusLine(pid, 'Seccomp_filters')));
  assert.deepEqual(Object.values(status.uid ?? {}), statusLine(pid, 'Uid')?.split(/\s+/).map(Number));
  assert.deepEqual(report.userMapping?.uid.ranges, mapFile(pid, 'uid_map'));
  assert.deepEqual(report.userMapping?.gid.ranges, mapFile(pid, 'gid_map'));
  // This host has no LSM: reading attr/current fails with EINVAL, which the code reports as "no LSM".
  assert.throws(() => fs.readFileSync(`/proc/${pid}/attr/current`), { code: 'EINVAL' });
  assert.deepEqual(report.lsm, { kind: 'none', text: 'no LSM on this kernel' });
}

async function dockerInspect(name: string): Promise<{ pid: number; json: unknown }> {
  const json = (JSON.parse(await run('docker', ['inspect', name])) as unknown[])[0] as { State: { Pid: number } };
  return { pid: json.State.Pid, json };
}

function rootlessPodman(uid: number, args: string[]): Promise<string> {
  const home = `/home/${ROOTLESS_USER}`;
  return run('runuser', [
    '-u',
    ROOTLESS_USER,
    '--',
    'env',
    '-u',
    'CONTAINER_HOST',
    `HOME=${home}`,
    `XDG_RUNTIME_DIR=/run/user/${uid}`,
    'podman',
    ...args,
  ]);
}

const DOCKER_RUNS: Record<string, string[]> = {
  default: [],
  capadd: ['--cap-add', 'NET_ADMIN', '--cap-add', 'SYS_PTRACE'],
  capdrop: ['--cap-drop', 'CHOWN', '--cap-drop', 'NET_RAW'],
  capall: ['--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE'],
  seccomp: ['--security-opt', 'seccomp=unconfined'],
  nnp: ['--security-opt', 'no-new-privileges'],
  sock: ['-v', '/var/run/docker.sock:/var/run/docker.sock'],
};

describe('privileges read from the live kernel, real containers', function () {
  this.timeout(180_000);
  let host: HostPrivileges;
  const docker = new Map<string, { pid: number; json: unknown }>();
  let rootlessUid = 0;

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'Docker');
    host = readHostPrivileges('/proc');
    rootlessUid = Number(await run('id', ['-u', ROOTLESS_USER]));
    await Promise.all(
      Object.entries(DOCKER_RUNS).map(([name, flags]) =>
        run('docker', ['run', '-d', '--name', `${PREFIX}${name}`, ...flags, DOCKER_IMAGE, ...SLEEP]),
      ),
    );
    for (const name of Object.keys(DOCKER_RUNS)) docker.set(name, await dockerInspect(`${PREFIX}${name}`));
  });

  after(async () => {
    const names = [...Object.keys(DOCKER_RUNS), 'privileged'].map((n) => `${PREFIX}${n}`);
    await run('docker', ['rm', '-f', ...names]).catch(() => undefined);
    await run('podman', ['rm', '-f', '-i', '-t', '0', `${PREFIX}uidmap`]).catch(() => undefined);
    await rootlessPodman(rootlessUid, ['rm', '-f', '-i', '-t', '0', `${PREFIX}rootless`]).catch(() => undefined);
    await run('ctr', ['-n', 'default', 'tasks', 'rm', '-f', `${PREFIX}ctr`]).catch(() => undefined);
    await run('ctr', ['-n', 'default', 'containers', 'rm', `${PREFIX}ctr`]).catch(() => undefined);
  });

  it('decodes every one of the 64 bits as capsh does (unknown bits as cap_N)', async () => {
    for (let bit = 0; bit < 64; bit++) {
      const mask = (1n << BigInt(bit)).toString(16).padStart(16, '0');
      assert.deepEqual(decodeCapabilityMask(1n << BigInt(bit)), await capsh(mask), `bit ${bit}`);
    }
  });

  it("the host's bounding set and LSM state are the kernel's", async () => {
    assert.equal(host.bounding?.mask, statusLine(1, 'CapBnd'));
    assert.equal(host.lsm.state, 'none');
  });

  it('Docker\'s default: every figure matches the kernel, and CapBnd is the default set ("default")', async () => {
    const { pid, json } = docker.get('default') ?? assert.fail();
    const report = readPrivileges('/proc', pid, { host });
    await assertMatchesKernel(pid, report);
    assert.deepEqual(
      new Set(await capsh(statusLine(pid, 'CapBnd') ?? '')),
      new Set(ENGINE_DEFAULT_CAPABILITIES.docker),
    );
    const e = explainPrivileges(report, requestFromDockerInspect(json));
    assert.equal(e.capabilities?.diff.text, 'default');
    assert.ok(e.findings.some((f) => f.id === 'root-is-host-root'));
    assert.equal(e.podSecurity.level, 'baseline');
  });

  for (const [name, expected] of [
    ['capadd', '+NET_ADMIN +SYS_PTRACE'],
    ['capdrop', `${MINUS}CHOWN ${MINUS}NET_RAW`],
  ] as const) {
    it(`Docker ${DOCKER_RUNS[name].join(' ')}: "${expected}", the difference capsh shows against the default container`, async () => {
      const { pid, json } = docker.get(name) ?? assert.fail();
      const report = readPrivileges('/proc', pid, { host });
      await assertMatchesKernel(pid, report);
      const mine = await capsh(statusLine(pid, 'CapBnd') ?? '');
      const base = await capsh(statusLine(docker.get('default')?.pid ?? 0, 'CapBnd') ?? '');
      const e = explainPrivileges(report, requestFromDockerInspect(json));
      assert.deepEqual(
        e.capabilities?.diff.added,
        mine.filter((n) => !base.includes(n)),
      );
      assert.deepEqual(
        e.capabilities?.diff.dropped,
        base.filter((n) => !mine.includes(n)),
      );
      assert.equal(e.capabilities?.diff.text, expected);
    });
  }

  it('Docker --cap-add ALL --cap-drop SYS_RESOURCE: "every capability", less what capsh shows missing from the host\'s set', async () => {
    const { pid, json } = docker.get('capall') ?? assert.fail();
    const report = readPrivileges('/proc', pid, { host });
    await assertMatchesKernel(pid, report);
    const mine = await capsh(statusLine(pid, 'CapBnd') ?? '');
    const missing = (await capsh(statusLine(1, 'CapBnd') ?? '')).filter((n) => !mine.includes(n));
    const e = explainPrivileges(report, requestFromDockerInspect(json));
    assert.equal(e.capabilities?.diff.text, ['every capability', ...missing.map((n) => `${MINUS}${n}`)].join(' '));
    assert.ok(e.findings.some((f) => f.id === 'all-capabilities'));
    assert.equal(e.podSecurity.level, 'privileged');
  });

  it('Docker seccomp=unconfined: Seccomp 0, a high finding that says it was asked, baseline broken', async () => {
    const { pid, json } = docker.get('seccomp') ?? assert.fail();
    const report = readPrivileges('/proc', pid, { host });
    await assertMatchesKernel(pid, report);
    assert.equal(statusLine(pid, 'Seccomp'), '0');
    const e = explainPrivileges(report, requestFromDockerInspect(json));
    assert.match(e.findings.find((f) => f.id === 'seccomp-off')?.evidence ?? '', /seccomp=unconfined/);
    assert.equal(e.podSecurity.level, 'privileged');
  });

  it('Docker no-new-privileges: NoNewPrivs 1 and no such finding; the default container has it', async () => {
    const nnp = docker.get('nnp') ?? assert.fail();
    const report = readPrivileges('/proc', nnp.pid, { host });
    await assertMatchesKernel(nnp.pid, report);
    assert.equal(statusLine(nnp.pid, 'NoNewPrivs'), '1');
    const e = explainPrivileges(report, requestFromDockerInspect(nnp.json));
    assert.ok(!e.findings.some((f) => f.id === 'no-new-privs-off'));
    const def = docker.get('default') ?? assert.fail();
    const d = explainPrivileges(readPrivileges('/proc', def.pid, { host }), requestFromDockerInspect(def.json));
    assert.ok(d.findings.some((f) => f.id === 'no-new-privs-off'));
  });

  it('Docker with /var/run/docker.sock mounted: a high "engine API socket" finding', async () => {
    const { pid, json } = docker.get('sock') ?? assert.fail();
    const e = explainPrivileges(readPrivileges('/proc', pid, { host }), requestFromDockerInspect(json));
    const f = e.findings.find((x) => x.id === 'engine-socket:/var/run/docker.sock');
    assert.equal(f?.severity, 'high');
    assert.equal(e.podSecurity.level, 'privileged');
  });

  it('Docker --privileged, created and not started (this host cannot start it): privileged from inspect', async () => {
    await run('docker', ['create', '--name', `${PREFIX}privileged`, '--privileged', DOCKER_IMAGE, ...SLEEP]);
    const { pid, json } = await dockerInspect(`${PREFIX}privileged`);
    assert.equal(pid, 0);
    const request = requestFromDockerInspect(json);
    assert.equal(request.privileged, true);
    const e = explainPrivileges({ pid, hostLsm: host.lsm, issues: [] }, request);
    assert.equal(e.findings[0].id, 'privileged');
    assert.equal(e.podSecurity.level, 'privileged');
  });

  it('Podman --uidmap 0:100000:65536: root inside is host uid 100000, as uid_map says; not "root is host root"', async function () {
    requireSocket(this, '/run/podman/podman.sock', 'Podman');
    await run('podman', [
      'run',
      '-d',
      '--name',
      `${PREFIX}uidmap`,
      '--uidmap',
      '0:100000:65536',
      '--gidmap',
      '0:100000:65536',
      PODMAN_IMAGE,
      ...SLEEP,
    ]);
    const json = (
      JSON.parse(await run('podman', ['inspect', `${PREFIX}uidmap`])) as Array<{ State: { Pid: number } }>
    )[0];
    const pid = json.State.Pid;
    const report = readPrivileges('/proc', pid, { host });
    await assertMatchesKernel(pid, report);
    assert.equal(report.userMapping?.uid.rootOnHost, mapFile(pid, 'uid_map')[0].outside);
    assert.equal(report.userMapping?.uid.rootOnHost, 100000);
    const e = explainPrivileges(report, requestFromPodmanInspect(json));
    assert.equal(e.capabilities?.diff.text, 'default');
    assert.deepEqual(
      new Set(await capsh(statusLine(pid, 'CapBnd') ?? '')),
      new Set(ENGINE_DEFAULT_CAPABILITIES.podman),
    );
    assert.ok(!e.findings.some((f) => f.id === 'root-is-host-root'));
    assert.ok(!e.findings.some((f) => f.id === 'capabilities-differ'), "EffectiveCaps is the kernel's CapBnd");
  });

  it("the rootless Podman user's container: its own user namespace, root inside is the user's uid", async () => {
    await rootlessPodman(rootlessUid, ['run', '-d', '--name', `${PREFIX}rootless`, PODMAN_IMAGE, ...SLEEP]);
    const json = (
      JSON.parse(await rootlessPodman(rootlessUid, ['inspect', `${PREFIX}rootless`])) as Array<{
        State: { Pid: number };
      }>
    )[0];
    const pid = json.State.Pid;
    const report = readPrivileges('/proc', pid, { host });
    await assertMatchesKernel(pid, report);
    assert.equal(report.userMapping?.uid.rootOnHost, rootlessUid);
    assert.equal(report.userMapping?.uid.kind, 'mapped');
    const e = explainPrivileges(report, requestFromPodmanInspect(json));
    assert.equal(e.capabilities?.diff.text, 'default');
    assert.ok(!e.findings.some((f) => f.id === 'root-is-host-root'));
    assert.ok(!e.findings.some((f) => f.id === 'capabilities-differ'), "EffectiveCaps is the kernel's CapBnd");
  });

  it('containerd: ctr run --cap-add CAP_NET_ADMIN --seccomp; the spec, the kernel and the diff agree', async function () {
    requireSocket(this, '/run/containerd/containerd.sock', 'containerd');
    const ctr = ['-n', 'default'];
    await run('ctr', [
      ...ctr,
      'run',
      '-d',
      '--cap-add',
      'CAP_NET_ADMIN',
      '--seccomp',
      CTR_IMAGE,
      `${PREFIX}ctr`,
      ...SLEEP,
    ]);
    const tasks = await run('ctr', [...ctr, 'tasks', 'ls']);
    const pid = Number(
      tasks
        .split('\n')
        .find((l) => l.startsWith(`${PREFIX}ctr `))
        ?.trim()
        .split(/\s+/)[1],
    );
    assert.ok(pid > 0, tasks);
    const info = JSON.parse(await run('ctr', [...ctr, 'containers', 'info', `${PREFIX}ctr`])) as {
      Spec: { process: { capabilities: { bounding: string[] } } };
      Runtime: { Name: string };
    };
    const report = readPrivileges('/proc', pid, { host });
    await assertMatchesKernel(pid, report);
    const specCaps = info.Spec.process.capabilities.bounding.map((c) => c.replace(/^CAP_/, ''));
    assert.deepEqual(new Set(await capsh(statusLine(pid, 'CapBnd') ?? '')), new Set(specCaps));
    const e = explainPrivileges(report, requestFromOciSpec(info.Spec, info.Runtime.Name));
    assert.equal(e.capabilities?.diff.text, '+NET_ADMIN');
    assert.equal(e.runtime.family, 'runc');
    assert.equal(report.status?.seccomp.mode, 'filter');
    assert.ok(!e.findings.some((f) => ['seccomp-off', 'no-new-privs-off', 'capabilities-differ'].includes(f.id)));
  });

  it('an ordinary user reads the same report (status, uid_map, gid_map, attr/current are world-readable)', async () => {
    const probe = path.join(__dirname, 'support', 'privilegesProbe.js');
    for (const name of ['default', 'capadd']) {
      const { pid } = docker.get(name) ?? assert.fail();
      const asGuest = JSON.parse(
        await run('runuser', ['-u', GUEST_USER, '--', process.execPath, probe, String(pid)]),
      ) as PrivilegeReport;
      const asRoot = readPrivileges('/proc', pid, { host });
      assert.deepEqual(asGuest.issues, []);
      assert.deepEqual(
        [asGuest.status, asGuest.userMapping, asGuest.lsm],
        [asRoot.status, asRoot.userMapping, asRoot.lsm],
      );
    }
  });
});
