/**
 * What the compose and Kubernetes hover provider keeps per open document: which kind of file it
 * is (decided once per version, before the parser is loaded) and its parse, made at the first
 * hover of that version. vscode-free, so that the bench measures the provider's own path.
 */
import type { HostSnapshot } from '../model';
import { yamlFileKind, type YamlFileKind } from './fileKind';
import type { YamlHover, YamlHoverContext } from './index';
import type { ParsedYaml } from './locate';

/** The part of a text document the hover reads (vscode's TextDocument has it, as has the LSP one). */
export interface YamlSourceDocument<P> {
  readonly version: number;
  readonly languageId: string;
  readonly fileName: string;
  getText(): string;
  offsetAt(position: P): number;
}

/** The lazily loaded engine (the `yamlHovers` part). */
export interface YamlHoverEngine {
  parseYaml(text: string): ParsedYaml;
  yamlHoverAt(parsed: ParsedYaml, offset: number, ctx: YamlHoverContext): YamlHover | undefined;
}

interface Kept {
  readonly version: number;
  readonly kind: YamlFileKind | undefined;
  parsed?: ParsedYaml;
}

export class YamlDocumentCache<P, D extends YamlSourceDocument<P> = YamlSourceDocument<P>> {
  private readonly kept = new WeakMap<D, Kept>();

  /** `engine` is called only for a compose file or a manifest: a plain YAML file never loads it. */
  constructor(private readonly engine: () => YamlHoverEngine) {}

  hoverAt(document: D, position: P, snapshot: HostSnapshot | undefined): YamlHover | undefined {
    const kept = this.keptFor(document);
    if (!kept.kind) return undefined;
    const core = this.engine();
    kept.parsed ??= core.parseYaml(document.getText());
    return core.yamlHoverAt(kept.parsed, document.offsetAt(position), {
      kind: kept.kind,
      fileName: document.fileName,
      snapshot,
    });
  }

  private keptFor(document: D): Kept {
    const cached = this.kept.get(document);
    if (cached && cached.version === document.version) return cached;
    const kept: Kept = {
      version: document.version,
      kind: yamlFileKind(document.languageId, document.fileName, () => document.getText()),
    };
    this.kept.set(document, kept);
    return kept;
  }
}
