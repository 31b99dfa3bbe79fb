import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseStatusUid, readProcessUid } from '../../../src/core/kernel/procStatus';
import type { ContainerInfo, NamespaceEntry, NamespaceKind } from '../../../src/core/model';
import { NAMESPACE_KINDS } from '../../../src/core/model';
import { mayEnterContainer, nsenterArgs } from '../../../src/core/shell/nsenter';
import { kindsProblem, namespaceChoices, shellProgram } from '../../../src/core/shell/shellPlan';
import { checkShellTarget } from '../../../src/core/shell/verifyTarget';
import { KernelDetailCache, readKernelDetail } from '../../../src/core/snapshot/kernelDetail';
import { buildTree, containerNodeId, DEFAULT_TREE_OPTIONS } from '../../../src/core/tree/treeModel';
import { container } from '../../support/snapshots';
import { errnoError, makeNsTree } from '../kernel/kernelFixtures';

const ID = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const PID = 4242;

function inodes(base: number): Record<NamespaceKind, number> {
  return Object.fromEntries(NAMESPACE_KINDS.map((k, i) => [k, base + i])) as Record<NamespaceKind, number>;
}

function entries(
  base: number,
  verdicts: Partial<Record<NamespaceKind, NamespaceEntry['verdict']>> = {},
): NamespaceEntry[] {
  return NAMESPACE_KINDS.map((kind, i) => ({
    kind,
    read: { state: 'ok', inode: base + i },
    verdict: verdicts[kind] ?? { kind: 'isolated' },
  }));
}

/** A container as the snapshot saw it: PID 4242, inodes from 5000, cgroup `/docker/<id>`. */
function seen(over: Partial<ContainerInfo> = {}): ContainerInfo {
  return container({
    id: ID,
    name: 'web',
    pid: PID,
    namespaces: { entries: entries(5000) },
    cgroup: { version: '1', path: `/docker/${ID}` },
    ...over,
  });
}

/** A FIXTURE /proc: `<pid>/ns/*` links and a `<pid>/cgroup` file (this host cannot be made to reuse a PID on demand). */
function procTree(pid: number, ns: Partial<Record<NamespaceKind, number>>, cgroup: string | undefined) {
  const tree = makeNsTree({ [pid]: ns });
  if (cgroup !== undefined) fs.writeFileSync(path.join(tree.procRoot, String(pid), 'cgroup'), cgroup);
  return tree;
}

describe('namespace shell: the PID is checked again just before the terminal starts', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));
  const tree = (ns: Partial<Record<NamespaceKind, number>>, cgroup: string | undefined) => {
    const t = procTree(PID, ns, cgroup);
    cleanups.push(t.cleanup);
    return t.procRoot;
  };

  it('passes when the cgroup names the container and every namespace is the one shown', () => {
    const root = tree(inodes(5000), `12:memory:/docker/${ID}\n1:name=systemd:/docker/${ID}\n0::/\n`);
    assert.deepEqual(checkShellTarget(root, seen()), { ok: true });
  });

  it('refuses a PID now held by a process outside the container (reused PID)', () => {
    const root = tree(inodes(4026531835), '12:memory:/user.slice\n0::/user.slice/user-0.slice/session-1.scope\n');
    const check = checkShellTarget(root, seen());
    assert.equal(check.ok, false);
    assert.match(!check.ok ? check.reason : '', /no longer in this container's cgroup/);
  });

  it('refuses when the process is gone', () => {
    const root = tree({}, undefined);
    const check = checkShellTarget(root, seen());
    assert.match(!check.ok ? check.reason : '', /process 4242 has exited/);
  });

  it('refuses when the cgroup still names the container but a namespace changed (restarted in place)', () => {
    const now = { ...inodes(5000), net: 9999 };
    const root = tree(now, `0::/system.slice/docker-${ID}.scope\n`);
    const check = checkShellTarget(root, seen());
    assert.match(!check.ok ? check.reason : '', /net namespace of process 4242 is now \[9999\], not \[5003\]/);
  });

  it('skips namespaces it cannot read now, and those the snapshot could not read', () => {
    const root = tree(inodes(5000), `0::/docker/${ID}\n`);
    const denyNet = (p: string): string => {
      if (p.endsWith('/net')) throw errnoError('EACCES', p);
      return fs.readlinkSync(p);
    };
    assert.deepEqual(checkShellTarget(root, seen(), { readlink: denyNet }), { ok: true });
    const unread = seen({
      namespaces: {
        entries: entries(5000).map((e) =>
          e.kind === 'mnt' ? { ...e, read: { state: 'denied', detail: 'EACCES' } } : e,
        ),
      },
    });
    assert.deepEqual(checkShellTarget(tree({ ...inodes(5000), mnt: 1 }, `0::/docker/${ID}\n`), unread), {
      ok: true,
    });
  });

  it('rootless on cgroup v1 (no cgroup of its own): the same session cgroup and the same namespaces pass', () => {
    const session = '/user.slice/user-1000.slice/session-3.scope';
    const rootless = seen({ cgroup: { version: '1', path: session } });
    assert.deepEqual(checkShellTarget(tree(inodes(5000), `4:memory:${session}\n`), rootless), { ok: true });
    const other = checkShellTarget(tree(inodes(7000), `4:memory:${session}\n`), rootless);
    assert.equal(other.ok, false, 'another process of the same session is refused by its namespaces');
    const nothingToCompare = checkShellTarget(
      tree(inodes(5000), `4:memory:${session}\n`),
      seen({ cgroup: { version: '1', path: session }, namespaces: undefined }),
    );
    assert.equal(nothingToCompare.ok, false, 'neither the cgroup nor the namespaces can vouch for it');
  });
});

describe('namespace shell: who may open one, and what it runs', () => {
  const rootless = (over: Partial<ContainerInfo> = {}) =>
    seen({ initUid: 1000, namespaces: { entries: entries(5000) }, ...over });
  const hostUser = entries(5000, { user: { kind: 'host' }, time: { kind: 'host' } });

  it('root may enter any running container; a user only their own with a user namespace of its own', () => {
    assert.equal(mayEnterContainer(0, seen({ initUid: 0, namespaces: { entries: hostUser } })), true);
    assert.equal(mayEnterContainer(1000, rootless()), true, 'rootless container of this user');
    assert.equal(
      mayEnterContainer(1000, rootless({ namespaces: { entries: hostUser } })),
      false,
      'docker run -u 1000 by a rootful engine: the namespaces belong to root',
    );
    assert.equal(mayEnterContainer(1000, rootless({ initUid: 1001 })), false, "another user's process");
    assert.equal(mayEnterContainer(1000, rootless({ initUid: undefined })), false, 'owner unknown');
    assert.equal(mayEnterContainer(0, seen({ state: 'exited', pid: undefined })), false);
    assert.equal(mayEnterContainer(undefined, seen()), false, 'no uids on this platform');
  });

  it('the tree marks a container enterable from the snapshot alone', () => {
    const enterable = (c: ContainerInfo, selfUid: number) =>
      buildTree(
        {
          takenAt: '',
          host: { cgroupVersion: '1', namespaces: { self: {}, pid1: {} }, isRoot: selfUid === 0 },
          runtimes: [{ kind: 'docker', endpoint: 'unix:///x', status: { state: 'ok' }, chain: [] }],
          containers: [c],
        },
        { ...DEFAULT_TREE_OPTIONS, selfUid },
      ).nodes.get(containerNodeId(c.key))!.contextValue;
    assert.equal(enterable(rootless(), 1000), 'runningContainer enterable');
    assert.equal(enterable(rootless({ namespaces: { entries: hostUser } }), 1000), 'runningContainer');
    assert.equal(enterable(rootless({ initUid: 0 }), 1000), 'runningContainer');
    assert.equal(enterable(rootless({ initUid: 0 }), 0), 'runningContainer enterable');
  });

  it('the owner is read from /proc/PID/status when real, effective and saved uids agree', () => {
    assert.equal(parseStatusUid('Name:\tsh\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\n'), 1000);
    assert.equal(parseStatusUid('Uid:\t1000\t0\t0\t0\n'), undefined, 'a set-uid process is not plainly one user’s');
    assert.equal(parseStatusUid('Name:\tsh\n'), undefined);
    const truth = fs.statSync(`/proc/${process.pid}`).uid;
    assert.equal(readProcessUid('/proc', process.pid), truth, 'this process, checked against the owner of /proc/PID');
    assert.equal(readProcessUid('/proc', 2 ** 30), undefined);
  });

  it('the snapshot records the init process owner with the kernel detail, also when the detail is reused', () => {
    const t = procTree(PID, inodes(5000), `0::/docker/${ID}\n`);
    try {
      fs.writeFileSync(path.join(t.procRoot, String(PID), 'status'), 'Name:\tsleep\nUid:\t1000\t1000\t1000\t1000\n');
      const ctx = {
        procRoot: t.procRoot,
        fsRoot: t.procRoot,
        mounts: undefined,
        ownCgroup: undefined,
        withUsage: false,
      };
      const cache = new KernelDetailCache();
      const first = container({ id: ID, name: 'web', pid: PID });
      assert.equal(readKernelDetail(first, ctx, new Map(), false, cache), 'read');
      assert.equal(first.initUid, 1000);
      const again = container({ id: ID, name: 'web', pid: PID });
      assert.equal(readKernelDetail(again, ctx, new Map(), false, cache), 'read');
      assert.equal(again.initUid, 1000, 'kept with the cached detail');
    } finally {
      t.cleanup();
    }
  });

  it("the host's user namespace is not offered; one of the container's own is picked, and required for a user", () => {
    const host = namespaceChoices(seen({ namespaces: { entries: hostUser } }), 0);
    assert.ok(!host.some((c) => c.kind === 'user'), 'setns into the own user namespace fails with EINVAL');
    assert.deepEqual(
      host.filter((c) => c.picked).map((c) => c.kind),
      ['ipc', 'mnt', 'net', 'pid', 'uts'],
    );
    assert.equal(host.find((c) => c.kind === 'time')?.picked, false, 'host namespaces are offered, not picked');
    const own = namespaceChoices(rootless(), 1000);
    assert.deepEqual(
      own.filter((c) => c.picked).map((c) => c.kind),
      ['ipc', 'mnt', 'net', 'pid', 'user', 'uts'],
    );
    assert.equal(own.find((c) => c.kind === 'user')?.required, true);
    assert.equal(namespaceChoices(rootless(), 0).find((c) => c.kind === 'user')?.required, false);
    assert.match(kindsProblem(own, ['mnt', 'net']) ?? '', /user namespace must be joined/);
    assert.equal(kindsProblem(own, ['user', 'mnt']), undefined);
    assert.match(kindsProblem(host, ['user', 'net']) ?? '', /EINVAL/);
    assert.match(kindsProblem(host, []) ?? '', /no namespace/);
  });

  it('runs a shell found in the container root (FIXTURE root), /bin/sh when none is readable, the host shell outside mnt', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-shell-'));
    try {
      const bin = path.join(base, '1', 'root', 'bin');
      fs.mkdirSync(bin, { recursive: true });
      fs.symlinkSync('/bin/busybox', path.join(bin, 'sh')); // absolute, as in busybox images
      assert.equal(shellProgram(base, 1, ['mnt', 'pid'], '/bin/zsh'), '/bin/sh');
      fs.writeFileSync(path.join(bin, 'ash'), '');
      assert.equal(shellProgram(base, 1, ['mnt'], '/bin/zsh'), '/bin/ash');
      assert.equal(shellProgram(base, 2, ['mnt'], '/bin/zsh'), '/bin/sh', 'root not readable');
      assert.equal(shellProgram(base, 1, ['net', 'uts'], '/bin/zsh'), '/bin/zsh');
      assert.equal(shellProgram(base, 1, ['net'], undefined), '/bin/sh');
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
    assert.deepEqual(nsenterArgs(7, ['mnt', 'user'], '/bin/sh'), [
      '--target',
      '7',
      '--mount',
      '--user',
      '--',
      '/bin/sh',
    ]);
  });
});
