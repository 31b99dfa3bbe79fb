/** The data of the compose and Kubernetes hovers: one row per setting, vscode-free. */
import type { DiagramId } from '../diagrams/diagram';
import type { NamespaceKind } from '../model';

export type PodSecurityLevelName = 'baseline' | 'restricted';

/** The Pod Security Standards level a written value breaks, and why. */
export interface PodSecurityBreak {
  readonly level: PodSecurityLevelName;
  readonly why: string;
}

/** What of the running container the hover shows next to the written value. */
export type LiveProbe =
  | { readonly namespace: NamespaceKind }
  | 'memory'
  | 'memory-swap'
  | 'memory-reservation'
  | 'cpu'
  | 'cpu-weight'
  | 'cpuset'
  | 'pids'
  | 'capabilities';

/** The written value of the setting, and (on a sequence item or a nested key) the part under the cursor. */
export interface Written {
  readonly value: unknown;
  readonly item?: unknown;
}

export interface SettingRow {
  /** What the kernel is asked for: markdown written here (code in backticks), no document text. */
  readonly kernel: string;
  /** What this particular value does; document text only through `shown()`. */
  readonly detail?: (w: Written) => string | undefined;
  readonly pss?: (w: Written) => PodSecurityBreak | undefined;
  readonly diagram: DiagramId;
  /** Fragment of the spec page (compose: 05-services.md#key) or a full https URL. */
  readonly spec: string;
  readonly live?: LiveProbe;
}

export type SettingTable = Readonly<Record<string, SettingRow>>;
