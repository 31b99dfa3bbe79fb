// Host test for the compose and Kubernetes hovers in a real VS Code: docker-compose 1.29 brings up
// a small project, the compose file is opened (VS Code gives it the `dockercompose` language), and
// `vscode.executeHoverProvider` must return our hover with the limit the kernel holds, read here
// from the container's cgroup file, and a trusted link for our commands only. A plain YAML file
// gets no hover of ours. The hover is shown in the editor for a screenshot. The links a running
// container gets are taken from the hover's markdown and run with their encoded arguments: the
// Containers view must select the container `docker ps` names and the panel draw its anatomy (with
// the net inode readlink gives); the set-up's hostile CRI pod (HTML in its pod name, Mermaid in its
// container name) goes the same way.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ContainerAnatomyApi } from '../../src/extension';
import { screenshot, skipWithoutControl, svgText } from './support/control';
import { poll } from './support/containersView';
import { pollFrames } from './support/frames';

const extensionId = 'container-anatomy.container-anatomy';
const PROJECT = 'yaml-hover-host';
const OUR_COMMANDS = [
  'containerAnatomy.openDiagram',
  'containerAnatomy.revealContainer',
  'containerAnatomy.revealInDiagram',
];
// The set-up's hostile CRI pod (scripts/engines/lib.sh HOSTILE_HTML, K8S_POD_NAMESPACE, setup.sh anatomy-k8s-evil).
const HOSTILE_POD_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_POD_ID = 'anatomy-k8s-evil';
const HOSTILE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: "${HOSTILE_POD_NAME}"
  namespace: default
spec:
  hostNetwork: false
  containers:
    - name: app
      image: busybox
`;

const COMPOSE = `version: "2.4"
services:
  web:
    image: anatomy-busybox:latest
    command: ["sleep", "1000000"]
    mem_limit: 48m
    cap_add: [NET_ADMIN]
    labels: {anatomy.test: "1"}
  sidecar:
    image: anatomy-busybox:latest
    command: ["sleep", "1000000"]
    network_mode: "service:web"
    labels: {anatomy.test: "1"}
`;

function run(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout.trim()),
    );
  });
}

function kernelMemoryLimit(pid: number): string {
  const lines = fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
  const v1 = lines.find((l) => /^\d+:[^:]*\bmemory\b[^:]*:/.test(l));
  if (v1) return fs.readFileSync(`/sys/fs/cgroup/memory${v1.split(':')[2]}/memory.limit_in_bytes`, 'utf8').trim();
  const v2 = lines.find((l) => l.startsWith('0::'))!;
  return fs.readFileSync(`/sys/fs/cgroup${v2.slice(3)}/memory.max`, 'utf8').trim();
}

/** Our hover's markdown at the middle of `word` on its first line, if any. */
async function ourHover(doc: vscode.TextDocument, word: string): Promise<vscode.MarkdownString | undefined> {
  const offset = doc.getText().indexOf(word);
  assert.ok(offset >= 0, `${word} in ${doc.fileName}`);
  const position = doc.positionAt(offset + Math.floor(word.length / 2));
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  for (const hover of hovers) {
    for (const content of hover.contents) {
      if (content instanceof vscode.MarkdownString && content.value.includes('command:containerAnatomy.openDiagram?')) {
        return content;
      }
    }
  }
  return undefined;
}

const rendered = (md: string): string => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** The command and decoded arguments of the hover's link to `command`, as VS Code would run it. */
function linkOf(markdown: vscode.MarkdownString, command: string): unknown[] {
  const m = new RegExp(`\\]\\(command:${command.replace(/\./g, '\\.')}\\?([^)\\s]*)\\)`).exec(markdown.value);
  assert.ok(m, `a ${command} link in ${markdown.value}`);
  const args: unknown = JSON.parse(decodeURIComponent(m[1]));
  assert.ok(Array.isArray(args), m[1]);
  return args;
}

function netInode(pid: number): string {
  return /\[(\d+)\]/.exec(fs.readlinkSync(`/proc/${pid}/ns/net`))![1];
}

/** The Containers view's selection once it is one container node: its key. */
async function selectedContainerKey(a: ContainerAnatomyApi): Promise<string> {
  return poll('a container selected in the Containers view', 10_000, async () => {
    const selected = a.containersView.selection;
    return selected.length === 1 && selected[0].kind === 'container' ? selected[0].containerKey : undefined;
  });
}

/** Closes the editors and waits until the panel's dispose reached the extension host. */
async function closePanel(a: ContainerAnatomyApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  for (let waited = 0; a.panels.isOpen && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

describe('compose and Kubernetes hovers (real VS Code host)', function () {
  this.timeout(240_000);
  let parent: string;
  let folder: string;
  let compose: vscode.TextDocument;
  let api: ContainerAnatomyApi;

  before(async function () {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-hover-'));
    folder = path.join(parent, PROJECT);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'docker-compose.yml'), COMPOSE);
    fs.writeFileSync(path.join(folder, 'evil-pod.yaml'), HOSTILE_POD);
    fs.writeFileSync(path.join(folder, 'values.yaml'), 'replicas: 1\nprivileged: true\nmem_limit: 64m\n');
    await run('docker-compose', ['up', '-d'], folder);
    const extension = vscode.extensions.getExtension<ContainerAnatomyApi>(extensionId);
    assert.ok(extension, `extension ${extensionId} is not loaded`);
    api = await extension.activate();
    await api.feed.refresh();
    compose = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'docker-compose.yml')));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (folder) await run('docker-compose', ['down', '--timeout', '1'], folder).catch((e: unknown) => console.log(e));
    if (parent) fs.rmSync(parent, { recursive: true, force: true });
  });

  it('mem_limit: the hover shows the limit the kernel holds, with a trusted link for our commands only', async () => {
    // VS Code's own yaml extension gives compose files the `dockercompose` language; older ones `yaml`.
    assert.ok(['dockercompose', 'yaml'].includes(compose.languageId), compose.languageId);
    const pid = Number(await run('docker', ['inspect', '-f', '{{.State.Pid}}', `${PROJECT}_web_1`]));
    const held = kernelMemoryLimit(pid);
    assert.strictEqual(held, String(48 * 1024 * 1024));
    const markdown = await ourHover(compose, 'mem_limit');
    assert.ok(markdown, 'our hover on mem_limit');
    const text = rendered(markdown.value);
    assert.ok(text.includes(`Writes \`${held}\``), text);
    assert.ok(text.includes(`**Running now:** ${PROJECT}_web_1`) && text.includes(`holds \`${held}\``), text);
    assert.notStrictEqual(markdown.isTrusted, true, 'the hover must not trust every command');
    if (typeof markdown.isTrusted === 'object') {
      assert.deepStrictEqual([...markdown.isTrusted.enabledCommands].sort(), [...OUR_COMMANDS].sort());
    }
    assert.ok(!markdown.supportHtml);
    for (const m of markdown.value.matchAll(/\]\(([^)]*)\)/g)) {
      assert.ok(m[1].startsWith('https://') || OUR_COMMANDS.some((c) => m[1].startsWith(`command:${c}?`)), m[1]);
    }
  });

  it('network_mode: service:web shows the shared network namespace inode', async () => {
    const pid = Number(await run('docker', ['inspect', '-f', '{{.State.Pid}}', `${PROJECT}_web_1`]));
    const inode = /\[(\d+)\]/.exec(fs.readlinkSync(`/proc/${pid}/ns/net`))![1];
    const markdown = await ourHover(compose, 'service:web');
    assert.ok(markdown);
    assert.ok(rendered(markdown.value).includes(`\`net:[${inode}]\``), markdown.value);
  });

  it("the service key's link selects the container docker ps names in the Containers view and opens its anatomy", async function () {
    const id = await run('docker', [
      'ps',
      '--no-trunc',
      '--filter',
      `label=com.docker.compose.project=${PROJECT}`,
      '--filter',
      'label=com.docker.compose.service=web',
      '--format',
      '{{.ID}}',
    ]);
    assert.match(id, /^[0-9a-f]{64}$/, 'one running web container');
    const markdown = await ourHover(compose, 'web');
    assert.ok(markdown, 'our hover on the service key');
    assert.ok(rendered(markdown.value).includes(`**Running now:** ${PROJECT}_web_1`), markdown.value);
    const args = linkOf(markdown, 'containerAnatomy.revealContainer');
    await vscode.commands.executeCommand('containerAnatomy.revealContainer', ...args);
    const key = await selectedContainerKey(api);
    assert.strictEqual(api.containersTree.container(key)?.id, id, `selected ${key}`);
    assert.ok(api.containersView.visible, 'the Containers view is shown');
    assert.strictEqual(api.panels.currentDiagramId, 'container-anatomy');
    skipWithoutControl(this);
    const pid = Number(await run('docker', ['inspect', '-f', '{{.State.Pid}}', id]));
    const inode = netInode(pid);
    await pollFrames(`the anatomy of ${PROJECT}_web_1 with net inode ${inode}`, 30_000, (frames) => {
      for (const f of frames)
        for (const svg of f.svgs)
          if (svgText(svg).includes(`Container ${PROJECT}_web_1`) && svgText(svg).includes(`inode ${inode}`))
            return svg;
      return undefined;
    });
    await screenshot('yaml-hover-reveal-anatomy');
    await closePanel(api);
  });

  it('the hostile CRI pod: its hover is text, and its link selects that very container', async () => {
    const pod = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'evil-pod.yaml')));
    const markdown = await ourHover(pod, 'hostNetwork');
    assert.ok(markdown, 'our hover on hostNetwork');
    // The pod's name shows inside a code span (text, never HTML); nowhere else an unescaped `<`.
    assert.ok(markdown.value.includes(`\`${HOSTILE_POD_NAME}\``), markdown.value);
    assert.doesNotMatch(markdown.value.replace(/`[^`]*`/g, ''), /(^|[^\\])</, 'no unescaped HTML');
    assert.ok(!markdown.supportHtml);
    for (const m of markdown.value.matchAll(/\]\(([^)]*)\)/g)) {
      assert.ok(m[1].startsWith('https://') || OUR_COMMANDS.some((c) => m[1].startsWith(`command:${c}?`)), m[1]);
    }
    const args = linkOf(markdown, 'containerAnatomy.revealContainer');
    await vscode.commands.executeCommand('containerAnatomy.revealContainer', ...args);
    const key = await poll('the hostile sandbox selected', 10_000, async () => {
      const k = await selectedContainerKey(api);
      return api.containersTree.container(k)?.id === HOSTILE_POD_ID ? k : undefined;
    });
    const c = api.containersTree.container(key);
    assert.strictEqual(c?.labels['io.kubernetes.pod.name'], HOSTILE_POD_NAME);
    assert.strictEqual(api.panels.currentDiagramId, 'container-anatomy');
    await closePanel(api);
  });

  it('a plain YAML file gets no hover of ours', async () => {
    const plain = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'values.yaml')));
    assert.strictEqual(await ourHover(plain, 'privileged'), undefined);
    assert.strictEqual(await ourHover(plain, 'mem_limit'), undefined);
  });

  it('screenshot: yaml-hover-live', async function () {
    skipWithoutControl(this);
    const editor = await vscode.window.showTextDocument(compose);
    const offset = compose.getText().indexOf('mem_limit') + 3;
    const at = compose.positionAt(offset);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    console.log(`screenshot: ${await screenshot('yaml-hover-live')}`);
  });
});
