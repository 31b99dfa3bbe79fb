import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NAMESPACE_KINDS } from '../../../src/core/model';
import { parseNamespaceLink, readHostNamespaces, readNamespaceLink, readNamespaces } from '../../../src/core/kernel';
import { errnoError, makeNsTree } from './kernelFixtures';

/** Host: typical initial namespace inodes (most are PROC_*_INIT_INO in include/linux/proc_ns.h; net and mnt vary). */
const HOST = {
  cgroup: 4026531835,
  ipc: 4026531839,
  mnt: 4026531841,
  net: 4026531840,
  pid: 4026531836,
  time: 4026531834,
  user: 4026531837,
  uts: 4026531838,
};

describe('kernel/namespaces', () => {
  describe('parseNamespaceLink', () => {
    it('parses kind:[inode]', () => {
      assert.equal(parseNamespaceLink('net:[4026531840]', 'net'), 4026531840);
      assert.equal(parseNamespaceLink('time:[4026531834]', 'time'), 4026531834);
    });
    it('rejects another kind, junk and unsafe numbers', () => {
      assert.equal(parseNamespaceLink('net:[4026531840]', 'pid'), undefined);
      assert.equal(parseNamespaceLink('net:[abc]', 'net'), undefined);
      assert.equal(parseNamespaceLink('net:4026531840', 'net'), undefined);
      assert.equal(parseNamespaceLink('net:[99999999999999999999]', 'net'), undefined);
    });
  });

  describe('readNamespaces on a fixture proc tree (real symlinks)', () => {
    const tree = makeNsTree({
      self: HOST,
      // A container with its own net/pid/ipc/uts/mnt/cgroup, host's user and time; kernel without `time` link missing below.
      '4242': {
        ...HOST,
        net: 4026532300,
        pid: 4026532301,
        ipc: 4026532302,
        uts: 4026532303,
        mnt: 4026532304,
        cgroup: 4026532305,
      },
      '4343': {
        cgroup: 4026531835,
        ipc: 4026531839,
        mnt: 4026531841,
        net: 4026531840,
        pid: 4026531836,
        user: 4026531837,
        uts: 4026531838,
      },
    });
    after(() => tree.cleanup());

    it('reads all eight kinds as inodes', () => {
      const reads = readNamespaces(tree.procRoot, 4242);
      assert.deepEqual(Object.keys(reads).sort(), [...NAMESPACE_KINDS].sort());
      assert.deepEqual(reads.net, { state: 'ok', inode: 4026532300 });
      assert.deepEqual(reads.user, { state: 'ok', inode: HOST.user });
      assert.deepEqual(reads.time, { state: 'ok', inode: HOST.time });
    });

    it('reports a missing link (kind unsupported) as missing', () => {
      const reads = readNamespaces(tree.procRoot, 4343);
      assert.equal(reads.time.state, 'missing');
      assert.match(reads.time.state === 'missing' ? reads.time.detail : '', /exited or this kernel lacks/);
      assert.deepEqual(reads.net, { state: 'ok', inode: HOST.net });
    });

    it('reports a process that is gone as missing for every kind', () => {
      const reads = readNamespaces(tree.procRoot, 99999);
      for (const kind of NAMESPACE_KINDS) assert.equal(reads[kind].state, 'missing');
    });

    it('reports a link that is not kind:[inode] as an error', () => {
      const odd = path.join(tree.procRoot, '4343', 'ns', 'time');
      fs.symlinkSync('pid:[1]', odd);
      try {
        const read = readNamespaceLink(odd, 'time');
        assert.equal(read.state, 'error');
      } finally {
        fs.unlinkSync(odd);
      }
    });
  });

  describe('error classification through the readlink seam', () => {
    for (const [code, state] of [
      ['EACCES', 'denied'],
      ['EPERM', 'denied'],
      ['ENOENT', 'missing'],
      ['ESRCH', 'missing'],
      ['EIO', 'error'],
    ] as const) {
      it(`${code} → ${state}`, () => {
        const read = readNamespaceLink('/proc/7/ns/net', 'net', {
          readlink: (p) => {
            throw errnoError(code, p);
          },
        });
        assert.equal(read.state, state);
        if (state === 'denied') assert.match(read.state === 'denied' ? read.detail : '', /needs root or the same user/);
      });
    }
    it('a thrown non-Error is still a value', () => {
      const read = readNamespaceLink('/proc/7/ns/net', 'net', {
        readlink: () => {
          throw 'boom';
        },
      });
      assert.deepEqual(read, { state: 'error', detail: '/proc/7/ns/net: boom' });
    });
  });

  describe('readHostNamespaces', () => {
    it('takes self and PID 1 when both are readable', () => {
      const pid1 = { ...HOST, mnt: 4026531999 };
      const tree = makeNsTree({ self: HOST, '1': pid1 });
      try {
        const host = readHostNamespaces(tree.procRoot);
        assert.deepEqual(host.self, HOST);
        assert.deepEqual(host.pid1, pid1);
        assert.equal(host.pid1Unreadable, undefined);
      } finally {
        tree.cleanup();
      }
    });

    it('records PID 1 unreadable (EACCES even for root) and keeps self', () => {
      const tree = makeNsTree({ self: HOST, '1': HOST });
      try {
        const readlink = (p: string) => {
          if (p.startsWith(path.join(tree.procRoot, '1') + path.sep)) throw errnoError('EACCES', p);
          return fs.readlinkSync(p);
        };
        const host = readHostNamespaces(tree.procRoot, { readlink });
        assert.deepEqual(host.self, HOST);
        assert.deepEqual(host.pid1, {});
        assert.match(host.pid1Unreadable ?? '', /^PID 1's namespaces could not be read \(EACCES/);
      } finally {
        tree.cleanup();
      }
    });

    it('does not call a kind missing on both sides a PID 1 problem', () => {
      const { time: _t, ...noTime } = HOST;
      const tree = makeNsTree({ self: noTime, '1': noTime });
      try {
        const host = readHostNamespaces(tree.procRoot);
        assert.equal(host.pid1Unreadable, undefined);
        assert.equal(host.self.time, undefined);
      } finally {
        tree.cleanup();
      }
    });

    it('names the kinds when only some of PID 1 are unreadable', () => {
      const tree = makeNsTree({ self: HOST, '1': HOST });
      try {
        const readlink = (p: string) => {
          if (p === path.join(tree.procRoot, '1', 'ns', 'user')) throw errnoError('EPERM', p);
          return fs.readlinkSync(p);
        };
        const host = readHostNamespaces(tree.procRoot, { readlink });
        assert.equal(host.pid1.user, undefined);
        assert.equal(host.pid1.net, HOST.net);
        assert.match(host.pid1Unreadable ?? '', /PID 1's user namespaces could not be read \(EPERM/);
      } finally {
        tree.cleanup();
      }
    });
  });
});
