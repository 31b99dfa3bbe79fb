/**
 * Hovers for compose files and Kubernetes manifests: which files are ones, the parse kept per
 * document, and the hover at an offset. Bundled apart (dist/yamlHovers.js) and loaded at the first
 * hover of such a file. vscode-free.
 */
import type { HostSnapshot } from '../model';
import type { YamlFileKind } from './fileKind';
import { composeSetting, kubeSetting } from './classify';
import { spotAt, topString, type ParsedYaml } from './locate';
import { runningContainersOf } from './match';
import { ownerAt, renderOwnerHover } from './owners';
import { renderHover, YAML_HOVER_COMMANDS } from './render';

export { parseYaml, type ParsedYaml } from './locate';
export { YAML_HOVER_COMMANDS } from './render';

export { isComposeFileName, mayBeManifest, yamlFileKind, type YamlFileKind } from './fileKind';

export interface YamlHoverContext {
  readonly kind: YamlFileKind;
  readonly fileName: string;
  /** The feed's current snapshot; without it the hover says nothing live. */
  readonly snapshot?: HostSnapshot;
}

export interface YamlHover {
  readonly markdown: string;
  readonly range: readonly [start: number, end: number];
  /** The commands its links run: the host trusts these and no other. */
  readonly commands: readonly string[];
}

export function yamlHoverAt(parsed: ParsedYaml, offset: number, ctx: YamlHoverContext): YamlHover | undefined {
  const spot = spotAt(parsed, offset);
  if (!spot) return undefined;
  const doc = spot.document;
  if (ctx.kind === 'manifest' && (!topString(doc, 'apiVersion') || !topString(doc, 'kind'))) return undefined;
  const match = { fileName: ctx.fileName, projectName: topString(doc, 'name') };
  const owner = ownerAt(doc, spot.path, spot.onValue, ctx.kind);
  if (owner) {
    const running = ctx.snapshot ? runningContainersOf(ctx.snapshot, owner, match) : undefined;
    return {
      markdown: renderOwnerHover(owner, running, ctx.fileName, match.projectName),
      commands: YAML_HOVER_COMMANDS,
      range: spot.range,
    };
  }
  const setting = ctx.kind === 'compose' ? composeSetting(doc, spot.path) : kubeSetting(doc, spot.path);
  if (!setting) return undefined;
  const running = ctx.snapshot ? runningContainersOf(ctx.snapshot, setting.owner, match) : [];
  return { ...renderHover(setting, running, ctx.snapshot), range: spot.range };
}
