// The HoverProvider for Dockerfiles and Containerfiles (VS Code's `dockerfile` language): a thin
// adapter over core/dockerfile's hoverAt, plus the setting `containerAnatomy.hovers.mode` and the
// detection of extensions that already hover Dockerfile instructions.
import vscode = require('../vscodeApi');
import type { Directives, HoverLevel, LineSource } from '../core/dockerfile';
import type { HostSnapshot } from '../core/model';
import { loadPart, type Part } from '../parts/load';

/** The hover engine and the glossary are needed only once a Dockerfile is hovered: the `hovers` part, loaded then. */
const engine = (): Part<'hovers'> => loadPart('hovers');

export const HOVER_MODE_SECTION = 'containerAnatomy.hovers';
export const HOVER_MODE_SETTING = `${HOVER_MODE_SECTION}.mode`;

/**
 * Extensions whose Dockerfile hovers (rcjsuen's dockerfile-language-server) already explain the
 * instructions: Container Tools, the older Docker extension, Docker DX.
 */
export const INSTRUCTION_HOVER_EXTENSIONS: readonly string[] = [
  'ms-azuretools.vscode-containers',
  'ms-azuretools.vscode-docker',
  'docker.docker',
];

const DOCKERFILE_SELECTOR: vscode.DocumentSelector = [{ language: 'dockerfile' }];

function instructionHoversElsewhere(): boolean {
  return INSTRUCTION_HOVER_EXTENSIONS.some((id) => vscode.extensions.getExtension(id) !== undefined);
}

function currentLevel(): HoverLevel {
  const mode = vscode.workspace.getConfiguration(HOVER_MODE_SECTION).get<string>('mode', 'auto');
  return engine().levelForMode(mode, instructionHoversElsewhere());
}

export class DockerfileHoverProvider implements vscode.HoverProvider {
  /** Parser directives per document, valid for one document version (they sit in its first lines). */
  private readonly directives = new WeakMap<
    vscode.TextDocument,
    { readonly version: number; readonly directives: Directives }
  >();

  /**
   * The level is read on the first hover, not at activation: the extension host's first
   * getConfiguration builds the merged configuration, the largest single cost the activation
   * profile showed inside activate().
   */
  private level: HoverLevel | undefined;

  /** `snapshot` gives the feed's current snapshot: the hover never reads an engine itself. */
  constructor(
    private readonly readLevel: () => HoverLevel,
    private readonly snapshot: () => HostSnapshot | undefined = () => undefined,
  ) {}

  /** The setting or the installed extensions changed: read the level again on the next hover. */
  levelChanged(): void {
    this.level = undefined;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const level = (this.level ??= this.readLevel());
    if (level === 'off') return undefined;
    const lines: LineSource = { lineCount: document.lineCount, lineAt: (n) => document.lineAt(n).text };
    const result = engine().hoverAt(lines, position, {
      directives: this.directivesOf(document, lines),
      level,
      snapshot: this.snapshot(),
    });
    if (!result) return undefined;
    const markdown = new vscode.MarkdownString(result.markdown, false);
    markdown.isTrusted = { enabledCommands: [...result.commands] };
    markdown.supportHtml = false;
    const { line, start, end } = result.range;
    return new vscode.Hover(markdown, new vscode.Range(line, start, line, end));
  }

  private directivesOf(document: vscode.TextDocument, lines: LineSource): Directives {
    const cached = this.directives.get(document);
    if (cached && cached.version === document.version) return cached.directives;
    const directives = engine().readDirectives(lines);
    this.directives.set(document, { version: document.version, directives });
    return directives;
  }
}

/**
 * Registers the Dockerfile hovers and keeps their level in step with the setting and with the
 * installed extensions. Dispose the result (push it to context.subscriptions).
 */
export function registerDockerfileHovers(snapshot: () => HostSnapshot | undefined): vscode.Disposable {
  const provider = new DockerfileHoverProvider(currentLevel, snapshot);
  const update = (): void => provider.levelChanged();
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(DOCKERFILE_SELECTOR, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(HOVER_MODE_SECTION)) update();
    }),
    vscode.extensions.onDidChange(update),
  );
}
