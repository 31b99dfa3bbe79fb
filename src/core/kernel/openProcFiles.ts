/**
 * Reads small /proc files that a snapshot reads again and again (each running container's
 * /proc/PID/cgroup and /proc/PID/status) through descriptors kept open between snapshots: one
 * pread at offset 0 instead of open, fstat, read and close. The kernel writes these files afresh on
 * every read from offset 0, so nothing read this way is older than a plain read.
 *
 * A kept descriptor belongs to the process it was opened for: once that process has exited the read
 * fails with ESRCH, even when its PID has been given to another process since. Any failure closes the
 * descriptor and falls back to a plain read of the path, which then tells what is there now (nothing,
 * or a new process) exactly as it would have without this reader.
 *
 * So a descriptor that is still open and read without error this round also proves that the process
 * is the one it was opened for (serialOf): the snapshot uses that to reuse a container's kernel
 * detail without reading its cgroup file again.
 *
 * That is procfs's behaviour, not a file system's: a descriptor of a deleted ordinary file still
 * reads its old bytes. So descriptors are kept only where the root is a mounted procfs; a fixture
 * tree (tests, a copied /proc) is read by path every time.
 */
import fs = require('node:fs');

/** How many descriptors are kept at most; past it, files are read the plain way. */
export const DEFAULT_MAX_OPEN_PROC_FILES = 1024;

/** statfs(2)'s f_type of procfs (linux/magic.h). */
const PROC_SUPER_MAGIC = 0x9fa0;

/** Whether `root` is a procfs mount, whose per-process files fail once their process is gone. */
export function isProcfs(root: string): boolean {
  try {
    return fs.statfsSync(root).type === PROC_SUPER_MAGIC;
  } catch {
    return false;
  }
}

export class OpenProcFiles {
  private readonly open = new Map<string, { fd: number; serial: number }>();
  private serials = 0;
  private buffer = Buffer.alloc(8 * 1024);
  /** Paths read without error in this round: what the sweep at its end keeps open. */
  private readonly used = new Set<string>();

  /** `maxOpen` 0 keeps nothing open: every read is a plain one (see isProcfs). */
  constructor(private readonly maxOpen = DEFAULT_MAX_OPEN_PROC_FILES) {}

  /** Keeps descriptors when `procRoot` is procfs, reads by path otherwise. */
  static forRoot(procRoot: string): OpenProcFiles {
    return new OpenProcFiles(isProcfs(procRoot) ? DEFAULT_MAX_OPEN_PROC_FILES : 0);
  }

  /** The file's text, as fs.readFileSync(file, 'utf8') gives it; throws what it throws. */
  readonly read = (file: string): string => {
    this.used.delete(file);
    const kept = this.open.get(file);
    if (kept !== undefined) {
      try {
        const text = this.readWhole(kept.fd);
        this.used.add(file);
        return text;
      } catch {
        this.close(file); // the process is gone: what the path holds now is read below
      }
    }
    if (this.open.size >= this.maxOpen) return fs.readFileSync(file, 'utf8');
    const opened = fs.openSync(file, 'r'); // throws ENOENT, EACCES… as a plain read would
    try {
      const text = this.readWhole(opened);
      this.open.set(file, { fd: opened, serial: ++this.serials });
      this.used.add(file);
      return text;
    } catch (error) {
      fs.closeSync(opened);
      throw error;
    }
  };

  /**
   * Which opening of the file was read without error in this round: the same number in two rounds
   * means one descriptor served both, so one process. Undefined when the file is not kept open or
   * was not read well this round.
   */
  serialOf(file: string): number | undefined {
    return this.used.has(file) ? this.open.get(file)?.serial : undefined;
  }

  /**
   * Starts a round of reads (a snapshot, a re-read after an event): serialOf vouches only for what
   * is read from here on. Nothing is closed.
   */
  startRound(): void {
    this.used.clear();
  }

  /** Closes the descriptors of files not read in this round (containers gone or stopped), and ends it. */
  sweep(): void {
    for (const file of [...this.open.keys()]) if (!this.used.has(file)) this.close(file);
    this.used.clear();
  }

  get openCount(): number {
    return this.open.size;
  }

  dispose(): void {
    for (const file of [...this.open.keys()]) this.close(file);
    this.used.clear();
  }

  private close(file: string): void {
    const kept = this.open.get(file);
    this.open.delete(file);
    if (kept === undefined) return;
    try {
      fs.closeSync(kept.fd);
    } catch {
      // already closed: nothing left to release
    }
  }

  /**
   * From offset 0 to the end. A read shorter than asked for is not taken as the end: the next read,
   * at the offset reached, returns 0 there (seq_file answers it from the state the first read left,
   * without writing the file again) or the rest of a file the kernel writes in pieces.
   */
  private readWhole(fd: number): string {
    let length = 0;
    for (;;) {
      if (length === this.buffer.length) {
        const larger = Buffer.alloc(this.buffer.length * 2);
        this.buffer.copy(larger, 0, 0, length);
        this.buffer = larger;
      }
      const n = fs.readSync(fd, this.buffer, length, this.buffer.length - length, length);
      if (n === 0) return this.buffer.toString('utf8', 0, length);
      length += n;
    }
  }
}
