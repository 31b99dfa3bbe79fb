/**
 * Where the cursor is in a YAML file: the key path of the mapping key (or scalar value) under it,
 * found in the `yaml` parser's node tree with its source ranges. Documents with errors give nothing
 * (no hover on invalid YAML); aliases resolve through their document. The descent looks only into
 * the one collection that holds the offset, so a lookup is linear in the siblings on the way down.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';

export type PathPart = string | number;

export interface ParsedYaml {
  readonly documents: readonly Document.Parsed[];
}

/** What the cursor is on. */
export interface YamlSpot {
  readonly document: Document.Parsed;
  /** Keys and sequence indices from the document's root to the spot. */
  readonly path: readonly PathPart[];
  /** The source range to highlight: the key, or the scalar under the cursor. */
  readonly range: readonly [start: number, end: number];
  /** The cursor is on a value (a scalar, or a sequence item), not on a key. */
  readonly onValue: boolean;
}

export function parseYaml(text: string): ParsedYaml {
  const docs = parseAllDocuments(text, { merge: true, prettyErrors: false });
  return { documents: Array.isArray(docs) ? docs : [] };
}

function contains(node: Node | null | undefined, offset: number): boolean {
  const range = node?.range;
  return !!range && offset >= range[0] && offset <= range[1];
}

/** The node an alias stands for, or the node itself. */
export function resolved(node: unknown, doc: Document.Parsed): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The plain JavaScript value of a node (aliases and merge keys resolved), undefined when it fails. */
export function plainValue(node: unknown, doc: Document.Parsed): unknown {
  const target = resolved(node, doc);
  if (target === null || target === undefined) return null;
  try {
    return isScalar(target) || isMap(target) || isSeq(target) ? target.toJS(doc, { maxAliasCount: 100 }) : undefined;
  } catch {
    return undefined;
  }
}

/** The spot under `offset`, or undefined (between keys, in a comment, in a document with errors). */
export function spotAt(parsed: ParsedYaml, offset: number): YamlSpot | undefined {
  const doc = parsed.documents.find((d) => d.range[0] <= offset && offset <= d.range[2]);
  if (!doc || doc.errors.length > 0) return undefined;
  const path: PathPart[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key as Node, offset) || contains(p.value as Node, offset));
      if (!isPair(pair) || !isScalar(pair.key)) return undefined;
      path.push(String(pair.key.value));
      if (contains(pair.key, offset)) return spot(doc, path, pair.key, false);
      node = pair.value;
      if (isScalar(node) || isAlias(node)) return spot(doc, path, node, true);
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as Node, offset));
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index];
      if (isScalar(node) || isAlias(node)) return spot(doc, path, node, true);
    } else {
      return undefined;
    }
  }
}

function spot(document: Document.Parsed, path: PathPart[], node: Node, onValue: boolean): YamlSpot | undefined {
  const range = node.range;
  if (!range) return undefined;
  return { document, path, range: [range[0], range[1]], onValue };
}

/** The node at `path` from the document's root, aliases followed. */
export function nodeAt(doc: Document.Parsed, path: readonly PathPart[]): unknown {
  let node: unknown = doc.contents;
  for (const part of path) {
    node = resolved(node, doc);
    if (isMap(node)) node = node.get(part, true);
    else if (isSeq(node) && typeof part === 'number') node = node.items[part];
    else return undefined;
  }
  return resolved(node, doc);
}

/** A top-level scalar of the document (`apiVersion`, `kind`, `name`), as a string. */
export function topString(doc: Document.Parsed, key: string): string | undefined {
  const value = plainValue(nodeAt(doc, [key]), doc);
  return typeof value === 'string' ? value : undefined;
}
