// containerd discovery (issue 11 item 10): with no address set and nothing on the default socket,
// the containerd Docker names in its /info `Containerd.Address` is read. Docker 20.10 here reports
// none, so both engines are FAKES: a dockerd (node:http) whose /info names a FAKE containerd
// (grpc-js) listening on a path of the test's choosing, as Docker snap and rootless Docker do.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineSource } from '../../../src/core/snapshot/engineSource';
import { createDefaultSources } from '../../../src/core/snapshot/defaultSources';
import { FakeContainerd } from './helpers/fakeContainerd';
import { FakeEngine } from './helpers/fakeDocker';

describe('containerd discovery through Docker’s /info (FAKE dockerd and containerd)', function () {
  this.timeout(10_000);
  let dir: string;
  let docker: FakeEngine;
  let containerd: FakeContainerd;
  let sources: EngineSource[] = [];
  const absentDefault = (): string => `unix://${path.join(dir, 'run-containerd', 'containerd.sock')}`;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-eng-discovery-'));
    containerd = new FakeContainerd(path.join(dir, 'docker-containerd.sock'));
    await containerd.listen();
    docker = new FakeEngine(path.join(dir, 'docker.sock'));
    docker.json('/version', { Version: '27.0.0', ApiVersion: '1.46', Components: [] });
    docker.json('/info', { Containerd: { Address: containerd.socketPath, Namespaces: { Containers: 'moby' } } });
    docker.json('/containers/json', []);
    await docker.listen();
  });

  afterEach(async () => {
    for (const s of sources) s.dispose();
    sources = [];
    containerd.close();
    await docker.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const containerdOf = (list: EngineSource[]): EngineSource => {
    const found = list.find((s) => s.kind === 'containerd');
    assert.ok(found, 'a containerd source');
    return found;
  };

  for (const engines of [['docker', 'containerd'], ['containerd']] as const) {
    it(`reads the containerd Docker names when the default socket is absent (engines: ${engines.join(', ')})`, async () => {
      sources = createDefaultSources({
        env: { DOCKER_HOST: `unix://${docker.socketPath}` },
        engines,
        containerdDefaultAddress: absentDefault(),
      });
      const reading = await containerdOf(sources).read();
      assert.deepEqual(reading.runtime.status, { state: 'ok' });
      assert.equal(reading.runtime.endpoint, `unix://${containerd.socketPath}`);
      assert.deepEqual(
        reading.containers.map((c) => c.id),
        ['web'],
      );
      assert.ok(docker.count(/^\/info$/) >= 1, 'Docker was asked');
    });
  }

  it('a setting (or CONTAINERD_ADDRESS) wins over discovery, and Docker is not asked for it', async () => {
    sources = createDefaultSources({
      env: { DOCKER_HOST: `unix://${docker.socketPath}` },
      engines: ['containerd'],
      containerdAddress: absentDefault(),
    });
    const reading = await containerdOf(sources).read();
    assert.equal(reading.runtime.status.state, 'missing');
    assert.equal(reading.runtime.endpoint, absentDefault());
    assert.equal(docker.count(/^\/info$/), 0);
  });
});
