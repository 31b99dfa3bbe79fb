/** Which weak spots earn a mark on a container (the tree's row, the live diagram's box). No Node imports: the webview bundles it. */
import type { PrivilegeExplanation, PrivilegeFinding } from './types';

/** High and medium findings: the ones worth a mark; low and info ones are listed, not marked. */
export function seriousFindings(e: PrivilegeExplanation | undefined): PrivilegeFinding[] {
  return e?.findings.filter((f) => f.severity === 'high' || f.severity === 'medium') ?? [];
}
