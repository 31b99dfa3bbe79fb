/** The machine the figures were taken on, the engines it needs, and waiting for its CPUs to settle. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DOCKER_SOCK, log, repo } from './common';

export function machineInfo(): Record<string, unknown> {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const dockerVersion = (() => {
    try {
      return execFileSync(
        'docker',
        ['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}}), CLI {{.Client.Version}}'],
        { encoding: 'utf8' },
      ).trim();
    } catch (e) {
      return `unknown (${String(e)})`;
    }
  })();
  const pkg = (name: string) => {
    try {
      return (
        JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    } catch {
      return 'not installed';
    }
  };
  return {
    date: new Date().toISOString(),
    nproc: os.cpus().length,
    cpuModel: model,
    memTotalMiB: Math.round(os.totalmem() / 2 ** 20),
    kernel: os.release(),
    os: (() => {
      try {
        return /^PRETTY_NAME="?([^"\n]+)/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1];
      } catch {
        return undefined;
      }
    })(),
    node: process.version,
    docker: dockerVersion,
    loadAverageAtStart: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    packages: {
      '@microsoft/vscode-container-client': pkg('@microsoft/vscode-container-client'),
      'dockerfile-language-service': pkg('dockerfile-language-service'),
      'vscode-languageserver-textdocument': pkg('vscode-languageserver-textdocument'),
      esbuild: pkg('esbuild'),
      mermaid: pkg('mermaid'),
    },
  };
}

export function ensureEngines(): void {
  if (fs.existsSync(DOCKER_SOCK)) {
    try {
      execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore', timeout: 10_000 });
      return;
    } catch {
      /* fall through: start them */
    }
  }
  log('no answering /var/run/docker.sock: starting the engines with scripts/engines/setup.sh');
  execFileSync('bash', ['scripts/engines/setup.sh'], { stdio: 'inherit', cwd: repo });
}

/** Jiffies of all CPUs from /proc/stat: [idle (idle + iowait), total]. */
export function cpuJiffies(): [number, number] {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return [fields[3] + (fields[4] ?? 0), fields.reduce((a, b) => a + b, 0)];
}

/**
 * Creating or removing hundreds of containers leaves the kernel and the engines busy well after the
 * last command returned (load averages of 50 were seen here after removing 200). Figures taken
 * then measure that storm: wait until the CPUs are at least 60% idle for two seconds in a row.
 */
export async function waitForQuietCpu(deadlineMs: number): Promise<{ ms: number; idlePercent: number }> {
  const started = performance.now();
  let quietSeconds = 0;
  let idlePercent = 0;
  let [idle0, total0] = cpuJiffies();
  while (performance.now() - started < deadlineMs && quietSeconds < 2) {
    await new Promise((r) => setTimeout(r, 1000));
    const [idle1, total1] = cpuJiffies();
    idlePercent = total1 > total0 ? (100 * (idle1 - idle0)) / (total1 - total0) : 0;
    quietSeconds = idlePercent >= 60 ? quietSeconds + 1 : 0;
    [idle0, total0] = [idle1, total1];
  }
  return { ms: performance.now() - started, idlePercent };
}
