/**
 * Where what the engine reports and what the kernel shows disagree about capabilities: a
 * `--cap-add` the kernel did not grant (outside the host's bounding set, or dropped by the runtime),
 * or an engine's computed list (Podman's EffectiveCaps, an OCI spec's bounding set) that is not
 * the process's CapBnd. The kernel is the truth; the finding says the engine's view is not.
 */
import type { ContainerFacts } from './facts';
import type { PrivilegeFinding } from './types';

export function mismatchFindings(f: ContainerFacts): PrivilegeFinding[] {
  const kernel = f.capabilityNames;
  const r = f.request;
  // Under a sandbox the host sees the sandbox's process, whose set is the runtime's business.
  if (!kernel || !r || f.runtime.sandbox !== 'none' || f.report.status?.capabilities.bounding === undefined) return [];
  const held = new Set(kernel);
  const out: PrivilegeFinding[] = [];
  const notGranted = r.capAdd.filter((c) => c !== 'ALL' && !held.has(c));
  if (notGranted.length > 0) {
    out.push({
      id: 'capability-not-granted',
      severity: 'info',
      title: `Asked for ${notGranted.join(', ')}, not granted`,
      why: "The kernel's bounding set for the process lacks it: the host's own bounding set does not include it, or the runtime dropped it.",
      evidence: `--cap-add ${notGranted.join(' ')}; CapBnd in /proc/${f.report.pid}/status has ${kernel.length} capabilities without it`,
      term: 'capabilities',
    });
  }
  if (r.capabilities) {
    const listed = new Set(r.capabilities);
    const extra = kernel.filter((c) => !listed.has(c));
    const missing = r.capabilities.filter((c) => !held.has(c));
    if (extra.length > 0 || missing.length > 0) {
      const parts = [...extra.map((c) => `+${c}`), ...missing.map((c) => `\u2212${c}`)].join(' ');
      out.push({
        id: 'capabilities-differ',
        severity: 'info',
        title: "The engine's capability list is not the kernel's",
        why: 'What the engine reports is what it asked the runtime for; the kernel shows what the process holds.',
        evidence: `CapBnd against the engine's list: ${parts}`,
        term: 'capabilities',
      });
    }
  }
  return out;
}
