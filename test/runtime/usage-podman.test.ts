/**
 * Podman 4.3's `podman stats` shows the raw charge (releases from 2025 subtract inactive file as
 * Docker does). The product shows the working set for every engine alike: here it is checked
 * against the kernel's own files read by the test, and its raw charge against `podman stats`.
 */
import * as assert from 'node:assert/strict';
import { requireSocket, run } from './support/engines';
import {
  kernelStat,
  parseMemUsage,
  removeContainers,
  samplerFor,
  startWithPageCache,
  v1Dir,
} from './support/usageSampling';
import * as fs from 'node:fs';

const NAME = 'anatomy-use-podman-cache';
const MiB = 1024 * 1024;

describe('usage of a rootful Podman container against the kernel and podman stats', function () {
  this.timeout(180_000);

  before(async function () {
    requireSocket(this, '/run/podman/podman.sock', 'Podman (rootful)');
    await removeContainers('podman', [NAME]);
  });
  after(async () => removeContainers('podman', [NAME]));

  it('the working set matches the kernel files; the raw charge matches podman stats', async () => {
    await startWithPageCache('podman', NAME, ['--memory', '128m'], 'sleep 600');
    const pid = Number(await run('podman', ['inspect', '-f', '{{.State.Pid}}', NAME]));
    const dir = v1Dir(pid, 'memory');
    const { sampler, container } = samplerFor(pid, NAME);

    // The kernel's figures read around ours: usage_in_bytes less total_inactive_file.
    const kernelBefore = Number(fs.readFileSync(`${dir}/memory.usage_in_bytes`, 'utf8'));
    const inactiveBefore = kernelStat(`${dir}/memory.stat`).get('total_inactive_file')!;
    const m = sampler.sample(container).cgroup!.memory!;
    const shown = parseMemUsage(await run('podman', ['stats', '--no-stream', '--format', '{{.MemUsage}}', NAME]));
    const kernelAfter = Number(fs.readFileSync(`${dir}/memory.usage_in_bytes`, 'utf8'));
    const inactiveAfter = kernelStat(`${dir}/memory.stat`).get('total_inactive_file')!;

    const slack = (n: number) => Math.max(0.01 * n, 64 * 1024);
    const wsLow = Math.min(kernelBefore - inactiveBefore, kernelAfter - inactiveAfter);
    const wsHigh = Math.max(kernelBefore - inactiveBefore, kernelAfter - inactiveAfter);
    assert.ok(
      m.workingSetBytes! >= wsLow - slack(wsLow) && m.workingSetBytes! <= wsHigh + slack(wsHigh),
      `ours ${m.workingSetBytes}, kernel ${wsLow}…${wsHigh}`,
    );
    assert.ok(m.usageBytes! >= 38 * MiB, 'the 40 MiB of page cache are in the raw charge');
    assert.ok(m.workingSetBytes! < m.usageBytes! - 30 * MiB, 'and not in the working set');
    const tolerance = slack(shown.bytes) + shown.resolution;
    assert.ok(
      Math.abs(shown.bytes - m.usageBytes!) <= tolerance + Math.abs(kernelAfter - kernelBefore),
      `podman stats ${shown.bytes} B, our raw charge ${m.usageBytes} B`,
    );
  });
});
