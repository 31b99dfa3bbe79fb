// The markdown of a Dockerfile hover. Every word of it comes from the glossary data; nothing is
// taken from the document. All text is escaped for markdown, data text marks code only with
// backticks, and the only links are the glossary's fixed https URLs and the one trusted command,
// `containerAnatomy.openDiagram`, with a diagram id from a fixed list. vscode-free.
import {
  DIAGRAM_IDS,
  DIAGRAM_TITLES,
  lookupDirective,
  lookupFlag,
  lookupFlagOption,
  lookupFlagValue,
  lookupInstruction,
  lookupKeyword,
  lookupTermById,
} from '../glossary';
import type { DiagramId, DocLink } from '../glossary';
import type { Located } from './locate';

/** The one command a hover may link to; the host trusts only this one. */
export const OPEN_DIAGRAM_COMMAND = 'containerAnatomy.openDiagram';

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&:=$^@%"']/g;
const LINE_BREAKS = /[\r\n\u2028\u2029]+/g;
const BACKTICK_RUNS = /`+/g;
const SAFE_URL = /^https:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9._~/%#?=&-]*)?$/;
const DIAGRAMS: ReadonlySet<string> = new Set(DIAGRAM_IDS);

/** Escapes every markdown and HTML special character; line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** A code span holding `text` literally, whatever backticks it contains. */
export function codeSpan(text: string): string {
  const flat = text.replace(LINE_BREAKS, ' ');
  let longest = 0;
  BACKTICK_RUNS.lastIndex = 0;
  for (let m = BACKTICK_RUNS.exec(flat); m; m = BACKTICK_RUNS.exec(flat)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.length === 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Data text: plain text with code between backticks. Unbalanced backticks are plain text. */
export function inlineText(text: string): string {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return escapeMarkdown(text);
  return parts.map((part, i) => (i % 2 === 1 ? codeSpan(part) : escapeMarkdown(part))).join('');
}

/** A markdown link to one of the glossary's URLs; nothing if the URL is not a plain https URL. */
export function docLink(link: DocLink): string | undefined {
  return SAFE_URL.test(link.url) ? `[${escapeMarkdown(link.title)}](${link.url})` : undefined;
}

/** The command URI that opens a diagram: `command:containerAnatomy.openDiagram?{"diagram":"<id>"}`. */
export function diagramCommandUri(diagram: DiagramId): string {
  if (!DIAGRAMS.has(diagram)) throw new Error(`unknown diagram ${diagram}`);
  return `command:${OPEN_DIAGRAM_COMMAND}?${encodeURIComponent(JSON.stringify({ diagram }))}`;
}

function diagramLink(diagram: DiagramId): string {
  return `[${escapeMarkdown(`Open diagram: ${DIAGRAM_TITLES[diagram]}`)}](${diagramCommandUri(diagram)})`;
}

interface Section {
  readonly title: string;
  readonly kind: string;
  readonly syntax?: string;
  readonly paragraphs: readonly (readonly [label: string | undefined, text: string | undefined])[];
  readonly code?: readonly [label: string, text: string | undefined];
  readonly link: DocLink;
  readonly diagram: DiagramId;
}

function render(s: Section): string {
  const out: string[] = [`**${escapeMarkdown(s.title)}** · ${escapeMarkdown(s.kind)}`];
  if (s.syntax) out.push(codeSpan(s.syntax));
  for (const [label, text] of s.paragraphs) {
    if (text) out.push(label ? `**${escapeMarkdown(label)}** ${inlineText(text)}` : inlineText(text));
  }
  if (s.code?.[1]) out.push(`**${escapeMarkdown(s.code[0])}** ${codeSpan(s.code[1])}`);
  const links = [docLink(s.link), diagramLink(s.diagram)].filter((l): l is string => l !== undefined);
  out.push(links.join(' · '));
  return out.join('\n\n');
}

/** The hover markdown for what `locate` found, or undefined if the glossary has nothing for it. */
export function hoverMarkdown(found: Located): string | undefined {
  switch (found.kind) {
    case 'term': {
      const term = lookupTermById(found.termId);
      if (!term) return undefined;
      return render({
        title: term.title,
        kind: term.kind ?? 'isolation term',
        paragraphs: [
          [undefined, term.summary],
          ['Isolates or limits:', term.isolates],
        ],
        code: ['On a host:', term.command],
        link: term.link,
        diagram: term.diagram,
      });
    }
    case 'directive': {
      const directive = lookupDirective(found.directive);
      if (!directive) return undefined;
      return render({
        title: directive.name,
        kind: 'parser directive',
        syntax: directive.syntax,
        paragraphs: [[undefined, directive.summary]],
        link: directive.link,
        diagram: directive.diagram,
      });
    }
    case 'instruction': {
      const entry = lookupInstruction(found.instruction);
      if (!entry) return undefined;
      if (found.keyword) {
        const keyword = lookupKeyword(entry, found.keyword);
        if (!keyword) return undefined;
        return render({
          title: `${entry.name} … ${keyword.value}`,
          kind: 'Dockerfile keyword',
          syntax: entry.syntax,
          paragraphs: [
            [undefined, keyword.summary],
            ['Isolation:', keyword.isolation],
          ],
          link: entry.link,
          diagram: entry.diagram,
        });
      }
      return render({
        title: entry.name,
        kind: 'Dockerfile instruction',
        syntax: entry.syntax,
        paragraphs: [
          [undefined, entry.summary],
          ['Isolation:', entry.isolation],
          ['Flags:', entry.flags.length > 0 ? entry.flags.map((f) => `\`--${f.name}\``).join(', ') : undefined],
        ],
        link: entry.link,
        diagram: entry.diagram,
      });
    }
    case 'flag': {
      const flag = lookupFlag(found.instruction, found.flag);
      if (!flag) return undefined;
      return render({
        title: `${flag.instruction} --${flag.name}`,
        kind: 'Dockerfile flag',
        syntax: flag.syntax,
        paragraphs: [
          [undefined, flag.summary],
          ['Isolation:', flag.isolation],
          [flag.name === 'mount' ? 'Types:' : 'Values:', flag.values?.map((v) => `\`${v.value}\``).join(', ')],
          ['Needs:', flag.requires],
        ],
        link: flag.link,
        diagram: flag.diagram,
      });
    }
    case 'flagValue': {
      const flag = lookupFlag(found.instruction, found.flag);
      if (!flag) return undefined;
      if (found.value !== undefined) {
        const value = lookupFlagValue(flag, found.value);
        if (!value) return undefined;
        const shown = found.option ? `${found.option}=${value.value}` : value.value;
        return render({
          title: `${flag.instruction} --${flag.name}=${shown}`,
          kind: 'Dockerfile flag value',
          paragraphs: [
            [undefined, value.summary],
            ['Isolation:', value.isolation ?? flag.isolation],
            ['Needs:', flag.requires],
          ],
          link: flag.link,
          diagram: flag.diagram,
        });
      }
      const option = found.option !== undefined ? lookupFlagOption(flag, found.option) : undefined;
      if (!option) return undefined;
      return render({
        title: `${flag.instruction} --${flag.name} … ${option.value}=`,
        kind: 'Dockerfile flag option',
        paragraphs: [
          [undefined, option.summary],
          ['Also written:', option.aliases?.join(', ')],
          ['For types:', option.types?.join(', ')],
          ['Isolation:', option.isolation],
        ],
        link: flag.link,
        diagram: flag.diagram,
      });
    }
  }
}
