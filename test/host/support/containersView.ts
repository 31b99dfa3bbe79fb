// The extension's Containers tree and view, activated and shown (the view's lease starts the feed).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ContainersTreeProvider, TreeNode } from '../../../src/explorer';
import type { ContainerAnatomyApi } from '../../../src/extension';

export async function showContainersView(): Promise<{
  tree: ContainersTreeProvider;
  view: vscode.TreeView<TreeNode>;
}> {
  const ext = vscode.extensions.getExtension('container-anatomy.container-anatomy');
  assert.ok(ext);
  const api = (await ext.activate()) as {
    containersTree: ContainersTreeProvider;
    containersView: vscode.TreeView<TreeNode>;
  };
  await vscode.commands.executeCommand('containerAnatomy.containers.focus');
  return { tree: api.containersTree, view: api.containersView };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks `probe` every 250 ms until it answers, failing with `what` after `timeoutMs`. */
export async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** A Docker container's node in the Containers tree, by its name. */
export async function containerNode(a: ContainerAnatomyApi, name: string): Promise<TreeNode> {
  const walk = async (parent?: TreeNode): Promise<TreeNode[]> => {
    const out: TreeNode[] = [];
    for (const k of (await a.containersTree.getChildren(parent)) ?? []) out.push(k, ...(await walk(k)));
    return out;
  };
  const found = (await walk()).find((n) => n.kind === 'container' && n.runtime === 'docker' && n.label === name);
  assert.ok(found, `${name} in the Containers tree`);
  return found;
}
