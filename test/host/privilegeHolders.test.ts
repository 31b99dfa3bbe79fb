// Host test of the hover link "N running containers have CAP_NET_ADMIN" (issue 12, point 4) in a
// real VS Code with the real engines: a container made here with --cap-add NET_ADMIN
// (priv-holders-net-admin, removed after) must be counted. The count's ground truth is read by this
// test alone: every container's init process (a child of containerd's shim or Podman's conmon),
// its CapEff from /proc/PID/status, decoded by `capsh --decode`. The link's command then opens a
// pick that must list the container with its CapEff; picking it (typed into the real quick pick)
// must select its row in the Containers view.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ContainersTreeProvider, TreeNode } from '../../src/explorer';
import { framesText, keyboard, screenshot, skipWithoutControl } from './support/control';
import { poll, showContainersView } from './support/containersView';

const NAME = 'priv-holders-net-admin';
const IMAGE = 'anatomy-busybox:latest';
const COMMAND = 'containerAnatomy.showPrivilegeHolders';
const OPEN_DIAGRAM = 'containerAnatomy.openDiagram';
/** The parents of containers' init processes: containerd's shims (Docker, containerd) and Podman's conmon. */
const CONTAINER_PARENTS = /^(containerd-shim|conmon)/;

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${file} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended meanwhile
  }
}

function capEffOf(pid: number): string | undefined {
  return /^CapEff:\s*(\S+)$/m.exec(readOrEmpty(`/proc/${pid}/status`))?.[1];
}

/** `capsh --decode=MASK` → `['cap_chown', …]`, each mask decoded once. */
async function capshNames(mask: string, cache: Map<string, string[]>): Promise<string[]> {
  let names = cache.get(mask);
  if (!names) {
    const out = await run('capsh', [`--decode=${mask}`]);
    names = out.slice(out.indexOf('=') + 1).split(',');
    cache.set(mask, names);
  }
  return names;
}

/** PIDs whose parent is a container shim or conmon: the containers' init processes, read from /proc alone. */
function containerInitPids(): number[] {
  const comm = (pid: string) => readOrEmpty(`/proc/${pid}/comm`).trim();
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrEmpty(`/proc/${entry}/stat`);
    const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    if (ppid && CONTAINER_PARENTS.test(comm(ppid)) && !CONTAINER_PARENTS.test(comm(entry))) pids.push(Number(entry));
  }
  return pids;
}

/** How many containers' init processes hold CAP_NET_ADMIN in CapEff, by capsh. */
async function netAdminHoldersNow(cache: Map<string, string[]>): Promise<number> {
  let n = 0;
  for (const pid of containerInitPids()) {
    const mask = capEffOf(pid);
    if (mask && (await capshNames(mask, cache)).includes('cap_net_admin')) n++;
  }
  return n;
}

async function ourHoverText(doc: vscode.TextDocument, line: number, word: string) {
  const column = doc.lineAt(line).text.indexOf(word);
  const position = new vscode.Position(line, column + Math.floor(word.length / 2));
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  for (const hover of hovers)
    for (const content of hover.contents)
      if (content instanceof vscode.MarkdownString && content.value.includes(`command:${OPEN_DIAGRAM}?`))
        return content;
  return undefined;
}

describe('Hover on a capability opens the containers that hold it (real VS Code host, real engines)', function () {
  this.timeout(120_000);
  let tree: ContainersTreeProvider;
  let view: vscode.TreeView<TreeNode>;
  let pid = 0;
  const capsh = new Map<string, string[]>();

  before(async function () {
    if (!fs.existsSync('/var/run/docker.sock')) assert.fail('Docker is not running: run scripts/engines/setup.sh');
    await run('docker', ['rm', '-f', NAME]).catch(() => undefined);
    await run('docker', ['run', '-d', '--name', NAME, '--cap-add', 'NET_ADMIN', IMAGE, 'sleep', '1000000']);
    pid = Number(await run('docker', ['inspect', '-f', '{{.State.Pid}}', NAME]));
    ({ tree, view } = await showContainersView());
    await vscode.commands.executeCommand('containerAnatomy.refreshContainers');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('docker', ['rm', '-f', NAME]).catch(() => undefined);
  });

  it('NET_ADMIN in a Dockerfile: the count capsh gives, a link trusted for that command; the pick lists and reveals ours', async function () {
    const mask = capEffOf(pid);
    assert.ok(mask, `CapEff of ${NAME} (PID ${pid})`);
    assert.ok((await capshNames(mask, capsh)).includes('cap_net_admin'), `capsh: ${NAME} holds cap_net_admin`);
    assert.ok(containerInitPids().includes(pid), `PID ${pid} is found as a container's init process`);

    const doc = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM busybox\n# run it with: docker run --cap-add NET_ADMIN\n',
    });
    await vscode.window.showTextDocument(doc);
    // Containers come and go on a shared machine: the hover must agree with the kernel at one moment.
    const { hover, truth } = await poll('the hover counting what capsh counts', 30_000, async () => {
      const before = await netAdminHoldersNow(capsh);
      const md = await ourHoverText(doc, 1, 'NET_ADMIN');
      const after = await netAdminHoldersNow(capsh);
      const want = `[${before} running ${before === 1 ? 'container has' : 'containers have'} CAP\\_NET\\_ADMIN](command:${COMMAND}?`;
      return before === after && md?.value.includes(want) ? { hover: md, truth: before } : undefined;
    });
    assert.ok(truth >= 1, 'ours at least');
    if (typeof hover.isTrusted === 'object') {
      assert.deepStrictEqual([...hover.isTrusted.enabledCommands].sort(), [COMMAND, OPEN_DIAGRAM].sort());
    } else assert.notStrictEqual(hover.isTrusted, true, 'the hover must not trust every command');
    const arg = new RegExp(`\\(command:${COMMAND.replace('.', '\\.')}\\?([^)]*)\\)`).exec(hover.value);
    assert.ok(arg, hover.value);
    const query: unknown = JSON.parse(decodeURIComponent(arg[1]));
    assert.deepStrictEqual(query, [{ capability: 'NET_ADMIN' }]);

    skipWithoutControl(this);
    const picked = vscode.commands.executeCommand<string | undefined>(COMMAND, ...(query as unknown[]));
    const shown = await poll('the pick listing our container', 15_000, async () => {
      const main = (await framesText()).find((f) => f.main);
      return main?.text.includes('Running containers with CAP_NET_ADMIN') && main.text.includes(NAME)
        ? main.text
        : undefined;
    });
    assert.ok(shown.includes(`CapEff ${mask}`), `the pick shows the kernel's CapEff ${mask}: ${shown}`);
    console.log(`screenshot: ${await screenshot('privilege-holders-pick')}`);
    await keyboard({ type: NAME, press: ['Enter'] });
    const key = await picked;
    const id = await run('docker', ['inspect', '-f', '{{.Id}}', NAME]);
    assert.ok(key?.includes(id), `picked ${key}, want the key of ${id}`);
    await poll('our row selected in the Containers view', 10_000, async () =>
      view.selection[0]?.containerKey === key && view.selection[0].kind === 'container' ? true : undefined,
    );
    assert.equal(tree.node(view.selection[0].id)?.label, NAME);
  });
});
