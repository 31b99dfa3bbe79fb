import * as assert from 'node:assert/strict';
import type { HostSnapshot, NamespaceEntry } from '../../../src/core/model';
import { NAMESPACE_KINDS } from '../../../src/core/model';
import { mayEnterNamespaces, nsenterArgs } from '../../../src/core/shell/nsenter';
import { tooltipFor } from '../../../src/core/tree/tooltip';
import {
  ancestors,
  buildTree,
  containerNodeId,
  DEFAULT_TREE_OPTIONS,
  runtimeNodeId,
} from '../../../src/core/tree/treeModel';
import { namespaceReason, runtimeFix } from '../../../src/core/tree/texts';
import { container, HOSTILE_TEXTS, hostileSnapshot } from '../../support/snapshots';

const MiB = 1024 * 1024;

function entries(over: Partial<Record<string, NamespaceEntry['verdict']>> = {}, base = 4026531000): NamespaceEntry[] {
  return NAMESPACE_KINDS.map((kind, i) => ({
    kind,
    read: { state: 'ok', inode: base + i },
    verdict: over[kind] ?? { kind: 'isolated' },
  }));
}

/** A FAKE host: Docker with a limited and a stopped container, Podman with a pod, containerd with two namespaces, rootless denied. */
function snapshot(): HostSnapshot {
  return {
    takenAt: '2026-01-01T00:00:00Z',
    host: { cgroupVersion: 'hybrid', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [
      {
        kind: 'docker',
        endpoint: 'unix:///var/run/docker.sock',
        status: { state: 'ok' },
        version: '20.10.24',
        chain: [],
      },
      {
        kind: 'podman',
        endpoint: 'unix:///run/podman/podman.sock',
        status: { state: 'ok' },
        version: '4.3.1',
        chain: [],
      },
      {
        kind: 'podman-rootless',
        endpoint: 'unix:///run/user/1001/podman/podman.sock',
        status: { state: 'not-running', detail: 'nothing listens' },
        chain: [],
      },
      {
        kind: 'containerd',
        endpoint: 'unix:///run/containerd/containerd.sock',
        status: { state: 'ok' },
        version: '1.6.20',
        chain: [],
      },
    ],
    containers: [
      container({
        id: 'aaa',
        name: 'limits',
        namespaces: { entries: entries({ user: { kind: 'host' } }) },
        cgroup: {
          version: '1',
          driver: 'cgroupfs',
          path: '/docker/aaa',
          memory: { limitBytes: 64 * MiB, usageBytes: 12.3 * MiB },
          cpu: { cpus: 0.5 },
          pids: { limit: 50, current: 3 },
        },
      }),
      container({
        id: 'bbb',
        name: 'hostnet',
        requestedModes: { net: 'host' },
        namespaces: { entries: entries({ net: { kind: 'host' } }) },
        cgroup: { version: '1', path: '/docker/bbb', memory: { limitBytes: null }, pids: { limit: null } },
      }),
      container({ id: 'ccc', name: 'stopped', state: 'exited', pid: undefined }),
      container({
        id: 'p1',
        key: 'podman::p1',
        runtime: 'podman',
        name: 'pod-a',
        pod: { id: 'pod1', name: 'anatomy-pod' },
        namespaces: { entries: entries({ net: { kind: 'shared', withKeys: ['podman::p2'] } }) },
      }),
      container({
        id: 'p2',
        key: 'podman::p2',
        runtime: 'podman',
        name: 'pod-b',
        pod: { id: 'pod1', name: 'anatomy-pod' },
      }),
      container({
        id: 'k1',
        key: 'containerd:k8s.io:k1',
        runtime: 'containerd',
        containerdNamespace: 'k8s.io',
        name: 'k8s-app',
        pod: { name: 'web', namespace: 'default' },
      }),
      container({
        id: 'd1',
        key: 'containerd:default:d1',
        runtime: 'containerd',
        containerdNamespace: 'default',
        name: 'ctr-limits',
      }),
    ],
  };
}

describe('Containers tree model', () => {
  it('shapes runtime → containerd namespace → pod → container', () => {
    const m = buildTree(snapshot());
    assert.deepEqual(m.roots, ['runtime:docker', 'runtime:podman', 'runtime:podman-rootless', 'runtime:containerd']);
    const k8s = m.nodes.get(containerNodeId('containerd:k8s.io:k1'))!;
    assert.deepEqual(
      ancestors(m, k8s.id).map((n) => `${n.kind}:${n.label}`),
      ['pod:default/web', 'containerdNamespace:k8s.io', 'runtime:containerd'],
    );
    const podB = m.nodes.get(containerNodeId('podman::p2'))!;
    assert.deepEqual(
      ancestors(m, podB.id).map((n) => n.kind),
      ['pod', 'runtime'],
    );
    assert.equal(m.nodes.get(containerNodeId('docker::aaa'))!.parentId, 'runtime:docker');
    assert.match(m.nodes.get('runtime:docker')!.description!, /20\.10\.24 · unix:\/\/\/var\/run\/docker\.sock/);
  });

  it('gives stable ids: the same snapshot twice gives the same ids in the same order', () => {
    const a = buildTree(snapshot());
    const b = buildTree(snapshot());
    assert.deepEqual([...a.nodes.keys()], [...b.nodes.keys()]);
    assert.equal(new Set(a.nodes.keys()).size, a.nodes.size);
    for (const n of a.nodes.values())
      if (n.parentId) assert.ok(a.nodes.has(n.parentId), `${n.id} has a dangling parent`);
  });

  it('builds only the subtrees asked for (subtreesOf): every row, and the same children as a full build for those', () => {
    const full = buildTree(snapshot());
    const lazy = buildTree(snapshot(), { ...DEFAULT_TREE_OPTIONS, subtreesOf: new Set(['docker::aaa']) });
    const rows = (m: typeof full) => [...m.nodes.values()].filter((n) => n.kind === 'container').map((n) => n.id);
    assert.deepEqual(rows(lazy), rows(full));
    const under = (m: typeof full, key: string) =>
      [...m.nodes.values()].filter((n) => n.kind !== 'container' && n.containerKey === key);
    assert.deepEqual(under(lazy, 'docker::aaa'), under(full, 'docker::aaa'));
    assert.ok(under(full, 'docker::bbb').length > 0);
    assert.deepEqual(under(lazy, 'docker::bbb'), [], 'a container not asked for has no subtree yet');
    assert.equal(lazy.nodes.get(containerNodeId('docker::bbb'))!.collapsible, 'collapsed', 'it can still be expanded');
  });

  it('maps namespaces with inode and verdict, and the cgroup controllers with usage / limit', () => {
    const m = buildTree(snapshot());
    const id = containerNodeId('docker::aaa');
    const kids = (x: string) => (m.children.get(x) ?? []).map((c) => m.nodes.get(c)!);
    assert.deepEqual(
      kids(id).map((n) => n.label),
      ['Namespaces', 'Cgroup'],
    );
    const ns = kids(`${id}/namespaces`);
    assert.deepEqual(
      ns.map((n) => n.label),
      [...NAMESPACE_KINDS],
    );
    assert.equal(ns.find((n) => n.label === 'user')!.description, '[4026531006] shared with host');
    assert.equal(ns.find((n) => n.label === 'net')!.description, '[4026531003] isolated');
    assert.equal(ns.find((n) => n.label === 'net')!.copyText, 'net:[4026531003]');
    const cg = kids(`${id}/cgroup`);
    assert.deepEqual(
      cg.map((n) => `${n.label} ${n.description}`),
      ['path /docker/aaa', 'memory 12.3 MiB / 64 MiB', 'cpu 0.5 CPU', 'pids 3 / 50'],
    );
    const unlimited = kids(`${containerNodeId('docker::bbb')}/cgroup`);
    assert.deepEqual(
      unlimited.map((n) => n.description),
      ['/docker/bbb', 'unlimited', 'unlimited'],
    );
  });

  it("names the container a namespace is shared with, and says why a namespace is the host's", () => {
    const s = snapshot();
    const m = buildTree(s);
    const net = m.nodes.get(`${containerNodeId('podman::p1')}/namespaces/net`)!;
    assert.equal(net.description, '[4026531003] shared with pod-b');
    const hostnet = s.containers.find((c) => c.name === 'hostnet')!;
    assert.equal(
      namespaceReason(
        hostnet,
        hostnet.namespaces!.entries.find((e) => e.kind === 'net')!,
      ),
      'requested --network host',
    );
    const tip = tooltipFor(m.nodes.get(`${containerNodeId('podman::p1')}/namespaces/net`)!, s);
    assert.ok(
      tip.some((l) => l.heading === 'Why' && /pod anatomy-pod/.test(l.text)),
      JSON.stringify(tip),
    );
    assert.ok(tip.some((l) => l.heading === 'Isolates' && /network devices/.test(l.text)));
  });

  it('states: container states give context values; an engine in error is a runtime item with status and fix', () => {
    const m = buildTree(snapshot());
    assert.equal(m.nodes.get(containerNodeId('docker::aaa'))!.contextValue, 'runningContainer');
    assert.equal(m.nodes.get(containerNodeId('docker::ccc'))!.contextValue, 'stoppedContainer');
    const rootless = m.nodes.get(runtimeNodeId('podman-rootless'))!;
    assert.equal(rootless.contextValue, 'runtimeError');
    const msgs = (m.children.get(rootless.id) ?? []).map((id) => m.nodes.get(id)!.label);
    assert.ok(
      msgs.some((l) => l.includes('systemctl --user enable --now podman.socket')),
      msgs.join('\n'),
    );
    assert.match(
      runtimeFix({ kind: 'docker', endpoint: 'x', chain: [], status: { state: 'denied', detail: 'EACCES' } })!,
      /docker group/,
    );
    assert.match(
      runtimeFix({ kind: 'containerd', endpoint: 'x', chain: [], status: { state: 'denied', detail: 'EACCES' } })!,
      /root/,
    );
  });

  it('every engine missing means no engine: no items, the welcome explains', () => {
    const s = snapshot();
    s.runtimes = s.runtimes.map((r) => ({ ...r, status: { state: 'missing', detail: 'absent' } }));
    const m = buildTree(s);
    assert.equal(m.noEngine, true);
    assert.deepEqual(m.roots, []);
  });

  it('an engine in a VM says kernel details are not on this kernel', () => {
    const s = snapshot();
    s.runtimes[0] = { ...s.runtimes[0], inVm: { reason: 'Docker Desktop' } };
    const m = buildTree(s);
    const kids = (m.children.get('runtime:docker') ?? []).map((id) => m.nodes.get(id)!.label);
    assert.ok(kids[0].includes('not on this kernel'), kids[0]);
  });

  it("a namespace that could not be read (another user's process) says so in its tooltip", () => {
    const s = snapshot();
    s.containers[0].namespaces!.entries[3] = {
      kind: 'net',
      read: { state: 'denied', detail: 'EACCES' },
      verdict: { kind: 'unknown', reason: 'not readable' },
    };
    const m = buildTree(s);
    const node = m.nodes.get(`${containerNodeId('docker::aaa')}/namespaces/net`)!;
    assert.equal(node.contextValue, 'namespaceUnread');
    assert.ok(tooltipFor(node, s).some((l) => /ptrace-read/.test(l.text)));
  });

  it('filter, showStopped and groupBy', () => {
    const s = snapshot();
    const filtered = buildTree(s, { ...DEFAULT_TREE_OPTIONS, filter: 'LIM' });
    const shown = [...filtered.nodes.values()]
      .filter((n) => n.kind === 'container')
      .map((n) => n.label)
      .sort();
    assert.deepEqual(shown, ['ctr-limits', 'limits']);
    const running = buildTree(s, { ...DEFAULT_TREE_OPTIONS, showStopped: false });
    assert.equal(running.nodes.has(containerNodeId('docker::ccc')), false);
    const byRuntime = buildTree(s, { ...DEFAULT_TREE_OPTIONS, groupBy: 'runtime' });
    assert.equal(
      [...byRuntime.nodes.values()].some((n) => n.kind === 'pod'),
      false,
    );
    const flat = buildTree(s, { ...DEFAULT_TREE_OPTIONS, groupBy: 'none' });
    assert.ok(flat.roots.includes('runtime:podman-rootless'), 'the engine in error stays visible');
    assert.ok(flat.roots.includes(containerNodeId('docker::aaa')));
    assert.equal(flat.nodes.get(containerNodeId('docker::aaa'))!.parentId, undefined);
  });

  it('hostile names stay plain data: labels and tooltips carry them verbatim for the VS Code side to escape', () => {
    const s = hostileSnapshot();
    const m = buildTree(s);
    const names = [...m.nodes.values()].map((n) => n.label);
    assert.ok(names.includes(HOSTILE_TEXTS[0]));
    const node = m.nodes.get(containerNodeId('docker::b2'))!;
    assert.ok(tooltipFor(node, s).some((l) => l.text === HOSTILE_TEXTS[1]));
  });

  it('two engines of one kind (rootless Podman of two users) get distinct ids; containers appear once', () => {
    const s = snapshot();
    s.runtimes.push(
      {
        kind: 'podman-rootless',
        endpoint: 'unix:///run/user/1001/podman/podman.sock',
        status: { state: 'ok' },
        chain: [],
      },
      {
        kind: 'podman-rootless',
        endpoint: 'unix:///run/user/1002/podman/podman.sock',
        status: { state: 'ok' },
        chain: [],
      },
    );
    s.containers.push(
      container({ id: 'r1', key: 'podman-rootless::r1', runtime: 'podman-rootless', name: 'rootless' }),
    );
    const m = buildTree(s);
    const runtimes = m.roots.filter((r) => r.startsWith('runtime:podman-rootless'));
    assert.equal(runtimes.length, 3);
    assert.equal(new Set(runtimes).size, 3);
    assert.equal(
      m.nodes.get(containerNodeId('podman-rootless::r1'))!.parentId,
      'runtime:podman-rootless@unix:///run/user/1001/podman/podman.sock',
    );
    const second = m.nodes.get('runtime:podman-rootless@unix:///run/user/1002/podman/podman.sock')!;
    assert.match(tooltipFor(second, s).find((l) => l.heading === 'Endpoint')!.text, /1002/);
  });

  it('containers are in natural name order, whatever order the engine listed them in', () => {
    const s = snapshot();
    s.containers = ['web-10', 'web-2', 'api'].map((name) => container({ id: name, name }));
    const m = buildTree(s);
    assert.deepEqual(
      (m.children.get('runtime:docker') ?? []).map((id) => m.nodes.get(id)!.label),
      ['api', 'web-2', 'web-10'],
    );
  });

  it('nsenter gets an argument array, and only root or the owner may enter', () => {
    assert.deepEqual(nsenterArgs(42, ['net', 'mnt']), ['--target', '42', '--net', '--mount']);
    assert.throws(() => nsenterArgs(0, ['net']));
    assert.equal(mayEnterNamespaces(0, 5), true);
    assert.equal(mayEnterNamespaces(1000, 1000), true);
    assert.equal(mayEnterNamespaces(1000, 0), false);
    assert.equal(mayEnterNamespaces(1000, undefined), false);
  });
});
