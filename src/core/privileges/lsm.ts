/**
 * The Linux Security Module label of a process and whether the host runs an LSM at all.
 *
 * Label: `/proc/PID/attr/apparmor/current` (kernels that let AppArmor stack, 5.8+) first, then
 * `/proc/PID/attr/current`, which holds the label of whichever LSM provides it:
 *   AppArmor  `docker-default (enforce)`, `unconfined`            (newline-terminated)
 *   SELinux   `system_u:system_r:container_t:s0:c123,c456`        (NUL-terminated; the level may hold colons)
 * A kernel with no labelling LSM answers EINVAL to the read: that is "no LSM", not an error.
 *
 * Host: `/sys/kernel/security/lsm` lists the active LSMs (`lockdown,capability,yama,apparmor`); it
 * needs securityfs mounted, so when it is absent this process's own attr/current decides.
 */
import path = require('node:path');
import { readText, type ReadTextFn } from './readText';
import type { HostLsm, LsmLabel, PrivilegeReadIssue } from './types';

/** LSMs that confine processes with a label; the others (capability, yama, lockdown, bpf, landlock) do not. */
const CONFINING_LSMS = new Set(['apparmor', 'selinux', 'smack', 'tomoyo']);

export const NO_LSM_TEXT = 'no LSM on this kernel';

const APPARMOR_WITH_MODE = /^(.+) \(([a-z]+)\)$/;
const SELINUX_CONTEXT = /^([^:\s]+):([^:\s]+):([^:\s]+)(?::(\S+))?$/;

/** Drops the trailing NUL and newline the kernel adds. */
function cleanLabel(raw: string): string {
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === '\0' || raw[end - 1] === '\n')) end--;
  return raw.slice(0, end).trim();
}

export function parseAppArmorLabel(raw: string): LsmLabel {
  const label = cleanLabel(raw);
  if (label === 'unconfined') return { kind: 'unconfined', lsm: 'apparmor', text: 'AppArmor: unconfined' };
  const m = APPARMOR_WITH_MODE.exec(label);
  if (m) {
    if (m[2] === 'unconfined') return { kind: 'unconfined', lsm: 'apparmor', text: `AppArmor: ${label}` };
    return { kind: 'apparmor', profile: m[1], mode: m[2], text: `AppArmor profile ${m[1]} (${m[2]})` };
  }
  return { kind: 'apparmor', profile: label, text: `AppArmor profile ${label}` };
}

export function parseSelinuxContext(raw: string): LsmLabel | undefined {
  const label = cleanLabel(raw);
  const m = SELINUX_CONTEXT.exec(label);
  if (!m) return undefined;
  const [, user, role, type, level] = m;
  // spc_t ("super privileged container") is what label=disable and --privileged run as; unconfined_t is a login shell's.
  if (type === 'spc_t' || type === 'unconfined_t') {
    return { kind: 'unconfined', lsm: 'selinux', text: `SELinux: ${label} (${type} is not confined)` };
  }
  return { kind: 'selinux', user, role, type, ...(level ? { level } : {}), text: `SELinux ${label}` };
}

/**
 * A label from attr/current, whose LSM is not named by the file. `hint` is the host's confining LSMs
 * when known; without it the shape decides (`x:y:z` is SELinux, `name (mode)` AppArmor).
 */
export function parseLsmLabel(raw: string, hint: readonly string[] = []): LsmLabel {
  const label = cleanLabel(raw);
  if (label === '') return { kind: 'none', text: NO_LSM_TEXT };
  const selinuxOnly = hint.includes('selinux') && !hint.includes('apparmor');
  const apparmorOnly = hint.includes('apparmor') && !hint.includes('selinux');
  if (!apparmorOnly) {
    const selinux = parseSelinuxContext(label);
    if (selinux && (selinuxOnly || !APPARMOR_WITH_MODE.test(label))) return selinux;
  }
  if (apparmorOnly || label === 'unconfined' || APPARMOR_WITH_MODE.test(label)) return parseAppArmorLabel(label);
  return { kind: 'other', label, text: `LSM label ${label}` };
}

export type LsmRead = { ok: true; label: LsmLabel } | { ok: false; issue: PrivilegeReadIssue };

/** Reads the label of `<procRoot>/<pid>`: readable by any user (attr/current is 0666, checked on write). */
export function readLsmLabel(
  procRoot: string,
  pid: number | 'self',
  hint: readonly string[] = [],
  read?: ReadTextFn,
): LsmRead {
  const attr = path.join(procRoot, String(pid), 'attr');
  const apparmor = readText(path.join(attr, 'apparmor', 'current'), read);
  if (apparmor.ok && cleanLabel(apparmor.text) !== '') return { ok: true, label: parseAppArmorLabel(apparmor.text) };
  const current = readText(path.join(attr, 'current'), read);
  if (current.ok) return { ok: true, label: parseLsmLabel(current.text, hint) };
  if (current.code === 'EINVAL') return { ok: true, label: { kind: 'none', text: NO_LSM_TEXT } };
  return { ok: false, issue: current.issue };
}

/** `lockdown,capability,yama,apparmor` → the names; the kernel writes no newline but tolerate one. */
export function parseLsmList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readHostLsm(sysRoot: string, procRoot: string, read?: ReadTextFn): HostLsm {
  const listFile = path.join(sysRoot, 'kernel', 'security', 'lsm');
  const list = readText(listFile, read);
  if (list.ok) {
    const lsms = parseLsmList(list.text);
    const confining = lsms.filter((l) => CONFINING_LSMS.has(l));
    if (confining.length === 0) return { state: 'none', detail: `${NO_LSM_TEXT} (${listFile}: ${list.text.trim()})` };
    return { state: 'listed', lsms, confining, source: listFile };
  }
  // securityfs not mounted (as on this project's test VM): this process's own label answers instead.
  const self = readLsmLabel(procRoot, 'self', [], read);
  if (!self.ok) return { state: 'unknown', detail: `${listFile} unreadable and ${self.issue.detail}` };
  const label = self.label;
  if (label.kind === 'none') return { state: 'none', detail: `${NO_LSM_TEXT} (attr/current answers EINVAL)` };
  const lsm =
    label.kind === 'selinux' || label.kind === 'apparmor'
      ? label.kind
      : label.kind === 'unconfined'
        ? label.lsm
        : undefined;
  if (lsm === undefined) return { state: 'unknown', detail: `${listFile} unreadable; own label ${label.text}` };
  return { state: 'listed', lsms: [lsm], confining: [lsm], source: path.join(procRoot, 'self', 'attr', 'current') };
}
