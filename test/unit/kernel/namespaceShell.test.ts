import * as assert from 'node:assert/strict';
import { namespaceShellPlan } from '../../../src/core/kernel/namespaceShell';

describe('kernel/namespaceShell: how the shell starts for this user', () => {
  const args = ['--target', '42', '--net'];
  it('root and the process owner run nsenter itself', () => {
    assert.deepEqual(namespaceShellPlan(args, { selfUid: 0, processUid: 0, sudoNsenter: false }), {
      file: 'nsenter',
      args,
    });
    assert.deepEqual(namespaceShellPlan(args, { selfUid: 1001, processUid: 1001, sudoNsenter: false }), {
      file: 'nsenter',
      args,
    });
  });

  it("an ordinary user on root's container goes through sudo -n (never a prompt), or is told what is missing", () => {
    assert.deepEqual(namespaceShellPlan(args, { selfUid: 1001, processUid: 0, sudoNsenter: true }), {
      file: 'sudo',
      args: ['-n', 'nsenter', ...args],
    });
    const refused = namespaceShellPlan(args, { selfUid: 1001, processUid: 0, sudoNsenter: false });
    assert.ok('refused' in refused);
    assert.match(refused.refused, /needs root[\s\S]*sudo -n nsenter/);
  });
});
