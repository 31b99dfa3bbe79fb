// The command links of a compose or Kubernetes hover, read back by a real markdown parser (marked,
// the parser VS Code renders hovers with; here through mermaid's dependency): every link is an https
// page or one of the three trusted commands, and the arguments decode to exactly the container's key,
// however hostile the container's name and key are. The names are the set-up's hostile payloads
// (scripts/engines/lib.sh); a key with `)`, `]` and quotes stands for what no engine gives today.
import * as assert from 'node:assert/strict';
import { marked, type Token, type Tokens } from 'marked';
import type { ContainerInfo, HostSnapshot } from '../../../src/core/model';
import { YAML_HOVER_COMMANDS } from '../../../src/core/yaml';
import { hoverOn } from './helpers';

const HOSTILE_MERMAID = 'x"]; click A "javascript:alert(1)"';
const HOSTILE_HTML = '<img src=x onerror=alert(1)>';
const HOSTILE_MD = '[run](command:workbench.action.terminal.new)';
const HOSTILE_KEY = `containerd:k8s.io:a) ](command:workbench.action.terminal.new?%5B%5D) "'*!\n`;

function container(key: string, name: string, labels: Record<string, string>): ContainerInfo {
  // Keys are `${runtime}:${namespace}:${id}` (model.ts).
  const [runtime, , ...id] = key.split(':');
  return {
    key,
    runtime: runtime as 'docker' | 'containerd',
    id: id.join(':'),
    name,
    image: 'busybox',
    state: 'running',
    labels,
  };
}

function snapshotOf(...containers: ContainerInfo[]): HostSnapshot {
  return {
    takenAt: '2026-01-01T00:00:00Z',
    host: { cgroupVersion: '1', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [],
    containers,
  };
}

interface Link {
  readonly href: string;
  readonly text: string;
}

function linksOf(markdown: string): { links: Link[]; html: string[] } {
  const links: Link[] = [];
  const html: string[] = [];
  const walk = (tokens: readonly Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'link') {
        const shownText = (t as Tokens.Link).tokens.map((x) => ('text' in x ? String(x.text) : x.raw)).join('');
        links.push({ href: (t as Tokens.Link).href, text: shownText });
      }
      if (t.type === 'html') html.push(t.raw);
      const inner = (t as { tokens?: Token[] }).tokens;
      if (inner) walk(inner);
    }
  };
  walk(marked.lexer(markdown));
  return { links, html };
}

/** The command and its decoded arguments, or undefined for an https link. */
function commandOf(href: string): { command: string; args: unknown } | undefined {
  if (href.startsWith('https://')) return undefined;
  const m = /^command:([\w.]+)\?(.*)$/s.exec(href);
  assert.ok(m, `a link that is neither https nor a command: ${href}`);
  return { command: m[1], args: JSON.parse(decodeURIComponent(m[2])) };
}

const COMPOSE = `services:
  web:
    mem_limit: 64m
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: "${HOSTILE_HTML}"
spec:
  hostNetwork: true
  containers:
    - name: app
      image: busybox
`;

describe('the command links of a YAML hover', () => {
  it('compose: reveal-with-anatomy and live-diagram links carry the exact key, hostile as it is', () => {
    const c = container(HOSTILE_KEY, HOSTILE_MD, {
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'web',
    });
    const hover = hoverOn(COMPOSE, 'mem_limit', 'compose', {
      snapshot: snapshotOf(c),
      fileName: '/srv/shop/compose.yaml',
    });
    assert.ok(hover);
    const { links, html } = linksOf(hover.markdown);
    assert.deepEqual(html, []);
    const commands = links.map((l) => commandOf(l.href)).filter((x) => x !== undefined);
    for (const { command } of commands) assert.ok(YAML_HOVER_COMMANDS.includes(command), command);
    const reveal = commands.find((x) => x.command === 'containerAnatomy.revealContainer');
    assert.deepEqual(reveal?.args, [HOSTILE_KEY, { anatomy: true }]);
    const diagram = commands.find((x) => x.command === 'containerAnatomy.revealInDiagram');
    assert.deepEqual(diagram?.args, [HOSTILE_KEY]);
    // The name shows as itself, inside our link: it made no link of its own.
    assert.equal(links.length, 4, JSON.stringify(links));
    const revealText = links.find((l) => l.href.includes('revealContainer'))?.text;
    assert.equal(revealText, `Reveal ${HOSTILE_MD} in Containers and show its anatomy`);
  });

  it('Kubernetes: a pod named with HTML, a container named with Mermaid: text, and only our commands', () => {
    const sandbox = container('containerd:k8s.io:anatomy-k8s-evil', HOSTILE_MERMAID, {
      'io.kubernetes.pod.name': HOSTILE_HTML,
      'io.kubernetes.pod.namespace': 'default',
      'io.kubernetes.container.name': HOSTILE_MERMAID,
      'io.cri-containerd.kind': 'sandbox',
    });
    const hover = hoverOn(POD, 'hostNetwork', 'manifest', { snapshot: snapshotOf(sandbox), fileName: '/tmp/pod.yaml' });
    assert.ok(hover);
    const { links, html } = linksOf(hover.markdown);
    assert.deepEqual(html, [], 'no HTML reaches the renderer');
    const reveal = links.map((l) => commandOf(l.href)).find((x) => x?.command === 'containerAnatomy.revealContainer');
    assert.deepEqual(reveal?.args, ['containerd:k8s.io:anatomy-k8s-evil', { anatomy: true }]);
    for (const l of links) {
      const cmd = commandOf(l.href);
      if (cmd) assert.ok(YAML_HOVER_COMMANDS.includes(cmd.command), cmd.command);
    }
  });

  it('no running container: no container link at all', () => {
    const hover = hoverOn(COMPOSE, 'mem_limit', 'compose', {
      snapshot: snapshotOf(),
      fileName: '/srv/shop/compose.yaml',
    });
    const { links } = linksOf(hover?.markdown ?? '');
    assert.deepEqual(
      links.map((l) => commandOf(l.href)?.command).filter((c) => c !== undefined),
      ['containerAnatomy.openDiagram'],
    );
  });
});

describe('hovers on what names the containers', () => {
  const web = container('docker::web1', 'shop-web-1', {
    'com.docker.compose.project': 'shop',
    'com.docker.compose.service': 'web',
  });

  it("a compose service's key: its labels, the container running from it, and its links", () => {
    const text = `services:\n  web:\n    image: busybox\n  db:\n    image: busybox\n`;
    const hover = hoverOn(text, 'web', 'compose', { snapshot: snapshotOf(web), fileName: '/srv/shop/compose.yaml' });
    assert.ok(hover);
    assert.deepEqual(hover.range, [text.indexOf('web'), text.indexOf('web') + 3]);
    assert.ok(hover.markdown.includes('`com.docker.compose.project=shop`'), hover.markdown);
    assert.ok(hover.markdown.includes('**Running now:** shop\\-web\\-1 (Docker): id `web1`'), hover.markdown);
    const reveal = linksOf(hover.markdown)
      .links.map((l) => commandOf(l.href))
      .find((x) => x?.command === 'containerAnatomy.revealContainer');
    assert.deepEqual(reveal?.args, ['docker::web1', { anatomy: true }]);
    const db = hoverOn(text, 'db', 'compose', { snapshot: snapshotOf(web), fileName: '/srv/shop/compose.yaml' });
    assert.ok(db?.markdown.includes('no running container from it') && !db.markdown.includes('revealContainer'));
    const noSnapshot = hoverOn(text, 'web', 'compose', { fileName: '/srv/shop/compose.yaml' });
    assert.ok(noSnapshot && !noSnapshot.markdown.includes('Running now'), noSnapshot?.markdown);
  });

  it("a Pod's metadata.name finds its sandbox; a container's name finds that container", () => {
    const labels = { 'io.kubernetes.pod.name': 'shop', 'io.kubernetes.pod.namespace': 'default' };
    const sandbox = container('containerd:k8s.io:sb', 'sb', { ...labels, 'io.cri-containerd.kind': 'sandbox' });
    const app = container('containerd:k8s.io:app1', 'app1', { ...labels, 'io.kubernetes.container.name': 'app' });
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: shop\nspec:\n  containers:\n    - name: app\n      image: busybox\n`;
    const snapshot = snapshotOf(app, sandbox);
    const argsOf = (markdown: string) =>
      linksOf(markdown)
        .links.map((l) => commandOf(l.href))
        .find((x) => x?.command === 'containerAnatomy.revealContainer')?.args;
    const onPod = hoverOn(pod, 'shop', 'manifest', { snapshot, fileName: '/tmp/pod.yaml' });
    assert.deepEqual(argsOf(onPod?.markdown ?? ''), ['containerd:k8s.io:sb', { anatomy: true }]);
    const onContainer = hoverOn(pod, 'app', 'manifest', { snapshot, fileName: '/tmp/pod.yaml' });
    assert.ok(onContainer?.markdown.includes('`io.kubernetes.container.name=app`'), onContainer?.markdown);
    assert.deepEqual(argsOf(onContainer?.markdown ?? ''), ['containerd:k8s.io:app1', { anatomy: true }]);
    // The image beside it is no name: no hover.
    assert.equal(hoverOn(pod, 'busybox', 'manifest', { snapshot, fileName: '/tmp/pod.yaml' }), undefined);
  });
});
