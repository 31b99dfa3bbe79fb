import * as assert from 'node:assert/strict';
import { cgroupPathNamesContainer, isUserSessionPath, recogniseCgroupPath } from '../../../src/core/kernel';

const ID = '3f4e2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f';
const UID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('kernel/cgroupPath', () => {
  const cases: Array<[string, string, ReturnType<typeof recogniseCgroupPath>]> = [
    ['Docker, cgroupfs', `/docker/${ID}`, { driver: 'cgroupfs', engine: 'docker', containerId: ID }],
    ['Docker, systemd', `/system.slice/docker-${ID}.scope`, { driver: 'systemd', engine: 'docker', containerId: ID }],
    [
      'Podman rootful, systemd',
      `/machine.slice/libpod-${ID}.scope`,
      { driver: 'systemd', engine: 'podman', containerId: ID },
    ],
    [
      'Podman, systemd, inner /container',
      `/machine.slice/libpod-${ID}.scope/container`,
      { driver: 'systemd', engine: 'podman', containerId: ID },
    ],
    [
      'Podman rootless, systemd (v2)',
      `/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-${ID}.scope`,
      { driver: 'systemd', engine: 'podman', containerId: ID },
    ],
    [
      'Podman pod, systemd',
      `/machine.slice/machine-libpod_pod_abc123.slice/libpod-${ID}.scope`,
      { driver: 'systemd', engine: 'podman', containerId: ID, podId: 'abc123' },
    ],
    ['Podman, cgroupfs', `/libpod_parent/libpod-${ID}`, { driver: 'cgroupfs', engine: 'podman', containerId: ID }],
    [
      'Podman pod, cgroupfs',
      `/libpod_parent/abc123/libpod-${ID}`,
      { driver: 'cgroupfs', engine: 'podman', containerId: ID, podId: 'abc123' },
    ],
    [
      'containerd (ctr), cgroupfs',
      '/default/redis',
      { driver: 'cgroupfs', engine: 'containerd', containerId: 'redis', containerdNamespace: 'default' },
    ],
    ['Docker in containerd moby namespace', `/docker/${ID}`, { driver: 'cgroupfs', engine: 'docker', containerId: ID }],
    [
      'kubepods, cgroupfs, burstable',
      `/kubepods/burstable/pod${UID}/${ID}`,
      { driver: 'cgroupfs', engine: 'kubernetes', containerId: ID, kubepods: { qos: 'burstable', podUid: UID } },
    ],
    [
      'kubepods, cgroupfs, guaranteed',
      `/kubepods/pod${UID}/${ID}`,
      { driver: 'cgroupfs', engine: 'kubernetes', containerId: ID, kubepods: { qos: 'guaranteed', podUid: UID } },
    ],
    [
      'kubepods, systemd, containerd CRI',
      `/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${UID.replace(/-/g, '_')}.slice/cri-containerd-${ID}.scope`,
      { driver: 'systemd', engine: 'containerd', containerId: ID, kubepods: { qos: 'besteffort', podUid: UID } },
    ],
    [
      'kubepods, systemd, CRI-O',
      `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${UID.replace(/-/g, '_')}.slice/crio-${ID}.scope`,
      { driver: 'systemd', engine: 'cri-o', containerId: ID, kubepods: { qos: 'burstable', podUid: UID } },
    ],
    ['login session', '/user.slice/user-1000.slice/session-2.scope', { driver: 'systemd' }],
    ['root', '/', { driver: 'unknown' }],
    ['Podman conmon is not the container', `/machine.slice/libpod-conmon-${ID}.scope`, { driver: 'systemd' }],
  ];
  for (const [name, p, expected] of cases) {
    it(`${name}: ${p.length > 70 ? p.slice(0, 67) + '…' : p}`, () =>
      assert.deepEqual(recogniseCgroupPath(p), expected));
  }

  it('restricts the weak /<ns>/<id> shape to known containerd namespaces when given', () => {
    assert.equal(
      recogniseCgroupPath('/process_api/d168905e', { containerdNamespaces: ['default', 'k8s.io'] }).engine,
      undefined,
    );
    assert.equal(
      recogniseCgroupPath('/k8s.io/abc', { containerdNamespaces: ['default', 'k8s.io'] }).containerdNamespace,
      'k8s.io',
    );
    assert.equal(recogniseCgroupPath('/user.slice/user-0.slice').engine, undefined);
  });

  describe('cgroupPathNamesContainer', () => {
    it('matches every shape above', () => {
      for (const p of [
        `/docker/${ID}`,
        `/system.slice/docker-${ID}.scope`,
        `/machine.slice/libpod-${ID}.scope/container`,
        `/libpod_parent/libpod-${ID}`,
        `/kubepods/besteffort/pod${UID}/${ID}`,
      ])
        assert.ok(cgroupPathNamesContainer(p, ID), p);
      assert.ok(cgroupPathNamesContainer('/default/redis', 'redis'));
    });
    it('does not match another container, a prefix, or nothing', () => {
      assert.equal(cgroupPathNamesContainer(`/docker/${ID}`, ID.slice(0, 12)), false);
      assert.equal(cgroupPathNamesContainer(`/docker/x${ID}`, ID), false);
      assert.equal(cgroupPathNamesContainer('/', ID), false);
      assert.equal(cgroupPathNamesContainer('/user.slice/user-1000.slice/session-2.scope', ID), false);
      assert.equal(cgroupPathNamesContainer(`/docker/${ID}`, ''), false);
      // The engine-in-a-VM case: the PID reported by Docker Desktop is some unrelated local process.
      assert.equal(cgroupPathNamesContainer('/process_api/d168905eb98bb630dc3fafbb83b14eaf', ID), false);
    });
  });

  it('isUserSessionPath', () => {
    assert.ok(isUserSessionPath('/user.slice/user-1000.slice/session-2.scope'));
    assert.ok(isUserSessionPath('/user.slice/user-1000.slice/user@1000.service/app.slice/foo.scope'));
    assert.ok(isUserSessionPath('/user.slice/user-1000.slice'));
    assert.equal(
      isUserSessionPath(`/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-${ID}.scope`),
      false,
    );
    assert.equal(isUserSessionPath('/system.slice/docker-x.scope'), false);
  });
});
