import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HostSnapshot } from '../../src/core/model';
import { createContainerdSource } from '../../src/core/runtimes/containerd';
import { createDockerSource } from '../../src/core/runtimes/docker';
import { Snapshotter } from '../../src/core/snapshot/snapshotter';
import { parseYaml, yamlHoverAt, type YamlFileKind } from '../../src/core/yaml';
import { dockerPid, requireSocket, run } from './support/engines';

/**
 * The compose and Kubernetes hovers against what runs on this host. Debian's docker-compose 1.29
 * brings a real project up (host network, a memory limit, an added capability, one service in
 * another's network namespace); the CRI-style containerd pod of scripts/engines/setup.sh
 * (anatomy-pod-k8s) stands for a Kubernetes pod. Ground truth is read here: the cgroup file of the
 * container, readlink of /proc/PID/ns/net. The project is taken down after.
 */

const PROJECT = 'anatomy-yh-compose';
const IMAGE = 'anatomy-busybox:latest';
const COMPOSE = `version: "2.4"
services:
  owner:
    image: ${IMAGE}
    command: ["sleep", "1000000"]
    mem_limit: 64m
    cap_add: [NET_ADMIN]
    labels: {anatomy.test: "1"}
  joiner:
    image: ${IMAGE}
    command: ["sleep", "1000000"]
    network_mode: "service:owner"
    labels: {anatomy.test: "1"}
  hostnet:
    image: ${IMAGE}
    command: ["sleep", "1000000"]
    network_mode: host
    labels: {anatomy.test: "1"}
`;

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: anatomy-pod-k8s
  namespace: default
spec:
  hostNetwork: false
  containers:
    - name: app
      image: busybox
      securityContext:
        privileged: false
`;

function netInode(pid: number): string {
  return /\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))![1];
}

/** The memory limit of the container's cgroup, read from its cgroup file (v2 or v1). */
function kernelMemoryLimit(pid: number): string {
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
  const v2 = lines.find((l) => l.startsWith('0::'));
  const v1 = lines.find((l) => /^\d+:[^:]*\bmemory\b[^:]*:/.test(l));
  if (v1) return readFileSync(`/sys/fs/cgroup/memory${v1.split(':')[2]}/memory.limit_in_bytes`, 'utf8').trim();
  return readFileSync(`/sys/fs/cgroup${v2!.slice(3)}/memory.max`, 'utf8').trim();
}

async function ctrTaskPid(namespace: string, name: string): Promise<number> {
  const out = await run('ctr', ['-n', namespace, 'task', 'ls']);
  const line = out.split('\n').find((l) => l.split(/\s+/)[0] === name);
  assert.ok(line, `containerd ${namespace}/${name} has a task`);
  return Number(line.split(/\s+/)[1]);
}

function hover(text: string, needle: string, kind: YamlFileKind, fileName: string, snapshot: HostSnapshot): string {
  const offset = text.indexOf(needle) + 1;
  const result = yamlHoverAt(parseYaml(text), offset, { kind, fileName, snapshot });
  assert.ok(result, `a hover on ${needle}`);
  // Names from the engines are escaped for markdown: compare the text as it renders.
  return result.markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('compose and Kubernetes hovers show what runs now', function () {
  this.timeout(180_000);
  let folder: string;
  let composeFile: string;
  let snapshot: HostSnapshot;
  const compose = (...args: string[]) => run('docker-compose', ['-p', PROJECT, '-f', composeFile, ...args], 120_000);

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'dockerd');
    requireSocket(this, '/run/containerd/containerd.sock', 'containerd');
    folder = mkdtempSync(path.join(os.tmpdir(), 'anatomy-yh-'));
    composeFile = path.join(folder, 'docker-compose.yml');
    writeFileSync(composeFile, COMPOSE);
    await compose('up', '-d');
    snapshot = await new Snapshotter({
      sources: [createDockerSource({ env: {} }), createContainerdSource({ timeoutMs: 10_000 })],
    }).take();
  });

  after(async () => {
    if (composeFile) await compose('down', '--timeout', '1').catch((e: unknown) => console.error(e));
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('mem_limit: the limit the kernel holds, as the cgroup file says', async () => {
    const pid = await dockerPid(`${PROJECT}_owner_1`);
    const held = kernelMemoryLimit(pid);
    assert.equal(held, String(64 * 1024 * 1024), 'the set-up asked for 64m');
    const text = hover(COMPOSE, 'mem_limit', 'compose', composeFile, snapshot);
    assert.ok(text.includes(`**Running now:** ${PROJECT}_owner_1 (Docker)`), text);
    assert.ok(text.includes(`holds \`${held}\``), text);
    assert.ok(!text.includes('**Differs:**'), text);
    assert.match(text, /\(command:containerAnatomy\.revealInDiagram\?/);
  });

  it('network_mode: service:owner: the net namespace inode the two containers share', async () => {
    const owner = netInode(await dockerPid(`${PROJECT}_owner_1`));
    const joiner = netInode(await dockerPid(`${PROJECT}_joiner_1`));
    assert.equal(joiner, owner, 'ground truth: one network namespace');
    const text = hover(COMPOSE, 'service:owner', 'compose', composeFile, snapshot);
    assert.ok(text.includes(`shared with ${PROJECT}_owner_1`), text);
    assert.ok(text.includes(`\`net:[${owner}]\``), text);
  });

  it("network_mode: host: the host's network namespace", () => {
    const text = hover(COMPOSE, 'network_mode: host', 'compose', composeFile, snapshot);
    assert.ok(text.includes(`\`net:[${netInode(process.pid)}]\``), text);
    assert.ok(text.includes("net namespace: the host's"), text);
  });

  it('says so when the file no longer matches what runs', () => {
    const edited = COMPOSE.replace('mem_limit: 64m', 'mem_limit: 128m');
    const text = hover(edited, 'mem_limit', 'compose', composeFile, snapshot);
    assert.ok(text.includes('**Differs:** written 134217728 bytes, the kernel holds 67108864'), text);
  });

  it('the CRI pod: hostNetwork shows the sandbox network namespace its containers share', async () => {
    const sandbox = netInode(await ctrTaskPid('k8s.io', 'anatomy-k8s-sandbox'));
    assert.equal(netInode(await ctrTaskPid('k8s.io', 'anatomy-k8s-app')), sandbox);
    const manifest = path.join(folder, 'pod.yaml');
    const text = hover(MANIFEST, 'hostNetwork', 'manifest', manifest, snapshot);
    assert.ok(text.includes('**Running now:** sandbox (containerd)'), text);
    assert.ok(text.includes(`\`net:[${sandbox}]\``), text);
    const app = hover(MANIFEST, 'privileged', 'manifest', manifest, snapshot);
    assert.ok(app.includes('**Running now:** app (containerd)'), app);
  });

  it('without a snapshot the hover says nothing live', () => {
    const result = yamlHoverAt(parseYaml(COMPOSE), COMPOSE.indexOf('mem_limit') + 1, {
      kind: 'compose',
      fileName: composeFile,
    });
    assert.ok(result && !result.markdown.includes('Running now'), result?.markdown);
  });
});
