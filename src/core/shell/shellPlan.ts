/**
 * What a namespace shell offers and runs: which namespaces to join (and which are picked at
 * first), and the program started inside them.
 */
import fs = require('node:fs');
import path = require('node:path');
import { NAMESPACE_KINDS, type ContainerInfo, type NamespaceEntry, type NamespaceKind } from '../model';

/** Kinds picked by default: what "being inside the container" usually means. */
const DEFAULT_KINDS: readonly NamespaceKind[] = ['mnt', 'uts', 'ipc', 'net', 'pid'];

export interface KindChoice {
  kind: NamespaceKind;
  verdict?: NamespaceEntry['verdict'];
  picked: boolean;
  /** The shell cannot start without it (a non-root user must join the user namespace first). */
  required: boolean;
}

/**
 * The namespaces offered for a shell. Only readable ones are offered (all when nothing was read);
 * `asRoot` (the shell goes through `sudo -n nsenter`) also offers those this user was denied.
 * The user namespace is offered only when it is known to be the container's own (setns into one's
 * own user namespace fails with EINVAL), and then picked: a non-root user gets EPERM on the rest
 * without it.
 * Host namespaces are offered but not picked: joining them changes nothing.
 */
export function namespaceChoices(c: ContainerInfo, selfUid: number | undefined, asRoot = false): KindChoice[] {
  if (asRoot) selfUid = 0;
  const entries = c.namespaces?.entries ?? [];
  // Root (through `sudo -n nsenter`) may join the namespaces whose links this user was denied.
  const joinable = (e: NamespaceEntry): boolean => e.read.state === 'ok' || (asRoot && e.read.state === 'denied');
  const readable = new Set(entries.filter(joinable).map((e) => e.kind));
  const kinds = entries.length ? NAMESPACE_KINDS.filter((k) => readable.has(k)) : [...NAMESPACE_KINDS];
  const choices: KindChoice[] = [];
  for (const kind of kinds) {
    const verdict = entries.find((e) => e.kind === kind)?.verdict;
    if (kind === 'user' && verdict?.kind !== 'isolated' && verdict?.kind !== 'shared') continue;
    const picked = kind === 'user' || (DEFAULT_KINDS.includes(kind) && verdict?.kind !== 'host');
    choices.push({ kind, verdict, picked, required: kind === 'user' && selfUid !== 0 });
  }
  return choices;
}

/** Why these kinds cannot give a working shell, or undefined when they can. */
export function kindsProblem(choices: readonly KindChoice[], kinds: readonly NamespaceKind[]): string | undefined {
  if (kinds.length === 0) return 'no namespace was chosen';
  const offered = new Set(choices.map((c) => c.kind));
  const unavailable = kinds.filter((k) => !offered.has(k));
  if (unavailable.length > 0)
    return `${unavailable.join(', ')} cannot be joined: ${unavailable.includes('user') ? "a user namespace that is the host's is already this shell's (nsenter fails with EINVAL)" : 'it could not be read'}`;
  const missing = choices.filter((c) => c.required && !kinds.includes(c.kind)).map((c) => c.kind);
  if (missing.length > 0)
    return `as a user other than root the ${missing.join(', ')} namespace must be joined too: the container's other namespaces belong to it`;
  return undefined;
}

/** Shells tried inside the container's root, best first. */
const CONTAINER_SHELLS = ['/bin/bash', '/bin/ash', '/bin/sh'];

/**
 * The program the shell runs. Inside the container's mount namespace it must exist in the
 * container's filesystem, so the first of a few shells found under `<procRoot>/<pid>/root` is
 * taken (lstat: an absolute symlink there resolves against the host's root, but its presence is
 * what counts), else `/bin/sh`. Outside it, the host's own shell.
 */
export function shellProgram(
  procRoot: string,
  pid: number,
  kinds: readonly NamespaceKind[],
  hostShell: string | undefined,
): string {
  if (!kinds.includes('mnt')) return hostShell || '/bin/sh';
  const root = path.join(procRoot, String(pid), 'root');
  for (const shell of CONTAINER_SHELLS) {
    try {
      fs.lstatSync(path.join(root, shell));
      return shell;
    } catch {
      // not there, or the root is not readable: try the next
    }
  }
  return '/bin/sh';
}
