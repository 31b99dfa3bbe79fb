// Types of the hover glossary: the isolation vocabulary and the Dockerfile's instructions, flags and
// parser directives, as plain data. No vscode here.

// The diagrams a hover can open (command `containerAnatomy.openDiagram`) are the panel's own, with
// their titles from the diagram registry's table (diagram.ts: data only, no builders, so the
// lazily loaded hovers do not carry the diagram code).
import { DIAGRAM_IDS, DIAGRAM_TITLE_TABLE, type DiagramId } from '../diagrams/diagram';
export { DIAGRAM_IDS, type DiagramId };

/** Titles shown on the hover's "open diagram" link: the diagrams' own titles. */
export const DIAGRAM_TITLES = Object.fromEntries(
  DIAGRAM_IDS.map((id) => [id, DIAGRAM_TITLE_TABLE[id].title]),
) as Record<DiagramId, string>;

/** A link to a man page, a kernel document or a specification. Only https URLs. */
export interface DocLink {
  readonly title: string;
  readonly url: string;
}

/**
 * Text fields hold plain text; a span between backticks is shown as code. Nothing else in them is
 * markup: the hover escapes every other character.
 */
export interface TermEntry {
  readonly id: string;
  readonly title: string;
  /** What the hover calls it (default "isolation term"): "predefined build arg", "guide concept". */
  readonly kind?: string;
  /** What it is. */
  readonly summary: string;
  /** What it isolates or limits, where it does. */
  readonly isolates?: string;
  /** A command that shows it on a host. */
  readonly command?: string;
  /** Matched case-insensitively (multi-word aliases are matched across single spaces). */
  readonly aliases: readonly string[];
  /** Matched only exactly as written (acronyms that are ordinary words in lower case). */
  readonly exactAliases?: readonly string[];
  readonly link: DocLink;
  readonly diagram: DiagramId;
}

/** One value of a flag (`--network=host`) or one key of a key=value flag (`--mount=…,sharing=…`). */
export interface FlagValueEntry {
  readonly value: string;
  readonly summary: string;
  /** The isolation meaning, where there is one. */
  readonly isolation?: string;
  /** Other spellings of the same key (`dst`, `destination` for `target`). */
  readonly aliases?: readonly string[];
  /** For `--mount`: the mount types this option applies to. */
  readonly types?: readonly string[];
}

export interface FlagEntry {
  /** Without the leading `--`. */
  readonly name: string;
  readonly instruction: string;
  readonly syntax: string;
  readonly summary: string;
  readonly isolation?: string;
  /** Dockerfile frontend requirement, e.g. "docker/dockerfile:1-labs". */
  readonly requires?: string;
  /** The values the flag takes (`--network=none`); for `--mount`, the `type=` values. */
  readonly values?: readonly FlagValueEntry[];
  /** key=value options inside the flag's value (`--mount=type=cache,target=…`). */
  readonly options?: readonly FlagValueEntry[];
  readonly link: DocLink;
  readonly diagram: DiagramId;
}

export interface InstructionEntry {
  readonly name: string;
  readonly syntax: string;
  readonly summary: string;
  readonly isolation?: string;
  readonly flags: readonly FlagEntry[];
  /** Keywords inside the arguments that have their own meaning (`FROM … AS name`, `HEALTHCHECK … CMD`). */
  readonly keywords?: readonly FlagValueEntry[];
  readonly link: DocLink;
  readonly diagram: DiagramId;
}

export interface DirectiveEntry {
  readonly name: string;
  readonly syntax: string;
  readonly summary: string;
  readonly link: DocLink;
  readonly diagram: DiagramId;
}
