/**
 * Privileges where the snapshot goes (issue 12, point 5): REAL containers made here (prefix
 * anatomy-pw-, removed after) are read by the Snapshotter over the real engine sources, by the CLI
 * (`dist/cli.js --json` and its text) as root, and by the CLI as the ordinary user `anatomy` (in the
 * docker group). Every figure is compared with what this test reads itself: the lines of
 * /proc/PID/status decoded by `capsh --decode`, uid_map as a file; the weak spots and the Pod
 * Security level with what the test asked for (the flags below).
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerInfo, HostSnapshot } from '../../src/core/model';
import { createDefaultSources } from '../../src/core/snapshot/defaultSources';
import { Snapshotter } from '../../src/core/snapshot/snapshotter';
import { requireSocket, run, runuserArgs } from './support/engines';
import { CAPABILITY_LINES, capsh, mapFile, SECCOMP_MODES, statusLine } from './support/kernelTruth';
import { repoRoot } from '../support/repoRoot';
import { distCopyForOtherUsers } from './support/distCopy';

const PREFIX = 'anatomy-pw-';
const DOCKER_IMAGE = 'anatomy-busybox:latest';
const PODMAN_IMAGE = 'localhost/anatomy-busybox:latest';
const CTR_IMAGE = 'docker.io/library/anatomy-busybox:latest';
const SLEEP = ['sleep', '1000000'];
const USER = 'anatomy';
const MINUS = '\u2212';

interface Case {
  runtime: ContainerInfo['runtime'];
  flags: string[];
  /** The capability line the tree and the CLI print, from what was asked. */
  diff?: string;
  /** Weak spots that what was asked must produce, and ones it must not. */
  findings: string[];
  absent?: string[];
  podSecurity: 'privileged' | 'baseline' | 'restricted';
}

/** The Docker runs, by name suffix. Every root container without a user namespace: root-is-host-root. */
const DOCKER: Record<string, Case> = {
  default: {
    runtime: 'docker',
    flags: [],
    diff: 'default',
    findings: ['root-is-host-root', 'no-new-privs-off', 'writable-rootfs'],
    absent: ['seccomp-off'],
    podSecurity: 'baseline',
  },
  capadd: {
    runtime: 'docker',
    flags: ['--cap-add', 'NET_ADMIN', '--cap-add', 'SYS_PTRACE'],
    diff: '+NET_ADMIN +SYS_PTRACE',
    findings: ['capability:NET_ADMIN', 'capability:SYS_PTRACE'],
    podSecurity: 'privileged',
  },
  capdrop: {
    runtime: 'docker',
    flags: ['--cap-drop', 'CHOWN', '--cap-drop', 'NET_RAW'],
    diff: `${MINUS}CHOWN ${MINUS}NET_RAW`,
    findings: ['root-is-host-root'],
    absent: ['capability:NET_RAW'],
    podSecurity: 'baseline',
  },
  capall: {
    runtime: 'docker',
    flags: ['--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE'],
    findings: ['all-capabilities'],
    podSecurity: 'privileged',
  },
  seccomp: {
    runtime: 'docker',
    flags: ['--security-opt', 'seccomp=unconfined'],
    diff: 'default',
    findings: ['seccomp-off'],
    podSecurity: 'privileged',
  },
  nnp: {
    runtime: 'docker',
    flags: ['--security-opt', 'no-new-privileges'],
    diff: 'default',
    findings: ['root-is-host-root'],
    absent: ['no-new-privs-off'],
    podSecurity: 'baseline',
  },
  sock: {
    runtime: 'docker',
    flags: ['-v', '/var/run/docker.sock:/var/run/docker.sock'],
    diff: 'default',
    findings: ['engine-socket:/var/run/docker.sock'],
    podSecurity: 'privileged',
  },
};

const UIDMAP: Case = {
  runtime: 'podman',
  flags: ['--uidmap', '0:100000:65536', '--gidmap', '0:100000:65536'],
  diff: 'default',
  findings: [],
  absent: ['root-is-host-root'],
  podSecurity: 'baseline',
};
const ROOTLESS: Case = {
  runtime: 'podman-rootless',
  flags: [],
  diff: 'default',
  findings: [],
  absent: ['root-is-host-root'],
  podSecurity: 'baseline',
};
const CTR: Case = {
  runtime: 'containerd',
  flags: ['--cap-add', 'CAP_NET_ADMIN', '--seccomp'],
  diff: '+NET_ADMIN',
  findings: ['capability:NET_ADMIN'],
  absent: ['seccomp-off'],
  podSecurity: 'privileged',
};

function execJson(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function rootlessPodman(args: string[]): Promise<string> {
  const uid = await run('id', ['-u', USER]);
  return run('runuser', [
    '-u',
    USER,
    '--',
    'env',
    '-u',
    'CONTAINER_HOST',
    `HOME=/home/${USER}`,
    `XDG_RUNTIME_DIR=/run/user/${uid}`,
    'podman',
    ...args,
  ]);
}

function find(snapshot: HostSnapshot, runtime: string, name: string): ContainerInfo {
  const c = snapshot.containers.find((x) => x.runtime === runtime && x.name === name);
  assert.ok(c, `${runtime} ${name} in the snapshot`);
  return c;
}

/** The container's figures against the kernel as this test reads it, and what was asked against the findings. */
async function assertShowsKernel(c: ContainerInfo, expected: Case, where: string): Promise<void> {
  const pid = c.pid;
  assert.ok(pid && pid > 0, `${where}: ${c.name} has a PID`);
  const p = c.privileges;
  assert.ok(p?.report, `${where}: ${c.name} has a privileges report`);
  assert.deepEqual(p.report.issues, [], `${where}: ${c.name} read in full`);
  const status = p.report.status;
  assert.ok(status, `${where}: status read`);
  for (const [line, key] of CAPABILITY_LINES) {
    const mask: string = statusLine(pid, line) ?? assert.fail(line);
    assert.equal(status.capabilities[key]?.mask, mask, `${where}: ${c.name} ${line}`);
    assert.deepEqual(status.capabilities[key]?.names, await capsh(mask), `${where}: ${c.name} ${line} names`);
  }
  assert.equal(status.noNewPrivs, statusLine(pid, 'NoNewPrivs') === '1', `${where}: ${c.name} NoNewPrivs`);
  assert.equal(status.seccomp.mode, SECCOMP_MODES[statusLine(pid, 'Seccomp') ?? ''], `${where}: ${c.name} Seccomp`);
  assert.deepEqual(p.report.userMapping?.uid.ranges, mapFile(pid, 'uid_map'), `${where}: ${c.name} uid_map`);
  assertExplained(c, expected, where);
}

function assertExplained(c: ContainerInfo, expected: Case, where: string): void {
  const e = c.privileges?.explanation ?? assert.fail(`${where}: ${c.name} explained`);
  if (expected.diff) assert.equal(e.capabilities?.diff.text, expected.diff, `${where}: ${c.name} capabilities`);
  const ids = e.findings.map((f) => f.id);
  for (const id of expected.findings) assert.ok(ids.includes(id), `${where}: ${c.name} has ${id} (${ids.join(', ')})`);
  for (const id of expected.absent ?? []) assert.ok(!ids.includes(id), `${where}: ${c.name} has no ${id}`);
  assert.equal(e.podSecurity.level, expected.podSecurity, `${where}: ${c.name} Pod Security`);
}

describe('privileges in the snapshot, the CLI and its JSON, real containers', function () {
  this.timeout(300_000);
  let snapshot: HostSnapshot;
  let cliJson: HostSnapshot;
  let cliText: string;
  let dist: string | undefined;

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'Docker');
    requireSocket(this, '/run/podman/podman.sock', 'Podman');
    requireSocket(this, '/run/containerd/containerd.sock', 'containerd');
    for (const [name, c] of Object.entries(DOCKER))
      await run('docker', ['run', '-d', '--name', `${PREFIX}${name}`, ...c.flags, DOCKER_IMAGE, ...SLEEP]);
    await run('docker', ['create', '--name', `${PREFIX}privileged`, '--privileged', DOCKER_IMAGE, ...SLEEP]);
    await run('podman', ['run', '-d', '--name', `${PREFIX}uidmap`, ...UIDMAP.flags, PODMAN_IMAGE, ...SLEEP]);
    await rootlessPodman(['run', '-d', '--name', `${PREFIX}rootless`, PODMAN_IMAGE, ...SLEEP]);
    await run('ctr', ['-n', 'default', 'run', '-d', ...CTR.flags, CTR_IMAGE, `${PREFIX}ctr`, ...SLEEP]);
    snapshot = await new Snapshotter({ sources: createDefaultSources({}) }).take();
    const cli = path.join(repoRoot(), 'dist', 'cli.js');
    const json = await execJson(process.execPath, [cli, '--json']);
    assert.equal(json.code, 0, json.stderr);
    cliJson = JSON.parse(json.stdout) as HostSnapshot;
    cliText = (await execJson(process.execPath, [cli, '--engine', 'docker'])).stdout;
    dist = distCopyForOtherUsers('anatomy-pw-');
  });

  after(async () => {
    const names = [...Object.keys(DOCKER), 'privileged'].map((n) => `${PREFIX}${n}`);
    await run('docker', ['rm', '-f', ...names]).catch(() => undefined);
    await run('podman', ['rm', '-f', '-i', '-t', '0', `${PREFIX}uidmap`]).catch(() => undefined);
    await rootlessPodman(['rm', '-f', '-i', '-t', '0', `${PREFIX}rootless`]).catch(() => undefined);
    await run('ctr', ['-n', 'default', 'tasks', 'rm', '-f', `${PREFIX}ctr`]).catch(() => undefined);
    await run('ctr', ['-n', 'default', 'containers', 'rm', `${PREFIX}ctr`]).catch(() => undefined);
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  for (const [name, expected] of Object.entries(DOCKER)) {
    it(`Docker ${expected.flags.join(' ') || '(defaults)'}: the snapshot and the CLI's JSON show the kernel's figures`, async () => {
      await assertShowsKernel(find(snapshot, 'docker', `${PREFIX}${name}`), expected, 'snapshot');
      await assertShowsKernel(find(cliJson, 'docker', `${PREFIX}${name}`), expected, 'cli --json');
    });
  }

  it('Docker --cap-add ALL --cap-drop SYS_RESOURCE: "every capability" less what capsh shows missing from the host\'s set', async () => {
    const c = find(snapshot, 'docker', `${PREFIX}capall`);
    const mine = await capsh(statusLine(c.pid!, 'CapBnd') ?? '');
    const missing = (await capsh(statusLine(1, 'CapBnd') ?? '')).filter((n) => !mine.includes(n));
    assert.equal(
      c.privileges?.explanation.capabilities?.diff.text,
      ['every capability', ...missing.map((n) => `${MINUS}${n}`)].join(' '),
    );
  });

  it('docker create --privileged (cannot start here): no process, explained from the request: privileged', () => {
    for (const [where, snap] of [
      ['snapshot', snapshot],
      ['cli --json', cliJson],
    ] as const) {
      const c = find(snap, 'docker', `${PREFIX}privileged`);
      assert.equal(c.state, 'created', where);
      assert.equal(c.pid, undefined, where);
      assert.equal(c.privileges?.report, undefined, where);
      assert.equal(c.privilegeRequest?.privileged, true, where);
      assert.equal(c.privileges?.explanation.findings[0]?.id, 'privileged', where);
      assert.equal(c.privileges?.explanation.podSecurity.level, 'privileged', where);
    }
  });

  it("Podman --uidmap 0:100000:65536: root inside is host uid 100000 (uid_map's), the default set", async () => {
    const c = find(snapshot, 'podman', `${PREFIX}uidmap`);
    await assertShowsKernel(c, UIDMAP, 'snapshot');
    assert.equal(c.privileges?.report?.userMapping?.uid.rootOnHost, mapFile(c.pid!, 'uid_map')[0].outside);
    await assertShowsKernel(find(cliJson, 'podman', `${PREFIX}uidmap`), UIDMAP, 'cli --json');
  });

  it("the rootless Podman user's container: its own user namespace, root inside is that user's uid", async () => {
    const c = find(snapshot, 'podman-rootless', `${PREFIX}rootless`);
    await assertShowsKernel(c, ROOTLESS, 'snapshot');
    assert.equal(c.privileges?.report?.userMapping?.uid.rootOnHost, Number(await run('id', ['-u', USER])));
    await assertShowsKernel(find(cliJson, 'podman-rootless', `${PREFIX}rootless`), ROOTLESS, 'cli --json');
  });

  it('containerd ctr run --cap-add CAP_NET_ADMIN --seccomp: the OCI spec read as the request, "+NET_ADMIN"', async () => {
    const c = find(snapshot, 'containerd', `${PREFIX}ctr`);
    await assertShowsKernel(c, CTR, 'snapshot');
    assert.equal(c.privilegeRequest?.engine, 'containerd');
    assert.equal(c.privileges?.explanation.runtime.name, 'io.containerd.runc.v2');
    await assertShowsKernel(find(cliJson, 'containerd', `${PREFIX}ctr`), CTR, 'cli --json');
  });

  it("the CLI's text prints the privileges under each container, with capsh's names", async () => {
    const pid = find(snapshot, 'docker', `${PREFIX}capadd`).pid!;
    const names = await capsh(statusLine(pid, 'CapBnd') ?? '');
    const block = cliText.slice(cliText.indexOf(`${PREFIX}capadd `));
    const lines = block.split('\n').slice(0, 40);
    assert.ok(
      lines.some((l) => l.trim() === '! Capabilities: +NET_ADMIN +SYS_PTRACE (16)'),
      block.slice(0, 2000),
    );
    const listed = lines
      .find((l) => l.includes('CHOWN') && l.includes('SYS_PTRACE(+)'))
      ?.trim()
      .split(' ');
    assert.deepEqual(
      listed?.map((n) => n.replace('(+)', '')),
      names,
    );
    assert.ok(lines.some((l) => l.trim() === '! Pod Security: privileged'));
    assert.ok(lines.some((l) => /^\s+Has CAP_SYS_PTRACE — high: /.test(l)));
  });

  it('as the ordinary user anatomy (docker group): privileges still show in full, as root reads them', async () => {
    const out = await execJson(
      'runuser',
      await runuserArgs(USER, true, [
        process.execPath,
        path.join(dist!, 'cli.js'),
        '--json',
        '--engine',
        'docker,podman-rootless',
      ]),
    );
    assert.equal(out.code, 0, out.stderr);
    const asUser = JSON.parse(out.stdout) as HostSnapshot;
    for (const [name, expected] of Object.entries(DOCKER))
      await assertShowsKernel(find(asUser, 'docker', `${PREFIX}${name}`), expected, `as ${USER}`);
    await assertShowsKernel(find(asUser, 'podman-rootless', `${PREFIX}rootless`), ROOTLESS, `as ${USER}`);
  });
});
