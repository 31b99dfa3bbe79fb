import * as assert from 'node:assert/strict';
import { cpuText, memoryMadeOf, memoryText } from '../../../src/core/cgroupText';
import { parseArgs } from '../../../src/core/cli/args';
import { renderUsageTable } from '../../../src/core/cli/usageTable';
import type { CgroupReport, ContainerInfo, HostSnapshot } from '../../../src/core/model';
import { networkText, usageDetails } from '../../../src/core/usage/usageText';

const MiB = 1024 * 1024;

const memory: NonNullable<CgroupReport['memory']> = {
  limitBytes: 128 * MiB,
  usageBytes: 80 * MiB,
  workingSetBytes: 3 * MiB,
  breakdown: {
    anonBytes: MiB,
    fileBytes: 78 * MiB,
    activeFileBytes: MiB,
    inactiveFileBytes: 77 * MiB,
    shmemBytes: 0,
    kernelBytes: MiB,
  },
  events: { oomKills: 2 },
};

describe('usage in words', () => {
  it('the row shows the working set against the limit, and OOM kills so far', () => {
    assert.equal(memoryText(memory), '3 MiB / 128 MiB, 2 OOM kills');
    assert.equal(
      memoryText({ limitBytes: null, usageBytes: 5 * MiB }),
      '5 MiB / unlimited',
      'raw charge without memory.stat',
    );
    assert.equal(
      memoryMadeOf(memory),
      'charge 80 MiB: anon 1 MiB, file 78 MiB (77 MiB inactive, reclaimable), shmem 0 B, kernel 1 MiB; 2 OOM kills',
    );
  });

  it('CPU percent against the limit, in the same unit (100 % one CPU), with throttling', () => {
    assert.equal(
      cpuText({ cpus: 0.5, percent: 31.04, throttling: { periods: 100, throttledPeriods: 40, throttledUsec: 1 } }),
      '31 % / 0.5 CPU (50 %), throttled in 40 of 100 periods',
    );
    assert.equal(cpuText({ cpus: null, percent: 150 }), '150 % / unlimited');
  });

  it('tooltips say where the product counts differently from docker stats and podman stats', () => {
    const cg: CgroupReport = { version: '1', path: '/x', memory };
    const lines = usageDetails('memory', cg);
    assert.match(lines.find((l) => l.heading === 'Working set')!.text, /docker stats/);
    assert.match(lines.find((l) => l.heading === 'memory.usage_in_bytes')!.text, /podman stats/);
    assert.match(lines.find((l) => l.heading === 'OOM kills')!.text, /^2 so far \(memory\.oom_control\)/);
    const net = { rxBytes: 2048, txBytes: 1024, rxErrors: 0, txErrors: 0, loopbackBytes: 512, interfaces: ['eth0'] };
    assert.match(
      usageDetails('network', { ...cg, network: net }).find((l) => l.heading === 'Loopback')!.text,
      /docker stats counts only/,
    );
    assert.equal(networkText({ ...net, hostNetwork: true }), "the host's network: rx 2 KiB, tx 1 KiB");
  });

  it('--watch takes seconds and implies usage; junk is refused', () => {
    assert.deepEqual(parseArgs(['--watch', '2']), { json: false, usage: true, watchSeconds: 2 });
    assert.ok('error' in (parseArgs(['--watch', 'soon']) as object));
    assert.ok('error' in (parseArgs(['--watch', '0']) as object));
  });

  it('the watch table has docker stats columns; a name cannot move the cursor', () => {
    const c = {
      key: 'k',
      name: 'web\u001b[2J',
      state: 'running',
      pid: 10,
      cgroup: {
        version: '1',
        path: '/x',
        memory,
        cpu: { cpus: 0.5, percent: 49.96 },
        pids: { limit: null, current: 3 },
      },
    } as unknown as ContainerInfo;
    const table = renderUsageTable({ containers: [c] } as unknown as HostSnapshot).split('\n');
    assert.match(table[0], /^NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS$/);
    assert.match(table[1], /^web\S*\s+50 %\s+3 MiB \/ 128 MiB\s+2\.3 %\s+--\s+--\s+3$/);
    assert.ok(!table[1].includes('\u001b'));
  });
});
