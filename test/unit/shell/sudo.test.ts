import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContainerInfo, NamespaceEntry, NamespaceKind } from '../../../src/core/model';
import { NAMESPACE_KINDS } from '../../../src/core/model';
import { mayEnterContainer, shellAccess } from '../../../src/core/shell/nsenter';
import { namespaceChoices } from '../../../src/core/shell/shellPlan';
import { shellCommand, sudoAllowsNsenter } from '../../../src/core/shell/sudo';

/** root's container as an ordinary user sees it: every link denied, verdicts from evidence. */
function rootsContainer(): ContainerInfo {
  const verdicts: Record<NamespaceKind, NamespaceEntry['verdict']> = {
    cgroup: { kind: 'host' },
    ipc: { kind: 'isolated' },
    mnt: { kind: 'isolated' },
    net: { kind: 'isolated' },
    pid: { kind: 'isolated' },
    time: { kind: 'host' },
    user: { kind: 'host' },
    uts: { kind: 'isolated' },
  };
  return {
    key: 'docker::c1',
    runtime: 'docker',
    id: 'c1',
    name: 'web',
    image: 'busybox',
    state: 'running',
    labels: {},
    pid: 4242,
    initUid: 0,
    namespaces: {
      entries: NAMESPACE_KINDS.map((kind) => ({
        kind,
        read: { state: 'denied', detail: 'EACCES' },
        verdict: verdicts[kind],
      })),
    },
  };
}

describe('core/shell/sudo: the namespace shell through sudo -n nsenter', () => {
  it('an ordinary user on root’s container: no shell without sudo, through sudo where sudoers allows nsenter', () => {
    const c = rootsContainer();
    assert.equal(shellAccess(1001, c, false), undefined);
    assert.equal(mayEnterContainer(1001, c), false);
    assert.equal(shellAccess(1001, c, true), 'sudo');
    assert.equal(mayEnterContainer(1001, c, true), true);
    // Root, and a stopped container, are unchanged by sudo.
    assert.equal(shellAccess(0, c, true), 'direct');
    assert.equal(shellAccess(1001, { ...c, state: 'exited', pid: undefined }, true), undefined);
  });

  it('through sudo the denied namespaces are offered, as root would have them (user only when not the host’s)', () => {
    const c = rootsContainer();
    assert.deepEqual(namespaceChoices(c, 1001), [], 'nothing readable, nothing offered');
    const viaSudo = namespaceChoices(c, 1001, true);
    assert.deepEqual(
      viaSudo.map((k) => k.kind),
      ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'uts'],
    );
    assert.ok(
      viaSudo.every((k) => !k.required),
      'root needs no user namespace first',
    );
    assert.deepEqual(
      viaSudo.filter((k) => k.picked).map((k) => k.kind),
      ['ipc', 'mnt', 'net', 'pid', 'uts'],
    );
  });

  it('the command is nsenter itself, or sudo -n in front of the same argument array', () => {
    const args = ['--target', '4242', '--net', '--', '/bin/sh'];
    assert.deepEqual(shellCommand(args, false), { file: 'nsenter', args });
    assert.deepEqual(shellCommand(args, true), { file: 'sudo', args: ['-n', 'nsenter', ...args] });
  });

  it('asks sudo with -n -l nsenter and takes its exit status (a FAKE sudo that records its arguments)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-fake-sudo-'));
    try {
      const log = path.join(dir, 'args');
      const fake = (status: number): string => {
        const file = path.join(dir, `sudo-${status}`);
        fs.writeFileSync(file, `#!/bin/sh\nprintf '%s ' "$@" > ${log}\nexit ${status}\n`, { mode: 0o755 });
        return file;
      };
      assert.equal(await sudoAllowsNsenter(5_000, fake(0)), true);
      assert.equal(fs.readFileSync(log, 'utf8').trim(), '-n -l nsenter');
      assert.equal(await sudoAllowsNsenter(5_000, fake(1)), false);
      assert.equal(await sudoAllowsNsenter(5_000, path.join(dir, 'no-such-sudo')), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
