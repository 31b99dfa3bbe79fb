import * as assert from 'node:assert/strict';
import { isComposeFileName, mayBeManifest } from '../../../src/core/yaml';
import { hoverOn, markdownOn } from './helpers';

const COMPOSE = `name: demo
services:
  web:
    image: busybox
    network_mode: host
    pid: host
    ipc: "service:db"
    uts: host
    userns_mode: host
    cgroup: private
    cgroup_parent: /mine.slice
    privileged: true
    cap_add: [NET_ADMIN, SYS_TIME]
    cap_drop:
      - ALL
    security_opt:
      - seccomp:unconfined
      - apparmor=unconfined
      - label:disable
      - no-new-privileges:true
    read_only: true
    user: "0:0"
    mem_limit: 64m
    memswap_limit: 128m
    mem_reservation: 32m
    cpus: 0.5
    cpu_shares: 512
    cpu_quota: 50000
    cpuset: "0-1"
    pids_limit: 50
    deploy:
      resources:
        limits:
          memory: 1g
          cpus: "1.5"
          pids: 10
        reservations:
          memory: 512m
          cpus: "0.25"
    devices:
      - /dev/fuse:/dev/fuse
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
      - data:/data
      - type: bind
        source: /etc
        target: /host-etc
    tmpfs: /run
    shm_size: 128m
    sysctls:
      net.core.somaxconn: 1024
      net.ipv4.ip_unprivileged_port_start: 0
    ulimits:
      nofile: 1024
    init: true
    runtime: runsc
    oom_kill_disable: true
  db:
    image: busybox
    network_mode: "service:web"
`;

/** Each key of the list, with words its hover must hold. */
const EXPECTED: readonly (readonly [needle: string, words: readonly string[], nth?: number])[] = [
  ['network_mode', ['network namespace', '`host`', 'breaks *baseline*', 'hostNetwork', 'namespaces-cgroups']],
  ['pid:', ['pid namespace', 'breaks *baseline*', 'hostPID']],
  ['ipc:', ['IPC namespace', 'Joins the IPC namespace of the service `db`']],
  ['uts:', ['UTS namespace', "uses the host's"]],
  ['userns_mode', ['user namespace']],
  ['cgroup:', ['cgroup namespace', 'of its own']],
  ['cgroup_parent', ['parent', '/mine']],
  ['privileged', ['Every capability', 'no seccomp', 'breaks *baseline*', 'container-architecture']],
  ['cap_add', ['`CAP_NET_ADMIN`', '`CAP_SYS_TIME`', 'breaks *baseline*']],
  ['cap_drop', ['`CAP_ALL`', 'neither baseline nor restricted']],
  ['security_opt', ['`seccomp=unconfined`', 'AppArmor', 'SELinux', 'no_new_privs', 'breaks *baseline*']],
  ['read_only', ['MS_RDONLY']],
  ['user:', ['uid', 'breaks *restricted*']],
  ['mem_limit', ['`67108864`', '`memory.max`', '`memory.limit_in_bytes`']],
  ['memswap_limit', ['`134217728`', 'memory.swap.max', 'memory.memsw.limit_in_bytes']],
  ['mem_reservation', ['`33554432`', 'memory.low', 'memory.soft_limit_in_bytes']],
  ['cpus:', ['`50000 100000`', '`cpu.max`', 'cpu.cfs_quota_us']],
  ['cpu_shares', ['`cpu.shares` 512', '`cpu.weight` 20']],
  ['cpu_quota', ['`50000 100000` to `cpu.max`', 'Writes `50000` to `cpu.cfs_quota_us`', '0.5 CPUs']],
  ['cpuset', ['cpuset.cpus', '`0-1`']],
  ['pids_limit', ['`50`', '`pids.max`']],
  ['deploy', []],
  ['resources', ['limits', 'cgroup files']],
  ['memory: 1g', ['`1073741824`', 'memory.max']],
  ['"1.5"', ['`150000 100000`']],
  ['memory: 512m', ['`536870912`', 'memory.low']],
  ['pids: 10', ['Writes `10` to `pids.max`']],
  ['cpus: "0.25"', ['No cgroup file', 'Swarm', '`cpu_shares`']],
  ['devices', ['device', '/dev/fuse']],
  ['volumes', ['mount namespace', "container engine's socket", 'breaks *baseline*', 'hostPath']],
  ['tmpfs', ['tmpfs', 'memory cgroup']],
  ['shm_size', ['`/dev/shm`', '`size=134217728`']],
  ['sysctls', ['/proc/sys', 'breaks *baseline*', 'net.core.somaxconn']],
  ['ulimits', ['setrlimit', 'RLIMIT_NOFILE']],
  ['init', ['PID 1', 'zombies']],
  ['runtime', ['gVisor', 'runsc']],
  ['oom_kill_disable', ['OOM killer', 'memory.oom_control']],
];

describe('compose hovers: every isolation key', () => {
  for (const [needle, words, nth] of EXPECTED) {
    it(`${needle}`, () => {
      if (needle === 'deploy') {
        assert.equal(hoverOn(COMPOSE, 'deploy:', 'compose'), undefined, 'deploy alone is not an isolation key');
        return;
      }
      const text = markdownOn(COMPOSE, needle, 'compose', nth);
      for (const w of words) assert.ok(text.includes(w), `"${w}" in the ${needle} hover:\n${text}`);
      assert.match(text, /\]\(https:\/\/(github\.com\/compose-spec\/compose-spec\/blob\/main\/|kubernetes\.io)/);
      assert.match(text, /\(command:containerAnatomy\.openDiagram\?/);
    });
  }

  it('a sequence item speaks of that item only', () => {
    const text = markdownOn(COMPOSE, 'SYS_TIME', 'compose');
    assert.ok(text.includes('`CAP_SYS_TIME`') && !text.includes('CAP_NET_ADMIN'), text);
    const sock = markdownOn(COMPOSE, '/var/run/docker.sock:/var', 'compose');
    assert.ok(sock.includes("container engine's socket"), sock);
    const named = markdownOn(COMPOSE, 'data:/data', 'compose');
    assert.ok(named.includes('breaks neither'), `a named volume breaks nothing:\n${named}`);
    const bind = markdownOn(COMPOSE, 'source: /etc', 'compose');
    assert.ok(bind.includes('/etc') && bind.includes('breaks *baseline*'), bind);
  });

  it('the value under the cursor gives the hover of its key', () => {
    const text = markdownOn(COMPOSE, '64m', 'compose');
    assert.ok(text.includes('`67108864`'), text);
    const joined = markdownOn(COMPOSE, 'service:web', 'compose');
    assert.ok(joined.includes('Joins the network namespace of the service `web`'), joined);
  });

  it('no hover on keys that do not change isolation, nor outside services', () => {
    assert.equal(hoverOn(COMPOSE, 'image', 'compose'), undefined);
    assert.equal(hoverOn(COMPOSE, 'name: demo', 'compose'), undefined);
    assert.equal(hoverOn('x-privileged: true\n', 'privileged', 'compose'), undefined);
  });

  it('document text is escaped: a hostile value renders as itself', () => {
    const text = markdownOn(
      'services:\n  a:\n    cgroup_parent: "[x](command:workbench.action.terminal.new) <img>"\n',
      'cgroup_parent',
      'compose',
    );
    // Inside a code span nothing is markup: no link, no HTML.
    assert.ok(text.includes('`[x](command:workbench.action.terminal.new) <img>`'), text);
    const outsideCode = text.replace(/`[^`]*`/g, '');
    assert.ok(!outsideCode.includes('command:workbench') && !outsideCode.includes('<img'), text);
  });
});

describe('which files get YAML hovers', () => {
  it('compose file names', () => {
    for (const name of [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yml',
      'docker-compose.prod.yml',
      'compose.override.yaml',
      '/a/b/docker-compose.yaml',
    ]) {
      assert.ok(isComposeFileName(name), name);
    }
    for (const name of ['values.yaml', 'my-compose.yml', 'compose.json', 'docker-compose.yml.bak'])
      assert.ok(!isComposeFileName(name), name);
  });

  it('manifests: top-level apiVersion and kind, checked cheaply', () => {
    assert.ok(mayBeManifest('apiVersion: v1\nkind: Pod\n'));
    assert.ok(!mayBeManifest('name: x\nkind: y\n'));
    assert.ok(!mayBeManifest('a:\n  apiVersion: v1\n  kind: Pod\n'));
  });
});
