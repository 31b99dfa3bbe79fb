/**
 * OpenProcFiles against the real /proc of this machine (a child process of the test is the
 * "container"), and against an ordinary folder. The ground truth is read independently: the text by
 * fs.readFileSync, the descriptors this process holds from /proc/self/fd.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isProcfs, OpenProcFiles } from '../../../src/core/kernel';

/** The files this process has open that point at `target`. */
function descriptorsOn(target: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === target) n++;
    } catch {
      // the descriptor readdir itself used, closed by now
    }
  }
  return n;
}

function line(text: string, key: string): string | undefined {
  return text.split('\n').find((l) => l.startsWith(`${key}:`));
}

function startSleeper(): Promise<ChildProcess> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('kernel/openProcFiles (REAL /proc)', () => {
  it('knows /proc for procfs and an ordinary folder for not', () => {
    assert.equal(isProcfs('/proc'), true);
    assert.equal(isProcfs(os.tmpdir()), false);
  });

  it('reads what a plain read reads, through one descriptor kept open', async () => {
    const child = await startSleeper();
    const files = OpenProcFiles.forRoot('/proc');
    try {
      const file = `/proc/${child.pid}/status`;
      const first = files.read(file);
      const second = files.read(file);
      const plain = fs.readFileSync(file, 'utf8');
      for (const key of ['Name', 'Pid', 'Uid', 'CapEff', 'NoNewPrivs', 'Seccomp'])
        assert.equal(line(second, key), line(plain, key), key);
      assert.equal(line(first, 'Pid'), `Pid:\t${child.pid}`);
      assert.equal(descriptorsOn(file), 1, 'one descriptor for two reads');
      assert.equal(files.openCount, 1);
    } finally {
      files.dispose();
      await exited(child);
    }
  });

  it('a kept descriptor reads the kernel now, not what it read when opened', async () => {
    const child = await startSleeper();
    const files = OpenProcFiles.forRoot('/proc');
    const file = `/proc/${child.pid}/status`;
    const state = () => line(files.read(file), 'State');
    const plainStateIs = async (letter: string) => {
      for (let i = 0; i < 200 && !line(fs.readFileSync(file, 'utf8'), 'State')?.startsWith(`State:\t${letter} `); i++)
        await new Promise((r) => setTimeout(r, 10));
    };
    try {
      await plainStateIs('S'); // asleep in sleep(1), once it has exec'd
      assert.match(state() ?? '', /^State:\tS \(sleeping\)/);
      child.kill('SIGSTOP');
      await plainStateIs('T');
      assert.match(state() ?? '', /^State:\tT \(stopped\)/);
      assert.equal(files.openCount, 1, 'the same descriptor both times');
    } finally {
      files.dispose();
      await exited(child);
    }
  });

  it('once the process has exited, the read fails as a plain read does and the descriptor is closed', async () => {
    const child = await startSleeper();
    const files = OpenProcFiles.forRoot('/proc');
    const file = `/proc/${child.pid}/cgroup`;
    try {
      files.read(file);
      assert.equal(descriptorsOn(file), 1);
      await exited(child);
      assert.throws(() => fs.readFileSync(file, 'utf8'), { code: 'ENOENT' });
      assert.throws(() => files.read(file), { code: 'ENOENT' });
      assert.equal(files.openCount, 0);
      assert.equal(descriptorsOn(file), 0);
    } finally {
      files.dispose();
    }
  });

  it('serialOf: the same opening while the process lives, another once its PID is read anew, none when unread', async () => {
    const child = await startSleeper();
    const files = OpenProcFiles.forRoot('/proc');
    const file = `/proc/${child.pid}/status`;
    try {
      assert.equal(files.serialOf(file), undefined, 'not read yet');
      files.read(file);
      const first = files.serialOf(file);
      assert.notEqual(first, undefined);
      files.startRound();
      assert.equal(files.serialOf(file), undefined, 'a new round: not read in it yet');
      assert.equal(files.openCount, 1, 'starting a round closes nothing');
      files.read(file);
      assert.equal(files.serialOf(file), first, 'one descriptor for both rounds');
      await exited(child);
      files.sweep();
      assert.throws(() => files.read(file), { code: 'ENOENT' });
      assert.equal(files.serialOf(file), undefined, 'a failed read vouches for nothing');
    } finally {
      files.dispose();
    }
  });

  it('a file opened again gets a new serial', async () => {
    const files = OpenProcFiles.forRoot('/proc');
    const a = await startSleeper();
    // Closed and opened again, a descriptor is another opening: kept detail is not reused on its word.
    const fileA = `/proc/${a.pid}/status`;
    try {
      files.read(fileA);
      const before = files.serialOf(fileA);
      files.dispose();
      files.read(fileA);
      assert.notEqual(files.serialOf(fileA), before, 'reopened: another serial');
    } finally {
      files.dispose();
      await exited(a);
    }
  });

  it('a sweep closes the files not read since the last one; dispose closes the rest', async () => {
    const [a, b] = [await startSleeper(), await startSleeper()];
    const files = OpenProcFiles.forRoot('/proc');
    const [fileA, fileB] = [`/proc/${a.pid}/status`, `/proc/${b.pid}/status`];
    try {
      files.read(fileA);
      files.read(fileB);
      files.sweep();
      files.read(fileB);
      files.sweep();
      assert.equal(descriptorsOn(fileA), 0, 'not read in the last round');
      assert.equal(descriptorsOn(fileB), 1);
      files.dispose();
      assert.equal(descriptorsOn(fileB), 0);
    } finally {
      files.dispose();
      await Promise.all([exited(a), exited(b)]);
    }
  });

  it('holds no more than its budget open, and reads the rest by path', async () => {
    const children = [await startSleeper(), await startSleeper(), await startSleeper()];
    const files = new OpenProcFiles(2);
    try {
      const texts = children.map((c) => files.read(`/proc/${c.pid}/status`));
      assert.equal(files.openCount, 2);
      children.forEach((c, i) => assert.equal(line(texts[i], 'Pid'), `Pid:\t${c.pid}`));
    } finally {
      files.dispose();
      await Promise.all(children.map(exited));
    }
  });

  it('in an ordinary folder (a fixture tree) every read goes by path: a removed file is gone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-proc-'));
    const files = OpenProcFiles.forRoot(dir);
    try {
      const file = path.join(dir, 'status');
      fs.writeFileSync(file, 'Name:\tx\n');
      assert.equal(files.read(file), 'Name:\tx\n');
      assert.equal(files.openCount, 0);
      fs.rmSync(file);
      assert.throws(() => files.read(file), { code: 'ENOENT' });
    } finally {
      files.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file longer than its buffer whole', () => {
    const files = OpenProcFiles.forRoot('/proc');
    try {
      const file = `/proc/${process.pid}/smaps`; // tens of KiB, over the 8 KiB first buffer
      const text = files.read(file);
      assert.ok(text.length > 8 * 1024, `${text.length} chars`);
      assert.ok(text.endsWith('\n'));
    } finally {
      files.dispose();
    }
  });
});
