/**
 * Shared by the kernel tests: where the fixture trees are, the container ids written in them, and
 * a builder for fake `<proc>/<pid>/ns/*` trees.
 *
 * The namespace links are made at run time in a tmp folder rather than committed: they are dangling
 * symlinks (`net -> 'net:[4026531840]'`), and the build script's walk over test/ stats every entry,
 * which fails on a dangling link.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NamespaceKind } from '../../../src/core/model';

/** The folder holding test/fixtures: the repo when run from out/test/…, found by walking up. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'test', 'fixtures', 'cgroup-v2'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no test/fixtures above ${__dirname}`);
    dir = up;
  }
  return dir;
}

/**
 * `cgroup-v2-netcls`: a cgroup v2 host that also mounts two v1 hierarchies with no limits in them,
 * `net_cls` (as VPN split-tunnel tools do) and `name=systemd` (for old containers' systemd).
 */
export function fixture(name: 'cgroup-v1' | 'cgroup-v2' | 'cgroup-hybrid' | 'cgroup-v2-netcls'): {
  procRoot: string;
  fsRoot: string;
} {
  const root = path.join(repoRoot(), 'test', 'fixtures', name);
  return { procRoot: path.join(root, 'proc'), fsRoot: path.join(root, 'fs') };
}

/** The container ids written into the fixture trees. */
export const IDS = {
  v1Limited: '3f4e2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f',
  v1Unlimited: 'b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1',
  v2Docker: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
  v2Podman: 'd00dfeedd00dfeedd00dfeedd00dfeedd00dfeedd00dfeedd00dfeedd00dfeed',
  hybridDocker: 'e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff00',
  /** cgroup-v2-netcls, PID 7001: throttled by memory.high, with a reservation, no swap, cpu.weight 20. */
  netclsThrottled: 'a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0',
  /** cgroup-v2-netcls, PID 7002: its cgroup removed (` (deleted)`), the container stopping. */
  netclsRemoved: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e',
  /** cgroup-v2-netcls, PID 7003: shown relative to a cgroup namespace (`/../../system.slice/…`). */
  netclsOutsideNs: '0a0b0c0d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0b',
} as const;

/** PID (or `self`) → kind → inode; a kind left out has no link (ENOENT, like a kernel without it). */
export type NsSpec = Record<string, Partial<Record<NamespaceKind, number>>>;

/** Writes `<tmp>/proc/<pid>/ns/<kind> -> '<kind>:[<inode>]'` symlinks; returns the proc root. */
export function makeNsTree(spec: NsSpec): { procRoot: string; cleanup: () => void } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-ns-'));
  const procRoot = path.join(base, 'proc');
  for (const [pid, kinds] of Object.entries(spec)) {
    const nsDir = path.join(procRoot, pid, 'ns');
    fs.mkdirSync(nsDir, { recursive: true });
    for (const [kind, inode] of Object.entries(kinds)) fs.symlinkSync(`${kind}:[${inode}]`, path.join(nsDir, kind));
  }
  return { procRoot, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/** An fs error as the kernel would raise it, for the injectable readlink seam. */
export function errnoError(code: string, p: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: simulated, readlink '${p}'`);
  err.code = code;
  return err;
}
