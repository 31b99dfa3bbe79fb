// Which running container a service or a pod produced, by the engines' labels. The containers here
// are fixtures (plain ContainerInfo records with the labels Compose and the CRI set); the real ones
// are checked in test/runtime/yaml-live.test.ts.
import * as assert from 'node:assert/strict';
import type { ContainerInfo, HostSnapshot } from '../../../src/core/model';
import { composeProjectName, runningContainersOf } from '../../../src/core/yaml/match';

function container(
  name: string,
  labels: Record<string, string>,
  state: ContainerInfo['state'] = 'running',
): ContainerInfo {
  return { key: `docker::${name}`, runtime: 'docker', id: name, name, image: 'x', state, labels };
}

function snapshotOf(...containers: ContainerInfo[]): HostSnapshot {
  return {
    takenAt: '2026-01-01T00:00:00Z',
    host: { cgroupVersion: '2', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [],
    containers,
  };
}

const compose = (project: string, service: string, files?: string) => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  ...(files ? { 'com.docker.compose.project.config_files': files } : {}),
});

describe('the running containers of a compose service or a pod', () => {
  it("compose's default project name: the folder, lower case, only a-z 0-9 _ -", () => {
    assert.equal(composeProjectName('/home/me/My App.v2/compose.yaml'), 'myappv2');
    assert.equal(composeProjectName('/x/compose.yaml', 'Shop'), 'shop');
  });

  it('by project and service, or by the config file when the project was named with -p', () => {
    const snap = snapshotOf(
      container('a', compose('web', 'api')),
      container('b', compose('other', 'api', '/srv/web/compose.yaml')),
      container('c', compose('other', 'api', '/elsewhere/compose.yaml')),
      container('d', compose('web', 'api'), 'exited'),
    );
    const found = runningContainersOf(snap, { kind: 'compose', service: 'api' }, { fileName: '/srv/web/compose.yaml' });
    assert.deepEqual(
      found.map((c) => c.name),
      ['a', 'b'],
    );
  });

  it("a Pod by its name; a controller's pods by `<name>-`; a container by its CRI name; the sandbox first", () => {
    const cri = (pod: string, name: string, kind: string, ns = 'default') => ({
      'io.kubernetes.pod.name': pod,
      'io.kubernetes.pod.namespace': ns,
      'io.kubernetes.container.name': name,
      'io.cri-containerd.kind': kind,
    });
    const snap = snapshotOf(
      container('app', cri('web-7d9f-abcde', 'app', 'container')),
      container('pause', cri('web-7d9f-abcde', 'POD', 'sandbox')),
      container('other', cri('webhook-1', 'app', 'container')),
      container('elsewhere', cri('web-7d9f-abcde', 'app', 'container', 'shop')),
    );
    const deployment = { kind: 'kubernetes' as const, workload: 'Deployment', name: 'web' };
    assert.deepEqual(
      runningContainersOf(snap, deployment, { fileName: 'x' }).map((c) => c.name),
      ['pause', 'app'],
    );
    assert.deepEqual(
      runningContainersOf(snap, { ...deployment, container: 'app' }, { fileName: 'x' }).map((c) => c.name),
      ['app'],
    );
    assert.deepEqual(runningContainersOf(snap, { ...deployment, workload: 'Pod' }, { fileName: 'x' }), []);
  });
});
