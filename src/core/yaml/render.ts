/**
 * The markdown of a compose or Kubernetes hover. Text from the table, document text only through
 * shown() and code(); the only links are fixed https URLs and two trusted commands with fixed arguments:
 * `containerAnatomy.openDiagram` (a diagram id) and `containerAnatomy.revealInDiagram` (a
 * container key from the snapshot, JSON-encoded); on a capability or seccomp setting also
 * `containerAnatomy.showPrivilegeHolders` (core/privileges/holdersMarkdown).
 */
import { DIAGRAM_TITLE_TABLE } from '../diagrams/diagram';
import type { ContainerInfo, HostSnapshot } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';
import type { Setting } from './classify';
import { holdersMarkdown, SHOW_PRIVILEGE_HOLDERS_COMMAND } from '../privileges/holdersMarkdown';
import { privilegeQueriesOf } from './holders';
import { liveFinding } from './live';
import { code, shown } from './shown';

export const OPEN_DIAGRAM_COMMAND = 'containerAnatomy.openDiagram';
export const REVEAL_IN_DIAGRAM_COMMAND = 'containerAnatomy.revealInDiagram';
/** The commands a YAML hover may run: the host trusts these and no other. */
export const YAML_HOVER_COMMANDS: readonly string[] = [OPEN_DIAGRAM_COMMAND, REVEAL_IN_DIAGRAM_COMMAND];

const COMPOSE_SPEC = 'https://github.com/compose-spec/compose-spec/blob/main/';
const POD_SECURITY_STANDARDS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

function commandUri(command: string, args: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function ownerText(setting: Setting): string {
  const o = setting.owner;
  if (o.kind === 'compose') return `compose service ${code(o.service)}`;
  const where = `${shown(o.workload)} ${o.name === undefined ? '(no name)' : code(o.name)}`;
  return o.container !== undefined ? `${where}, container ${code(o.container)}` : where;
}

function liveLines(setting: Setting, running: readonly ContainerInfo[], snapshot: HostSnapshot): string[] {
  const c = running[0];
  if (!c) return ['**Running now:** no running container from it on this host.'];
  const finding = liveFinding(c, setting, snapshot);
  const more = running.length > 1 ? ` (and ${running.length - 1} more)` : '';
  const who = `${shown(c.name)} (${shown(RUNTIME_TITLES[c.runtime])})${more}`;
  const out = [`**Running now:** ${who}${finding ? `: ${finding.text}` : '.'}`];
  if (finding?.differs) out.push(`**Differs:** ${finding.differs}.`);
  out.push(`[Show ${shown(c.name)} in the live diagram](${commandUri(REVEAL_IN_DIAGRAM_COMMAND, [c.key])})`);
  return out;
}

/** The hover's markdown and the commands its links run (the host trusts these and no other). */
export function renderHover(
  setting: Setting,
  running: readonly ContainerInfo[],
  snapshot?: HostSnapshot,
): { markdown: string; commands: readonly string[] } {
  const { row, written } = setting;
  const out = [`**${code(setting.label)}** · ${ownerText(setting)}`, row.kernel];
  const detail = row.detail?.(written);
  if (detail) out.push(detail);
  if (row.pss) {
    const broken = row.pss(written);
    out.push(
      broken
        ? `**Pod Security:** breaks *${broken.level}*: ${broken.why}. [Pod Security Standards](${POD_SECURITY_STANDARDS}#${broken.level})`
        : '**Pod Security:** this value breaks neither baseline nor restricted.',
    );
  }
  if (snapshot) out.push(...liveLines(setting, running, snapshot));
  const holders = holdersMarkdown(snapshot, privilegeQueriesOf(setting));
  out.push(...holders.lines);
  const spec = row.spec.startsWith('https://') ? row.spec : `${COMPOSE_SPEC}${row.spec}`;
  const specTitle = setting.owner.kind === 'compose' ? 'Compose specification' : 'Kubernetes documentation';
  const diagramTitle = DIAGRAM_TITLE_TABLE[row.diagram].title;
  out.push(
    `[Open diagram: ${shown(diagramTitle)}](${commandUri(OPEN_DIAGRAM_COMMAND, { diagram: row.diagram })}) · [${specTitle}](${spec})`,
  );
  const commands = holders.linked ? [...YAML_HOVER_COMMANDS, SHOW_PRIVILEGE_HOLDERS_COMMAND] : YAML_HOVER_COMMANDS;
  return { markdown: out.join('\n\n'), commands };
}
