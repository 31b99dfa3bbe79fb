// Each source owns its keep-alive connections (issue 16 item 4, issue 11 item 17): a Docker and a
// Podman source on the SAME socket (a FAKE engine answering both APIs) each have their own pool;
// disposing one leaves the other's connection open and working, and dispose closes its own.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDockerSource } from '../../../src/core/runtimes/docker';
import { createPodmanSource } from '../../../src/core/runtimes/podman';
import { FakeEngine, type FakeConnection } from './helpers/fakeDocker';

async function until(what: string, cond: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('engine sources own their keep-alive connections (FAKE engine on one socket)', function () {
  this.timeout(10_000);
  let dir: string;
  let engine: FakeEngine;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-eng-owner-'));
    engine = new FakeEngine(path.join(dir, 'engine.sock'));
    engine.json('/containers/json', []);
    engine.json('/version', { Version: '20.10.0', ApiVersion: '1.41', Components: [] });
    engine.json('/info', {});
    // Podman's compatibility socket answers both; only its libpod ping is needed here.
    engine.routes.set('/v4.0.0/libpod/_ping', (_req, res) => {
      res.setHeader('Libpod-API-Version', '4.3.1');
      res.end('OK');
    });
    await engine.listen();
  });

  afterEach(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const of = (prefix: RegExp): FakeConnection[] => engine.connections.filter((c) => c.urls.some((u) => prefix.test(u)));

  it('disposing the Podman source leaves the Docker source’s connection open and in use; Docker’s dispose closes its own', async () => {
    const socketPath = path.join(dir, 'engine.sock');
    const docker = createDockerSource({ env: { DOCKER_HOST: `unix://${socketPath}` } });
    const podman = createPodmanSource({ kind: 'podman', uid: 0, socketPath });
    try {
      assert.deepEqual((await docker.read()).runtime.status, { state: 'ok' });
      assert.ok((await podman.client.ping()).ok);
      const dockerConnections = of(/^\/v1\.41\//);
      const podmanConnections = of(/^\/v4\.0\.0\/libpod\//);
      assert.ok(dockerConnections.length >= 1 && podmanConnections.length >= 1);
      assert.ok(
        dockerConnections.every((c) => !podmanConnections.includes(c)),
        'the two sources share no connection',
      );

      podman.dispose();
      await until('the Podman connection to close', () => podmanConnections.every((c) => c.closed));
      await new Promise((r) => setTimeout(r, 50));
      assert.ok(
        dockerConnections.every((c) => !c.closed),
        'the Docker connection survived Podman’s dispose',
      );
      const before = engine.connections.length;
      assert.deepEqual((await docker.read()).runtime.status, { state: 'ok' });
      assert.equal(engine.connections.length, before, 'Docker reused its kept-alive connection');

      docker.dispose();
      await until('the Docker connection to close', () => dockerConnections.every((c) => c.closed));
    } finally {
      docker.dispose();
      podman.dispose();
    }
  });
});
