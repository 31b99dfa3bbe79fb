/**
 * explainPrivileges: weak spots and the Pod Security Standards level, from kernel reports (fixture
 * trees for AppArmor/SELinux hosts, status text in the kernel's format) and engine requests (the
 * real inspect fixtures, or inspect-shaped objects for flags this host cannot run).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainPrivileges, readPrivileges, type PrivilegeReport } from '../../../src/core/privileges';
import { requestFromDockerInspect, requestFromPodmanInspect } from '../../../src/core/privileges/engineRequest';
import { parseProcStatus } from '../../../src/core/privileges/status';
import { describeIdMap, parseIdMap } from '../../../src/core/privileges/userMapping';
import { repoRoot } from '../../support/repoRoot';

const FIXTURES = path.join(repoRoot(), 'test', 'fixtures', 'privileges');
const IDENTITY = '0 0 4294967295';
const HOST_BOUNDING = { mask: '000001fffeffffff', names: [] as string[] };

function inspected(file: string): unknown {
  return (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'inspect', file), 'utf8')) as unknown[])[0];
}

function fixtureReport(host: 'apparmor-host' | 'selinux-host', pid: number): PrivilegeReport {
  const root = path.join(FIXTURES, host);
  return readPrivileges(path.join(root, 'proc'), pid, { sysRoot: path.join(root, 'sys') });
}

/** A report as readPrivileges makes it, from status lines and a uid_map, on a host with no LSM. */
function report(opts: {
  bnd: string;
  eff?: string;
  nnp?: 0 | 1;
  seccomp?: 0 | 2;
  uid?: number;
  uidMap?: string;
}): PrivilegeReport {
  const uid = opts.uid ?? 0;
  const status = parseProcStatus(
    [
      `Uid:\t${uid}\t${uid}\t${uid}\t${uid}`,
      `Gid:\t${uid}\t${uid}\t${uid}\t${uid}`,
      `CapEff:\t${opts.eff ?? opts.bnd}`,
      `CapBnd:\t${opts.bnd}`,
      `NoNewPrivs:\t${opts.nnp ?? 0}`,
      `Seccomp:\t${opts.seccomp ?? 2}`,
    ].join('\n'),
  );
  const map = parseIdMap(opts.uidMap ?? IDENTITY);
  return {
    pid: 4711,
    status,
    userMapping: { uid: describeIdMap(map, 'uid'), gid: describeIdMap(map, 'gid') },
    lsm: { kind: 'none', text: 'no LSM on this kernel' },
    hostLsm: { state: 'none', detail: 'no LSM on this kernel' },
    hostBounding: HOST_BOUNDING,
    issues: [],
  };
}

const ids = (e: ReturnType<typeof explainPrivileges>) => e.findings.map((f) => f.id);

describe('privileges: weak spots and Pod Security level', () => {
  it('a default Docker container on an AppArmor host: baseline, root is host root, no capability findings', () => {
    const r = fixtureReport('apparmor-host', 4242);
    assert.equal(r.lsm?.kind, 'apparmor');
    const e = explainPrivileges(r, requestFromDockerInspect(inspected('docker-default.json')), {
      memoryLimited: false,
      pidsLimited: true,
    });
    assert.equal(e.capabilities?.diff.text, 'default');
    assert.deepEqual(ids(e), ['root-is-host-root', 'no-memory-limit', 'writable-rootfs', 'no-new-privs-off']);
    assert.equal(e.podSecurity.level, 'baseline');
    assert.deepEqual(
      e.podSecurity.violations.map((v) => v.control),
      ['Privilege Escalation', 'Running as Non-root', 'Capabilities'],
    );
    assert.equal(e.runtime.family, 'runc');
  });

  it('apparmor=unconfined --cap-add SYS_ADMIN on an AppArmor host: unconfined and SYS_ADMIN, privileged level', () => {
    const r = fixtureReport('apparmor-host', 4343);
    const request = requestFromDockerInspect({
      HostConfig: { CapAdd: ['SYS_ADMIN'], SecurityOpt: ['apparmor=unconfined'], Runtime: 'runc' },
    });
    const e = explainPrivileges(r, request);
    assert.equal(e.capabilities?.diff.text, '+SYS_ADMIN');
    const sysAdmin = e.findings.find((f) => f.id === 'capability:SYS_ADMIN');
    assert.equal(sysAdmin?.severity, 'high');
    assert.equal(sysAdmin?.term, 'cap_sys_admin');
    const lsm = e.findings.find((f) => f.id === 'lsm-unconfined');
    assert.match(lsm?.title ?? '', /AppArmor/);
    assert.equal(e.podSecurity.level, 'privileged');
    const baseline = e.podSecurity.violations.filter((v) => v.breaks === 'baseline').map((v) => v.control);
    assert.deepEqual(baseline, ['Capabilities', 'AppArmor']);
  });

  it('SELinux label=disable (spc_t) in a user namespace, uid 1000 inside: unconfined, not host root', () => {
    const r = fixtureReport('selinux-host', 5353);
    const request = requestFromPodmanInspect({ HostConfig: { SecurityOpt: ['label=disable'] }, OCIRuntime: 'crun' });
    const e = explainPrivileges(r, request);
    assert.ok(ids(e).includes('lsm-unconfined'));
    assert.ok(!ids(e).includes('root-is-host-root'));
    assert.ok(!ids(e).includes('no-new-privs-off'));
    assert.equal(e.capabilities?.diff.text, 'default');
    assert.equal(e.podSecurity.level, 'privileged');
    assert.deepEqual(
      e.podSecurity.violations.map((v) => [v.breaks, v.control]),
      [
        ['baseline', 'SELinux'],
        ['restricted', 'Capabilities'],
      ],
    );
  });

  it('a default Podman container under SELinux (container_t) is baseline', () => {
    const e = explainPrivileges(
      fixtureReport('selinux-host', 5252),
      requestFromPodmanInspect(inspected('podman-default.json')),
    );
    assert.equal(e.capabilities?.diff.text, 'default');
    assert.ok(!ids(e).includes('lsm-unconfined'));
    assert.equal(e.podSecurity.level, 'baseline');
  });

  it('non-root, no_new_privs, seccomp filter, only NET_BIND_SERVICE, read-only: restricted', () => {
    const r = report({ bnd: '0000000000000400', eff: '0000000000000000', nnp: 1, uid: 1000 });
    const e = explainPrivileges(
      r,
      requestFromDockerInspect({
        HostConfig: { ReadonlyRootfs: true, CapDrop: ['ALL'], CapAdd: ['NET_BIND_SERVICE'] },
      }),
      {
        memoryLimited: true,
        pidsLimited: true,
      },
    );
    assert.deepEqual(ids(e), []);
    assert.deepEqual(e.podSecurity, { level: 'restricted', violations: [] });
  });

  it('--privileged, created and not started: the request alone says privileged, for every control', () => {
    const r: PrivilegeReport = { pid: 0, hostLsm: { state: 'none', detail: '' }, issues: [] };
    const e = explainPrivileges(r, requestFromDockerInspect(inspected('docker-privileged.json')));
    assert.equal(e.findings[0].id, 'privileged');
    assert.equal(e.podSecurity.level, 'privileged');
    assert.equal(e.podSecurity.unchecked, undefined);
    assert.deepEqual(
      e.podSecurity.violations.filter((v) => v.breaks === 'restricted').map((v) => [v.control, v.detail]),
      [
        ['Privilege Escalation', 'privileged'],
        ['Running as Non-root', 'privileged'],
        ['Seccomp', 'privileged'],
        ['Capabilities', 'privileged'],
      ],
    );
    assert.equal(e.capabilities, undefined);
  });

  it('a created container is judged by its request; with neither kernel nor request the level is at most baseline', () => {
    const none: PrivilegeReport = { pid: 0, hostLsm: { state: 'none', detail: '' }, issues: [] };
    const hardened = requestFromDockerInspect({
      Config: { User: '1000:1000' },
      HostConfig: { CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], ReadonlyRootfs: true },
    });
    assert.deepEqual(explainPrivileges(none, hardened).podSecurity, { level: 'restricted', violations: [] });
    const named = explainPrivileges(none, { ...hardened, user: 'app' });
    assert.deepEqual([named.podSecurity.level, named.podSecurity.unchecked], ['baseline', ['Running as Non-root']]);
    const nothing = explainPrivileges(none, undefined);
    assert.deepEqual(nothing.podSecurity.unchecked, [
      'Privilege Escalation',
      'Running as Non-root',
      'Seccomp',
      'Capabilities',
    ]);
    assert.equal(nothing.podSecurity.level, 'baseline');
  });

  it("under gVisor the kernel's figures are the sandbox's: restricted is judged from the request", () => {
    const sandboxProcess = report({ bnd: '0000000000000000', nnp: 1, uid: 1000 });
    const e = explainPrivileges(sandboxProcess, requestFromDockerInspect({ HostConfig: { Runtime: 'runsc' } }));
    assert.deepEqual(
      e.podSecurity.violations.map((v) => [v.control, v.detail]),
      [
        ['Privilege Escalation', 'no-new-privileges not set'],
        ['Running as Non-root', 'runs as root (no --user)'],
        ['Capabilities', 'does not drop ALL capabilities'],
      ],
    );
  });

  it('seccomp off says why: --privileged, asked unconfined, or an OCI spec without linux.seccomp', () => {
    const off = report({ bnd: '00000000a80425fb', seccomp: 0 });
    const asked = explainPrivileges(off, requestFromDockerInspect(inspected('docker-seccomp.json')));
    const finding = asked.findings.find((f) => f.id === 'seccomp-off');
    assert.equal(finding?.severity, 'high');
    assert.match(finding?.evidence ?? '', /Seccomp: 0 .*as asked \(seccomp=unconfined\)/);
    assert.ok(asked.podSecurity.violations.some((v) => v.breaks === 'baseline' && v.control === 'Seccomp'));
    const privileged = explainPrivileges(off, requestFromDockerInspect({ HostConfig: { Privileged: true } }));
    assert.match(privileged.findings.find((f) => f.id === 'seccomp-off')?.evidence ?? '', /because --privileged/);
    // ctr's default: no filter, never asked for: baseline allows an undefined profile, restricted does not.
    const ctr = explainPrivileges(off, { ...requestFromDockerInspect({}), engine: 'containerd', seccomp: 'unset' });
    assert.match(ctr.findings.find((f) => f.id === 'seccomp-off')?.evidence ?? '', /no linux\.seccomp/);
    assert.ok(!ctr.podSecurity.violations.some((v) => v.breaks === 'baseline'));
  });

  it('the engine socket, a host path, host namespaces, ports and sysctls', () => {
    const r = report({ bnd: '00000000a80425fb', eff: '0000000000000000', uid: 1000 });
    const e = explainPrivileges(r, requestFromDockerInspect(inspected('docker-sock.json')), {
      hostNamespaces: ['pid', 'net', 'cgroup', 'time'],
    });
    const byId = new Map(e.findings.map((f) => [f.id, f]));
    assert.equal(byId.get('engine-socket:/var/run/docker.sock')?.severity, 'high');
    assert.equal(byId.get('host-path:/host-etc')?.severity, 'medium');
    assert.equal(byId.get('host-path:/host-etc')?.title, 'Host /etc mounted read-only');
    assert.ok(byId.has('host-namespace:pid') && byId.has('host-namespace:net'));
    assert.ok(!byId.has('host-namespace:cgroup') && !byId.has('host-namespace:time'));
    assert.ok(!byId.has('root-is-host-root') && !byId.has('writable-rootfs'));
    assert.deepEqual(
      e.podSecurity.violations.filter((v) => v.breaks === 'baseline').map((v) => v.control),
      ['Host Namespaces', 'HostPath Volumes', 'Host Ports', 'Sysctls'],
    );
    assert.deepEqual(
      e.findings.map((f) => f.severity),
      [...e.findings.map((f) => f.severity)].sort(
        (a, b) => ['high', 'medium', 'low', 'info'].indexOf(a) - ['high', 'medium', 'low', 'info'].indexOf(b),
      ),
    );
  });

  it('--cap-add ALL: one "every capability" finding, not thirty', () => {
    const e = explainPrivileges(
      report({ bnd: '0000003ffeffffff' }),
      requestFromDockerInspect(inspected('docker-capall.json')),
    );
    assert.equal(e.capabilities?.diff.kind, 'all-but');
    assert.ok(ids(e).includes('all-capabilities'));
    assert.ok(!ids(e).some((id) => id.startsWith('capability:')));
  });

  it('a capability in its own user namespace is one step less severe', () => {
    const e = explainPrivileges(
      report({ bnd: '00000000a82425fb', uidMap: '0 100000 65536', uid: 100000 }),
      requestFromPodmanInspect(inspected('podman-uidmap.json')),
    );
    const sysAdmin = e.findings.find((f) => f.id === 'capability:SYS_ADMIN');
    assert.equal(sysAdmin?.severity, 'medium');
    assert.match(sysAdmin?.why ?? '', /own user namespace/);
    assert.ok(!ids(e).includes('root-is-host-root'));
  });

  it('a sandboxing runtime is said: gVisor and Kata', () => {
    const base = report({ bnd: '00000000a80425fb' });
    const gvisor = explainPrivileges(base, requestFromDockerInspect({ HostConfig: { Runtime: 'runsc' } }));
    const sandbox = gvisor.findings.find((f) => f.id === 'sandbox');
    assert.equal(sandbox?.severity, 'info');
    assert.match(sandbox?.why ?? '', /belong|sandbox's/);
    assert.equal(gvisor.runtime.sandbox, 'user-space-kernel');
    assert.match(gvisor.findings.find((f) => f.id === 'root-is-host-root')?.evidence ?? '', /the sandbox's process$/);
    const kata = explainPrivileges(
      base,
      requestFromDockerInspect({ HostConfig: { Runtime: 'io.containerd.kata.v2' } }),
    );
    assert.equal(kata.findings.find((f) => f.id === 'sandbox')?.title, 'Runs in a VM (Kata)');
  });

  it('without a request the engine in the context still gives the capability diff', () => {
    const e = explainPrivileges(report({ bnd: '00000000800405fb' }), undefined, { engine: 'podman' });
    assert.equal(e.capabilities?.diff.text, 'default');
    assert.equal(e.runtime.family, 'unknown');
  });
});

describe('privileges: the engine and the kernel disagree', () => {
  const bounding = (mask: string): PrivilegeReport => {
    const r = readPrivileges(path.join(FIXTURES, 'apparmor-host', 'proc'), 4242, {
      sysRoot: path.join(FIXTURES, 'apparmor-host', 'sys'),
    });
    return { ...r, status: parseProcStatus(`CapBnd:\t${mask}\nCapEff:\t${mask}`) };
  };

  it("a --cap-add the kernel did not grant (SYS_RESOURCE, outside this VM's bounding set)", () => {
    const e = explainPrivileges(
      bounding('00000000a80425fb'),
      requestFromDockerInspect({ HostConfig: { CapAdd: ['SYS_RESOURCE'] } }),
    );
    const f = e.findings.find((x) => x.id === 'capability-not-granted');
    assert.equal(f?.title, 'Asked for SYS_RESOURCE, not granted');
  });

  it("Podman's EffectiveCaps against CapBnd: equal says nothing, different says how", () => {
    const podman = requestFromPodmanInspect(inspected('podman-default.json'));
    const same = explainPrivileges(bounding('00000000800405fb'), podman);
    assert.ok(!same.findings.some((x) => x.id === 'capabilities-differ'));
    const other = explainPrivileges(bounding('00000000800425fb'), podman);
    assert.equal(
      other.findings.find((x) => x.id === 'capabilities-differ')?.evidence,
      "CapBnd against the engine's list: +NET_RAW",
    );
  });

  it('a sandboxed container is not compared: the host sees the sandbox', () => {
    const e = explainPrivileges(
      bounding('00000000a80425fb'),
      requestFromDockerInspect({ HostConfig: { CapAdd: ['SYS_RESOURCE'], Runtime: 'runsc' } }),
    );
    assert.ok(!e.findings.some((x) => x.id === 'capability-not-granted'));
  });
});

describe('privileges: plain data', () => {
  it('a report and its explanation survive JSON (no BigInt, nothing lost) for the CLI --json', () => {
    const r = fixtureReport('selinux-host', 5252);
    const e = explainPrivileges(r, requestFromPodmanInspect(inspected('podman-default.json')));
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
    assert.deepEqual(JSON.parse(JSON.stringify(e)), e);
  });

  it("on an AppArmor host Docker's inspect names the profile it applied", () => {
    const applied = requestFromDockerInspect({ AppArmorProfile: 'docker-default', HostConfig: {} });
    assert.equal(applied.apparmor, 'docker-default');
    const asked = requestFromDockerInspect({
      AppArmorProfile: 'docker-default',
      HostConfig: { SecurityOpt: ['apparmor=unconfined'] },
    });
    assert.equal(asked.apparmor, 'unconfined');
  });
});
