/**
 * Keeps the privileges of a warm snapshot cheap without keeping anything the kernel may have
 * changed. /proc/PID/status is read on every snapshot (capset, setuid or an exec keep the PID and
 * change the sets), but early: while the engines answer, as the cgroup lines are (Snapshotter.take).
 * What is kept is only what follows from inputs that are compared:
 *   - the parse of status, while its privilege lines read the same (privilegeFieldsKey);
 *   - the uid and gid maps, while the PID and its user namespace (the inode the snapshot shows) are
 *     the same: a user namespace's maps can be written once and never change after;
 *   - the explanation (weak spots, Pod Security, the capability diff), while its inputs are the
 *     same objects and values: report parts, the engine's request, the namespace and cgroup facts;
 *   - the host's LSMs, which the kernel fixes at boot (PID 1's bounding set is read every time).
 */
import type { ContainerInfo } from '../model';
import {
  explainPrivileges,
  readHostPrivileges,
  readPrivileges,
  type EngineRequest,
  type HostLsm,
  type HostPrivileges,
  type PrivilegeContext,
  type PrivilegeExplanation,
  type PrivilegeReport,
  type UserMapping,
} from '../privileges';
import { readText, type ReadTextFn, type TextRead } from '../privileges/readText';
import { parseProcStatus, privilegeFieldsKey, type StatusRead } from '../privileges/status';
import { procStatusPath } from '../kernel/procStatus';

interface Kept {
  pid: number;
  fieldsKey?: string;
  status?: StatusRead;
  userNs?: number;
  mapping?: UserMapping;
  explained?: {
    inputs: readonly unknown[];
    explanation: PrivilegeExplanation;
  };
}

/** The container's user namespace inode as the snapshot shows it; undefined where the link was not read. */
function userNamespaceInode(c: ContainerInfo): number | undefined {
  const read = c.namespaces?.entries.find((e) => e.kind === 'user')?.read;
  return read?.state === 'ok' ? read.inode : undefined;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export class PrivilegeCache {
  private readonly kept = new Map<string, Kept>();
  /** status texts read while the engines answered, with their privilege lines' key, by container key. */
  private early = new Map<string, { pid: number; text: TextRead; fieldsKey?: string }>();
  private hostLsm: HostLsm | undefined;

  /** `read` reads /proc/PID/status (the Snapshotter's OpenProcFiles.read); a plain read without it. */
  constructor(private readonly read?: ReadTextFn) {}

  /** The host's facts for one snapshot: the LSMs kept (fixed at boot), the bounding set read now. */
  host(procRoot: string, sysRoot: string): HostPrivileges {
    const host = readHostPrivileges(procRoot, sysRoot, undefined, this.hostLsm);
    this.hostLsm = host.lsm;
    return host;
  }

  /** Reads /proc/PID/status of the PIDs the last snapshot knew: done while the engines' answers are on their way. */
  readEarly(procRoot: string, known: ReadonlyMap<string, number>): void {
    this.early = new Map();
    for (const [key, pid] of known) {
      const text = readText(procStatusPath(procRoot, pid), this.read);
      // The key is worked out here too, while the engines are still answering, not after.
      this.early.set(key, { pid, text, fieldsKey: text.ok ? privilegeFieldsKey(text.text) : undefined });
    }
  }

  /** The kernel's report for a container with a process: status read now (or early), the rest as the header says. */
  report(c: ContainerInfo & { pid: number }, procRoot: string, host: HostPrivileges): PrivilegeReport {
    let kept = this.kept.get(c.key);
    if (!kept || kept.pid !== c.pid) {
      kept = { pid: c.pid };
      this.kept.set(c.key, kept);
    }
    const early = this.early.get(c.key);
    this.early.delete(c.key);
    const readEarly = early?.pid === c.pid ? early : undefined;
    const text = readEarly?.text ?? readText(procStatusPath(procRoot, c.pid), this.read);
    let status: StatusRead;
    if (!text.ok) status = { ok: false, issue: text.issue };
    else {
      const fieldsKey = readEarly?.fieldsKey ?? privilegeFieldsKey(text.text);
      if (kept.fieldsKey !== fieldsKey || !kept.status) {
        kept.fieldsKey = fieldsKey;
        kept.status = { ok: true, status: parseProcStatus(text.text) };
      }
      status = kept.status;
    }
    const userNs = userNamespaceInode(c);
    const mapping = userNs !== undefined && kept.userNs === userNs ? kept.mapping : undefined;
    const report = readPrivileges(procRoot, c.pid, { host, status, userMapping: mapping });
    kept.userNs = report.userMapping && userNs !== undefined ? userNs : undefined;
    kept.mapping = kept.userNs === undefined ? undefined : report.userMapping;
    return report;
  }

  /** explainPrivileges, or the kept explanation when every input is the same as last time. */
  explain(
    key: string,
    report: PrivilegeReport,
    request: EngineRequest | undefined,
    context: PrivilegeContext,
  ): PrivilegeExplanation {
    const inputs = [
      report.status,
      report.userMapping,
      report.lsm?.text,
      report.hostLsm.state,
      report.hostBounding?.mask,
      report.issues.map((i) => i.detail).join('\n'),
      request,
      context.engine,
      context.hostNamespaces?.join(','),
      context.memoryLimited,
      context.pidsLimited,
    ];
    const kept = this.kept.get(key);
    if (kept?.explained && sameInputs(kept.explained.inputs, inputs)) return kept.explained.explanation;
    const explanation = explainPrivileges(report, request, context);
    if (kept) kept.explained = { inputs, explanation };
    return explanation;
  }

  forget(key: string): void {
    this.kept.delete(key);
  }

  clear(): void {
    this.kept.clear();
    this.early.clear();
    this.hostLsm = undefined;
  }

  /** Drops what belongs to containers no longer listed. */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of this.kept.keys()) if (!keys.has(key)) this.kept.delete(key);
  }
}
