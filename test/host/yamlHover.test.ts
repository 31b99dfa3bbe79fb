// Host test for the compose and Kubernetes hovers in a real VS Code: docker-compose 1.29 brings up
// a small project, the compose file is opened (VS Code gives it the `dockercompose` language), and
// `vscode.executeHoverProvider` must return our hover with the limit the kernel holds, read here
// from the container's cgroup file, and a trusted link for our commands only. A plain YAML file
// gets no hover of ours. The hover is shown in the editor for a screenshot.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ContainerAnatomyApi } from '../../src/extension';
import { screenshot, skipWithoutControl } from './support/control';

const extensionId = 'container-anatomy.container-anatomy';
const PROJECT = 'anatomy-yh-host';
const OUR_COMMANDS = ['containerAnatomy.openDiagram', 'containerAnatomy.revealInDiagram'];

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

describe('compose and Kubernetes hovers (real VS Code host)', function () {
  this.timeout(240_000);
  let parent: string;
  let folder: string;
  let compose: vscode.TextDocument;

  before(async function () {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-yh-'));
    folder = path.join(parent, PROJECT);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'docker-compose.yml'), COMPOSE);
    fs.writeFileSync(path.join(folder, 'values.yaml'), 'replicas: 1\nprivileged: true\nmem_limit: 64m\n');
    await run('docker-compose', ['up', '-d'], folder);
    const extension = vscode.extensions.getExtension<ContainerAnatomyApi>(extensionId);
    assert.ok(extension, `extension ${extensionId} is not loaded`);
    const api = await extension.activate();
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
