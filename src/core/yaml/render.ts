/**
 * The markdown of a compose or Kubernetes hover. Text from the table, document text only through
 * shown() and code(); the only links are fixed https URLs and trusted commands, their arguments
 * JSON-encoded and percent-encoded into the command URI: `containerAnatomy.openDiagram` (a diagram
 * id), `containerAnatomy.revealContainer` (a container key from the snapshot and `{ anatomy: true }`:
 * select it in the Containers view and open its anatomy), `containerAnatomy.revealInDiagram` (a
 * container key), and on a capability or seccomp setting `containerAnatomy.showPrivilegeHolders`
 * (core/privileges/holdersMarkdown).
 */
import { DIAGRAM_TITLE_TABLE, type DiagramId } from '../diagrams/diagram';
import type { ContainerInfo, HostSnapshot } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';
import type { Owner, Setting } from './classify';
import { holdersMarkdown, SHOW_PRIVILEGE_HOLDERS_COMMAND } from '../privileges/holdersMarkdown';
import { privilegeQueriesOf } from './holders';
import { liveFinding, type LiveFinding } from './live';
import { code, shown } from './shown';

export const OPEN_DIAGRAM_COMMAND = 'containerAnatomy.openDiagram';
export const REVEAL_IN_DIAGRAM_COMMAND = 'containerAnatomy.revealInDiagram';
export const REVEAL_CONTAINER_COMMAND = 'containerAnatomy.revealContainer';
/** The commands a YAML hover may run: the host trusts these and no other. */
export const YAML_HOVER_COMMANDS: readonly string[] = [
  OPEN_DIAGRAM_COMMAND,
  REVEAL_CONTAINER_COMMAND,
  REVEAL_IN_DIAGRAM_COMMAND,
];

const COMPOSE_SPEC = 'https://github.com/compose-spec/compose-spec/blob/main/';
const POD_SECURITY_STANDARDS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/** encodeURIComponent leaves `( ) ! ' *`: parentheses would end a markdown link early. */
function commandUri(command: string, args: unknown): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(
    /[()!'*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `command:${command}?${encoded}`;
}

export function ownerText(o: Owner): string {
  if (o.kind === 'compose') return `compose service ${code(o.service)}`;
  const where = `${shown(o.workload)} ${o.name === undefined ? '(no name)' : code(o.name)}`;
  return o.container !== undefined ? `${where}, container ${code(o.container)}` : where;
}

/** The links a running container gets: select it in the Containers view with its anatomy, or the live diagram. */
function containerLinks(c: ContainerInfo): string {
  const reveal = commandUri(REVEAL_CONTAINER_COMMAND, [c.key, { anatomy: true }]);
  const diagram = commandUri(REVEAL_IN_DIAGRAM_COMMAND, [c.key]);
  return `[Reveal ${shown(c.name)} in Containers and show its anatomy](${reveal}) · [Show it in the live diagram](${diagram})`;
}

/** "Running now" for the first container made from the owner, what `finding` says of it, and its links. */
export function runningLines(
  running: readonly ContainerInfo[],
  finding: (c: ContainerInfo) => LiveFinding | undefined,
): string[] {
  const c = running[0];
  if (!c) return ['**Running now:** no running container from it on this host.'];
  const found = finding(c);
  const more = running.length > 1 ? ` (and ${running.length - 1} more)` : '';
  const who = `${shown(c.name)} (${shown(RUNTIME_TITLES[c.runtime])})${more}`;
  const out = [`**Running now:** ${who}${found ? `: ${found.text}` : '.'}`];
  if (found?.differs) out.push(`**Differs:** ${found.differs}.`);
  out.push(containerLinks(c));
  return out;
}

/** The closing line: the diagram, and the spec page (a compose-spec fragment or a full https URL). */
export function footerLine(diagram: DiagramId, spec: string, owner: Owner): string {
  const url = spec.startsWith('https://') ? spec : `${COMPOSE_SPEC}${spec}`;
  const specTitle = owner.kind === 'compose' ? 'Compose specification' : 'Kubernetes documentation';
  const diagramTitle = DIAGRAM_TITLE_TABLE[diagram].title;
  return `[Open diagram: ${shown(diagramTitle)}](${commandUri(OPEN_DIAGRAM_COMMAND, { diagram })}) · [${specTitle}](${url})`;
}

/** The hover's markdown and the commands its links run (the host trusts these and no other). */
export function renderHover(
  setting: Setting,
  running: readonly ContainerInfo[],
  snapshot?: HostSnapshot,
): { markdown: string; commands: readonly string[] } {
  const { row, written } = setting;
  const out = [`**${code(setting.label)}** · ${ownerText(setting.owner)}`, row.kernel];
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
  if (snapshot) out.push(...runningLines(running, (c) => liveFinding(c, setting, snapshot)));
  const holders = holdersMarkdown(snapshot, privilegeQueriesOf(setting));
  out.push(...holders.lines);
  out.push(footerLine(row.diagram, row.spec, setting.owner));
  const commands = holders.linked ? [...YAML_HOVER_COMMANDS, SHOW_PRIVILEGE_HOLDERS_COMMAND] : YAML_HOVER_COMMANDS;
  return { markdown: out.join('\n\n'), commands };
}
