/**
 * Linux capabilities by the kernel's own numbering (include/uapi/linux/capability.h), decoding of
 * the 64-bit masks /proc/PID/status shows, the engines' default sets, and the difference between a
 * container's set and its engine's default in the words the tree shows ("default", "+NET_ADMIN").
 *
 * Masks are BigInt: bits above 31 (SYSLOG, BPF, CHECKPOINT_RESTORE…) do not fit a JS bitwise
 * operation. A bit this table does not know (a newer kernel) is shown as `cap_N`, never dropped.
 */

import type { CapabilityDiff } from './types';

/** Index = bit number. Names without the `CAP_` prefix, as the engines' `--cap-add` accepts them. */
export const CAPABILITY_NAMES: readonly string[] = [
  'CHOWN', // 0
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'KILL', // 5
  'SETGID',
  'SETUID',
  'SETPCAP',
  'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', // 10
  'NET_BROADCAST',
  'NET_ADMIN',
  'NET_RAW',
  'IPC_LOCK',
  'IPC_OWNER', // 15
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_CHROOT',
  'SYS_PTRACE',
  'SYS_PACCT', // 20
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME', // 25
  'SYS_TTY_CONFIG',
  'MKNOD',
  'LEASE',
  'AUDIT_WRITE',
  'AUDIT_CONTROL', // 30
  'SETFCAP',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM', // 35
  'BLOCK_SUSPEND',
  'AUDIT_READ',
  'PERFMON',
  'BPF',
  'CHECKPOINT_RESTORE', // 40
];

const MASK_BITS = 64;
const BIT_BY_NAME = new Map(CAPABILITY_NAMES.map((name, bit) => [name, bit]));

/** Every capability this table knows, as one mask (bits 0‥40). */
export const ALL_KNOWN_MASK = (1n << BigInt(CAPABILITY_NAMES.length)) - 1n;

/** Bit N's name: `NET_ADMIN`, or `cap_N` for a bit newer than this table. */
export function capabilityName(bit: number): string {
  return CAPABILITY_NAMES[bit] ?? `cap_${bit}`;
}

/**
 * `CAP_NET_ADMIN`, `cap_net_admin`, `net_admin` → `NET_ADMIN`; `cap_41` stays `cap_41`; `ALL` → `ALL`.
 * Undefined for an empty string.
 */
export function normalizeCapabilityName(raw: string): string | undefined {
  const upper = raw.trim().toUpperCase();
  if (upper === '') return undefined;
  const bare = upper.startsWith('CAP_') ? upper.slice(4) : upper;
  if (/^\d+$/.test(bare)) return capabilityName(Number(bare));
  return bare;
}

/** The bit of a (normalized or raw) name, undefined for an unknown name or `ALL`. */
export function capabilityBit(raw: string): number | undefined {
  const name = normalizeCapabilityName(raw);
  if (name === undefined) return undefined;
  const known = BIT_BY_NAME.get(name);
  if (known !== undefined) return known;
  const m = /^CAP_(\d+)$/i.exec(name);
  return m && Number(m[1]) < MASK_BITS ? Number(m[1]) : undefined;
}

/** A hex mask as /proc/PID/status prints it (`00000000a80425fb`, 16 digits, no 0x) → BigInt; undefined if malformed. */
export function parseCapabilityMask(hex: string): bigint | undefined {
  const digits = hex.trim().replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,16}$/i.test(digits)) return undefined;
  return BigInt(`0x${digits}`);
}

/** A mask printed as the kernel prints it: 16 lowercase hex digits. */
export function formatCapabilityMask(mask: bigint): string {
  return mask.toString(16).padStart(16, '0');
}

/** The names of every set bit, lowest bit first; unknown bits as `cap_N`. */
export function decodeCapabilityMask(mask: bigint): string[] {
  const out: string[] = [];
  // Two 32-bit halves as plain numbers: a BigInt shift per bit costs more than the rest of the read.
  const halves = [Number(mask & 0xffffffffn), Number((mask >> 32n) & 0xffffffffn)];
  for (let half = 0; half < 2; half++) {
    for (let bit = 0; bit < 32; bit++) {
      if ((halves[half] >>> bit) & 1) out.push(capabilityName(half * 32 + bit));
    }
  }
  return out;
}

/** Names (any spelling; `ALL` = every known capability) → mask. Names it cannot place are returned apart. */
export function encodeCapabilityNames(names: readonly string[]): { mask: bigint; unknown: string[] } {
  let mask = 0n;
  const unknown: string[] = [];
  for (const raw of names) {
    if (normalizeCapabilityName(raw) === 'ALL') {
      mask |= ALL_KNOWN_MASK;
      continue;
    }
    const bit = capabilityBit(raw);
    if (bit === undefined) unknown.push(raw);
    else mask |= 1n << BigInt(bit);
  }
  return { mask, unknown };
}

/** moby's `caps.DefaultCapabilities`, which containerd's `oci.defaultUnixCaps` repeats. */
const DOCKER_DEFAULT = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
] as const;

/**
 * Each engine's default bounding set. Docker's and containerd's come from the same list
 * (moby's `caps.DefaultCapabilities`, containerd's `oci.defaultUnixCaps`); Podman's from
 * containers.conf's `default_capabilities`, which leaves out AUDIT_WRITE, MKNOD and NET_RAW.
 * Measured on this project's test hosts: Docker and `ctr run` CapEff 00000000a80425fb, Podman
 * (rootful and rootless) 00000000800405fb.
 */
export const ENGINE_DEFAULT_CAPABILITIES = {
  docker: DOCKER_DEFAULT,
  podman: [
    'CHOWN',
    'DAC_OVERRIDE',
    'FOWNER',
    'FSETID',
    'KILL',
    'NET_BIND_SERVICE',
    'SETFCAP',
    'SETGID',
    'SETPCAP',
    'SETUID',
    'SYS_CHROOT',
  ],
  containerd: DOCKER_DEFAULT,
} as const satisfies Record<string, readonly string[]>;

export type CapabilityEngine = keyof typeof ENGINE_DEFAULT_CAPABILITIES;

export function engineDefaultMask(engine: CapabilityEngine): bigint {
  return encodeCapabilityNames(ENGINE_DEFAULT_CAPABILITIES[engine]).mask;
}

const MINUS = '\u2212';

/**
 * `set` compared with `baseline` (the engine's default). `universe` is every capability a set could
 * hold here: the host's bounding set when known (this VM lacks SYS_RESOURCE, so `--cap-add ALL`
 * cannot reach all 41), else every capability the table knows. A set holding more of the universe
 * than it lacks of it reads "every capability −X −Y" rather than a list of thirty additions.
 */
export function diffCapabilities(set: bigint, baseline: bigint, universe: bigint = ALL_KNOWN_MASK): CapabilityDiff {
  const added = decodeCapabilityMask(set & ~baseline);
  const dropped = decodeCapabilityMask(baseline & ~set);
  const missing = decodeCapabilityMask(universe & ~set);
  if (set === 0n) return { kind: 'none', added, dropped, missing, text: 'no capabilities' };
  if (added.length === 0 && dropped.length === 0) return { kind: 'default', added, dropped, missing, text: 'default' };
  if (missing.length === 0) return { kind: 'all', added, dropped, missing, text: 'every capability' };
  if (missing.length < added.length) {
    const text = `every capability ${missing.map((n) => `${MINUS}${n}`).join(' ')}`;
    return { kind: 'all-but', added, dropped, missing, text };
  }
  const text = [...added.map((n) => `+${n}`), ...dropped.map((n) => `${MINUS}${n}`)].join(' ');
  return { kind: 'changed', added, dropped, missing, text };
}
