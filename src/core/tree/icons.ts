/** The codicons and theme colours of the tree's nodes, by container state, verdict and engine status. */
import type { ContainerState, NamespaceEntry, RuntimeInfo } from '../model';
import type { NodeIcon } from './nodes';

export const STATE_ICON: Record<ContainerState, NodeIcon> = {
  running: { id: 'vm-running', color: 'testing.iconPassed' },
  paused: { id: 'debug-pause', color: 'editorWarning.foreground' },
  restarting: { id: 'sync', color: 'editorWarning.foreground' },
  created: { id: 'circle-large-outline', color: 'disabledForeground' },
  exited: { id: 'vm-outline', color: 'disabledForeground' },
  dead: { id: 'error', color: 'errorForeground' },
  unknown: { id: 'question', color: 'disabledForeground' },
};

export function verdictIcon(entry: NamespaceEntry): NodeIcon {
  // A denied link with a verdict from the kernel's evidence or the engine's record shows the verdict.
  if (entry.read.state === 'denied' && entry.verdict.kind === 'unknown')
    return { id: 'lock', color: 'editorWarning.foreground' };
  switch (entry.verdict.kind) {
    case 'isolated':
      return { id: 'shield', color: 'testing.iconPassed' };
    case 'host':
      return { id: 'globe', color: 'editorWarning.foreground' };
    case 'shared':
      return { id: 'link', color: 'charts.blue' };
    case 'unknown':
      return { id: 'question', color: 'disabledForeground' };
  }
}

export function runtimeIcon(r: RuntimeInfo): NodeIcon {
  switch (r.status.state) {
    case 'ok':
      return r.inVm ? { id: 'vm', color: 'charts.blue' } : { id: 'server-process', color: 'testing.iconPassed' };
    case 'missing':
      return { id: 'circle-slash', color: 'disabledForeground' };
    case 'denied':
      return { id: 'lock', color: 'editorWarning.foreground' };
    case 'not-running':
      return { id: 'debug-stop', color: 'errorForeground' };
    default:
      return { id: 'error', color: 'errorForeground' };
  }
}
