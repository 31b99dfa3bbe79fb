import * as assert from 'node:assert/strict';
import { controllerDetails, cpuText, memoryText, swapText } from '../../../src/core/cgroupText';
import { cgroupLines } from '../../../src/core/cli/renderTree';
import { readCgroupLimits, readCgroupMounts, readProcCgroup } from '../../../src/core/kernel';
import { fixture } from '../kernel/kernelFixtures';
import type { CgroupReport } from '../../../src/core/model';

const MiB = 1024 * 1024;

describe('cgroup figures as the tree and the CLI print them', () => {
  it('memory.high and the reservation are said beside an unlimited memory.max; swap on its own', () => {
    const throttled = {
      limitBytes: null,
      usageBytes: 258 * MiB,
      highBytes: 256 * MiB,
      reservationBytes: 128 * MiB,
      swapLimitBytes: 0,
    };
    assert.equal(memoryText(throttled), '258 MiB / unlimited, throttled above 256 MiB, reservation 128 MiB');
    assert.equal(swapText(throttled), 'none');
    // Docker's --memory 256m on v1 sets memory+swap to twice that: said apart, not on the memory line.
    const v1 = { limitBytes: 256 * MiB, memswLimitBytes: 512 * MiB };
    assert.equal(memoryText(v1), '256 MiB');
    assert.equal(swapText(v1), '512 MiB with memory');
    assert.equal(swapText({ limitBytes: 512 * MiB, swapLimitBytes: 512 * MiB }), '512 MiB');
    assert.equal(swapText({ limitBytes: null }), undefined);
    assert.equal(memoryText({ limitBytes: null }), 'unlimited');
  });

  it('a weight or shares other than the default follows the CPU figure', () => {
    assert.equal(cpuText({ cpus: null, cpuset: '0-3', weight: 20 }), 'unlimited (cpuset 0-3), weight 20');
    assert.equal(cpuText({ cpus: 1.5, shares: 512 }), '1.5 CPUs, shares 512');
    assert.equal(cpuText({ cpus: 0.5 }), '0.5 CPU');
  });

  it('tooltips name the file of each figure and what it does', () => {
    const cg: CgroupReport = {
      version: '2',
      path: '/x',
      memory: { limitBytes: null, highBytes: 256 * MiB, reservationBytes: MiB },
      cpu: { cpus: null, weight: 20 },
    };
    const memory = controllerDetails('memory', cg);
    assert.deepEqual(
      memory.map((l) => l.heading),
      ['memory.high', 'memory.low'],
    );
    assert.match(memory[0].text, /^256 MiB: .*slowed.*not killed/);
    assert.deepEqual(controllerDetails('cpu', cg), [
      { heading: 'cpu.weight', text: '20 (default 100): its share of CPU time when CPUs are busy' },
    ]);
    const v1: CgroupReport = { version: '1', path: '/x', memory: { limitBytes: null, reservationBytes: MiB } };
    assert.equal(controllerDetails('memory', v1)[0].heading, 'memory.soft_limit_in_bytes');
    assert.deepEqual(controllerDetails('pids', cg), []);
  });

  it('the CLI prints memory.high of the throttled fixture container instead of a bare "unlimited"', () => {
    const { procRoot, fsRoot } = fixture('cgroup-v2-netcls');
    const mounts = readCgroupMounts(procRoot);
    assert.ok(mounts.ok);
    const cg = readProcCgroup(procRoot, 7001);
    assert.ok(cg.ok);
    const lines = cgroupLines(readCgroupLimits(cg.cgroup, mounts.mounts, fsRoot));
    assert.ok(lines.includes('memory unlimited, throttled above 256 MiB, reservation 128 MiB'), lines.join('\n'));
    assert.ok(lines.includes('swap none'), lines.join('\n'));
    assert.ok(lines.includes('cpu unlimited (cpuset 0-3), weight 20'), lines.join('\n'));
  });
});
