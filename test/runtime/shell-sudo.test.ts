/**
 * The namespace shell through `sudo -n nsenter` (issue 17), checked for real: the ordinary user
 * `anatomy-sudo` (scripts/engines/setup.sh; in the docker group, no sudoers rule of its own) cannot
 * join root's Docker container by itself. With a sudoers rule for nsenter alone (written here,
 * checked with visudo, removed after), the question the extension asks sudo says yes, and the
 * very command the extension runs joins the container's network namespace: the inode it reads there
 * is the one this test reads as root. Without the rule sudo says no at once, and never prompts.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { nsenterArgs } from '../../src/core/shell/nsenter';
import { shellCommand, SUDO_NSENTER_PROBE } from '../../src/core/shell/sudo';
import { dockerPid, requireSocket, run } from './support/engines';

const USER = 'anatomy-sudo';
const TARGET = 'anatomy-netowner';
const RULE = '/etc/sudoers.d/anatomy-shell-nsenter';

/** Runs file+args as USER with stdin closed: exit status and output. */
function asUser(file: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('runuser', ['-u', USER, '--', file, ...args], { timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({
        code: err ? Number((err as { code?: number }).code ?? 1) || 1 : 0,
        stdout: String(stdout),
        stderr: String(stderr),
      }),
    );
    child.stdin?.end();
  });
}

describe('namespace shell through sudo -n nsenter (real sudo, real nsenter)', function () {
  this.timeout(60_000);
  let pid: number;
  let rootNet: string;
  let nsenter: string;

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'Docker');
    await run('id', ['-u', USER]);
    pid = await dockerPid(TARGET);
    rootNet = fs.readlinkSync(`/proc/${pid}/ns/net`);
    nsenter = await run('sh', ['-c', 'command -v nsenter']);
  });
  after(() => fs.rmSync(RULE, { force: true }));

  it('without a rule: the user cannot join, sudo says no to the question at once, and the shell command fails without a prompt', async () => {
    fs.rmSync(RULE, { force: true });
    const direct = await asUser(nsenter, nsenterArgs(pid, ['net'], '/usr/bin/readlink').concat('/proc/self/ns/net'));
    assert.notEqual(direct.code, 0, 'nsenter as the user alone is refused');
    assert.notEqual((await asUser('sudo', SUDO_NSENTER_PROBE)).code, 0);
    const started = Date.now();
    const viaSudo = shellCommand(nsenterArgs(pid, ['net'], '/usr/bin/readlink').concat('/proc/self/ns/net'), true);
    const out = await asUser(viaSudo.file, viaSudo.args);
    assert.notEqual(out.code, 0);
    assert.match(out.stderr, /password/i, 'sudo -n says a password would be needed');
    assert.ok(Date.now() - started < 15_000, 'it did not wait for a password');
  });

  it('with a rule for nsenter: the question says yes and the shell command joins the container’s own network namespace', async () => {
    fs.writeFileSync(RULE, `${USER} ALL=(root) NOPASSWD: ${nsenter}\n`, { mode: 0o440 });
    await run('visudo', ['-c', '-f', RULE]);
    assert.equal((await asUser('sudo', SUDO_NSENTER_PROBE)).code, 0);
    const command = shellCommand(nsenterArgs(pid, ['net'], '/usr/bin/readlink').concat('/proc/self/ns/net'), true);
    assert.equal(command.file, 'sudo');
    const out = await asUser(command.file, command.args);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout.trim(), rootNet, 'the inode root reads for the container');
    assert.notEqual(rootNet, fs.readlinkSync('/proc/self/ns/net'), 'and it is not the host’s');
  });
});
