// Host tests for the Dockerfile hovers, in a real VS Code: a Dockerfile and a Containerfile are
// written to a temporary folder (and one untitled document is made), VS Code maps them to the
// `dockerfile` language, and `vscode.executeHoverProvider` must return our hover: the glossary's
// text, a link to the reference, and a command link to containerAnatomy.openDiagram, trusted for
// that one command only. The setting containerAnatomy.hovers.mode must take effect at once.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

const extensionId = 'container-anatomy.container-anatomy';
const openDiagram = 'containerAnatomy.openDiagram';
const modeSection = 'containerAnatomy.hovers';

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1',
  '# Each RUN step gets its own pid namespace; seccomp filters its system calls.',
  'FROM alpine:3.20 AS build',
  'RUN --mount=type=cache,target=/var/cache/apk \\',
  '    --network=none \\',
  '    apk add runc',
  'USER 65532',
  '',
].join('\n');

const CONTAINERFILE = [
  'FROM registry.fedoraproject.org/fedora:40',
  '# rootless Podman maps root through a user namespace',
  'RUN <<EOF',
  'echo "[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> cgroup v2"',
  'EOF',
  'EXPOSE 8080',
  '',
].join('\n');

interface OurHover {
  readonly text: string;
  readonly markdown: vscode.MarkdownString;
}

/** Our hover at the first occurrence of `word` on `line` (cursor in its middle), if any. */
async function hoverOn(doc: vscode.TextDocument, line: number, word: string): Promise<OurHover | undefined> {
  const column = doc.lineAt(line).text.indexOf(word);
  assert.ok(column >= 0, `"${word}" is not on line ${line} of ${doc.uri.toString()}`);
  const position = new vscode.Position(line, column + Math.floor(word.length / 2));
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  for (const hover of hovers) {
    for (const content of hover.contents) {
      if (content instanceof vscode.MarkdownString && content.value.includes(`command:${openDiagram}?`)) {
        return { text: content.value, markdown: content };
      }
    }
  }
  return undefined;
}

/** The command link's argument, decoded. */
function diagramArgument(text: string): unknown {
  const match = new RegExp(`\\(command:${openDiagram.replace('.', '\\.')}\\?([^)]*)\\)`).exec(text);
  assert.ok(match, `no ${openDiagram} link in: ${text}`);
  return JSON.parse(decodeURIComponent(match[1]));
}

function assertTrustedForOurCommandOnly(markdown: vscode.MarkdownString): void {
  assert.notStrictEqual(markdown.isTrusted, true, 'the hover must not trust every command');
  if (typeof markdown.isTrusted === 'object') {
    assert.deepStrictEqual([...markdown.isTrusted.enabledCommands], [openDiagram]);
  } else {
    console.log(`note: isTrusted came back as ${String(markdown.isTrusted)} through executeHoverProvider`);
  }
  assert.ok(!markdown.supportHtml, 'supportHtml must be off');
  for (const m of markdown.value.matchAll(/\]\(([^)]*)\)/g)) {
    assert.ok(m[1].startsWith('https://') || m[1].startsWith(`command:${openDiagram}?`), `foreign link ${m[1]}`);
  }
}

async function setMode(mode: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration(modeSection).update('mode', mode, vscode.ConfigurationTarget.Global);
}

const settleTimeoutMs = 5_000;

/** Polls until `check` holds: the provider hears of a setting change through an event. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + settleTimeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what} (waited ${settleTimeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Dockerfile hovers (real VS Code host)', function () {
  let folder: string;
  let dockerfile: vscode.TextDocument;
  let containerfile: vscode.TextDocument;

  before(async function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'container-anatomy-hover-'));
    fs.writeFileSync(path.join(folder, 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(folder, 'Containerfile'), CONTAINERFILE);
    dockerfile = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'Dockerfile')));
    containerfile = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'Containerfile')));
    await vscode.window.showTextDocument(dockerfile);
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not loaded`);
    await extension.activate();
    await setMode(undefined);
  });

  after(async () => {
    await setMode(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('VS Code gives Dockerfile and Containerfile the dockerfile language', () => {
    assert.strictEqual(dockerfile.languageId, 'dockerfile');
    assert.strictEqual(containerfile.languageId, 'dockerfile');
  });

  it('hovers an isolation term in a comment, with the man page and the diagram command', async () => {
    const hover = await hoverOn(dockerfile, 1, 'pid');
    assert.ok(hover, 'no hover on "pid namespace"');
    assert.match(hover.text, /PID namespace/);
    assert.match(hover.text, /man7\.org\/linux\/man-pages\/man7\/pid_namespaces\.7\.html/);
    assert.deepStrictEqual(diagramArgument(hover.text), { diagram: 'namespaces-cgroups' });
    assertTrustedForOurCommandOnly(hover.markdown);
  });

  it('prefers the flag and its value over the instruction', async () => {
    const mount = await hoverOn(dockerfile, 3, 'cache');
    assert.ok(mount);
    // The cache mount is a speed-up only: the hover says another build or garbage collection may empty it.
    assert.match(mount.text, /cache directory/);
    assert.match(mount.text, /garbage collection may empty it/);
    const network = await hoverOn(dockerfile, 4, 'none');
    assert.ok(network);
    assert.match(network.text, /only the loopback/);
    assertTrustedForOurCommandOnly(network.markdown);
  });

  it('explains USER with user namespaces (mode auto, no other Dockerfile extension here)', async function () {
    const others = ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'].filter((id) =>
      vscode.extensions.getExtension(id),
    );
    if (others.length > 0) {
      console.log(`skipping: ${others.join(', ')} installed, so auto hides instruction hovers`);
      this.skip();
    }
    const hover = await hoverOn(dockerfile, 6, 'USER');
    assert.ok(hover);
    assert.match(hover.text, /user namespace/);
    assert.deepStrictEqual(diagramArgument(hover.text), { diagram: 'namespaces-cgroups' });
  });

  it('in a Containerfile: terms in here-document bodies, hostile text never echoed', async () => {
    const term = await hoverOn(containerfile, 3, 'cgroup');
    assert.ok(term, 'no hover on "cgroup v2" in the here-document body');
    assert.match(term.text, /cgroup v2/);
    assertTrustedForOurCommandOnly(term.markdown);
    for (const word of ['workbench', 'img', 'onerror', 'command']) {
      const hostile = await hoverOn(containerfile, 3, word);
      assert.strictEqual(hostile, undefined, `a hover on "${word}" in hostile text`);
    }
    const rootless = await hoverOn(containerfile, 1, 'rootless');
    assert.ok(rootless);
    assert.match(rootless.text, /Rootless containers/);
  });

  it('works on an untitled dockerfile document', async () => {
    const untitled = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM alpine\nRUN --security=insecure echo gVisor\n',
    });
    const hover = await hoverOn(untitled, 1, 'insecure');
    assert.ok(hover);
    assert.match(hover.text, /capabilities/);
    assert.deepStrictEqual(diagramArgument(hover.text), { diagram: 'containers-in-vms' });
  });

  it('follows containerAnatomy.hovers.mode: glossary-only, then off', async () => {
    try {
      await setMode('glossary-only');
      await until(
        'a flag hover in glossary-only mode',
        async () => (await hoverOn(dockerfile, 4, 'network')) === undefined,
      );
      assert.ok(await hoverOn(dockerfile, 1, 'seccomp'), 'no term hover in glossary-only mode');
      await setMode('off');
      await until('a hover in off mode', async () => (await hoverOn(dockerfile, 1, 'seccomp')) === undefined);
      await setMode('all');
      await until('no instruction hover in all mode', async () => (await hoverOn(dockerfile, 2, 'FROM')) !== undefined);
    } finally {
      await setMode(undefined);
    }
  });
});
