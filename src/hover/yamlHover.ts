// The HoverProvider for compose files and Kubernetes manifests (VS Code's `yaml` language, and
// `dockercompose` where Container Tools or Docker DX provide it): a thin adapter over core/yaml.
// Which file is which is decided with a cheap check, before anything is loaded.
import vscode = require('../vscodeApi');
import type { HostSnapshot } from '../core/model';
import { YamlDocumentCache } from '../core/yaml/documentCache';
import { loadPart, type Part } from '../parts/load';

/** The YAML parser and the settings tables: the `yamlHovers` part, loaded once such a file is hovered. */
const engine = (): Part<'yamlHovers'> => loadPart('yamlHovers');

const YAML_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { language: 'dockercompose' }];

export class YamlHoverProvider implements vscode.HoverProvider {
  /** Per document version: which kind of file, and its parse once hovered. */
  private readonly cache = new YamlDocumentCache<vscode.Position, vscode.TextDocument>(engine);

  /** `snapshot` gives the feed's current snapshot: the hover never reads an engine itself. */
  constructor(private readonly snapshot: () => HostSnapshot | undefined) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.cache.hoverAt(document, position, this.snapshot());
    if (!result) return undefined;
    const markdown = new vscode.MarkdownString(result.markdown, false);
    markdown.isTrusted = { enabledCommands: [...result.commands] };
    markdown.supportHtml = false;
    const [start, end] = result.range;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(start), document.positionAt(end)));
  }
}

/** Registers the compose and Kubernetes hovers. Dispose the result (push it to context.subscriptions). */
export function registerYamlHovers(snapshot: () => HostSnapshot | undefined): vscode.Disposable {
  return vscode.languages.registerHoverProvider(YAML_SELECTOR, new YamlHoverProvider(snapshot));
}
