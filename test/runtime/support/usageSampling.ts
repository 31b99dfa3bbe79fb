/**
 * For the usage runtime tests: a container's report sampled through the product's UsageSampler
 * from the real cgroupfs and /proc, peers' figures parsed, and the kernel's files read directly.
 */
import * as fs from 'node:fs';
import { readCgroupMounts, readCgroupReport, readProcCgroup, type CgroupMounts } from '../../../src/core/kernel';
import type { ContainerInfo } from '../../../src/core/model';
import { UsageSampler } from '../../../src/core/usage/sampler';
import { run } from './engines';

export function hostMounts(): CgroupMounts {
  const res = readCgroupMounts('/proc');
  if (!res.ok) throw new Error(res.detail);
  return res.mounts;
}

/** A sampler on the real host and the container as the snapshot would hold it. */
export function samplerFor(pid: number, key: string): { sampler: UsageSampler; container: ContainerInfo } {
  const mounts = hostMounts();
  const own = readProcCgroup('/proc', 'self');
  const ownCgroup = own.ok ? own.cgroup : undefined;
  const cgroup = readCgroupReport('/proc', pid, mounts, '/', { ownCgroup });
  const container = {
    key,
    id: key,
    name: key,
    runtime: 'docker',
    image: 'x',
    state: 'running',
    pid,
    labels: {},
    cgroup,
  };
  return {
    sampler: new UsageSampler({ procRoot: '/proc', fsRoot: '/', mounts, ownCgroup }),
    container: container as ContainerInfo,
  };
}

const UNITS: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  kB: 1000,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
};

/** `2.969MiB / 128MiB` (docker) or `41.8MB / 134.2MB` (podman): the used figure in bytes, and its precision. */
export function parseMemUsage(text: string): { bytes: number; resolution: number } {
  const m = /^([\d.]+)\s*([A-Za-z]+)\s*\//.exec(text.trim());
  if (!m || UNITS[m[2]] === undefined) throw new Error(`unexpected MemUsage ${JSON.stringify(text)}`);
  const decimals = m[1].split('.')[1]?.length ?? 0;
  return { bytes: Number(m[1]) * UNITS[m[2]], resolution: (0.5 / 10 ** decimals) * UNITS[m[2]] };
}

/** The kernel's own flat keyed file, read here with plain fs, not through the code under test. */
export function kernelStat(file: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [k, v] = line.split(' ');
    if (k && v !== undefined) out.set(k, Number(v));
  }
  return out;
}

/**
 * A PID's v1 folder for one controller, from /proc/PID/cgroup with plain text handling: the
 * hierarchy is mounted at /sys/fs/cgroup/<its controller list> (`memory`, `cpu,cpuacct`).
 */
export function v1Dir(pid: number, controller: string): string {
  const line = fs
    .readFileSync(`/proc/${pid}/cgroup`, 'utf8')
    .split('\n')
    .find((l) => l.split(':')[1]?.split(',').includes(controller));
  if (!line) throw new Error(`no v1 ${controller} line for ${pid}`);
  const [, controllers, cgroupPath] = line.split(':');
  return `/sys/fs/cgroup/${controllers}${cgroupPath}`;
}

/** Waits until `check` holds (polling every 200 ms), or throws after `ms`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function removeContainers(engine: 'docker' | 'podman', names: string[]): Promise<void> {
  await run(engine, ['rm', '-f', ...names]).catch(() => undefined);
}

/** Writes 40 MiB into the page cache (the container's /tmp), marks it done, then runs `then`. */
export const PAGE_CACHE_SCRIPT = (then: string) =>
  `dd if=/dev/zero of=/tmp/f bs=1M count=40 2>/dev/null && touch /tmp/done; ${then}`;

/** Starts `anatomy-busybox` under the engine with these options and script; resolves once `/tmp/done` exists. */
export async function startWithPageCache(
  engine: 'docker' | 'podman',
  name: string,
  options: string[],
  then: string,
): Promise<void> {
  await run(
    engine,
    ['run', '-d', '--name', name, ...options, 'anatomy-busybox', 'sh', '-c', PAGE_CACHE_SCRIPT(then)],
    60_000,
  );
  await until('the file written', async () => (await run(engine, ['exec', name, 'ls', '/tmp'])).includes('done'));
}
