import * as assert from 'node:assert/strict';
import { usageCharts } from '../../../src/core/diagrams/usageChart';
import type { UsagePoint } from '../../../src/core/usage/history';

const MiB = 1024 * 1024;

describe('usage over time (Mermaid xychart sources)', () => {
  const points: UsagePoint[] = [0, 2000, 4000].map((atMs, i) => ({
    atMs,
    workingSetBytes: (10 + i) * MiB,
    memoryLimitBytes: 128 * MiB,
    cpuPercent: i === 0 ? undefined : 49.5,
    cpus: 0.5,
  }));

  it('memory against the limit and CPU against the quota, over seconds before the last sample', () => {
    const { memory, cpu } = usageCharts('web"]; click', points);
    assert.equal(
      memory,
      [
        'xychart-beta',
        '  title "web#34;#93;#59; click: memory working set (MiB) against its limit"',
        '  x-axis "seconds ago" [-4, -2, 0]',
        '  y-axis "MiB" 0 --> 128',
        '  line [10, 11, 12]',
        '  line [128, 128, 128]',
      ].join('\n'),
    );
    assert.match(cpu, /y-axis "%" 0 --> 50\n {2}line \[0, 49\.5, 49\.5\]\n {2}line \[50, 50, 50\]$/);
  });

  it('no limit: one line, said in the title', () => {
    const unlimited = points.map((p) => ({ ...p, memoryLimitBytes: null, cpus: null }));
    const { memory, cpu } = usageCharts('x', unlimited);
    assert.match(memory, /no limit/);
    assert.equal(memory.split('\n').filter((l) => l.includes('line [')).length, 1);
    assert.match(cpu, /no quota/);
  });
});
