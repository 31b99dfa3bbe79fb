/**
 * The request parsers over real inspect output captured on the test host (test/fixtures/privileges/
 * inspect: `docker inspect`, `podman inspect`, `ctr containers info` of containers made with the
 * flags named in each file), and over hostile shapes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseSecurityOpt,
  requestFromDockerInspect,
  requestFromPodmanInspect,
} from '../../../src/core/privileges/engineRequest';
import { requestFromOciSpec } from '../../../src/core/privileges/ociRequest';
import { classifyRuntime } from '../../../src/core/privileges/runtime';
import { repoRoot } from '../../support/repoRoot';

const INSPECT = path.join(repoRoot(), 'test', 'fixtures', 'privileges', 'inspect');

function inspected(file: string): unknown {
  const parsed = JSON.parse(fs.readFileSync(path.join(INSPECT, file), 'utf8')) as unknown;
  return Array.isArray(parsed) ? parsed[0] : parsed;
}
function containerdInfo(file: string): { spec: unknown; runtime: string } {
  const info = inspected(file) as { Spec: unknown; Runtime: { Name: string } };
  return { spec: info.Spec, runtime: info.Runtime.Name };
}

describe('privileges: what Docker was asked', () => {
  it('default: nothing added, the default seccomp profile, writable rootfs, runc', () => {
    const r = requestFromDockerInspect(inspected('docker-default.json'));
    assert.deepEqual(
      [r.engine, r.privileged, r.capAdd, r.capDrop, r.seccomp, r.noNewPrivileges, r.readonlyRootfs, r.runtime],
      ['docker', false, [], [], 'default', false, false, 'runc'],
    );
    assert.deepEqual(r.mounts, []);
  });

  it('--cap-add / --cap-drop, normalized', () => {
    assert.deepEqual(requestFromDockerInspect(inspected('docker-capadd.json')).capAdd, ['NET_ADMIN', 'SYS_PTRACE']);
    assert.deepEqual(requestFromDockerInspect(inspected('docker-capdrop.json')).capDrop, ['CHOWN', 'NET_RAW']);
    const all = requestFromDockerInspect(inspected('docker-capall.json'));
    assert.deepEqual([all.capAdd, all.capDrop], [['ALL'], ['SYS_RESOURCE']]);
  });

  it('--privileged (created, not started): Privileged, and the label=disable Docker adds', () => {
    const r = requestFromDockerInspect(inspected('docker-privileged.json'));
    assert.equal(r.privileged, true);
    assert.deepEqual(r.selinux, ['disable']);
  });

  it('--security-opt seccomp=unconfined and no-new-privileges', () => {
    assert.equal(requestFromDockerInspect(inspected('docker-seccomp.json')).seccomp, 'unconfined');
    assert.equal(requestFromDockerInspect(inspected('docker-nnp.json')).noNewPrivileges, true);
  });

  it('mounts, read-only rootfs, user, ports and sysctls', () => {
    const r = requestFromDockerInspect(inspected('docker-sock.json'));
    assert.equal(r.readonlyRootfs, true);
    assert.equal(r.user, '1000:1000');
    assert.deepEqual(r.hostPorts, [18080]);
    assert.deepEqual(r.sysctls, ['net.ipv4.ip_forward']);
    assert.deepEqual(
      r.mounts.map((m) => [m.type, m.source, m.destination, m.readOnly]),
      [
        ['bind', '/var/run/docker.sock', '/var/run/docker.sock', false],
        ['bind', '/etc', '/host-etc', true],
        ['volume', '/var/lib/docker/volumes/anatomy-priv-vol/_data', '/data', false],
      ],
    );
  });

  it('takes hostile shapes as "not set" instead of throwing', () => {
    for (const bad of [null, 42, 'x', [], { HostConfig: 'x', Mounts: {}, Config: [] }]) {
      const r = requestFromDockerInspect(bad);
      assert.deepEqual([r.privileged, r.capAdd, r.mounts, r.hostPorts], [false, [], [], []]);
    }
    const weird = requestFromDockerInspect({
      HostConfig: {
        Privileged: 'true',
        CapAdd: ['NET_ADMIN', 7, null],
        PortBindings: { '80/tcp': [{ HostPort: 'x' }] },
      },
      Mounts: [{ Source: '/etc' }, { Destination: '/d', RW: false }],
    });
    assert.equal(weird.privileged, false);
    assert.deepEqual(weird.capAdd, ['NET_ADMIN']);
    assert.deepEqual(weird.hostPorts, []);
    assert.deepEqual(weird.mounts, [{ type: 'bind', destination: '/d', readOnly: true }]);
  });
});

describe('privileges: what Podman was asked', () => {
  it("default: Podman's EffectiveCaps (11) and its CapDrop of Docker's extras; OCIRuntime names runc", () => {
    const r = requestFromPodmanInspect(inspected('podman-default.json'));
    assert.equal(r.capabilities?.length, 11);
    assert.deepEqual(r.capDrop, ['AUDIT_WRITE', 'MKNOD', 'NET_RAW']);
    assert.equal(r.runtime, 'runc');
  });

  it('--uidmap 0:100000:65536: IDMappings and UsernsMode private', () => {
    const r = requestFromPodmanInspect(inspected('podman-uidmap.json'));
    assert.deepEqual(r.uidMappings, [{ inside: 0, outside: 100000, count: 65536 }]);
    assert.equal(r.usernsMode, 'private');
    assert.ok(r.capabilities?.includes('SYS_ADMIN'));
  });

  it('--privileged --security-opt seccomp=unconfined (created), and the rootless user with no-new-privileges', () => {
    const p = requestFromPodmanInspect(inspected('podman-privileged.json'));
    assert.deepEqual([p.privileged, p.seccomp, p.capDrop], [true, 'unconfined', ['SYS_RESOURCE']]);
    assert.equal(p.capabilities?.length, 40);
    const rootless = requestFromPodmanInspect(inspected('podman-rootless.json'));
    assert.equal(rootless.noNewPrivileges, true);
  });
});

describe('privileges: what an OCI spec asks (containerd)', () => {
  it('ctr run --cap-add CAP_NET_ADMIN --cap-drop CAP_MKNOD --seccomp', () => {
    const { spec, runtime } = containerdInfo('containerd-caps.json');
    const r = requestFromOciSpec(spec, runtime);
    assert.equal(r.engine, 'containerd');
    assert.ok(r.capabilities?.includes('NET_ADMIN'));
    assert.ok(!r.capabilities?.includes('MKNOD'));
    assert.deepEqual(
      [r.seccomp, r.noNewPrivileges, r.unmaskedPaths, r.runtime],
      ['profile', true, false, 'io.containerd.runc.v2'],
    );
    assert.equal(r.user, '0');
  });

  it("Docker's container in containerd's moby namespace: its own bind mounts marked, the user's kept", () => {
    const { spec } = containerdInfo('containerd-moby-sock.json');
    const r = requestFromOciSpec(spec);
    const binds = r.mounts.filter((m) => m.type === 'bind');
    assert.deepEqual(
      binds.filter((m) => !m.engineManaged).map((m) => [m.source, m.destination, m.readOnly]),
      [
        ['/etc', '/host-etc', true],
        ['/var/lib/docker/volumes/anatomy-priv-vol/_data', '/data', false],
        ['/var/run/docker.sock', '/var/run/docker.sock', false],
      ],
    );
    assert.deepEqual(
      binds.filter((m) => m.engineManaged).map((m) => m.destination),
      ['/etc/resolv.conf', '/etc/hostname', '/etc/hosts'],
    );
    assert.deepEqual([r.readonlyRootfs, r.user], [true, '1000']);
  });

  it('ctr run --uidmap: linux.uidMappings', () => {
    const { spec } = containerdInfo('containerd-userns.json');
    assert.deepEqual(requestFromOciSpec(spec).uidMappings, [{ inside: 0, outside: 200000, count: 65536 }]);
  });

  it('runtime names: runsc is gVisor, kata a VM, runc the host kernel', () => {
    const runsc = classifyRuntime(containerdInfo('containerd-runsc.json').runtime);
    assert.deepEqual(
      [runsc.name, runsc.family, runsc.sandbox],
      ['io.containerd.runsc.v1', 'gvisor', 'user-space-kernel'],
    );
    const kata = classifyRuntime(containerdInfo('containerd-kata.json').runtime);
    assert.deepEqual([kata.family, kata.sandbox], ['kata', 'vm']);
    assert.deepEqual(
      [classifyRuntime('runc').family, classifyRuntime('io.containerd.runc.v2').sandbox],
      ['runc', 'none'],
    );
    assert.equal(classifyRuntime('crun').family, 'crun');
    assert.equal(classifyRuntime('runsc').family, 'gvisor');
    assert.equal(classifyRuntime('kata-qemu').family, 'kata');
    assert.equal(classifyRuntime('my-runtime').family, 'other');
    assert.equal(classifyRuntime(undefined).family, 'unknown');
  });
});

describe('privileges: SecurityOpt', () => {
  it('reads both key=value and the old key:value, and what only Podman writes', () => {
    const o = parseSecurityOpt([
      'seccomp:unconfined',
      'apparmor=my-profile',
      'label=type:svirt_apache_t',
      'label:level:s0:c1',
      'no-new-privileges:true',
      'unmask=ALL',
    ]);
    assert.deepEqual(o, {
      seccomp: 'unconfined',
      apparmor: 'my-profile',
      selinux: ['type:svirt_apache_t', 'level:s0:c1'],
      noNewPrivileges: true,
      unmaskedPaths: true,
    });
    assert.equal(parseSecurityOpt(['seccomp={"defaultAction":"SCMP_ACT_ERRNO"}']).seccomp, 'profile');
    assert.equal(parseSecurityOpt(['no-new-privileges=false']).noNewPrivileges, false);
    assert.equal(parseSecurityOpt(['systempaths=unconfined']).unmaskedPaths, true);
  });
});
