/**
 * The opt-in `sudo -n` reader: what it accepts (decimal PIDs only, since it runs as root), what it
 * prints (the real links of this host's processes), and how it is called (arguments only, `-n` so
 * it never prompts, `sudo -n true` asked once, each container's PID read once).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  parseInodeReaderArgs,
  parseInodesJson,
  readInodesAsJson,
  SudoInodeReader,
  type RunFn,
} from '../../../src/core/kernel/inodeReader';

describe('kernel/inodeReader (sudo -n)', () => {
  it('takes only decimal PIDs', () => {
    assert.deepEqual(parseInodeReaderArgs(['1', '4242']), [1, 4242]);
    for (const bad of ['--eval', '-1', '0', '01', '1e3', '1 2', '../1', '12345678901', ''])
      assert.equal(typeof parseInodeReaderArgs([bad]), 'string', bad);
    assert.equal(typeof parseInodeReaderArgs([]), 'string');
    assert.equal(typeof parseInodeReaderArgs(Array.from({ length: 501 }, () => '1')), 'string');
  });

  it('prints the links of a real process, which parse back as reads through sudo', () => {
    const json = readInodesAsJson('/proc', [process.pid]);
    const reads = parseInodesJson(json).get(process.pid);
    for (const kind of ['net', 'pid', 'mnt'] as const) {
      const truth = Number(/\[(\d+)\]/.exec(fs.readlinkSync(`/proc/${process.pid}/ns/${kind}`))?.[1]);
      assert.deepEqual(reads?.[kind], { state: 'ok', inode: truth, via: 'sudo' });
    }
    assert.equal(parseInodesJson('not json').size, 0);
    assert.equal(parseInodesJson('{"x":{"net":1},"5":{"net":-1,"pid":"2"}}').get(5)?.net, undefined);
  });

  it('asks `sudo -n true` once, passes arguments only, and reads each container’s PID once', async () => {
    const calls: string[][] = [];
    const run: RunFn = async (file, args) => {
      calls.push([file, ...args]);
      if (args[1] === 'true') return { ok: true, stdout: '' };
      const pids = args.slice(3);
      return { ok: true, stdout: JSON.stringify(Object.fromEntries(pids.map((p) => [p, { net: 1000 + Number(p) }]))) };
    };
    const reader = new SudoInodeReader({ nodePath: '/usr/bin/node', readerPath: '/ext/dist/nsInodeReader.js', run });
    const first = await reader.read([
      { key: 'docker::a', pid: 10 },
      { key: 'docker::b', pid: 11 },
    ]);
    assert.deepEqual(first.get('docker::b')?.net, { state: 'ok', inode: 1011, via: 'sudo' });
    await reader.read([{ key: 'docker::a', pid: 10 }]);
    assert.deepEqual(calls, [
      ['sudo', '-n', 'true'],
      ['sudo', '-n', '/usr/bin/node', '/ext/dist/nsInodeReader.js', '10', '11'],
    ]);
  });

  it('where sudo needs a password, stops after the probe and says why', async () => {
    const calls: string[][] = [];
    const run: RunFn = async (file, args) => {
      calls.push([file, ...args]);
      return { ok: false, stdout: '' };
    };
    const reader = new SudoInodeReader({ nodePath: 'node', readerPath: 'r.js', run });
    assert.equal((await reader.read([{ key: 'k', pid: 7 }])).size, 0);
    await reader.read([{ key: 'k', pid: 7 }]);
    assert.deepEqual(calls, [['sudo', '-n', 'true']]);
    assert.match(reader.problem ?? '', /never asked for/);
  });
});
