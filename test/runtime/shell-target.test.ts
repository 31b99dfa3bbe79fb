import * as assert from 'node:assert/strict';
import type { ContainerInfo } from '../../src/core/model';
import { createDockerSource } from '../../src/core/runtimes/docker';
import { checkShellTarget } from '../../src/core/shell/verifyTarget';
import { Snapshotter } from '../../src/core/snapshot/snapshotter';
import { dockerPid, requireSocket, run } from './support/engines';

/**
 * The namespace shell's last check against the real dockerd: a snapshot is taken, the container is
 * restarted behind its back (new process, new namespaces), and the PID the snapshot holds must be
 * refused; a fresh snapshot's PID must pass. Ground truth for the PIDs is `docker inspect`.
 */
describe('namespace shell target check on a restarted Docker container', function () {
  this.timeout(60_000);
  const name = `anatomy-tree-restart-${process.pid}`;
  const snapshotter = () => new Snapshotter({ sources: [createDockerSource({ env: {} })] });
  const find = async (): Promise<ContainerInfo> => {
    const snapshot = await snapshotter().take();
    const c = snapshot.containers.find((x) => x.runtime === 'docker' && x.name === name);
    assert.ok(c, `${name} is in the snapshot`);
    return c;
  };

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'dockerd');
    await run('docker', ['run', '-d', '--name', name, 'anatomy-busybox:latest', 'sleep', '600']);
  });

  after(async () => {
    await run('docker', ['rm', '-f', name]).catch(() => undefined);
  });

  it('refuses the PID of the snapshot taken before `docker restart`, passes the fresh one', async () => {
    const before = await find();
    assert.equal(before.pid, await dockerPid(name));
    assert.deepEqual(checkShellTarget('/proc', before), { ok: true }, 'the live PID passes');

    await run('docker', ['restart', '-t', '0', name]);
    const freshPid = await dockerPid(name);
    assert.notEqual(freshPid, before.pid, 'docker gave the container a new process');

    const stale = checkShellTarget('/proc', before);
    assert.equal(stale.ok, false, 'the stale PID is refused');
    console.log(`      stale PID ${before.pid} refused: ${!stale.ok ? stale.reason : ''}`);

    // The new process's namespaces often carry the very same inode numbers (the kernel reuses the
    // numbers of freed namespaces), so the cgroup and the process's existence decide here.
    assert.match(!stale.ok ? stale.reason : '', new RegExp(`process ${before.pid} (has exited|is no longer)`));

    const after = await find();
    assert.equal(after.pid, freshPid);
    assert.deepEqual(checkShellTarget('/proc', after), { ok: true }, 'the fresh snapshot passes');
  });
});
