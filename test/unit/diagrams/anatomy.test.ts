import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  buildDiagramRef,
  containerAnatomyDiagram,
  findContainer,
  liveHostDiagram,
  parseDiagramRef,
} from '../../../src/core/diagrams';
import type { ContainerInfo, HostSnapshot } from '../../../src/core/model';
import { explainPrivileges, readPrivileges } from '../../../src/core/privileges';
import { container, hostileSnapshot, HOSTILE_TEXTS } from '../../support/snapshots';
import { repoRoot } from '../../support/repoRoot';

/** What a label shows once mermaid decodes the escaper's `#N;` codes. */
const shown = (text: string) => text.replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));

/** Recorded on this host with the engine set-up's containers (see test/fixtures/snapshots/README.md). */
function recorded(): HostSnapshot {
  const file = path.join(repoRoot(), 'test', 'fixtures', 'snapshots', 'docker-engine-setup.json');
  return JSON.parse(readFileSync(file, 'utf8')) as HostSnapshot;
}

function named(s: HostSnapshot, name: string): ContainerInfo {
  const c = s.containers.find((x) => x.name === name);
  assert.ok(c, name);
  return c;
}

/** The label of node `id` in the source, decoded. */
function labelOf(source: string, id: string): string {
  const line = source.split('\n').find((l) => l.trim().startsWith(`${id}[`) || l.trim().startsWith(`${id}((`));
  assert.ok(line, `node ${id} in\n${source}`);
  return shown(line);
}

describe('container anatomy diagram', () => {
  it('a container sharing its network with another: the net namespace says so, with an edge to that container', () => {
    const s = recorded();
    const joiner = named(s, 'anatomy-netjoiner');
    const owner = named(s, 'anatomy-netowner');
    const d = containerAnatomyDiagram(s, joiner.key);
    const netIndex = joiner.namespaces!.entries.findIndex((e) => e.kind === 'net');
    const netNode = `ns${netIndex}`;
    const netLabel = labelOf(d.source, netNode);
    assert.match(netLabel, /net: shared with anatomy-netowner/);
    // The inode as the kernel gave it for both: the owner's own net namespace.
    const ownerNet = owner.namespaces!.entries.find((e) => e.kind === 'net')!.read;
    assert.equal(ownerNet.state, 'ok');
    assert.ok(netLabel.includes(`inode ${(ownerNet as { inode: number }).inode}`), netLabel);
    // One thick edge from the net namespace to the owner's node, and the node opens the owner's anatomy.
    const edges = d.source.split('\n').filter((l) => l.includes('==='));
    assert.deepEqual(
      edges.map((l) => l.trim()),
      [`${netNode} ===|"net"| p0`],
    );
    assert.deepEqual(d.nodeContainers, { p0: owner.key });
    assert.match(labelOf(d.source, 'p0'), /anatomy-netowner/);
    // Its user and time namespaces are the host's: dotted edges to the host's namespaces.
    for (const kind of ['user', 'time']) {
      const i = joiner.namespaces!.entries.findIndex((e) => e.kind === kind);
      assert.ok(d.source.includes(`  ns${i} -.- hostns`), kind);
      assert.match(labelOf(d.source, `ns${i}`), new RegExp(`${kind}: host's`));
    }
    assert.match(d.caption[0], /anatomy-netowner/);
  });

  it('draws the cgroup limits the engine set, the runtime chain, the init process and the shared kernel', () => {
    const s = recorded();
    const limits = named(s, 'anatomy-limits');
    const d = containerAnatomyDiagram(s, limits.key);
    const cg = labelOf(d.source, 'cg');
    // setup.sh: --memory 64m --cpus 0.5 --pids-limit 50.
    assert.match(cg, /memory: 64 MiB/);
    assert.match(cg, /cpu: 0\.5 CPU/);
    assert.match(cg, /pids: 50/);
    assert.match(labelOf(d.source, 'init'), new RegExp(`init process: PID ${limits.pid} on this host`));
    const docker = s.runtimes.find((r) => r.kind === 'docker')!;
    docker.chain.forEach((link, i) => assert.match(labelOf(d.source, `r${i}`), new RegExp(link.name)));
    assert.match(shown(d.source), /subgraph kernel\["One shared Linux kernel/);
    assert.match(d.source, /chain -->\|"starts"\| init/);
  });

  it('says "not read" for privileges until they are, and draws them from the kernel once read', () => {
    const s = recorded();
    const joiner = named(s, 'anatomy-netjoiner');
    assert.match(labelOf(containerAnatomyDiagram(s, joiner.key).source, 'priv'), /Privileges: not read/);
    // This test's own process, read from the real /proc, stands in for a container's init.
    const report = readPrivileges('/proc', process.pid);
    joiner.privileges = { report, explanation: explainPrivileges(report, undefined) };
    const priv = labelOf(containerAnatomyDiagram(s, joiner.key).source, 'priv');
    const status = readFileSync(`/proc/${process.pid}/status`, 'utf8');
    const seccomp = /^Seccomp:\s+(\d)/m.exec(status)![1];
    assert.match(
      priv,
      new RegExp(`seccomp: ${({ '0': 'disabled', '1': 'strict', '2': 'filter' } as const)[seccomp as '0']}`),
    );
    const bounding = report.status!.capabilities.bounding!.names.length;
    assert.match(priv, new RegExp(`capabilities: (.*\\()?${bounding}\\)?<br/>`));
    assert.match(priv, /user mapping: /);
  });

  it('keeps hostile names as text: every label quoted and escaped, no click directive, no bidi control', () => {
    const s = hostileSnapshot();
    s.containers[0].name += '\u202Eevil';
    const d = containerAnatomyDiagram(s, s.containers[0].key);
    assert.doesNotMatch(d.source, /^\s*click\b/m, 'no click directive: securityLevel stays strict');
    assert.doesNotMatch(d.source, /[\u202a-\u202e\u2066-\u2069]/);
    for (const line of d.source.split('\n')) {
      for (const label of line.matchAll(/"([^"]*)"/g))
        assert.doesNotMatch(label[1].split('<br/>').join(''), /[<>`[\]]/, line);
    }
    // The names survive, decoded: the container's own and the one it shares its network with.
    assert.ok(shown(d.source).includes(HOSTILE_TEXTS[0]));
    assert.ok(shown(d.source).includes('plain'));
    assert.ok(!d.title.includes('\u202E'), 'the title shows the bidi control as a code');
  });

  it('a container no longer there, and no snapshot yet, each say so', () => {
    assert.match(containerAnatomyDiagram(recorded(), 'docker::gone').source, /No container docker::gone/);
    assert.match(containerAnatomyDiagram(undefined, 'docker::x').source, /Reading this host/);
  });

  it('anatomy:NAME finds a container by name, key or id prefix, and refuses unknown or ambiguous names', () => {
    const s = recorded();
    const owner = named(s, 'anatomy-netowner');
    assert.deepEqual(parseDiagramRef('anatomy:anatomy-netowner'), { anatomyOf: 'anatomy-netowner' });
    assert.equal(findContainer(s, 'anatomy-netowner'), owner);
    assert.equal(findContainer(s, owner.key), owner);
    assert.equal(findContainer(s, owner.id.slice(0, 12)), owner);
    assert.equal(findContainer(s, 'nope'), undefined);
    const two = { ...s, containers: [container({ id: 'aaaa1', name: 'x' }), container({ id: 'aaaa2', name: 'y' })] };
    assert.equal(findContainer(two, 'aaaa'), undefined, 'an ambiguous id prefix names nobody');
    const built = buildDiagramRef({ anatomyOf: 'anatomy-netowner' }, s);
    assert.ok('source' in built && built.title.endsWith('anatomy-netowner'));
    assert.deepEqual(buildDiagramRef({ anatomyOf: 'nope' }, s), { error: 'no container named "nope" on this host' });
  });

  it('the live host maps each drawn container node to its container, for the webview to make clickable', () => {
    const s = recorded();
    const d = liveHostDiagram(s);
    const nodes = d.nodeContainers ?? {};
    const running = s.containers.filter((c) => c.state === 'running');
    assert.deepEqual(Object.values(nodes).sort(), running.map((c) => c.key).sort());
    for (const [id, key] of Object.entries(nodes)) {
      assert.match(id, /^c\d+$/);
      assert.ok(labelOf(d.source, id).includes(s.containers.find((c) => c.key === key)!.name));
    }
  });
});

describe('live host diagram: the defaults said once, the differences drawn', () => {
  it('no box repeats the namespaces every container shares with the host: a legend says it once', () => {
    const s = recorded();
    const d = liveHostDiagram(s);
    const decoded = shown(d.source);
    assert.doesNotMatch(decoded, /host ns:/);
    const legend = decoded.split('\n').filter((l) => l.trim().startsWith('legend['));
    assert.equal(legend.length, 1);
    // This host's cgroup is hybrid (v1 rules): cgroup, time and user stay with the host by default.
    assert.match(legend[0], /shares the host's cgroup, time, user namespaces/);
    assert.match(legend[0], /has its own ipc, mnt, net, pid, uts/);
  });

  it('a container with a namespace of its own where the default is the host’s says so in its box', () => {
    const s = recorded();
    const limits = named(s, 'anatomy-limits');
    limits.namespaces!.entries.find((e) => e.kind === 'user')!.verdict = { kind: 'isolated' };
    const d = liveHostDiagram(s);
    const id = Object.entries(d.nodeContainers!).find(([, key]) => key === limits.key)![0];
    assert.match(labelOf(d.source, id), /own ns: user/);
    const other = Object.entries(d.nodeContainers!).find(([, key]) => key === named(s, 'anatomy-hostile').key)![0];
    assert.doesNotMatch(labelOf(d.source, other), /own ns/);
  });

  it('groups containers by compose project (com.docker.compose.project) inside their engine', () => {
    const s = recorded();
    // The engine set-up runs no compose project: two of its containers are labelled as one here.
    for (const name of ['anatomy-limits', 'anatomy-hostile'])
      named(s, name).labels['com.docker.compose.project'] = 'shop';
    const lines = liveHostDiagram(s).source.split('\n');
    const start = lines.findIndex((l) => /^\s*subgraph grp\d+\["compose project shop"\]$/.test(l));
    assert.ok(start > 0, lines.join('\n'));
    const end = lines.findIndex((l, i) => i > start && l.trim() === 'end');
    const inside = shown(lines.slice(start, end).join('\n'));
    assert.ok(inside.includes('anatomy-limits') && inside.includes('anatomy-hostile'));
    assert.ok(!inside.includes('anatomy-netowner'));
  });

  it('containers sharing a namespace with another stand out (a class of their own), the others do not', () => {
    const s = recorded();
    const d = liveHostDiagram(s);
    const byKey = new Map(Object.entries(d.nodeContainers!).map(([id, key]) => [key, id]));
    const classLine = d.source.split('\n').find((l) => /^\s*class .* sharing$/.test(l));
    assert.ok(classLine);
    const marked = classLine.trim().split(' ')[1].split(',').sort();
    const expected = ['anatomy-netowner', 'anatomy-netjoiner', 'anatomy-ipcowner', 'anatomy-ipcjoiner']
      .map((n) => byKey.get(named(s, n).key)!)
      .sort();
    assert.deepEqual(marked, expected);
  });
});
