import * as assert from 'node:assert/strict';
import { FileReader } from '../../../src/core/kernel/cgroupValues';
import {
  netUsage,
  parseFlatKeyed,
  parsePressure,
  readIoUsage,
  readMemoryUsage,
  workingSet,
} from '../../../src/core/kernel';

/** A FileReader over an in-memory folder: `name → text`, absent names are ENOENT. */
function filesOf(tree: Record<string, string>): FileReader {
  return new FileReader((p) => {
    const name = p.slice(p.lastIndexOf('/') + 1);
    if (tree[name] === undefined) throw Object.assign(new Error('absent'), { code: 'ENOENT' });
    return tree[name];
  });
}

describe('kernel/cgroupUsage', () => {
  it('the working set is the charge less inactive file, never below zero', () => {
    assert.equal(workingSet(100, 60), 40);
    assert.equal(workingSet(100, 100), 100, 'docker keeps the charge when inactive file is not below it');
    assert.equal(workingSet(100, undefined), 100);
  });

  it('flat keyed files: `key value` lines, anything else skipped', () => {
    assert.deepEqual(
      [...parseFlatKeyed('anon 4096\nfile 8192\nbogus\nslab x\n\n')],
      [
        ['anon', 4096],
        ['file', 8192],
      ],
    );
  });

  it('PSI: some and full lines (cgroup-v2.rst, "PSI - Pressure Stall Information")', () => {
    assert.deepEqual(
      parsePressure(
        'some avg10=2.04 avg60=0.75 avg300=0.40 total=157656722\nfull avg10=0.00 avg60=0.13 avg300=0.96 total=8818\n',
      ),
      {
        someAvg10: 2.04,
        someAvg60: 0.75,
        fullAvg10: 0,
        someTotalUs: 157656722,
      },
    );
    assert.equal(parsePressure('nonsense'), undefined);
  });

  it('v1 io_service_bytes: Read and Write per device summed; Sync, Async, Total lines left out', () => {
    const files = filesOf({
      'blkio.throttle.io_service_bytes':
        '8:0 Read 100\n8:0 Write 200\n8:0 Sync 200\n8:0 Async 100\n8:0 Discard 0\n8:0 Total 300\n8:16 Read 5\n8:16 Write 0\nTotal 305\n',
    });
    assert.deepEqual(readIoUsage(files, { version: '1', dir: '/x' }), { readBytes: 105, writeBytes: 200 });
  });

  it('v2 memory without memory.pressure (PSI off): no note, no pressure; a tmpfs-heavy cgroup keeps shmem in the working set', () => {
    // 64 MiB of tmpfs: shmem is counted in file, but sits on the anon LRU, so it is not inactive file.
    const files = filesOf({
      'memory.current': String(70 * 2 ** 20),
      'memory.stat': `anon ${2 ** 20}\nfile ${68 * 2 ** 20}\nshmem ${64 * 2 ** 20}\nactive_file ${2 ** 20}\ninactive_file ${3 * 2 ** 20}\nkernel ${2 ** 20}\n`,
      'memory.events': 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n',
    });
    const m = readMemoryUsage(files, { version: '2', dir: '/x' })!;
    assert.equal(m.workingSetBytes, 67 * 2 ** 20);
    assert.equal(m.breakdown?.shmemBytes, 64 * 2 ** 20);
    assert.deepEqual(m.events, { oomKills: 1, oom: 1, max: 3, high: 0 });
    assert.equal(m.pressure, undefined);
    assert.deepEqual(files.notFound, []);
  });

  it('net/dev: the two header lines and malformed rows skipped, loopback apart', () => {
    const text =
      'Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n' +
      '    lo: 10 1 0 0 0 0 0 0 10 1 0 0 0 0 0 0\n' +
      '  eth0: 100 2 3 0 0 0 0 0 50 1 4 0 0 0 0 0\n' +
      '  bad: 1 2\n';
    assert.deepEqual(netUsage(text), {
      rxBytes: 100,
      txBytes: 50,
      rxErrors: 3,
      txErrors: 4,
      loopbackBytes: 10,
      interfaces: ['eth0'],
    });
  });
});
