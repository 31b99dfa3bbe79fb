import * as assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/repoRoot';
import { dockerId, dockerPid, requireSocket, run } from './support/engines';

/**
 * A container's anatomy as the CLI prints it (`--mermaid anatomy:NAME`), against the real dockerd
 * and the containers of scripts/engines/setup.sh. Ground truth is read here, independently: the PIDs
 * from `docker inspect`, the namespace inodes with readlink of /proc.
 */

function netInode(pid: number): number {
  return Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))![1]);
}

const decoded = (text: string) => text.replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));

async function cli(...args: string[]): Promise<string> {
  return run(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), ...args], 60_000);
}

describe('container anatomy of a real container (CLI --mermaid anatomy:NAME, real dockerd)', function () {
  this.timeout(90_000);
  before(function () {
    requireSocket(this, '/var/run/docker.sock', 'Docker');
  });

  it('the container started with --network container:anatomy-netowner shows the net inode readlink gives, and an edge to its owner', async () => {
    const source = decoded(await cli('--engine', 'docker', '--mermaid', 'anatomy:anatomy-netjoiner'));
    const truth = netInode(await dockerPid('anatomy-netjoiner'));
    assert.equal(truth, netInode(await dockerPid('anatomy-netowner')), 'the set-up joined the two');
    const netLine = source.split('\n').find((l) => /^\s*ns\d+\[/.test(l) && l.includes('net: '));
    assert.ok(netLine, source);
    assert.ok(netLine.includes('net: shared with anatomy-netowner'), netLine);
    assert.ok(netLine.includes(`inode ${truth}`), `${netLine} has inode ${truth}`);
    const netNode = /^\s*(ns\d+)\[/.exec(netLine)![1];
    const peer = /^\s*(p\d+)\[.*anatomy-netowner/m.exec(source);
    assert.ok(peer, source);
    assert.ok(source.includes(`${netNode} ===|"net"| ${peer[1]}`), 'a thick net edge to the owner');
  });

  it('finds a container by id prefix too, and says so when a name is unknown', async () => {
    const id = await dockerId('anatomy-limits');
    const source = decoded(await cli('--engine', 'docker', '--mermaid', `anatomy:${id.slice(0, 12)}`));
    assert.match(source, /Container anatomy-limits/);
    assert.match(source, /memory: 64 MiB/);
    await assert.rejects(cli('--engine', 'docker', '--mermaid', 'anatomy:anatomy-an-nobody'), /no container named/);
  });

  it('--mermaid with no diagram prints the live host; --mermaid ID a guide diagram without reading engines', async () => {
    const live = decoded(await cli('--engine', 'docker', '--mermaid'));
    assert.match(live, /anatomy-netjoiner/);
    const guide = await cli('--mermaid', 'container-architecture');
    assert.match(guide, /One shared Linux kernel/);
    assert.equal(await cli('--diagram', 'container-architecture'), guide, '--diagram is the same');
  });
});
