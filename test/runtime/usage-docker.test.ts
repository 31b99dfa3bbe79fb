/**
 * Usage figures against `docker stats` on the real Docker engine and kernel (cgroup v1 here):
 * the working set of a container holding page cache and of one holding tmpfs, CPU percent and
 * throttling under --cpus 0.5, an OOM kill under --memory 16m, and loopback traffic.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { requireSocket, run, dockerPid } from './support/engines';
import { kernelStat, parseMemUsage, removeContainers, samplerFor, until, v1Dir } from './support/usageSampling';

const IMAGE = 'anatomy-busybox';
const MiB = 1024 * 1024;
const NAMES = {
  cache: 'anatomy-use-cache',
  tmpfs: 'anatomy-use-tmpfs',
  busy: 'anatomy-use-busy',
  oom: 'anatomy-use-oom',
  net: 'anatomy-use-net',
};

async function started(name: string, args: string[], script: string): Promise<number> {
  await run('docker', ['run', '-d', '--name', name, ...args, IMAGE, 'sh', '-c', script], 60_000);
  return dockerPid(name);
}

interface StatsObject {
  cpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number };
}

/** The objects the engine streams for `docker stats` (GET /containers/NAME/stats), the first `count`. */
async function* dockerStatsStream(name: string, count: number): AsyncGenerator<StatsObject> {
  const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http
      .get({ socketPath: '/var/run/docker.sock', path: `/containers/${name}/stats?stream=true` }, resolve)
      .on('error', reject),
  );
  let buffered = '';
  let seen = 0;
  try {
    for await (const chunk of res) {
      buffered += String(chunk);
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.trim() === '') continue;
        yield JSON.parse(line) as StatsObject;
        if (++seen >= count) return;
      }
    }
  } finally {
    res.destroy();
  }
}

/** docker CLI's calculateCPUPercentUnix on one object. */
/**
 * /proc/stat's `cpu` line as two sums, in clock ticks: the fields docker adds up for its
 * `system_cpu_usage` (user … softirq) and `steal`, the time the hypervisor ran someone else. Docker
 * leaves steal out, so on a VM whose host is busy its percent reads high against wall time.
 */
function hostCpuTicks(): { counted: number; steal: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { counted: fields.slice(0, 7).reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
}

function dockerCliPercent(o: StatsObject): number | undefined {
  const cpuDelta = o.cpu_stats.cpu_usage.total_usage - o.precpu_stats.cpu_usage.total_usage;
  const systemDelta = (o.cpu_stats.system_cpu_usage ?? 0) - (o.precpu_stats.system_cpu_usage ?? 0);
  if (o.precpu_stats.system_cpu_usage === undefined || systemDelta <= 0 || cpuDelta < 0) return undefined;
  return (cpuDelta / systemDelta) * (o.cpu_stats.online_cpus ?? 1) * 100;
}

async function dockerStats(name: string, field: '{{.MemUsage}}'): Promise<string> {
  return run('docker', ['stats', '--no-stream', '--format', field, name], 60_000);
}

/**
 * Our working set read just before and just after `docker stats`: docker's figure, read in
 * between, must lie within 1 % (or 64 KiB, and its own display rounding) of that range.
 */
async function compareMemory(name: string, pid: number): Promise<{ ours: number; docker: number }> {
  const { sampler, container } = samplerFor(pid, name);
  const before = sampler.sample(container).cgroup?.memory?.workingSetBytes;
  const shown = parseMemUsage(await dockerStats(name, '{{.MemUsage}}'));
  const after = sampler.sample(container).cgroup?.memory?.workingSetBytes;
  assert.ok(before !== undefined && after !== undefined, 'a working set was read');
  const slack = Math.max(0.01 * shown.bytes, 64 * 1024) + shown.resolution;
  const low = Math.min(before, after) - slack;
  const high = Math.max(before, after) + slack;
  assert.ok(
    shown.bytes >= low && shown.bytes <= high,
    `docker stats ${shown.bytes} B, ours ${before}…${after} B (slack ${Math.round(slack)} B)`,
  );
  return { ours: after, docker: shown.bytes };
}

describe('usage against docker stats (real Docker, real kernel)', function () {
  this.timeout(180_000);

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'Docker');
    await removeContainers('docker', Object.values(NAMES));
  });
  after(async () => removeContainers('docker', Object.values(NAMES)));

  it('page cache: the working set leaves out inactive file, as docker stats does; the raw charge holds it', async () => {
    const pid = await started(
      NAMES.cache,
      ['--memory', '128m'],
      'dd if=/dev/zero of=/tmp/f bs=1M count=40 2>/dev/null && touch /tmp/done; sleep 600',
    );
    await until('the file written', async () =>
      (await run('docker', ['exec', NAMES.cache, 'ls', '/tmp'])).includes('done'),
    );
    const { ours } = await compareMemory(NAMES.cache, pid);
    const { sampler, container } = samplerFor(pid, NAMES.cache);
    const m = sampler.sample(container).cgroup!.memory!;
    // The kernel's own files, read here: the 40 MiB written sit in the page cache, in the charge.
    const stat = kernelStat(`${v1Dir(pid, 'memory')}/memory.stat`);
    assert.ok((stat.get('total_cache') ?? 0) >= 38 * MiB, `total_cache ${stat.get('total_cache')}`);
    assert.ok(m.usageBytes! >= 38 * MiB, `raw charge ${m.usageBytes}`);
    assert.ok(m.breakdown!.fileBytes >= 38 * MiB);
    assert.equal(m.limitBytes, 128 * MiB);
    assert.ok(ours < m.usageBytes!, 'the working set is below the raw charge');
  });

  it('tmpfs: shmem is not reclaimable, so the working set holds it (and docker stats agrees)', async () => {
    const pid = await started(
      NAMES.tmpfs,
      ['--memory', '128m', '--tmpfs', '/scratch'],
      'dd if=/dev/zero of=/scratch/f bs=1M count=30 2>/dev/null && touch /scratch/done; sleep 600',
    );
    await until('the tmpfs file written', async () =>
      (await run('docker', ['exec', NAMES.tmpfs, 'ls', '/scratch'])).includes('done'),
    );
    const { ours } = await compareMemory(NAMES.tmpfs, pid);
    assert.ok(ours >= 30 * MiB, `working set ${ours} holds the 30 MiB in tmpfs`);
    const { sampler, container } = samplerFor(pid, NAMES.tmpfs);
    const b = sampler.sample(container).cgroup!.memory!.breakdown!;
    const stat = kernelStat(`${v1Dir(pid, 'memory')}/memory.stat`);
    assert.equal(b.shmemBytes, stat.get('total_shmem'));
    assert.ok(b.shmemBytes >= 30 * MiB, `shmem ${b.shmemBytes}`);
  });

  it('CPU: a busy loop under --cpus 0.5 shows about 50 %, within 2 points of docker stats over the same windows, and throttling grows', async () => {
    const pid = await started(NAMES.busy, ['--cpus', '0.5'], 'while :; do :; done');
    const cpuDir = v1Dir(pid, 'cpu');
    const { sampler, container } = samplerFor(pid, NAMES.busy);
    const throttledAtStart = kernelStat(`${cpuDir}/cpu.stat`).get('nr_throttled') ?? 0;
    // docker stats prints, for each object the engine streams about once a second, the CPU time
    // used between that object's `preread` and `read` over the host's CPU time in between, times
    // the CPUs. Sampling ours as each object arrives gives the same windows (both shifted by the
    // same delivery delay). On two shared cores the loop can get less than its quota for a moment,
    // so a window where the two disagree by a hair's timing is possible: most must agree.
    // Docker's figure is also put back on wall time with the steal /proc/stat counted over the same
    // window (see hostCpuTicks): the comparison is with what docker measured, not with its blind spot.
    const windows: string[] = [];
    let agree = 0;
    let first = true;
    let ticks = hostCpuTicks();
    for await (const object of dockerStatsStream(NAMES.busy, 7)) {
      const now = sampler.sample(container).cgroup!.cpu!;
      const nowTicks = hostCpuTicks();
      const counted = nowTicks.counted - ticks.counted;
      const stolen = nowTicks.steal - ticks.steal;
      ticks = nowTicks;
      // Our first sample only starts the window; the next ones line up with the objects'.
      if (first) {
        first = false;
        continue;
      }
      const docker = dockerCliPercent(object);
      if (docker === undefined || now.percent === undefined) continue;
      const dockerOnWallTime = counted > 0 ? (docker * counted) / (counted + stolen) : docker;
      assert.ok(now.percent <= 50 + 2, `the quota caps it at 50 %: ${now.percent}`);
      windows.push(
        `ours ${now.percent.toFixed(2)} docker ${docker.toFixed(2)}, ${dockerOnWallTime.toFixed(2)} with steal (${now.percentWindowMs} ms)`,
      );
      if (Math.abs(now.percent - dockerOnWallTime) <= 2) agree++;
    }
    assert.ok(windows.length >= 4, windows.join('; '));
    assert.ok(agree >= Math.ceil(windows.length / 2), windows.join('; '));
    const cpu = sampler.sample(container).cgroup!.cpu!;
    assert.equal(cpu.cpus, 0.5);
    const kernelThrottled = kernelStat(`${cpuDir}/cpu.stat`).get('nr_throttled') ?? 0;
    assert.ok(kernelThrottled > throttledAtStart, 'the kernel counted throttled periods');
    assert.ok(cpu.throttling!.throttledPeriods > throttledAtStart, `throttled ${cpu.throttling!.throttledPeriods}`);
    assert.ok(cpu.throttling!.throttledPeriods <= kernelThrottled);
  });

  it('OOM: a child that outgrows --memory 16m is killed, and the kill is counted', async () => {
    // The hog runs in a subshell, so the OOM killer takes it and the container (and its cgroup) stays.
    const pid = await started(
      NAMES.oom,
      ['--memory', '16m', '--memory-swap', '16m'],
      '(x=aaaaaaaa; while :; do x=$x$x; done); echo $? > /tmp/rc; sleep 600',
    );
    await until('the hog killed', async () => {
      const out = await run('docker', ['exec', NAMES.oom, 'cat', '/tmp/rc']).catch(() => '');
      return out !== '';
    });
    assert.equal(await run('docker', ['exec', NAMES.oom, 'cat', '/tmp/rc']), '137', 'the subshell died of SIGKILL');
    const oomControl = kernelStat(`${v1Dir(pid, 'memory')}/memory.oom_control`);
    const { sampler, container } = samplerFor(pid, NAMES.oom);
    const m = sampler.sample(container).cgroup!.memory!;
    assert.ok((oomControl.get('oom_kill') ?? 0) >= 1);
    assert.equal(m.events?.oomKills, oomControl.get('oom_kill'));
    assert.equal(m.limitBytes, 16 * MiB);
  });

  it('network: loopback bytes grow by what the test sent over the container loopback', async () => {
    const pid = await started(NAMES.net, [], 'sleep 600');
    const { sampler, container } = samplerFor(pid, NAMES.net);
    const before = sampler.sample(container).cgroup!.network!;
    assert.ok(!before.hostNetwork);
    assert.ok(before.interfaces.includes('eth0'), `interfaces ${before.interfaces.join(',')}`);
    // 5 echo requests and 5 replies of 1000 data bytes: each 1028 bytes (8 ICMP, 20 IP; lo
    // counts no link header), each received once on lo.
    await run('docker', ['exec', NAMES.net, 'ping', '-c', '5', '-s', '1000', '127.0.0.1']);
    const after = sampler.sample(container).cgroup!.network!;
    const grown = after.loopbackBytes - before.loopbackBytes;
    assert.ok(grown >= 10 * 1028 && grown <= 10 * 1028 + 4096, `loopback grew ${grown} B`);
    // The kernel's file, read here.
    const lo = fs
      .readFileSync(`/proc/${pid}/net/dev`, 'utf8')
      .split('\n')
      .find((l) => l.trim().startsWith('lo:'))!;
    assert.equal(after.loopbackBytes, Number(lo.split(':')[1].trim().split(/\s+/)[0]));
  });
});
