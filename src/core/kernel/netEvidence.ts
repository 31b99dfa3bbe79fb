/**
 * A network namespace's fingerprint from files anyone may read: the interfaces and their counters
 * in `net/dev`, the local IPv4 addresses in `net/fib_trie` and the IPv6 addresses in `net/if_inet6`.
 *
 * Two namespaces with the same interfaces and addresses are almost surely one (a container's veth
 * address is unique on its bridge), but it is evidence, not proof: every `--network none`
 * namespace is a bare loopback with 127.0.0.1, and two idle ones are indistinguishable. Counters
 * alone are worse: containers on one bridge receive the same broadcasts and can show identical
 * figures, so they only tell loopback-only namespaces apart.
 */
import path = require('node:path');
import type { NetEvidence } from '../model';
import { digest, readText } from './procText';

export interface NetDevRow {
  name: string;
  counters: string;
}

/** `net/dev` rows after its two header lines: `  eth0: 696 8 0 …`. */
export function parseNetDev(text: string): NetDevRow[] {
  const rows: NetDevRow[] = [];
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    rows.push({
      name: line.slice(0, colon).trim(),
      counters: line
        .slice(colon + 1)
        .trim()
        .split(/\s+/)
        .join(' '),
    });
  }
  return rows;
}

/**
 * The addresses fib_trie marks `/32 host LOCAL`: each such line follows the `|-- a.b.c.d` line of
 * its address. The Main and Local tables both list them; a set keeps one of each.
 */
export function localAddresses(fibTrie: string): string[] {
  const out = new Set<string>();
  let last: string | undefined;
  for (const line of fibTrie.split('\n')) {
    const leaf = line.indexOf('|-- ');
    if (leaf >= 0) last = line.slice(leaf + 4).trim();
    else if (last !== undefined && line.includes('/32 host LOCAL')) out.add(last);
  }
  return [...out].sort();
}

/** `if_inet6` lines as `address name`, sorted (their order follows interface creation). */
export function inet6Addresses(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 6) out.push(`${f[0]} ${f[5]}`);
  }
  return out.sort();
}

const LOOPBACK_INET6 = '00000000000000000000000000000001 lo';

export function netEvidenceFrom(netDev: string, fibTrie: string | undefined, ifInet6: string | undefined): NetEvidence {
  const rows = parseNetDev(netDev).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const v4 = fibTrie === undefined ? [] : localAddresses(fibTrie);
  const v6 = ifInet6 === undefined ? [] : inet6Addresses(ifInet6);
  const names = rows.map((r) => r.name);
  const structure = `${names.join(',')}|${v4.join(',')}|${v6.join(',')}`;
  return {
    structure: digest(structure),
    counters: digest(rows.map((r) => `${r.name} ${r.counters}`).join('\n')),
    loopbackOnly:
      names.length === 1 &&
      names[0] === 'lo' &&
      v4.every((a) => a === '127.0.0.1') &&
      v6.every((a) => a === LOOPBACK_INET6),
    idle: rows.every((r) => /^[0 ]*$/.test(r.counters)),
  };
}

/** Reads the three files under `<procPidDir>/net`; undefined when net/dev itself is unreadable. */
export function readNetEvidence(procPidDir: string): NetEvidence | undefined {
  const dir = path.join(procPidDir, 'net');
  const netDev = readText(path.join(dir, 'dev'));
  if (netDev === undefined) return undefined;
  return netEvidenceFrom(netDev, readText(path.join(dir, 'fib_trie')), readText(path.join(dir, 'if_inet6')));
}
