// Host test of the Privileges group (issue 12) in a real VS Code with the real Docker engine: a
// container made here with added capabilities (anatomy-pw-host, removed after) is expanded in the
// Containers tree; the group's figures are compared with /proc/PID/status read by this test and
// decoded by `capsh --decode`, the copy command with the same list, and a screenshot is taken.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ContainersTreeProvider, TreeNode } from '../../src/explorer';
import { screenshot, skipWithoutControl } from './support/control';
import { poll, showContainersView } from './support/containersView';

const NAME = 'anatomy-pw-host';
const IMAGE = 'anatomy-busybox:latest';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${file} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

/** The kernel's bounding set of the process, decoded by capsh, in the tree's spelling (NET_ADMIN). */
async function capshBounding(pid: number): Promise<string[]> {
  const mask = /^CapBnd:\s*(\S+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  assert.ok(mask, 'CapBnd line');
  const out = await run('capsh', [`--decode=${mask}`]);
  return out
    .slice(out.indexOf('=') + 1)
    .split(',')
    .map((n) => n.replace(/^cap_/, '').toUpperCase());
}

describe('Privileges group in the Containers tree (real VS Code host, real Docker)', function () {
  this.timeout(120_000);
  let tree: ContainersTreeProvider;
  let view: vscode.TreeView<TreeNode>;
  let pid = 0;
  const kids = async (n?: TreeNode): Promise<TreeNode[]> => (await tree.getChildren(n)) ?? [];
  const child = async (n: TreeNode, label: string): Promise<TreeNode> => {
    const found = (await kids(n)).find((k) => k.label === label);
    assert.ok(found, `${n.label} has no child "${label}": ${(await kids(n)).map((k) => k.label).join(', ')}`);
    return found;
  };
  const findContainer = async (): Promise<TreeNode | undefined> => {
    const stack = await kids();
    while (stack.length > 0) {
      const n = stack.shift()!;
      if (n.kind === 'container' && n.label === NAME) return n;
      if (n.kind === 'runtime' || n.kind === 'pod' || n.kind === 'containerdNamespace') stack.push(...(await kids(n)));
    }
    return undefined;
  };

  before(async function () {
    if (!fs.existsSync('/var/run/docker.sock')) assert.fail('Docker is not running: run scripts/engines/setup.sh');
    await run('docker', ['rm', '-f', NAME]).catch(() => undefined);
    await run('docker', [
      'run',
      '-d',
      '--name',
      NAME,
      '--cap-add',
      'NET_ADMIN',
      '--cap-add',
      'SYS_PTRACE',
      IMAGE,
      'sleep',
      '1000000',
    ]);
    pid = Number(await run('docker', ['inspect', '-f', '{{.State.Pid}}', NAME]));
    ({ tree, view } = await showContainersView());
    await vscode.commands.executeCommand('containerAnatomy.refreshContainers');
  });

  after(async () => {
    tree?.setFilter('');
    await run('docker', ['rm', '-f', NAME]).catch(() => undefined);
  });

  it('privileges group: capabilities as capsh decodes them, weak spots with warnings, copy; screenshot tree-privileges', async function () {
    const container = await poll(`${NAME} in the tree`, 30_000, findContainer);
    assert.match(String(container.description), / · ⚠ \d+$/, 'the row is marked with its weak spots');
    const group = await child(container, 'Privileges');
    assert.match(String(group.description), /^privileged · \d+ serious weak spots$/);
    const caps = await child(group, 'Capabilities');
    const truth = await capshBounding(pid);
    assert.equal(caps.description, `+NET_ADMIN +SYS_PTRACE (${truth.length})`);
    assert.deepEqual(
      (await kids(caps)).map((k) => k.label),
      truth,
    );
    const spots = await child(group, 'Weak spots');
    const found = await kids(spots);
    const ptrace = found.find((k) => k.label === 'Has CAP_SYS_PTRACE');
    assert.ok(ptrace, `weak spots: ${found.map((k) => k.label).join(', ')}`);
    assert.equal(ptrace.icon.id, 'warning');
    const tip = tree.resolveTreeItem(tree.getTreeItem(ptrace), ptrace).tooltip as vscode.MarkdownString;
    assert.ok(tip.value.includes('Why it matters'), tip.value);
    assert.ok(!tip.isTrusted);
    await vscode.commands.executeCommand('containerAnatomy.copyCapabilities', caps);
    assert.equal(await vscode.env.clipboard.readText(), truth.join('\n'));

    skipWithoutControl(this);
    tree.setFilter(NAME);
    const shown = await poll(`${NAME} after filtering`, 10_000, findContainer);
    await view.reveal(shown, { select: true, focus: true, expand: true });
    const shownSpots = await child(await child(shown, 'Privileges'), 'Weak spots');
    await view.reveal(shownSpots, { select: true, focus: true, expand: true });
    await sleep(1000);
    console.log(`screenshot: ${await screenshot('tree-privileges')}`);
  });
});
