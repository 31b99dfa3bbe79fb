// Podman's raw answers → records → model, fed with output captured from this machine's Podman 4.3
// (test/fixtures/podman/: `api-*` from the libpod socket, `cli-*` from `podman … --format json`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  detectPodmanInVm,
  lookupUser,
  mapPodmanState,
  parsePodmanEvent,
  podmanContainerInfo,
  podmanRuntimeChain,
  resolvePodmanEndpoint,
  rfc3339ToNano,
  ROOTLESS_V1_NOTE,
  uidFromRootlessSocket,
  validatePodmanContainerList,
  validatePodmanInfo,
  validatePodmanInspect,
  validatePodmanInspectList,
  validatePodmanPodList,
  versionFromText,
  cliCommand,
  locateRunuser,
  type PodmanContainerRecord,
  type PodmanInfoRecord,
  type PodmanInspectRecord,
  type PodmanPodRecord,
} from '../../../src/core/runtimes/podman';
import { requestedModes as podmanRequestedModes, ShapeError } from '../../../src/core/runtimes/shared/json';
import { repoRoot } from '../../support/repoRoot';

const FIX = path.join(repoRoot(), 'test', 'fixtures', 'podman');
const raw = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(FIX, name), 'utf8'));
function ok<T>(v: T | ShapeError): T {
  if (v instanceof ShapeError) assert.fail(v.message);
  return v;
}

describe('Podman records (fixtures from real Podman 4.3)', () => {
  let apiList: PodmanContainerRecord[];
  let cliList: PodmanContainerRecord[];
  let apiPods: PodmanPodRecord[];
  let cliPods: PodmanPodRecord[];

  before(() => {
    apiList = ok(validatePodmanContainerList(raw('api-containers.json')));
    cliList = ok(validatePodmanContainerList(raw('cli-ps.json')));
    apiPods = ok(validatePodmanPodList(raw('api-pods.json')));
    cliPods = ok(validatePodmanPodList(raw('cli-pod-ps.json')));
  });

  it('reads the libpod list and the CLI list into the same ids, names, PIDs and pods', () => {
    const byId = (l: PodmanContainerRecord[]) => new Map(l.map((c) => [c.id, c]));
    const a = byId(apiList);
    const c = byId(cliList);
    assert.deepEqual([...a.keys()].sort(), [...c.keys()].sort());
    for (const [id, rec] of a) {
      const other = c.get(id);
      assert.ok(other);
      assert.equal(other.name, rec.name);
      assert.equal(other.pid, rec.pid);
      assert.equal(other.podId, rec.podId);
      assert.equal(other.isInfra, rec.isInfra);
      assert.equal(other.image, rec.image);
    }
    // The differences the normalizer has to absorb: the CLI says the human status, the API the pod name.
    assert.ok(cliList.some((r) => r.status.startsWith('Up ')));
    assert.ok(apiList.every((r) => r.status === ''));
    assert.ok(apiList.some((r) => r.podName === 'anatomy-pod'));
    assert.ok(cliList.every((r) => r.podName === ''));
    assert.match(apiList[0].namespaceInodes.Net ?? '', /^\d+$/);
  });

  it('groups pods: members and the infra container carry the pod id and name, infra flagged', () => {
    for (const [list, pods] of [
      [apiList, apiPods],
      [cliList, cliPods],
    ] as const) {
      assert.equal(pods.length, 1);
      const pod = pods[0];
      assert.equal(pod.name, 'anatomy-pod');
      assert.equal(pod.containerIds.length, 3);
      const infos = list.map((c) => podmanContainerInfo(c, { runtime: 'podman', pods }));
      const members = infos.filter((i) => i.pod?.name === 'anatomy-pod');
      assert.deepEqual(
        members
          .map((m) => m.name)
          .filter((n) => !n.endsWith('-infra'))
          .sort(),
        ['anatomy-pod-a', 'anatomy-pod-b'],
      );
      const infra = members.filter((m) => m.pod?.infra);
      assert.equal(infra.length, 1);
      assert.equal(infra[0].id, pod.infraId);
      assert.ok(members.every((m) => m.pod?.id === pod.id));
      const alone = infos.find((i) => i.name === 'anatomy-podman-limits');
      assert.equal(alone?.pod, undefined);
      assert.ok(infos.every((i) => i.key === `podman::${i.id}` && typeof i.pid === 'number' && i.pid > 0));
    }
  });

  it('keeps hostile label values as plain data', () => {
    const hostile = apiList.find((c) => c.name === 'anatomy-podman-hostile');
    assert.ok(hostile);
    assert.equal(hostile.labels['anatomy.hostile.html'], '<img src=x onerror=alert(1)>');
  });

  it('reads namespace modes from inspect (API and CLI): pod members join the infra container', () => {
    const apiA = ok(validatePodmanInspect(raw('api-inspect-pod-a.json')));
    const apiInfra = ok(validatePodmanInspect(raw('api-inspect-infra.json')));
    const cli = ok(validatePodmanInspectList(raw('cli-inspect.json')));
    const cliA = cli.find((r) => r.name === 'anatomy-pod-a') as PodmanInspectRecord;
    assert.deepEqual(cliA.modes, apiA.modes);
    const modes = podmanRequestedModes(apiA.modes);
    assert.equal(modes.net, `container:${apiInfra.id}`);
    assert.equal(modes.ipc, `container:${apiInfra.id}`);
    assert.equal(modes.uts, `container:${apiInfra.id}`);
    assert.equal(modes.pid, 'private');
    assert.equal(modes.user, undefined); // '' = engine default
    assert.equal(apiInfra.isInfra, true);
    assert.equal(apiA.podId, apiInfra.podId);
    assert.match(apiA.cgroupPath ?? '', new RegExp(`libpod-${apiA.id}`));
    assert.equal(apiA.image, 'localhost/anatomy-busybox:latest');
    // The request (EffectiveCaps among it) rides along, and reaches the ContainerInfo.
    assert.equal(apiA.request.engine, 'podman');
    assert.ok(apiA.request.capabilities?.includes('CHOWN'), String(apiA.request.capabilities));
    const info = podmanContainerInfo(apiList.find((c) => c.id === apiA.id) as PodmanContainerRecord, {
      runtime: 'podman',
      pods: apiPods,
      inspected: new Map([[apiA.id, apiA]]),
    });
    assert.equal(info.privilegeRequest, apiA.request);
    assert.equal(info.requestedModes?.net, `container:${apiInfra.id}`);
  });

  it('reads info: version, cgroup manager and version, rootless, runc and conmon versions', () => {
    const api = ok(validatePodmanInfo(raw('api-info.json')));
    const cli = ok(validatePodmanInfo(raw('cli-info.json')));
    const rootless = ok(validatePodmanInfo(raw('api-info-rootless.json')));
    for (const i of [api, cli]) {
      assert.equal(i.version, '4.3.1');
      assert.equal(i.rootless, false);
      assert.equal(i.cgroupVersion, '1');
      assert.equal(i.cgroupManager, 'cgroupfs');
      assert.equal(i.ociRuntime?.name, 'runc');
      assert.equal(i.ociRuntime?.version, '1.1.5+ds1');
      assert.equal(i.conmon?.version, '2.1.6');
      assert.equal(i.serviceIsRemote, false);
    }
    assert.equal(rootless.rootless, true);
    assert.equal(detectPodmanInVm(api), undefined);
    assert.deepEqual(
      podmanRuntimeChain(cli, 'cli').map((l) => `${l.role}:${l.name} ${l.version}`),
      ['cli:podman 4.3.1', 'monitor:conmon 2.1.6', 'oci:runc 1.1.5+ds1'],
    );
    assert.equal(podmanRuntimeChain(api, 'socket')[0].role, 'engine');
  });

  it('a remote service (Podman machine) keeps PIDs out and says why', () => {
    const info = { ...ok(validatePodmanInfo(raw('api-info.json'))), serviceIsRemote: true } satisfies PodmanInfoRecord;
    const inVm = detectPodmanInVm(info);
    assert.ok(inVm);
    const c = podmanContainerInfo(apiList[0], { runtime: 'podman', pods: apiPods, inVm });
    assert.equal(c.pid, undefined);
    assert.match(c.kernelDetailNote ?? '', /not on this kernel/);
  });

  it('notes that rootless on cgroup v1 has no per-container cgroup', () => {
    const list = ok(validatePodmanContainerList(raw('api-containers-rootless.json')));
    const cliList2 = ok(validatePodmanContainerList(raw('cli-ps-rootless.json')));
    assert.deepEqual(
      list.map((c) => [c.id, c.pid]),
      cliList2.map((c) => [c.id, c.pid]),
    );
    const c = podmanContainerInfo(list[0], { runtime: 'podman-rootless', pods: [], rootlessOnV1: true });
    assert.equal(c.kernelDetailNote, ROOTLESS_V1_NOTE);
    assert.ok(c.pid && c.pid > 0);
    assert.equal(c.key, `podman-rootless::${c.id}`);
  });

  it('maps every libpod state', () => {
    const cases: [string, string][] = [
      ['running', 'running'],
      ['stopping', 'running'],
      ['paused', 'paused'],
      ['created', 'created'],
      ['configured', 'created'],
      ['initialized', 'created'],
      ['exited', 'exited'],
      ['stopped', 'exited'],
      ['removing', 'unknown'],
      ['', 'unknown'],
      ['Running', 'running'],
    ];
    for (const [from, to] of cases) assert.equal(mapPodmanState(from), to, from);
  });

  it('a stopped container has no PID even if the list says one, and says why', () => {
    const rec = { ...apiList[0], state: 'exited', pid: 0 };
    const c = podmanContainerInfo(rec, { runtime: 'podman', pods: [] });
    assert.equal(c.state, 'exited');
    assert.equal(c.pid, undefined);
    assert.match(c.kernelDetailNote ?? '', /not running/);
  });

  it('rejects wrong shapes with a message naming the field', () => {
    assert.ok(validatePodmanContainerList({}) instanceof ShapeError);
    assert.match((validatePodmanContainerList([{ Id: 'zz' }]) as ShapeError).message, /Id/);
    assert.match((validatePodmanContainerList([{ Id: 'a'.repeat(64), Pid: -1 }]) as ShapeError).message, /Pid/);
    assert.match(
      (validatePodmanContainerList([{ Id: 'a'.repeat(64), Labels: { x: 1 } }]) as ShapeError).message,
      /Labels\.x/,
    );
    assert.ok(validatePodmanInfo({ host: {} }) instanceof ShapeError);
    assert.ok(validatePodmanInspect({ Id: 'x' }) instanceof ShapeError);
    assert.ok(validatePodmanInspectList({}) instanceof ShapeError);
    assert.ok(validatePodmanPodList('x') instanceof ShapeError);
    assert.deepEqual(validatePodmanContainerList(null), []);
  });

  it('parses events from the API (docker-compatible shape) and the CLI (libpod shape) alike', () => {
    const lines = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8').split('\n').filter(Boolean);
    const api = lines('api-events.ndjson').map(parsePodmanEvent);
    const cli = lines('cli-events.ndjson').map(parsePodmanEvent);
    const summary = (l: typeof api) =>
      l.map((e) => (typeof e === 'string' ? e : `${e.type}:${e.action}:${e.id.slice(0, 12)}`));
    assert.deepEqual(summary(api), summary(cli));
    assert.deepEqual(
      api.map((e) => (typeof e === 'string' ? e : e.action)),
      ['create', 'init', 'start', 'died', 'remove'],
    );
    const first = api[0];
    assert.ok(typeof first !== 'string' && first.timeNano !== undefined && first.timeNano > 10n ** 18n);
    assert.equal(typeof parsePodmanEvent('{"Type":"container"'), 'string');
    assert.equal(typeof parsePodmanEvent('[]'), 'string');
    assert.equal(rfc3339ToNano('2026-11-30T04:40:02.571684482Z'), 1796013602571684482n);
    assert.equal(rfc3339ToNano('2026-11-30T04:40:02Z'), 1796013602000000000n);
    assert.equal(rfc3339ToNano('yesterday'), undefined);
  });

  it('takes version tokens out of `--version` texts', () => {
    assert.equal(versionFromText('conmon version 2.1.6, commit: unknown'), '2.1.6');
    assert.equal(versionFromText('crun version 1.8.1\ncommit: abc'), '1.8.1');
    assert.equal(versionFromText(undefined), undefined);
  });
});

describe('Podman endpoint resolution', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podman-endpoint-'));
  const passwd = path.join(dir, 'passwd');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  before(() => {
    fs.writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\nanatomy:x:1001:1001::/home/anatomy:/bin/bash\n');
  });

  it('rootful: /run/podman/podman.sock, CLI fallback only as root', () => {
    const asRoot = resolvePodmanEndpoint({ kind: 'podman', uid: 0, env: {} });
    assert.equal(asRoot.socketPath, '/run/podman/podman.sock');
    assert.ok(asRoot.cli);
    const asUser = resolvePodmanEndpoint({ kind: 'podman', uid: 1000, env: {} });
    assert.equal(asUser.cli, undefined);
    assert.match(asUser.cliRefusal ?? '', /non-root/);
  });

  it('rootless: $XDG_RUNTIME_DIR/podman/podman.sock for the current user', () => {
    const ep = resolvePodmanEndpoint({
      kind: 'podman-rootless',
      uid: 1000,
      env: { XDG_RUNTIME_DIR: '/run/user/1000/' },
    });
    assert.equal(ep.socketPath, '/run/user/1000/podman/podman.sock');
    assert.equal(ep.cli?.runAs, undefined);
    assert.equal(
      resolvePodmanEndpoint({ kind: 'podman-rootless', uid: 1000, env: {} }).socketPath,
      '/run/user/1000/podman/podman.sock',
    );
  });

  it('CONTAINER_HOST overrides for the current user’s own kind only; a remote one means CLI only', () => {
    const ep = resolvePodmanEndpoint({
      kind: 'podman-rootless',
      uid: 1000,
      env: { CONTAINER_HOST: 'unix:///tmp/p.sock' },
    });
    assert.equal(ep.socketPath, '/tmp/p.sock');
    assert.equal(ep.cli, undefined);
    const rootful = resolvePodmanEndpoint({ kind: 'podman', uid: 1000, env: { CONTAINER_HOST: 'unix:///tmp/p.sock' } });
    assert.equal(rootful.socketPath, '/run/podman/podman.sock');
    const remote = resolvePodmanEndpoint({
      kind: 'podman',
      uid: 0,
      env: { CONTAINER_HOST: 'ssh://core@machine/run/podman/podman.sock' },
    });
    assert.equal(remote.socketPath, undefined);
    assert.equal(remote.cliOnly, true);
  });

  it('root reading rootless: the user comes from cliUser or from the /run/user/<uid>/ socket', () => {
    const ep = resolvePodmanEndpoint({
      kind: 'podman-rootless',
      uid: 0,
      env: { CONTAINER_HOST: 'unix:///x' },
      rootlessSockets: ['/run/user/1001/podman/podman.sock'],
      passwdPath: passwd,
      runuserPath: '/opt/bin/runuser',
    });
    assert.equal(ep.socketPath, '/run/user/1001/podman/podman.sock');
    assert.deepEqual(ep.cli?.runAs, { user: 'anatomy', uid: 1001, home: '/home/anatomy' });
    assert.equal(ep.cli?.env?.CONTAINER_HOST, undefined);
    const cmd = cliCommand(ep.cli!, ['ps', '-a']);
    assert.deepEqual(cmd, {
      file: '/opt/bin/runuser',
      args: [
        '-u',
        'anatomy',
        '--',
        'env',
        '-u',
        'CONTAINER_HOST',
        'XDG_RUNTIME_DIR=/run/user/1001',
        'HOME=/home/anatomy',
        'podman',
        'ps',
        '-a',
      ],
    });
    // The long-lived events child: both runuser and the podman under it die with their parent.
    const tied = cliCommand({ ...ep.cli!, setprivPath: '/usr/bin/setpriv' }, ['events'], { tiedToParent: true });
    assert.deepEqual(tied, {
      file: '/usr/bin/setpriv',
      args: [
        '--pdeathsig',
        'KILL',
        '--',
        '/opt/bin/runuser',
        '-u',
        'anatomy',
        '--',
        '/usr/bin/setpriv',
        '--pdeathsig',
        'KILL',
        '--',
        'env',
        '-u',
        'CONTAINER_HOST',
        'XDG_RUNTIME_DIR=/run/user/1001',
        'HOME=/home/anatomy',
        'podman',
        'events',
      ],
    });
    const named = resolvePodmanEndpoint({
      kind: 'podman-rootless',
      uid: 0,
      env: {},
      cliUser: 'anatomy',
      passwdPath: passwd,
    });
    assert.equal(named.cli?.runAs?.uid, 1001);
    // With no PATH at all, runuser is still found where it is installed (util-linux: /usr/sbin or /sbin).
    const installed = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => fs.existsSync(p));
    assert.ok(installed, 'util-linux installs runuser in /usr/sbin or /sbin');
    assert.equal(named.cli?.runuserPath, installed);
    const none = resolvePodmanEndpoint({ kind: 'podman-rootless', uid: 0, env: {}, passwdPath: passwd });
    assert.equal(none.cli, undefined);
    assert.match(none.cliRefusal ?? '', /cliUser/);
    assert.equal(uidFromRootlessSocket('/var/run/x.sock'), undefined);
    assert.equal(lookupUser('nobody-here', passwd), undefined);
  });

  it('locateRunuser takes the first candidate that exists, else leaves the lookup to PATH', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-runuser-'));
    try {
      const present = path.join(dir, 'runuser');
      fs.writeFileSync(present, '');
      assert.equal(locateRunuser([path.join(dir, 'missing'), present]), present);
      assert.equal(locateRunuser([path.join(dir, 'missing')]), 'runuser');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
