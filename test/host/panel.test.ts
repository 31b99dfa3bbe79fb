// Host tests for the architecture panel in a real VS Code with the real engines: every guide
// diagram renders when opened by command, the live diagram shows the containers running on this host
// with their shared namespaces (checked against readlink of /proc, read here independently), a new
// container appears without a manual refresh, and hostile names stay text.
import * as assert from 'assert';
import { execFile } from 'child_process';
import { readlinkSync } from 'fs';
import { promisify } from 'util';
import * as vscode from 'vscode';
import { GUIDE_DIAGRAM_IDS } from '../../src/core/diagrams/diagram';
import { screenshot, skipWithoutControl, svgText } from './support/control';
import { findDiagram, pollFrames } from './support/frames';
import { api, docker, extensionId } from './support/extension';

const run = promisify(execFile);
const renderTimeoutMs = 30_000;

/** Mermaid gives each node a `<render id>-flowchart-<our id>-<n>` group; this maps our node ids to their text. */
function nodesOf(svg: string): Map<string, string> {
  const nodes = new Map<string, string>();
  const starts = [...svg.matchAll(/<g[^>]*\bid="[^"]*flowchart-([A-Za-z0-9]+)-\d+"/g)];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : svg.length;
    nodes.set(m[1], svgText(svg.slice(m.index, end)));
  });
  return nodes;
}

function nodeIdOf(svg: string, name: string): string | undefined {
  for (const [id, text] of nodesOf(svg)) if (text.includes(name)) return id;
  return undefined;
}

/** An edge between two of our nodes, in either direction (Mermaid names edge paths `L_<from>_<to>_<n>`). */
function hasEdge(svg: string, a: string, b: string): boolean {
  return new RegExp(`id="L_(${a}_${b}|${b}_${a})_\\d+"`).test(svg);
}

function netInode(pid: number): string {
  return readlinkSync(`/proc/${pid}/ns/net`);
}

describe('Architecture panel (real VS Code host, real engines)', function () {
  this.timeout(120_000);

  before(async () => {
    await api();
  });

  const expected: Record<string, string[]> = {
    'vm-architecture': ['Hypervisor', 'Guest OS'],
    'runtime-layers': ['containerd', 'crun'],
    'namespaces-cgroups': ['what a process can SEE'],
    startup: ['Create namespaces'],
    'decision-guide': ['Use a VM'],
    'containers-in-vms': ['tenant A'],
    'container-architecture': ['One shared Linux kernel'],
  };
  it('opens every guide diagram by command and renders it', async function () {
    skipWithoutControl(this);
    assert.deepStrictEqual(Object.keys(expected).sort(), [...GUIDE_DIAGRAM_IDS].sort());
    for (const id of GUIDE_DIAGRAM_IDS) {
      await vscode.commands.executeCommand('containerAnatomy.openDiagram', { diagram: id });
      await pollFrames(`the ${id} diagram`, renderTimeoutMs, (frames) => findDiagram(frames, expected[id]));
    }
  });

  it('the live diagram shows this host’s containers and the namespaces they share', async function () {
    skipWithoutControl(this);
    const ownerPid = Number(await docker('inspect', '-f', '{{.State.Pid}}', 'anatomy-netowner'));
    const joinerPid = Number(await docker('inspect', '-f', '{{.State.Pid}}', 'anatomy-netjoiner'));
    assert.strictEqual(netInode(ownerPid), netInode(joinerPid), 'ground truth: the two share a net namespace');

    await vscode.commands.executeCommand('containerAnatomy.openDiagram', { diagram: 'live-host' });
    const svg = await pollFrames('the live diagram with the known containers', renderTimeoutMs, (frames) => {
      for (const f of frames)
        for (const s of f.svgs)
          if (svgText(s).includes('anatomy-netjoiner') && svgText(s).includes('anatomy-limits')) return s;
      return undefined;
    });
    const owner = nodeIdOf(svg, 'anatomy-netowner');
    const joiner = nodeIdOf(svg, 'anatomy-netjoiner');
    assert.ok(owner && joiner, 'both containers are nodes');
    assert.ok(hasEdge(svg, owner, joiner), `an edge joins ${owner} and ${joiner}`);
    const text = svgText(svg);
    assert.ok(
      text.includes('mem 64 MiB · 0.5 CPU · pids 50'),
      'anatomy-limits shows the limits set with --memory 64m --cpus 0.5 --pids-limit 50',
    );
    // --network host: a dotted edge from the container to the host's namespaces, labelled net.
    const hostnet = nodeIdOf(svg, 'anatomy-hostnet');
    assert.ok(hostnet && hasEdge(svg, hostnet, 'hostns'), 'anatomy-hostnet is joined to the host namespaces');
    await screenshot('panel-live-host');
  });

  it('a CRI pod whose pod and container names carry HTML and Mermaid payloads renders them as text', async function () {
    skipWithoutControl(this);
    // Set by scripts/engines/setup.sh on containerd k8s.io/anatomy-k8s-evil, read back here from containerd.
    const labels = JSON.parse((await run('ctr', ['-n', 'k8s.io', 'containers', 'info', 'anatomy-k8s-evil'])).stdout)
      .Labels as Record<string, string>;
    const podName = labels['io.kubernetes.pod.name'];
    const containerName = labels['io.kubernetes.container.name'];
    assert.match(podName, /<img/);
    assert.match(containerName, /click/);
    await vscode.commands.executeCommand('containerAnatomy.openDiagram', { diagram: 'live-host' });
    const svg = await pollFrames('the live diagram with the hostile pod', renderTimeoutMs, (frames) => {
      for (const f of frames) for (const s of f.svgs) if (svgText(s).includes(containerName)) return s;
      return undefined;
    });
    assert.ok(svgText(svg).includes(`pod default/${podName}`), 'the pod name is shown literally');
    assert.doesNotMatch(svg, /<(img|script|a)\b/i);
    // Attribute values are left out first: a container's box quotes its text in an aria-label (the pod's
    // name with it, for a pod of one), where `onerror=` is text, not an attribute.
    const tags = svg.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(tags, /<[a-z][^>]*\son\w+\s*=/i, 'no event-handler attribute on any element');
  });

  it('a container started on the host appears in the live diagram without a manual refresh', async function () {
    skipWithoutControl(this);
    await vscode.commands.executeCommand('containerAnatomy.openDiagram', { diagram: 'live-host' });
    await pollFrames('the live diagram', renderTimeoutMs, (frames) => findDiagram(frames, ['anatomy-limits']));
    const name = `anatomy-panel-new-${process.pid}`;
    await docker('run', '-d', '--name', name, '--label', 'anatomy.test=1', 'anatomy-busybox:latest', 'sleep', '300');
    try {
      await pollFrames(`${name} in the live diagram`, renderTimeoutMs, (frames) => findDiagram(frames, [name]));
    } finally {
      await docker('rm', '-f', name);
    }
    await pollFrames(`${name} gone from the live diagram`, renderTimeoutMs, (frames) =>
      frames.some((f) => f.svgs.some((s) => svgText(s).includes('anatomy-limits') && !svgText(s).includes(name)))
        ? true
        : undefined,
    );
  });

  it('the selected diagram is restored when the panel comes back', async function () {
    skipWithoutControl(this);
    const { panels } = await api();
    await vscode.commands.executeCommand('containerAnatomy.openDiagram', { diagram: 'startup' });
    await pollFrames('the start-up diagram', renderTimeoutMs, (frames) => findDiagram(frames, ['Create namespaces']));
    assert.strictEqual(panels.currentDiagramId, 'startup');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('containerAnatomy.openArchitecture');
    await pollFrames('the start-up diagram again', renderTimeoutMs, (frames) =>
      findDiagram(frames, ['Create namespaces']),
    );
  });

  it('the walkthrough shows the guide’s five parts and the live step', async function () {
    skipWithoutControl(this);
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      `${extensionId}#containerAnatomy.howIsolationWorks`,
      false,
    );
    await pollFrames('the walkthrough with its steps', renderTimeoutMs, (frames) =>
      frames.find(
        (f) =>
          f.main &&
          [
            'How isolation works',
            'Virtual machines: a whole computer each',
            'When a VM, when a container',
            'Runtimes: who actually creates a container',
            'Now look at this machine',
          ].every((t) => f.text.includes(t)),
      ),
    );
    await screenshot('walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('refuses a command link that names no diagram', async () => {
    await vscode.commands.executeCommand('containerAnatomy.openDiagram', { diagram: '<img src=x onerror=alert(1)>' });
    const { panels } = await api();
    assert.notStrictEqual(panels.currentDiagramId, '<img src=x onerror=alert(1)>');
  });
});
