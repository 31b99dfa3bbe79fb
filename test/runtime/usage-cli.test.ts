/**
 * The CLI's usage on the real Docker engine: `--usage --json` carries the working set, its
 * breakdown and a CPU percent from two samples a second apart; `--watch 1` redraws a table.
 * Figures are checked against the kernel's files read by the test and the limits it set.
 */
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostSnapshot } from '../../src/core/model';
import { dockerPid, requireSocket, run } from './support/engines';
import { kernelStat, removeContainers, startWithPageCache, until, v1Dir } from './support/usageSampling';

const NAME = 'anatomy-use-cli';
/** Started and removed while a `--watch` runs. */
const LATE = 'usage-watch-late';
const MiB = 1024 * 1024;

function cliPath(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'cli.js');
}

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [cliPath(), ...args], { timeout: 60_000, maxBuffer: 64 * MiB }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
}

function workingSetNow(dir: string): number {
  return (
    Number(fs.readFileSync(`${dir}/memory.usage_in_bytes`, 'utf8')) -
    kernelStat(`${dir}/memory.stat`).get('total_inactive_file')!
  );
}

describe('the CLI shows usage (real Docker)', function () {
  this.timeout(180_000);
  let pid: number;

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'Docker');
    await removeContainers('docker', [NAME]);
    await startWithPageCache('docker', NAME, ['--memory', '128m', '--cpus', '0.5'], 'while :; do :; done');
    pid = await dockerPid(NAME);
  });
  after(async () => removeContainers('docker', [NAME, LATE]));

  it('--usage --json: the working set (not the raw charge), its breakdown and CPU percent over 1 s', async () => {
    const dir = v1Dir(pid, 'memory');
    const before = workingSetNow(dir);
    const snapshot = JSON.parse(await cli(['--usage', '--json', '--engine', 'docker'])) as HostSnapshot;
    const after = workingSetNow(dir);
    const cg = snapshot.containers.find((c) => c.name === NAME)?.cgroup;
    assert.ok(cg?.memory?.workingSetBytes !== undefined, 'a working set');
    const low = Math.min(before, after);
    const high = Math.max(before, after);
    const slack = Math.max(0.01 * high, 64 * 1024);
    assert.ok(cg.memory.workingSetBytes >= low - slack && cg.memory.workingSetBytes <= high + slack);
    assert.ok(cg.memory.usageBytes! - cg.memory.workingSetBytes > 30 * MiB, 'the page cache is only in the raw charge');
    assert.ok(cg.memory.breakdown!.inactiveFileBytes > 30 * MiB);
    assert.equal(cg.memory.limitBytes, 128 * MiB);
    assert.ok(cg.cpu?.percent !== undefined && cg.cpu.percentWindowMs !== undefined);
    assert.ok(cg.cpu.percentWindowMs >= 900, `window ${cg.cpu.percentWindowMs} ms`);
    // Busy but capped by the quota; on two shared cores it may get less than all of it.
    assert.ok(cg.cpu.percent > 5 && cg.cpu.percent <= 52, `cpu ${cg.cpu.percent}`);
    assert.equal(cg.cpu.cpus, 0.5);
  });

  it('--usage as text: the memory row is the working set; the CPU says it took two samples', async () => {
    const out = await cli(['--usage', '--engine', 'docker']);
    const block = out.slice(out.indexOf(`${NAME} `));
    const memory = /memory ([\d.]+) (KiB|MiB) \/ 128 MiB/.exec(block);
    assert.ok(memory, block.slice(0, 800));
    assert.ok(Number(memory[1]) * (memory[2] === 'MiB' ? MiB : 1024) < 30 * MiB, 'not the 40 MiB of page cache');
    assert.match(block, /charge [\d.]+ MiB: anon .* file .*inactive, reclaimable/);
    assert.match(block, /cpu [\d.]+ % \/ 0\.5 CPU \(50 %\).*\(over 1\.\d s, two samples\)/);
  });

  it('--watch 1 redraws a docker stats-like table until interrupted', async () => {
    const child = spawn(process.execPath, [cliPath(), '--watch', '1', '--engine', 'docker']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await until('two tables', () => out.split('NAME ').length - 1 >= 2, 60_000);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.match(out, /NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS/);
    assert.match(out, new RegExp(`${NAME}\\s+[\\d.]+ %\\s+[\\d.]+ (KiB|MiB) / 128 MiB`));
  });

  it('--mermaid usage:NAME samples six times a second apart and prints both charts against the limits set', async () => {
    const out = await cli(['--mermaid', `usage:${NAME}`, '--engine', 'docker']);
    const charts = out.trim().split('\n\n');
    assert.equal(charts.length, 2, out);
    const [memory, cpu] = charts;
    assert.match(memory, /^---\n[^]*\n---\n%% chart 1 of 2\nxychart-beta\n/);
    assert.match(memory, /line "limit 128 MiB" \[128, 128, 128, 128, 128, 128\]/);
    const axis = /x-axis "seconds ago" \[(.*)\]/.exec(memory)![1];
    const seconds = (JSON.parse(`[${axis}]`) as string[]).map(Number);
    assert.equal(seconds.length, 6, 'six samples');
    assert.equal(seconds[5], 0);
    // A second apart, as the CLI sleeps between them (timers on a busy machine run late, never early).
    assert.ok(seconds[0] <= -5 && seconds[0] >= -7, axis);
    // CPU from the second sample on, against the 0.5 CPU quota set here.
    assert.match(cpu, /line "quota 0\.5 CPU #40;50 #37;#41;" \[50, 50, 50, 50, 50\]/);
  });

  it('--watch 1 shows a container started after the watch began, and drops it once removed', async () => {
    await removeContainers('docker', [LATE]);
    const child = spawn(process.execPath, [cliPath(), '--watch', '1', '--engine', 'docker']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // Each redraw is one table; its rows name the running containers.
    const tables = () => out.split('NAME ').slice(1);
    const rowOf = (table: string) => new RegExp(`^${LATE}\\s+[\\d.]+ %`, 'm').test(table);
    try {
      await until('the first table', () => tables().length >= 1, 60_000);
      assert.ok(!rowOf(tables()[0]), 'not there before it is started');
      await run('docker', ['run', '-d', '--name', LATE, '--memory', '32m', 'anatomy-busybox', 'sleep', '600'], 60_000);
      const startedAt = tables().length;
      await until('a table with the late container', () => tables().slice(startedAt).some(rowOf), 30_000);
      assert.match(out, new RegExp(`^${LATE}\\s+[\\d.]+ %\\s+[\\d.]+ (KiB|MiB) / 32 MiB`, 'm'));
      await run('docker', ['rm', '-f', LATE]);
      const removedAt = tables().length;
      // The table being drawn as it went may still hold it; a later one must not.
      await until(
        'a table without it',
        () =>
          tables()
            .slice(removedAt + 1)
            .some((t) => !rowOf(t)),
        30_000,
      );
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.on('exit', resolve));
    }
  });
});
