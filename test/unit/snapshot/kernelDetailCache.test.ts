import * as assert from 'node:assert/strict';
import { KernelDetailCache } from '../../../src/core/snapshot/kernelDetail';
import type { NamespaceReads } from '../../../src/core/kernel';
import type { CgroupReport } from '../../../src/core/model';

const reads = { net: { state: 'ok', inode: 1 } } as unknown as NamespaceReads;
const cgroup: CgroupReport = { version: '1', path: '/docker/a', memory: { limitBytes: 1 } };

describe('KernelDetailCache', () => {
  it('gives back what was read only for the same PID, the same cgroup lines and within its time', () => {
    let now = 0;
    const cache = new KernelDetailCache(30_000, () => now);
    cache.store('docker::a', 42, 'sig', reads, cgroup);
    assert.ok(cache.lookup('docker::a', 42, 'sig'), 'same process, same cgroup: reused');
    assert.equal(cache.lookup('docker::a', 43, 'sig'), undefined, 'another PID: read again');
    assert.equal(cache.lookup('docker::a', 42, 'moved'), undefined, 'another cgroup: read again');
    assert.equal(cache.lookup('docker::b', 42, 'sig'), undefined);
    now = 30_001;
    assert.equal(cache.lookup('docker::a', 42, 'sig'), undefined, 'too old: read again');
  });

  it('forgets containers on request and those no longer listed', () => {
    const cache = new KernelDetailCache();
    cache.store('a', 1, 's', reads, cgroup);
    cache.store('b', 2, 's', reads, cgroup);
    cache.forget('a');
    assert.equal(cache.lookup('a', 1, 's'), undefined);
    cache.retainOnly(new Set(['c']));
    assert.equal(cache.lookup('b', 2, 's'), undefined);
  });

  it('by the status descriptor: reused only while the opening it was confirmed with is read, and within its time', () => {
    let now = 0;
    const cache = new KernelDetailCache(30_000, () => now);
    cache.store('a', 42, 'sig', { ...reads }, { ...cgroup });
    assert.equal(cache.lookupSameProcess('a', 42, 7), undefined, 'never confirmed with a descriptor: no');
    cache.confirm('a', 7);
    assert.ok(cache.lookupSameProcess('a', 42, 7), 'the same opening: the same process');
    assert.equal(cache.lookupSameProcess('a', 42, 8), undefined, 'opened again (the old one failed): not proven');
    assert.equal(cache.lookupSameProcess('a', 42, undefined), undefined, 'not read through a descriptor this round');
    assert.equal(cache.lookupSameProcess('a', 43, 7), undefined, 'another PID');
    cache.store('b', 5, 'sig', { ...reads }, { ...cgroup }, undefined, 9);
    assert.ok(cache.lookupSameProcess('b', 5, 9), 'stored with the opening its status was read through');
    now = 30_001;
    assert.equal(cache.lookupSameProcess('a', 42, 7), undefined, 'too old: read again');
  });

  it('kept cgroup reports are frozen: a snapshot that changed one would change every later one', () => {
    const cache = new KernelDetailCache();
    cache.store('a', 1, 's', { ...reads }, { version: '1', path: '/docker/a', memory: { limitBytes: 1 } });
    const kept = cache.lookup('a', 1, 's')!.cgroup;
    assert.throws(() => {
      (kept.memory as { limitBytes: number }).limitBytes = 2;
    }, TypeError);
  });
});
