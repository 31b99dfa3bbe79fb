// The Containers view as an ordinary user (issue 17), in a real VS Code whose server runs as that
// user in the docker group: `HOST_AS_USER=anatomy npm run test:host` (run-host-tests.mjs starts the
// server through runuser). root's containers deny that user their /proc/PID/ns links, so the
// ground truth is read by the harness as root (CONTAINER_ANATOMY_NS_TRUTH) and every verdict in the
// tree is compared with it. The root host run does not load this file (test/host/index.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ContainersTreeProvider, TreeNode } from '../../src/explorer';
import { screenshot, skipWithoutControl } from './support/control';
import { poll, showContainersView } from './support/containersView';

interface Truth {
  self: Record<string, string>;
  containers: Record<string, { pid: number; ns: Record<string, string> }>;
}

const CASES = ['anatomy-hostnet', 'anatomy-hostpid', 'anatomy-netjoiner', 'anatomy-ipcjoiner', 'anatomy-limits'];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Containers view as an ordinary user (HOST_AS_USER)', function () {
  this.timeout(120_000);
  let tree: ContainersTreeProvider;
  let view: vscode.TreeView<TreeNode>;
  let truth: Truth;

  const kids = async (n?: TreeNode): Promise<TreeNode[]> => (await tree.getChildren(n)) ?? [];
  const container = async (name: string): Promise<TreeNode | undefined> => {
    const docker = (await kids()).find((r) => r.id === 'runtime:docker');
    const stack = docker ? await kids(docker) : [];
    while (stack.length > 0) {
      const n = stack.shift()!;
      if (n.kind === 'container' && n.label === name) return n;
      if (n.kind === 'pod' || n.kind === 'containerdNamespace') stack.push(...(await kids(n)));
    }
    return undefined;
  };

  before(async function () {
    // test/host/index.ts loads this file only under HOST_AS_USER; anything else is a broken run.
    const truthFile = process.env.CONTAINER_ANATOMY_NS_TRUTH;
    assert.ok(truthFile, 'CONTAINER_ANATOMY_NS_TRUTH (the root-read ground truth) is set by HOST_AS_USER');
    assert.notEqual(process.getuid?.(), 0, 'the extension host runs as the ordinary user, not root');
    truth = JSON.parse(fs.readFileSync(truthFile, 'utf8')) as Truth;
    ({ tree, view } = await showContainersView());
    await poll('Docker containers in the tree', 60_000, async () =>
      (await container('anatomy-limits')) ? true : undefined,
    );
  });

  it('each case shows the verdict the inodes (read as root) give, with its provenance, and "inodes need root" once', async () => {
    const problems: string[] = [];
    for (const name of CASES) {
      const node = await container(name);
      assert.ok(node, `${name} in the tree`);
      const group = (await kids(node)).find((k) => k.label === 'Namespaces');
      assert.ok(group, `${name} has Namespaces`);
      const lines = await kids(group);
      const notes = lines.filter((l) => l.kind === 'message' && l.label === 'inodes need root');
      if (notes.length !== 1) problems.push(`${name}: ${notes.length} "inodes need root" lines`);
      const mine = truth.containers[name].ns;
      for (const line of lines.filter((l) => l.kind === 'namespace')) {
        const kind = line.label;
        const owner = Object.entries(truth.containers).find(([o, t]) => o !== name && t.ns[kind] === mine[kind])?.[0];
        const expected =
          mine[kind] === truth.self[kind] ? 'shared with host' : owner ? `shared with ${owner}` : 'isolated';
        const text = String(line.description);
        if (!text.startsWith(expected)) problems.push(`${name} ${kind}: "${text}", the inodes say ${expected}`);
        if (!/ · (NSpid|uid_map|mountinfo|net\/dev|engine)/.test(text))
          problems.push(`${name} ${kind}: no provenance in "${text}"`);
        if (/EACCES|denied/.test(text)) problems.push(`${name} ${kind}: "${text}"`);
        if (line.icon.id === 'lock') problems.push(`${name} ${kind}: a lock icon although the verdict is known`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('screenshot tree-ordinary-user', async function () {
    skipWithoutControl(this);
    tree.setFilter('anatomy-host');
    try {
      for (const name of ['anatomy-hostnet', 'anatomy-hostpid']) {
        const node = await poll(`${name} after filtering`, 5_000, () => container(name));
        await view.reveal(node, { select: true, focus: true, expand: 2 });
      }
      await sleep(1000);
      console.log(`screenshot: ${await screenshot('tree-ordinary-user')}`);
    } finally {
      tree.setFilter('');
    }
  });
});
