// What the hover says of the running container, from a snapshot. This host runs cgroup v1 and the
// snapshot does not read capabilities yet, so these containers are fixtures: a cgroup v2 report and
// a privilege report, shaped as the kernel readers produce them. The v1 path and the namespaces are
// checked against the real kernel in test/runtime/yaml-live.test.ts.
import * as assert from 'node:assert/strict';
import type { ContainerInfo, HostSnapshot } from '../../../src/core/model';
import { hoverOn } from './helpers';

const FILE = '/srv/shop/compose.yaml';

function fixtureSnapshot(): HostSnapshot {
  const web: ContainerInfo = {
    key: 'docker::web1',
    runtime: 'docker',
    id: 'web1',
    name: 'shop-web-1',
    image: 'busybox',
    state: 'running',
    labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' },
    namespaces: {
      entries: [
        {
          kind: 'net',
          read: { state: 'ok', inode: 4026532001 },
          verdict: { kind: 'isolated' },
          basis: { source: 'inode', word: 'inode' },
        },
      ],
    },
    cgroup: {
      version: '2',
      path: '/system.slice/docker-web1.scope',
      memory: { limitBytes: 67108864 },
      cpu: { cpus: 0.5, quotaUs: 50000, periodUs: 100000 },
      pids: { limit: 50, current: 3 },
    },
    privileges: {
      report: {
        pid: 10,
        status: {
          capabilities: { effective: { mask: '00000000a80425fb', names: ['CAP_CHOWN', 'CAP_NET_BIND_SERVICE'] } },
          seccomp: { mode: 'filter' },
        },
        hostLsm: { active: [] },
        issues: [],
      } as never,
      explanation: {} as never,
    },
  };
  return {
    takenAt: '2026-01-01T00:00:00Z',
    host: { cgroupVersion: '2', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [],
    containers: [web],
  };
}

const COMPOSE = `services:
  web:
    mem_limit: 64m
    cpus: 0.25
    pids_limit: 50
    network_mode: host
    cap_add: [NET_ADMIN]
`;

function live(needle: string): string {
  const hover = hoverOn(COMPOSE, needle, 'compose', { snapshot: fixtureSnapshot(), fileName: FILE });
  assert.ok(hover, needle);
  return hover.markdown;
}

describe('the live value beside the written one', () => {
  it('cgroup v2: memory.max as the kernel holds it, agreeing with the file', () => {
    const text = live('mem_limit');
    assert.ok(text.includes('`memory.max` holds `67108864` (64 MiB)'), text);
    assert.ok(!text.includes('Differs'), text);
    assert.ok(text.includes('command:containerAnatomy.revealInDiagram?%5B%22docker%3A%3Aweb1%22%5D'), text);
  });

  it('cpu.max and pids.max; a CPU limit that differs from the file says so', () => {
    const cpu = live('cpus');
    assert.ok(cpu.includes('`cpu.max` holds `50000 100000`'), cpu);
    assert.ok(cpu.includes('**Differs:** written 0.25 CPUs, the kernel allows 0.5'), cpu);
    const pids = live('pids_limit');
    assert.ok(pids.includes('`pids.max` holds `50`, 3 in use') && !pids.includes('Differs'), pids);
  });

  it('a namespace written `host` that is the container’s own: the verdict, the inode, and the difference', () => {
    const text = live('network_mode');
    assert.ok(text.includes('net namespace: its own `net:[4026532001]` (by inode)'), text);
    assert.ok(text.includes('**Differs:** written `host`'), text);
  });

  it('the effective capabilities, and an added one the process does not hold', () => {
    const text = live('cap_add');
    assert.ok(text.includes('Effective capabilities (2): `CAP_CHOWN` `CAP_NET_BIND_SERVICE`'), text);
    assert.ok(text.includes('**Differs:** written but not held: `NET_ADMIN`'), text);
  });

  it('no running container from the service: said once, no link', () => {
    const hover = hoverOn(COMPOSE.replace('web:', 'db:'), 'mem_limit', 'compose', {
      snapshot: fixtureSnapshot(),
      fileName: FILE,
    });
    assert.ok(hover?.markdown.includes('no running container from it'), hover?.markdown);
    assert.ok(!hover?.markdown.includes('revealInDiagram'), hover?.markdown);
  });
});
