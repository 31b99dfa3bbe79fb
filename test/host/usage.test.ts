// Host test for a container's usage over time in a real VS Code with the real Docker engine: a
// container started here under `--memory 64m --cpus 0.5` (a busy loop), opened from the Containers
// tree's context-menu command, is charted in the panel against the limit and quota set here (and
// read back from the kernel's cgroup files by this test), redrawn as samples arrive, and no longer
// sampled once the panel is closed.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as vscode from 'vscode';
import { screenshot, skipWithoutControl, svgText } from './support/control';
import { containerNode, poll } from './support/containersView';
import { pollFrames } from './support/frames';
import { api, docker, extensionId } from './support/extension';

const NAME = `usage-chart-${process.pid}`;
const MiB = 1024 * 1024;
const chartTimeoutMs = 60_000;

/** The kernel's memory limit of a PID's cgroup (v1 or v2), read here with plain fs. */
function kernelMemoryLimit(pid: number): number {
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
  const v1 = lines.find((l) => l.split(':')[1]?.split(',').includes('memory'));
  if (v1) return Number(readFileSync(`/sys/fs/cgroup/memory${v1.split(':')[2]}/memory.limit_in_bytes`, 'utf8'));
  const v2 = lines.find((l) => l.startsWith('0::'))!;
  return Number(readFileSync(`/sys/fs/cgroup${v2.slice(3)}/memory.max`, 'utf8'));
}

/** The points of each plotted line in a rendered usage SVG (mermaid's `line-plot-N` paths). */
function plottedPoints(svg: string): number[] {
  return [...svg.matchAll(/class="line-plot-\d+"[^>]*>\s*<path[^>]* d="([^"]*)"/g)].map(
    (m) => (m[1].match(/[ML]/g) ?? []).length,
  );
}

/** The usage SVG in any frame whose text holds every label. */
function usageSvg(labels: string[], accept: (svg: string) => boolean = () => true) {
  return pollFrames(`the usage chart with ${labels.join(', ')}`, chartTimeoutMs, (frames) => {
    for (const f of frames)
      for (const s of f.svgs) if (labels.every((l) => svgText(s).includes(l)) && accept(s)) return s;
    return undefined;
  });
}

describe('Usage over time (real VS Code host, real Docker)', function () {
  this.timeout(180_000);
  let pid: number;

  before(async () => {
    await docker('rm', '-f', NAME).catch(() => undefined);
    await docker(
      'run',
      '-d',
      '--name',
      NAME,
      '--memory',
      '64m',
      '--cpus',
      '0.5',
      'anatomy-busybox:latest',
      'sh',
      '-c',
      'while :; do :; done',
    );
    pid = Number(await docker('inspect', '-f', '{{.State.Pid}}', NAME));
  });
  after(async () => {
    await docker('rm', '-f', NAME).catch(() => undefined);
  });

  it("the tree's context menu offers Show Usage Over Time on running containers", async () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
    };
    const entry = manifest.contributes.menus['view/item/context'].find(
      (m) => m.command === 'containerAnatomy.showUsage',
    );
    assert.ok(entry?.when, 'a context-menu entry with a when clause');
    const a = await api();
    await a.feed.refresh();
    const contextValue = a.containersTree.getTreeItem(await containerNode(a, NAME)).contextValue ?? '';
    assert.match(contextValue, new RegExp(/viewItem =~ \/(.*)\//.exec(entry.when)![1]), contextValue);
  });

  it('charts the working set against the 64 MiB limit and CPU against the 0.5 CPU quota, redrawn as samples come', async function () {
    skipWithoutControl(this);
    assert.strictEqual(kernelMemoryLimit(pid), 64 * MiB, 'the kernel holds the limit set here');
    const a = await api();
    await a.feed.refresh();
    await vscode.commands.executeCommand('containerAnatomy.showUsage', await containerNode(a, NAME));
    assert.strictEqual(a.panels.currentDiagramId, 'container-usage');
    const memoryTitle = `${NAME}: memory working set against its limit`;
    const first = await usageSvg([memoryTitle, 'limit 64 MiB', 'quota 0.5 CPU (50 %)']);
    const firstPoints = plottedPoints(first);
    assert.strictEqual(firstPoints.length, 4, `four lines: ${JSON.stringify(firstPoints)}`);
    // Redrawn at the next sample with one more point on each line.
    const later = await usageSvg([memoryTitle], (s) => plottedPoints(s)[0] > firstPoints[0]);
    const cpu = /CPU, now ([\d.]+) %/.exec(svgText(later));
    assert.ok(cpu, svgText(later).slice(0, 600));
    // A busy loop under a 0.5 CPU quota: at most the quota (and a little timer slack).
    assert.ok(Number(cpu[1]) > 5 && Number(cpu[1]) <= 55, `cpu ${cpu[1]} %`);
    const key = a.feed.current!.containers.find((c) => c.name === NAME)!.key;
    assert.ok(a.feed.usageHistory(key).length >= 3, 'the samples behind it');
    await screenshot('panel-usage-chart');
  });

  it('stops sampling once the panel is closed, and forgets the samples', async function () {
    skipWithoutControl(this);
    const a = await api();
    const key = a.feed.current!.containers.find((c) => c.name === NAME)!.key;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const panels = a.panels;
    await poll('the panel closed', 10_000, async () => (panels.isOpen ? undefined : true));
    assert.strictEqual(a.feed.usageHistory(key).length, 0, 'no samples kept');
    await new Promise((r) => setTimeout(r, a.feed.usageIntervalMs * 2 + 500));
    assert.strictEqual(a.feed.usageHistory(key).length, 0, 'none taken after the panel closed');
  });
});
