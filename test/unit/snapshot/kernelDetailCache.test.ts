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
});
