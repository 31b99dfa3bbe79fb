// State mapping, raw-record validation, runtime chain and event parsing: the pure parts of the client.
import * as assert from 'node:assert/strict';
import {
  compareApiVersions,
  detectDockerInVm,
  dockerRuntimeChain,
  hasProcess,
  mapDockerState,
  parseDockerEvent,
  validateContainerList,
  validateInfo,
  validateInspect,
  validateVersion,
} from '../../../src/core/runtimes/docker';
import { requestedModes, ShapeError } from '../../../src/core/runtimes/shared/json';
import { toRuntimeStatus } from '../../../src/core/runtimes/shared/result';
import { formatEventTime } from '../../../src/core/runtimes/shared/watch';

describe('mapDockerState', () => {
  it('maps every Docker state to the model', () => {
    const cases: [string, string][] = [
      ['running', 'running'],
      ['paused', 'paused'],
      ['restarting', 'restarting'],
      ['created', 'created'],
      ['exited', 'exited'],
      ['dead', 'dead'],
      ['removing', 'unknown'],
      ['Running', 'running'],
      ['', 'unknown'],
      ['weird', 'unknown'],
    ];
    for (const [docker, model] of cases) assert.equal(mapDockerState(docker), model, docker);
    assert.equal(mapDockerState(undefined), 'unknown');
  });

  it('only running, paused and restarting containers have a process to inspect', () => {
    assert.deepEqual(['running', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing'].filter(hasProcess), [
      'running',
      'paused',
      'restarting',
    ]);
  });
});

describe('Docker record validation', () => {
  it('normalizes the list: names without slash, own name before link names, labels, NetworkMode', () => {
    const r = validateContainerList([
      {
        Id: 'a'.repeat(64),
        Names: ['/web/db', '/db'],
        Image: 'busybox',
        State: 'running',
        Status: 'Up 2 s',
        Labels: { x: 'y' },
        HostConfig: { NetworkMode: 'host' },
        Created: 5,
      },
      { Id: 'b'.repeat(64), Names: null, Labels: null },
    ]);
    assert.ok(!(r instanceof ShapeError));
    assert.deepEqual(r[0], {
      id: 'a'.repeat(64),
      names: ['web/db', 'db'],
      name: 'db',
      image: 'busybox',
      imageId: undefined,
      state: 'running',
      status: 'Up 2 s',
      labels: { x: 'y' },
      networkMode: 'host',
      created: 5,
    });
    assert.equal(r[1].name, 'b'.repeat(12));
    assert.deepEqual(r[1].labels, {});
  });

  it('rejects shapes that are not a container list', () => {
    for (const bad of [{}, 'x', [1], [{ Names: [] }], [{ Id: 'a', Names: 'x' }], [{ Id: 'a', Labels: { k: 1 } }]]) {
      assert.ok(validateContainerList(bad) instanceof ShapeError, JSON.stringify(bad));
    }
  });

  it('reads PID, namespace modes and labels from inspect', () => {
    const r = validateInspect({
      Id: 'c1',
      Name: '/anatomy-web',
      State: { Pid: 4242, Running: true, Paused: false, Status: 'running' },
      HostConfig: {
        NetworkMode: 'container:abc',
        PidMode: 'host',
        IpcMode: 'shareable',
        UTSMode: '',
        UsernsMode: '',
        CgroupnsMode: 'private',
      },
      Config: { Labels: { a: 'b' } },
    });
    assert.ok(!(r instanceof ShapeError));
    assert.equal(r.pid, 4242);
    // What the container was asked rides along, for the privileges explanation.
    assert.equal(r.request.engine, 'docker');
    assert.equal(r.request.privileged, false);
    const asked = validateInspect({
      Id: 'c2',
      State: { Pid: 0 },
      HostConfig: { Privileged: true, CapAdd: ['NET_ADMIN'], SecurityOpt: ['seccomp=unconfined'], Runtime: 'runsc' },
    });
    assert.ok(!(asked instanceof ShapeError));
    assert.deepEqual(
      [asked.request.privileged, asked.request.capAdd, asked.request.seccomp, asked.request.runtime],
      [true, ['NET_ADMIN'], 'unconfined', 'runsc'],
    );
    assert.equal(r.name, 'anatomy-web');
    assert.deepEqual(requestedModes(r.modes), {
      net: 'container:abc',
      pid: 'host',
      ipc: 'shareable',
      cgroup: 'private',
    });
    assert.ok(validateInspect({ Id: 'c', State: { Pid: -1 } }) instanceof ShapeError);
    assert.ok(validateInspect({ Id: 'c' }) instanceof ShapeError);
  });

  it('reads info: driver, cgroup version, containerd address (optional), rootless, runtimes', () => {
    const r = validateInfo({
      CgroupDriver: 'systemd',
      CgroupVersion: '2',
      Containerd: {
        Address: '/run/containerd/containerd.sock',
        Namespaces: { Containers: 'moby', Plugins: 'plugins.moby' },
      },
      SecurityOptions: ['name=seccomp,profile=builtin', 'name=rootless', 'name=cgroupns'],
      Runtimes: { runc: {}, crun: {} },
      DefaultRuntime: 'runc',
    });
    assert.ok(!(r instanceof ShapeError));
    assert.equal(r.containerdAddress, '/run/containerd/containerd.sock');
    assert.equal(r.containerdNamespace, 'moby');
    assert.equal(r.rootless, true);
    assert.deepEqual(r.runtimes, ['runc', 'crun']);
    const old = validateInfo({
      CgroupDriver: 'cgroupfs',
      CgroupVersion: '1',
      SecurityOptions: ['name=seccomp,profile=default'],
    });
    assert.ok(!(old instanceof ShapeError));
    assert.equal(old.containerdAddress, undefined);
    assert.equal(old.rootless, false);
  });

  it('builds the runtime chain from /version components', () => {
    const v = validateVersion({
      Version: '20.10.24+dfsg1',
      ApiVersion: '1.41',
      Platform: { Name: '' },
      Components: [
        { Name: 'Engine', Version: '20.10.24+dfsg1' },
        { Name: 'containerd', Version: '1.6.20~ds1' },
        { Name: 'runc', Version: '1.1.5+ds1' },
        { Name: 'docker-init', Version: '0.19.0' },
      ],
    });
    assert.ok(!(v instanceof ShapeError));
    assert.deepEqual(dockerRuntimeChain(v), [
      { name: 'dockerd', version: '20.10.24+dfsg1', role: 'engine' },
      { name: 'containerd', version: '1.6.20~ds1', role: 'cri' },
      { name: 'runc', version: '1.1.5+ds1', role: 'oci' },
    ]);
    const info = validateInfo({ DefaultRuntime: 'runsc' });
    assert.ok(!(info instanceof ShapeError));
    assert.deepEqual(dockerRuntimeChain(v, info).at(-1), { name: 'runsc', role: 'oci' });
    assert.equal(detectDockerInVm(v), undefined);
    assert.ok(validateVersion({ Version: 1 }) instanceof ShapeError);
  });

  it('detects Docker Desktop from Platform.Name', () => {
    const v = validateVersion({
      Version: '28.0.1',
      ApiVersion: '1.48',
      Platform: { Name: 'Docker Desktop 4.39.0 (184744)' },
    });
    assert.ok(!(v instanceof ShapeError));
    assert.match(detectDockerInVm(v)?.reason ?? '', /Docker Desktop/);
  });

  it('compares API versions numerically and maps errors to runtime statuses', () => {
    assert.ok(compareApiVersions('1.9', '1.24') < 0);
    assert.ok(compareApiVersions('1.41', '1.41') === 0);
    assert.ok(compareApiVersions('2.0', '1.51') > 0);
    assert.deepEqual(toRuntimeStatus({ kind: 'denied', detail: 'd' }), { state: 'denied', detail: 'd' });
    assert.deepEqual(toRuntimeStatus({ kind: 'too-old', detail: 'o' }), { state: 'too-old', detail: 'o' });
    assert.deepEqual(toRuntimeStatus({ kind: 'garbage', detail: 'g' }), { state: 'error', detail: 'g' });
  });
});

describe('parseDockerEvent', () => {
  it('keeps timeNano exact (beyond 2^53) and reads old and new field names', () => {
    const e = parseDockerEvent(
      '{"status":"start","id":"abc","from":"busybox","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"name":"x"}},"scope":"local","time":1700000000,"timeNano":1700000000123456789}',
    );
    assert.ok(typeof e !== 'string');
    assert.equal(e.timeNano, 1700000000123456789n);
    assert.deepEqual(
      [e.id, e.action, e.type, e.time, e.attributes.name],
      ['abc', 'start', 'container', 1700000000, 'x'],
    );
    const onlyActor = parseDockerEvent('{"Type":"container","Action":"die","Actor":{"ID":"def"},"time":5}');
    assert.ok(typeof onlyActor !== 'string');
    assert.equal(onlyActor.id, 'def');
    assert.equal(onlyActor.timeNano, 5_000_000_000n);
    assert.equal(typeof parseDockerEvent('{"Action":"x"}'), 'string');
    assert.equal(typeof parseDockerEvent('{oops'), 'string');
  });

  it('formats since= with nanosecond precision', () => {
    assert.equal(formatEventTime(1700000000000000042n), '1700000000.000000042');
    assert.equal(formatEventTime(1700000000123456789n), '1700000000.123456789');
  });
});
