/** The VS Code host figures over several sessions (see vscodeHost.ts for one session). */
import { log } from './common';
import { measureVsCodeHost, type HostFigures } from './vscodeHost';

/**
 * Activation happens once per VS Code session, and one figure on a shared 2-core machine is noisy:
 * several sessions, and the one with the median VS Code figure is reported (all figures are kept).
 */
export async function measureVsCodeHostSessions(sessions: number): Promise<HostFigures> {
  const all: HostFigures[] = [];
  for (let i = 0; i < sessions; i++) {
    log(`VS Code host session ${i + 1}/${sessions}…`);
    all.push(
      await measureVsCodeHost().catch((e: unknown) => ({
        reason: `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
        treeNote: 'not measured inside VS Code (host run failed)',
      })),
    );
  }
  const measured = all
    .filter((h) => h.runningExtensionsMs !== undefined)
    .sort((a, b) => a.runningExtensionsMs! - b.runningExtensionsMs!);
  const chosen = measured.length ? measured[Math.floor((measured.length - 1) / 2)] : all[all.length - 1];
  return {
    ...chosen,
    sessions: all.map((h) => ({
      runningExtensionsMs: h.runningExtensionsMs,
      floorExtensionMs: h.floorExtensionMs,
      bundleEvaluationMs: h.bundleEvaluationMs,
      activateCallMs: h.activateCallMs,
      reason: h.reason,
    })),
  };
}
