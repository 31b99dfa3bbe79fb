// Host tests for a container's anatomy in a real VS Code with the real engines: opened from the
// Containers tree's context-menu command on a container node, it shows the namespace inodes that
// readlink of /proc gives (read here independently), and it follows the engines while open.
import * as assert from 'assert';
import { readlinkSync } from 'fs';
import * as vscode from 'vscode';
import { screenshot, skipWithoutControl, svgText } from './support/control';
import { pollFrames } from './support/frames';
import { containerNode } from './support/containersView';
import { api, docker, extensionId } from './support/extension';

const renderTimeoutMs = 30_000;

function netInode(pid: number): string {
  return /\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))![1];
}

/** The SVG in any frame whose text has every one of these. */
function anatomySvg(labels: string[]) {
  return pollFrames(`the anatomy with ${labels.join(', ')}`, renderTimeoutMs, (frames) => {
    for (const f of frames) for (const s of f.svgs) if (labels.every((l) => svgText(s).includes(l))) return s;
    return undefined;
  });
}

describe("A container's anatomy (real VS Code host, real engines)", function () {
  this.timeout(120_000);

  it("the tree's context menu offers Show Anatomy on container nodes", async () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
    };
    const entry = manifest.contributes.menus['view/item/context'].find(
      (m) => m.command === 'containerAnatomy.showAnatomy',
    );
    assert.ok(entry?.when, 'a context-menu entry with a when clause');
    const a = await api();
    await a.feed.refresh();
    const node = await containerNode(a, 'anatomy-netjoiner');
    const contextValue = a.containersTree.getTreeItem(node).contextValue ?? '';
    const viewItem = /viewItem =~ \/(.*)\//.exec(entry.when)![1];
    assert.match(contextValue, new RegExp(viewItem), `the menu's when matches the node (${contextValue})`);
    assert.ok((await vscode.commands.getCommands(true)).includes('containerAnatomy.showAnatomy'));
  });

  it('opened from a container node, it shows the net inode readlink gives and the container it shares with', async function () {
    skipWithoutControl(this);
    const a = await api();
    const node = await containerNode(a, 'anatomy-netjoiner');
    const inode = netInode(Number(await docker('inspect', '-f', '{{.State.Pid}}', 'anatomy-netjoiner')));
    await vscode.commands.executeCommand('containerAnatomy.showAnatomy', node);
    const svg = await anatomySvg(['net: shared with anatomy-netowner', `inode ${inode}`, 'One shared Linux kernel']);
    assert.strictEqual(a.panels.currentDiagramId, 'container-anatomy');
    assert.doesNotMatch(svg, /<(img|script|a)\b/i);
    await screenshot('panel-anatomy-netjoiner');
  });

  it('follows the engines while open: a container that joins the network appears in the anatomy', async function () {
    skipWithoutControl(this);
    const a = await api();
    const owner = a.feed.current?.containers.find((c) => c.runtime === 'docker' && c.name === 'anatomy-netowner');
    assert.ok(owner);
    await vscode.commands.executeCommand('containerAnatomy.showAnatomy', owner.key);
    await anatomySvg(['Container anatomy-netowner', 'anatomy-netjoiner']);
    const name = `anatomy-an-joiner-${process.pid}`;
    await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'container:anatomy-netowner',
      'anatomy-busybox:latest',
      'sleep',
      '300',
    );
    try {
      await anatomySvg(['Container anatomy-netowner', 'anatomy-netjoiner', name]);
    } finally {
      await docker('rm', '-f', name);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The panel's dispose reaches the extension host after the editors close: wait for it, so the
    // next suite's first command opens a new panel rather than revealing this closing one.
    const panels = (await api()).panels;
    for (let waited = 0; panels.isOpen && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    assert.equal(panels.isOpen, false, 'the anatomy panel closed');
  });
});
