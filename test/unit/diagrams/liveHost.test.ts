import * as assert from 'node:assert/strict';
import { liveHostDiagram } from '../../../src/core/diagrams';
import type { HostSnapshot } from '../../../src/core/model';
import { container, hostileSnapshot, HOSTILE_TEXTS } from '../../support/snapshots';

const shown = (label: string) => label.replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));

function nodeIdFor(source: string, name: string): string {
  for (const line of source.split('\n')) {
    const m = /^\s*(c\d+)\["(.*)"\]$/.exec(line);
    if (m && shown(m[2]).startsWith(name)) return m[1];
  }
  assert.fail(`no node for ${name} in\n${source}`);
}

describe('live host diagram', () => {
  it('groups containers under their runtime chain and pod, and draws who shares what', () => {
    const d = liveHostDiagram(hostileSnapshot());
    const a = nodeIdFor(d.source, HOSTILE_TEXTS[0]);
    const b = nodeIdFor(d.source, 'plain');
    // a and b share a net namespace: one thick edge, labelled, once.
    const thick = d.source.split('\n').filter((l) => l.includes('==='));
    assert.deepEqual(
      thick.map((l) => l.trim()),
      [`${a} ===|"net"| ${b}`],
    );
    // b shares the host's pid namespace: a dotted edge to the host node.
    assert.ok(d.source.split('\n').some((l) => l.trim() === `${b} -.-|"pid"| hostns`));
    // The runtime chain titles its subgraph; a pod of one container is a line in its box, not a frame.
    assert.match(d.source, /subgraph rt\d+\["dockerd 20\.10\.24"\]/);
    assert.ok(!/^\s*subgraph grp/m.test(d.source), 'no frame around one box');
    const podLine = d.source.split('\n').find((l) => shown(l).includes(`pod default/${HOSTILE_TEXTS[2]}`));
    assert.ok(podLine && /^\s*c\d+\["/.test(podLine), `the pod named in its container's box: ${podLine}`);
    assert.match(shown(d.source), /mem 64 MiB · 0\.5 CPU · pids 50/);
  });

  it('keeps every hostile text inside quoted, escaped labels', () => {
    const d = liveHostDiagram(hostileSnapshot());
    for (const line of d.source.split('\n')) {
      // Outside quoted labels only our own ids, keywords and arrows appear.
      const outside = line.replace(/"[^"]*"/g, '""');
      assert.doesNotMatch(outside, /click|javascript|<img|command:|evil/, line);
    }
    for (const text of HOSTILE_TEXTS) assert.ok(shown(d.source).includes(text), `${text} shown literally`);
  });

  it('caps a big host with "+N more", drawing the containers that share namespaces first', () => {
    const many: HostSnapshot = {
      ...hostileSnapshot(),
      containers: [
        ...Array.from({ length: 60 }, (_, i) => container({ id: `p${i}`, name: `plain-${i}` })),
        ...hostileSnapshot().containers.filter((c) => c.runtime === 'docker'),
      ],
    };
    const d = liveHostDiagram(many, { maxContainersPerRuntime: 10 });
    assert.match(d.source, /\["\+52 more"\]/);
    nodeIdFor(d.source, 'plain'); // shares net and the host pid: drawn despite coming last
    assert.equal(d.source.split('\n').filter((l) => /^\s*c\d+\["/.test(l) && l.includes('plain-')).length, 8);
  });

  it('lays many containers out as a grid with dagre: invisible links stack them in columns', () => {
    const host: HostSnapshot = {
      ...hostileSnapshot(),
      containers: Array.from({ length: 20 }, (_, i) => container({ id: `g${i}`, name: `grid-${i}` })),
    };
    const d = liveHostDiagram(host, { maxContainersPerRuntime: 12 });
    assert.deepEqual(d.source.split('\n').slice(0, 7), [
      '---',
      'config:',
      '  layout: dagre',
      '  flowchart:',
      '    wrappingWidth: 320',
      '---',
      'flowchart LR',
    ]);
    // 12 drawn + the "+8 more" box = 13 boxes; ceil(sqrt(13)) = 4 columns: box i sits under box i-4.
    const boxes = d.source
      .split('\n')
      .map((l) => /^\s*((?:c|more)\d+)\["/.exec(l)?.[1])
      .filter((id): id is string => !!id);
    assert.equal(boxes.length, 13);
    const links = d.source
      .split('\n')
      .filter((l) => l.includes('~~~') && !l.includes('legend'))
      .map((l) => l.trim());
    assert.deepEqual(
      links,
      boxes.slice(4).map((id, i) => `${boxes[i]} ~~~ ${id}`),
    );
    // Invisible links are layout only: no sharing edge was added.
    assert.equal(d.source.split('\n').filter((l) => l.includes('===') || l.includes('-.-')).length, 0);
  });

  it('draws a shared cgroup namespace on cgroup v2 hosts, where it is not the default, and only there', () => {
    const withHostCgroupns = (version: HostSnapshot['host']['cgroupVersion']): HostSnapshot => {
      const base = hostileSnapshot();
      const c = base.containers.find((x) => x.id === 'a1')!;
      c.namespaces = {
        entries: c.namespaces!.entries.map((e) => (e.kind === 'cgroup' ? { ...e, verdict: { kind: 'host' } } : e)),
      };
      return { ...base, host: { ...base.host, cgroupVersion: version } };
    };
    const onV2 = liveHostDiagram(withHostCgroupns('2')).source;
    const a = nodeIdFor(onV2, HOSTILE_TEXTS[0]);
    assert.ok(onV2.includes(`${a} -.-|"cgroup"| hostns`));
    assert.ok(!liveHostDiagram(withHostCgroupns('hybrid')).source.includes('|"cgroup"| hostns'));
  });

  it('highlights the container asked for', () => {
    const d = liveHostDiagram(hostileSnapshot(), { highlightKey: 'docker::b2' });
    const b = nodeIdFor(d.source, 'plain');
    assert.ok(d.source.includes(`class ${b} highlighted`));
  });

  it('marks the containers with serious weak spots (privileges), and only those', () => {
    const snap = hostileSnapshot();
    const finding = (severity: 'high' | 'low') => ({
      id: `f-${severity}`,
      severity,
      title: 't',
      why: 'w',
      evidence: 'e',
    });
    const explanation = (severity: 'high' | 'low') => ({
      runtime: { family: 'runc' as const, sandbox: 'none' as const, text: 'runc' },
      findings: [finding(severity)],
      podSecurity: { level: 'baseline' as const, violations: [] },
    });
    snap.containers[0].privileges = { explanation: explanation('high') };
    snap.containers[1].privileges = { explanation: explanation('low') };
    const d = liveHostDiagram(snap).source;
    const a = nodeIdFor(d, HOSTILE_TEXTS[0]);
    const b = nodeIdFor(d, 'plain');
    assert.ok(d.split('\n').some((l) => l.trim() === `class ${a} weakspots`));
    const label = (id: string) => shown(d.split('\n').find((l) => l.trim().startsWith(`${id}["`)) ?? '');
    assert.ok(label(a).endsWith('<br/>⚠ 1 weak spot"]'));
    assert.ok(!label(b).includes('weak spot'));
  });

  it('says so when no engine answers', () => {
    const d = liveHostDiagram({
      ...hostileSnapshot(),
      runtimes: [
        {
          kind: 'docker',
          endpoint: 'unix:///var/run/docker.sock',
          chain: [],
          status: { state: 'missing', detail: 'no socket' },
        },
      ],
      containers: [],
    });
    assert.match(shown(d.source), /No container engine reachable on this host · Docker: no socket/);
  });
});
