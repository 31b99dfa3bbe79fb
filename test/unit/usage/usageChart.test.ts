import * as assert from 'node:assert/strict';
import { allSources, containerUsageDiagram, parseDiagramRef, usageCharts } from '../../../src/core/diagrams';
import { evenlySpaced } from '../../../src/core/diagrams/usageChart';
import type { UsagePoint } from '../../../src/core/usage/history';
import { container, hostileSnapshot } from '../../support/snapshots';

const MiB = 1024 * 1024;

describe('usage over time (Mermaid xychart sources)', () => {
  const points: UsagePoint[] = [0, 2000, 4000].map((atMs, i) => ({
    atMs,
    workingSetBytes: (10 + i) * MiB,
    memoryLimitBytes: 128 * MiB,
    cpuPercent: i === 0 ? undefined : 49.5,
    cpus: 0.5,
  }));

  it('memory against the limit and CPU against the quota, over seconds before the last sample, with a legend', () => {
    const { memory, cpu } = usageCharts('web"]; click', points);
    assert.equal(
      memory,
      [
        '---',
        'config:',
        '  xyChart:',
        '    width: 900',
        '    height: 330',
        '    showLegend: true',
        '---',
        'xychart-beta',
        '  title "web#34;#93;#59; click: memory working set against its limit"',
        '  x-axis "seconds ago" ["-4", "-2", "0"]',
        '  y-axis "MiB" 0 --> 150',
        '  line "working set, now 12 MiB" [10, 11, 12]',
        '  line "limit 128 MiB" [128, 128, 128]',
      ].join('\n'),
    );
    // The first sample has no CPU percent: the CPU chart starts at the second.
    assert.match(cpu!, /x-axis "seconds ago" \["-2", "0"\]\n {2}y-axis "#37; of one CPU" 0 --> 60\n/);
    assert.match(
      cpu!,
      /line "CPU, now 49\.5 #37;" \[49\.5, 49\.5\]\n {2}line "quota 0\.5 CPU #40;50 #37;#41;" \[50, 50\]$/,
    );
  });

  it('no limit: one line, said in the title', () => {
    const unlimited = points.map((p) => ({ ...p, memoryLimitBytes: null, cpus: null }));
    const { memory, cpu } = usageCharts('x', unlimited);
    assert.match(memory, /no limit/);
    assert.equal(memory.split('\n').filter((l) => l.startsWith('  line ')).length, 1);
    assert.match(cpu!, /no quota/);
    assert.equal(cpu!.split('\n').filter((l) => l.startsWith('  line ')).length, 1);
  });

  it('labels at most twelve samples, the newest always; the others are distinct blank categories', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...points[1], atMs: i * 2000 }));
    const axis = usageCharts('x', many)
      .memory.split('\n')
      .find((l) => l.includes('x-axis'))!;
    const categories = JSON.parse(axis.slice(axis.indexOf('['))) as string[];
    assert.equal(categories.length, 60);
    assert.equal(new Set(categories).size, 60, 'distinct');
    const shown = categories.filter((c) => !/^\u200b+$/.test(c));
    assert.deepEqual(shown, ['-110', '-100', '-90', '-80', '-70', '-60', '-50', '-40', '-30', '-20', '-10', '0']);
  });

  it('samples closer than most of an interval (one after an engine event) are thinned out, the newest kept', () => {
    const at = (ms: number): UsagePoint => ({ ...points[1], atMs: ms });
    const kept = evenlySpaced([at(0), at(2000), at(2400), at(4000), at(6010), at(6500)], 2000);
    assert.deepEqual(
      kept.map((p) => p.atMs),
      [0, 2400, 4000, 6500],
      'walking back from the newest, each most of an interval before the next',
    );
    assert.deepEqual(
      evenlySpaced([at(0), at(2000), at(60_000), at(62_000)], 2000).map((p) => p.atMs),
      [60_000, 62_000],
      'nothing from before a pause in sampling',
    );
  });

  describe('the diagram of one container', () => {
    const snapshot = hostileSnapshot();
    const c = container({
      id: 'u1',
      name: 'usage-web',
      cgroup: { version: '1', path: '/u1', memory: { limitBytes: 1 } },
    });
    snapshot.containers.push(c);

    it('says it is sampling until there are two samples, then draws both charts', () => {
      const waiting = containerUsageDiagram(snapshot, c.key, points.slice(0, 1), 2000);
      assert.equal(waiting.moreSources, undefined);
      assert.match(
        waiting.caption[0],
        /^Sampling usage-web every 2 s: the chart is drawn from the second sample on\.$/,
      );
      const drawn = containerUsageDiagram(snapshot, c.key, points, 2000);
      assert.equal(drawn.id, 'container-usage');
      assert.equal(drawn.title, 'Usage over time: usage-web');
      assert.match(drawn.source, /xychart-beta/);
      assert.equal(drawn.moreSources?.length, 1);
      assert.match(drawn.moreSources[0], /CPU/);
    });

    it('a stopped container, one with no cgroup figures, or one gone: a sentence, no chart', () => {
      const stopped = { ...snapshot, containers: [{ ...c, state: 'exited' as const }] };
      assert.match(
        containerUsageDiagram(stopped, c.key, points, 2000).caption[0],
        /usage-web is exited: it has no usage/,
      );
      const bare = { ...snapshot, containers: [{ ...c, cgroup: undefined }] };
      assert.match(containerUsageDiagram(bare, c.key, points, 2000).caption[0], /no usage figures/);
      assert.match(containerUsageDiagram(snapshot, 'docker::gone', points, 2000).caption[0], /no longer on this host/);
      assert.match(containerUsageDiagram(undefined, c.key, points, 2000).caption[0], /^Reading/);
    });

    it('Copy source and the CLI give every chart, each marked after its front matter', () => {
      const text = allSources(containerUsageDiagram(snapshot, c.key, points, 2000));
      const charts = text.split('\n\n');
      assert.equal(charts.length, 2);
      charts.forEach((chart, i) =>
        assert.match(chart, new RegExp(`^---\\n[^]*?\\n---\\n%% chart ${i + 1} of 2\\nxychart-beta\\n`)),
      );
      assert.equal(allSources({ source: 'flowchart TB' }), 'flowchart TB');
    });
  });

  it('the CLI names it usage:NAME', () => {
    assert.deepEqual(parseDiagramRef('usage:web'), { usageOf: 'web' });
    assert.equal(parseDiagramRef('usage:'), undefined);
    assert.deepEqual(parseDiagramRef('anatomy:web'), { anatomyOf: 'web' });
  });
});
