import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import type { ContainerInfo, HostSnapshot } from '../../src/core/model';
import { mayEnterContainer, nsenterArgs } from '../../src/core/shell/nsenter';
import { namespaceChoices, shellProgram } from '../../src/core/shell/shellPlan';
import { checkShellTarget } from '../../src/core/shell/verifyTarget';
import { createDefaultSources } from '../../src/core/snapshot/defaultSources';
import { Snapshotter } from '../../src/core/snapshot/snapshotter';
import { dockerPid, requireSocket, run } from './support/engines';

/**
 * Who can open a namespace shell, checked against nsenter itself on the real engines: the rule
 * (mayEnterContainer, namespaceChoices, shellProgram) must say yes exactly where `nsenter`, run as
 * that user, gets in. The user is `anatomy` (scripts/engines/setup.sh), whose rootless Podman runs
 * `anatomy-rootless`; a rootful Docker container is started here with `-u <anatomy's uid>`.
 */
const USER = 'anatomy';

/** Exit status of a command (0 = it ran), with its stderr for the message. */
function status(file: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 20_000 }, (err, _stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) || 1 : 0, stderr: String(stderr) }),
    );
  });
}

describe('namespace shell: offered exactly where nsenter gets in (real engines)', function () {
  this.timeout(60_000);
  const name = `anatomy-tree-uid-${process.pid}`;
  let uid: number;
  let snapshot: HostSnapshot;
  const find = (runtime: ContainerInfo['runtime'], n: string): ContainerInfo => {
    const c = snapshot.containers.find((x) => x.runtime === runtime && x.name === n);
    assert.ok(c, `${n} in the snapshot`);
    return c;
  };
  const asUser = (args: string[]) => status('runuser', ['-u', USER, '--', 'nsenter', ...args]);

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'dockerd');
    assert.equal(process.getuid?.(), 0, 'these tests read every engine as root and run nsenter as another user');
    uid = Number(await run('id', ['-u', USER]));
    await run('docker', ['run', '-d', '-u', String(uid), '--name', name, 'anatomy-busybox:latest', 'sleep', '600']);
    snapshot = await new Snapshotter({
      sources: createDefaultSources({ engines: ['docker', 'podman-rootless'] }),
    }).take();
  });

  after(async () => {
    await run('docker', ['rm', '-f', name]).catch(() => undefined);
  });

  it("a rootful container run with the user's uid: its owner is that uid, yet the user cannot enter it", async () => {
    const c = find('docker', name);
    assert.equal(c.pid, await dockerPid(name));
    assert.equal(c.initUid, statSync(`/proc/${c.pid}`).uid);
    assert.equal(c.initUid, uid);
    assert.equal(mayEnterContainer(uid, c), false);
    const kinds = namespaceChoices(c, uid)
      .filter((k) => k.picked)
      .map((k) => k.kind);
    const tried = await asUser([...nsenterArgs(c.pid!, kinds, '/bin/sh'), '-c', 'exit 0']);
    assert.notEqual(tried.code, 0, 'nsenter as the user fails too');
    console.log(`      nsenter as ${USER}: ${tried.stderr.trim()}`);
  });

  it("the host's user namespace is not offered: nsenter --user into it fails even for root", async () => {
    const c = find('docker', name);
    assert.ok(!namespaceChoices(c, 0).some((k) => k.kind === 'user'));
    const tried = await status('nsenter', [...nsenterArgs(c.pid!, ['user', 'uts'], '/bin/sh'), '-c', 'exit 0']);
    assert.notEqual(tried.code, 0);
    assert.match(tried.stderr, /Invalid argument/);
  });

  it("root runs a shell that exists in the container (the host's $SHELL often does not)", async () => {
    const c = find('docker', name);
    const kinds = namespaceChoices(c, 0)
      .filter((k) => k.picked)
      .map((k) => k.kind);
    assert.ok(kinds.includes('mnt'));
    const program = shellProgram('/proc', c.pid!, kinds, '/bin/zsh-not-in-the-container');
    const tried = await status('nsenter', [...nsenterArgs(c.pid!, kinds, program), '-c', 'exit 0']);
    assert.equal(tried.code, 0, tried.stderr);
    const hostShell = await status('nsenter', [...nsenterArgs(c.pid!, kinds, '/bin/zsh-not-in-the-container')]);
    assert.notEqual(hostShell.code, 0, 'a program that is only on the host fails inside the mount namespace');
  });

  it('the rootless Podman container of the user: offered, user namespace required, and nsenter gets in', async function () {
    const rootless = snapshot.containers.find((x) => x.runtime === 'podman-rootless' && x.name === 'anatomy-rootless');
    if (!rootless) throw new Error('anatomy-rootless is not in the snapshot: run scripts/engines/setup.sh as root');
    assert.equal(rootless.initUid, statSync(`/proc/${rootless.pid}`).uid);
    assert.equal(mayEnterContainer(uid, rootless), true);
    assert.deepEqual(checkShellTarget('/proc', rootless), { ok: true }, 'its live PID passes the last check');
    const choices = namespaceChoices(rootless, uid);
    assert.equal(choices.find((k) => k.kind === 'user')?.required, true);
    const kinds = choices.filter((k) => k.picked).map((k) => k.kind);
    const program = shellProgram('/proc', rootless.pid!, kinds, undefined);
    const inside = await asUser([...nsenterArgs(rootless.pid!, kinds, program), '-c', 'exit 0']);
    assert.equal(inside.code, 0, inside.stderr);
    const withoutUser = await asUser([
      ...nsenterArgs(
        rootless.pid!,
        kinds.filter((k) => k !== 'user'),
        program,
      ),
      '-c',
      'exit 0',
    ]);
    assert.notEqual(withoutUser.code, 0, 'without the user namespace the user is refused');
  });
});
