/**
 * Verdicts for namespaces whose inode could not be read: the kernel's evidence (evidenceClaims.ts)
 * for pid, user, mnt and net, the engine's record (engineRecord.ts) for every kind, and both shown
 * where they disagree. Groups are settled across all containers at once: the same evidence group is
 * the same namespace, and a `container:x` in a record joins x's group (and x joins it back).
 */
import {
  NAMESPACE_KINDS,
  type NamespaceEntry,
  type NamespaceKind,
  type NamespaceVerdict,
  type ProcessEvidence,
  type VerdictBasis,
} from '../model';
import { evidenceClaim, type EvidenceReading } from './evidenceClaims';
import { recordClaim, type RecordContext, type RecordReading } from './engineRecord';

export interface ContainerRecord {
  id: string;
  name: string;
  /** Containers join only others of the same engine (and containerd namespace): `docker`, `containerd/k8s.io`. */
  scope: string;
  modes?: Partial<Record<NamespaceKind, string>>;
  ctx: RecordContext;
}

interface Member {
  key: string;
  evidence?: ProcessEvidence;
  record?: ContainerRecord;
}

type Decision = Pick<NamespaceEntry, 'verdict' | 'basis' | 'disagreement'>;

export class NamespaceEvidenceIndex {
  private readonly byKey = new Map<string, Member>();
  /** `kind|group` → keys, for evidence groups and the engine's user namespace. */
  private readonly evidenceGroups = new Map<string, string[]>();
  /** `kind|root key` → keys joined to the same owner by the records. */
  private readonly recordGroups = new Map<string, string[]>();
  private readonly evidence = new Map<string, EvidenceReading | undefined>();
  private readonly records = new Map<string, RecordReading | undefined>();
  private readonly joinTarget = new Map<string, string>();

  /** `key|kind` of every owner some record joins. */
  private readonly joined = new Set<string>();

  constructor(members: readonly Member[], self: ProcessEvidence | undefined) {
    const byScopeName = new Map<string, string>();
    for (const m of members) {
      this.byKey.set(m.key, m);
      if (m.record) {
        byScopeName.set(`${m.record.scope}|${m.record.id}`, m.key);
        byScopeName.set(`${m.record.scope}|${m.record.name}`, m.key);
      }
    }
    const resolve = (scope: string, target: string): string | undefined =>
      byScopeName.get(`${scope}|${target}`) ??
      (target.length >= 12
        ? members.find((m) => m.record?.scope === scope && m.record.id.startsWith(target))?.key
        : undefined);
    for (const m of members) {
      for (const kind of NAMESPACE_KINDS) {
        const ev = evidenceClaim(kind, m.evidence, self);
        this.evidence.set(`${m.key}|${kind}`, ev);
        if (ev?.claim.kind === 'group' || ev?.claim.kind === 'engine')
          this.add(this.evidenceGroups, `${kind}|${ev.claim.group}`, m.key);
        const rec = m.record ? recordClaim(kind, m.record.modes, m.record.ctx) : undefined;
        this.records.set(`${m.key}|${kind}`, rec);
        if (rec?.claim.kind === 'joins' && m.record) {
          const to = resolve(m.record.scope, rec.claim.target);
          if (to && to !== m.key) {
            this.joinTarget.set(`${m.key}|${kind}`, to);
            this.joined.add(`${to}|${kind}`);
          }
        }
        if (rec?.claim.kind === 'engine' && m.record)
          this.add(this.recordGroups, `${kind}|engine:${m.record.scope}`, m.key);
      }
    }
    for (const m of members)
      for (const kind of NAMESPACE_KINDS) {
        const root = this.rootOf(m.key, kind);
        if (root !== m.key || this.joined.has(`${m.key}|${kind}`))
          this.add(this.recordGroups, `${kind}|${root}`, m.key);
      }
  }

  private add(map: Map<string, string[]>, key: string, member: string): void {
    const list = map.get(key);
    if (list) list.push(member);
    else map.set(key, [member]);
  }

  /** Follows `container:x` links to the owner; a cycle stops where it closes. */
  private rootOf(key: string, kind: NamespaceKind): string {
    const seen = new Set<string>([key]);
    let at = key;
    for (;;) {
      const next = this.joinTarget.get(`${at}|${kind}`);
      if (next === undefined || seen.has(next)) return at;
      seen.add(next);
      at = next;
    }
  }

  private others(map: Map<string, string[]>, group: string, key: string): string[] {
    return (map.get(group) ?? []).filter((k) => k !== key);
  }

  private evidenceVerdict(key: string, kind: NamespaceKind, ev: EvidenceReading): NamespaceVerdict {
    const claim = ev.claim;
    switch (claim.kind) {
      case 'host':
      case 'isolated':
        return { kind: claim.kind };
      case 'joined':
        return { kind: 'shared', withKeys: [] };
      case 'group': {
        const others = this.others(this.evidenceGroups, `${kind}|${claim.group}`, key);
        return others.length > 0 ? { kind: 'shared', withKeys: others } : { kind: 'isolated' };
      }
      case 'engine': {
        const runtime = this.byKey.get(key)?.record?.ctx.runtime;
        const withKeys = this.others(this.evidenceGroups, `${kind}|${claim.group}`, key);
        return runtime ? { kind: 'shared', withKeys, engine: runtime } : { kind: 'isolated' };
      }
      case 'unknown':
        return { kind: 'unknown', reason: claim.reason };
    }
  }

  private recordVerdict(key: string, kind: NamespaceKind, rec: RecordReading): NamespaceVerdict {
    const record = this.byKey.get(key)?.record;
    switch (rec.claim.kind) {
      case 'host':
        return { kind: 'host' };
      case 'engine':
        return record
          ? {
              kind: 'shared',
              withKeys: this.others(this.recordGroups, `${kind}|engine:${record.scope}`, key),
              engine: record.ctx.runtime,
            }
          : { kind: 'unknown', reason: 'no engine recorded' };
      case 'unknown':
        return { kind: 'unknown', reason: rec.claim.reason };
      case 'isolated':
      case 'joins': {
        const others = this.others(this.recordGroups, `${kind}|${this.rootOf(key, kind)}`, key);
        if (others.length > 0) return { kind: 'shared', withKeys: others };
        return rec.claim.kind === 'joins'
          ? { kind: 'unknown', reason: `the engine joined it to ${rec.claim.target}, which is not listed` }
          : { kind: 'isolated' };
      }
    }
  }

  /** The verdict for one kind of one container whose inode this process may not read. */
  decide(key: string, kind: NamespaceKind): Decision {
    const ev = this.evidence.get(`${key}|${kind}`);
    const rec = this.records.get(`${key}|${kind}`);
    const evBasis = (r: EvidenceReading): VerdictBasis => ({ source: 'evidence', word: r.word, detail: r.detail });
    const recBasis = (r: RecordReading): VerdictBasis => ({ source: 'engine', word: 'engine', detail: r.detail });
    const evV = ev && this.evidenceVerdict(key, kind, ev);
    const recV = rec && this.recordVerdict(key, kind, rec);
    if (!ev || !evV || evV.kind === 'unknown') {
      if (rec && recV) {
        const detail = evV?.kind === 'unknown' ? `${rec.detail} (the kernel's files: ${evV.reason})` : rec.detail;
        return { verdict: recV, basis: { ...recBasis(rec), detail } };
      }
      if (ev && evV) return { verdict: evV, basis: evBasis(ev) };
      return {
        verdict: {
          kind: 'unknown',
          reason: `inodes need root; nothing else an ordinary user can read tells the ${kind} namespace`,
        },
      };
    }
    if (!rec || !recV || recV.kind === 'unknown') return { verdict: evV, basis: evBasis(ev) };
    // Evidence that cannot see who else is in a namespace (NSpid of the owner or a joiner, uid_map)
    // does not contradict a record naming the others.
    const blindToOthers = kind === 'pid' || kind === 'user';
    if (recV.kind === 'shared' && (ev.claim.kind === 'joined' || (blindToOthers && evV.kind === 'isolated')))
      return { verdict: recV, basis: { ...recBasis(rec), detail: `${rec.detail}; ${ev.word}: ${ev.detail}` } };
    if (sameVerdict(evV, recV))
      return { verdict: evV, basis: { ...evBasis(ev), detail: `${ev.detail}; the engine's record agrees` } };
    return { verdict: evV, basis: evBasis(ev), disagreement: { verdict: recV, basis: recBasis(rec) } };
  }
}

function sameVerdict(a: NamespaceVerdict, b: NamespaceVerdict): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'shared' || b.kind !== 'shared') return true;
  return [...a.withKeys].sort().join('\n') === [...b.withKeys].sort().join('\n');
}
