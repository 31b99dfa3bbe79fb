/**
 * The evidence readers on this host's real /proc: processes started here in namespaces of their
 * own (unshare, as root) against this test process, with the ground truth read independently
 * (readlink /proc/PID/ns/*). Parsers also get the kernel's exact text shapes.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import {
  INITIAL_UID_MAP,
  localAddresses,
  mountIds,
  netEvidenceFrom,
  normaliseUidMap,
  parseNetDev,
  parseStatusField,
  readProcessEvidence,
} from '../../../src/core/kernel';

const NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0:     696       8    0    0    0     0          0         0        0       0    0    0    0     0       0          0
`;
const LO_ONLY = NET_DEV.split('\n').slice(0, 3).join('\n');
const FIB_TRIE = `Main:
  +-- 0.0.0.0/0 3 0 5
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
        |-- 127.255.255.255
           /32 link BROADCAST
     |-- 172.17.0.4
        /32 host LOCAL
Local:
     |-- 172.17.0.4
        /32 host LOCAL
`;

function inode(pid: number | 'self', kind: string): string {
  return fs.readlinkSync(`/proc/${pid}/ns/${kind}`);
}

/** Starts `unshare FLAGS sleep` and waits until the sleeper is in its namespaces. */
async function sleeper(flags: string[]): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawn('unshare', [...flags, 'sleep', '30'], { stdio: 'ignore' });
  const kinds = ['mnt', 'net', 'pid', 'user'];
  const seen = (pid: number | 'self') => kinds.map((k) => inode(pid, k)).join();
  const self = seen('self');
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 10));
    // With --fork the sleeper is unshare's child; without, unshare execs it in place.
    const kids = fs.existsSync(`/proc/${child.pid}/task/${child.pid}/children`)
      ? fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)
      : [];
    const pid = flags.includes('--fork') ? Number(kids[0]) : child.pid!;
    if (!pid) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'sleep') continue;
      if (inode(pid, 'mnt') + inode(pid, 'net') + inode(pid, 'pid') !== self || flags.length === 0)
        return { child, pid };
    } catch {
      continue;
    }
  }
  child.kill();
  throw new Error(`unshare ${flags.join(' ')} did not start`);
}

describe('kernel/evidence: parsers', () => {
  it('reads NSpid and PPid from status', () => {
    const status = 'Name:\tsleep\nPPid:\t16673\nNSpid:\t17074\t1\nNSpgid:\t17074\t1\n';
    assert.deepEqual(parseStatusField(status, 'NSpid'), [17074, 1]);
    assert.deepEqual(parseStatusField(status, 'PPid'), [16673]);
    assert.equal(parseStatusField(status, 'NStgid'), undefined);
  });

  it('normalises uid_map padding', () => {
    assert.equal(normaliseUidMap('         0          0 4294967295\n'), INITIAL_UID_MAP);
    assert.equal(
      normaliseUidMap('         0       1001          1\n         1     100000      65536\n'),
      '0 1001 1;1 100000 65536',
    );
  });

  it('takes the mount IDs from mountinfo', () => {
    assert.deepEqual(mountIds('261 202 0:41 / / rw - overlay overlay rw\n262 261 0:64 / /proc rw - proc proc rw\n'), [
      '261',
      '262',
    ]);
  });

  it('reads net/dev rows and the LOCAL addresses of fib_trie, once each', () => {
    assert.deepEqual(
      parseNetDev(NET_DEV).map((r) => r.name),
      ['lo', 'eth0'],
    );
    assert.deepEqual(localAddresses(FIB_TRIE), ['127.0.0.1', '172.17.0.4']);
  });

  it('two bridge containers with the same counters still differ by address; a bare loopback is marked as such', () => {
    const other = FIB_TRIE.replace(/172\.17\.0\.4/g, '172.17.0.6');
    const a = netEvidenceFrom(NET_DEV, FIB_TRIE, '');
    const b = netEvidenceFrom(NET_DEV, other, '');
    assert.equal(a.counters, b.counters, 'the same broadcasts reached both');
    assert.notEqual(a.structure, b.structure);
    assert.equal(a.loopbackOnly, false);
    const none = netEvidenceFrom(
      LO_ONLY,
      'Main:\n     |-- 127.0.0.1\n        /32 host LOCAL\n',
      '00000000000000000000000000000001 01 80 10 80       lo\n',
    );
    assert.equal(none.loopbackOnly, true);
    assert.equal(none.idle, true);
  });
});

describe('kernel/evidence: this host’s /proc', function () {
  this.timeout(20_000);
  const started: ChildProcess[] = [];
  after(() => {
    for (const c of started) c.kill('SIGKILL');
  });

  it('this process: one NSpid level, the initial uid_map, and its own mounts and network', () => {
    const self = readProcessEvidence('/proc', 'self');
    const nspid = /^NSpid:\s+(.*)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1].split(/\s+/) ?? [];
    assert.equal(self.nspidDepth, nspid.length);
    assert.equal(self.uidMap, normaliseUidMap(fs.readFileSync('/proc/self/uid_map', 'utf8')));
    assert.ok(self.mounts && self.net);
    assert.equal(self.ppid, process.ppid);
  });

  it('a process in new pid, mount and network namespaces differs on each, as readlink says', async () => {
    const { child, pid } = await sleeper(['--pid', '--fork', '--mount', '--net']);
    started.push(child);
    for (const kind of ['pid', 'mnt', 'net'])
      assert.notEqual(inode(pid, kind), inode('self', kind), `ground truth ${kind}`);
    const self = readProcessEvidence('/proc', 'self');
    const ev = readProcessEvidence('/proc', pid);
    assert.equal(ev.nspidDepth, (self.nspidDepth ?? 0) + 1);
    assert.equal(ev.innerPid, 1);
    assert.notEqual(ev.mounts, self.mounts);
    assert.equal(ev.net?.loopbackOnly, true);
    assert.equal(ev.net?.idle, true);
    assert.equal(ev.uidMap, self.uidMap, 'no new user namespace');
  });

  it('two fresh network namespaces look the same to net/dev (the case evidence cannot decide)', async () => {
    const a = await sleeper(['--net']);
    const b = await sleeper(['--net']);
    started.push(a.child, b.child);
    assert.notEqual(inode(a.pid, 'net'), inode(b.pid, 'net'), 'ground truth: two namespaces');
    const ea = readProcessEvidence('/proc', a.pid).net;
    const eb = readProcessEvidence('/proc', b.pid).net;
    assert.deepEqual(ea, eb);
    assert.equal(ea?.loopbackOnly && ea.idle, true);
  });

  it('a process in the same namespaces gives the same evidence', async () => {
    const { child, pid } = await sleeper([]);
    started.push(child);
    assert.equal(inode(pid, 'net'), inode('self', 'net'));
    const self = readProcessEvidence('/proc', 'self');
    const ev = readProcessEvidence('/proc', pid);
    assert.equal(ev.mounts, self.mounts);
    assert.equal(ev.net?.structure, self.net?.structure);
    assert.equal(ev.nspidDepth, self.nspidDepth);
  });

  it('a user namespace of its own has a uid_map of its own', async () => {
    const { child, pid } = await sleeper(['--user', '--map-root-user']);
    started.push(child);
    assert.notEqual(inode(pid, 'user'), inode('self', 'user'));
    const ev = readProcessEvidence('/proc', pid);
    assert.notEqual(ev.uidMap, INITIAL_UID_MAP);
    assert.equal(ev.uidMap, normaliseUidMap(fs.readFileSync(`/proc/${pid}/uid_map`, 'utf8')));
  });
});
