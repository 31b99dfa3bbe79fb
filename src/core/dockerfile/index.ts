// Dockerfile hovers without vscode: `hoverAt` is what the HoverProvider (and a benchmark) calls.
import type { HostSnapshot } from '../model';
import { queriesForTerm } from '../privileges/holders';
import { holdersMarkdown, SHOW_PRIVILEGE_HOLDERS_COMMAND } from '../privileges/holdersMarkdown';
import { hoverMarkdown, OPEN_DIAGRAM_COMMAND } from './hoverContent';
import { locate, readDirectives } from './locate';
import type { Directives, LineSource, Located, Position, WordRange } from './locate';

export * from './locate';
export * from './hoverContent';

/**
 * Which hovers to give:
 * - `all`: instructions, flags, directives and glossary terms;
 * - `flags-and-glossary`: not instructions or directives (another extension already hovers those);
 * - `glossary-only`: glossary terms only;
 * - `off`: nothing.
 */
export type HoverLevel = 'all' | 'flags-and-glossary' | 'glossary-only' | 'off';

export interface HoverResult {
  readonly markdown: string;
  readonly range: WordRange;
  readonly located: Located;
  /** The commands its links run: the host trusts these and no other. */
  readonly commands: readonly string[];
}

export interface HoverOptions {
  /** The document's parser directives; read from its first lines when not given. */
  readonly directives?: Directives;
  readonly level?: HoverLevel;
  /** The feed's last snapshot: a capability or seccomp term then says which running containers have it. */
  readonly snapshot?: HostSnapshot;
}

export function levelAllows(level: HoverLevel, kind: Located['kind']): boolean {
  switch (level) {
    case 'all':
      return true;
    case 'flags-and-glossary':
      return kind === 'flag' || kind === 'flagValue' || kind === 'term';
    case 'glossary-only':
      return kind === 'term';
    case 'off':
      return false;
  }
}

/** The hover at `pos`: reads only the line under the cursor and the lines it continues. */
export function hoverAt(src: LineSource, pos: Position, options: HoverOptions = {}): HoverResult | undefined {
  const level = options.level ?? 'all';
  if (level === 'off') return undefined;
  const located = locate(src, pos, options.directives ?? readDirectives(src));
  if (!located || !levelAllows(level, located.kind)) return undefined;
  const markdown = hoverMarkdown(located);
  if (markdown === undefined) return undefined;
  const holders = holdersMarkdown(options.snapshot, located.kind === 'term' ? queriesForTerm(located.termId) : []);
  return {
    markdown: [markdown, ...holders.lines].join('\n\n'),
    range: located.range,
    located,
    commands: holders.linked ? [OPEN_DIAGRAM_COMMAND, SHOW_PRIVILEGE_HOLDERS_COMMAND] : [OPEN_DIAGRAM_COMMAND],
  };
}

/** A LineSource over a string (tests, benchmarks, the CLI). Splits once. */
export function linesOf(text: string): LineSource {
  const lines = text.split(/\r?\n/);
  return { lineCount: lines.length, lineAt: (n) => lines[n] ?? '' };
}

/** The values of the setting `containerAnatomy.hovers.mode`. */
export const HOVER_MODES = ['auto', 'all', 'glossary-only', 'off'] as const;
export type HoverMode = (typeof HOVER_MODES)[number];

/**
 * The hover level for a setting value. `auto` gives everything unless another extension already
 * hovers Dockerfile instructions (Container Tools, Docker DX: rcjsuen's language server), then only
 * flags and glossary terms. Unknown values count as `auto`.
 */
export function levelForMode(mode: unknown, instructionHoversElsewhere: boolean): HoverLevel {
  switch (mode) {
    case 'all':
      return 'all';
    case 'glossary-only':
      return 'glossary-only';
    case 'off':
      return 'off';
    default:
      return instructionHoversElsewhere ? 'flags-and-glossary' : 'all';
  }
}
