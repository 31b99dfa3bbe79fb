import type { TreeModel, TreeNode } from './nodes';

/**
 * Lets the tree refresh only what changed. VS Code finds the element of a refresh by object
 * identity, and a refresh of the whole tree makes it fetch and render every visible item again (on
 * a host with 300 containers that took most of a second after each container event). So a new
 * model keeps the previous model's node objects: unchanged nodes as they were, changed ones updated
 * in place; and `changed` names the topmost nodes whose item or children differ, for
 * `onDidChangeTreeData`. `'all'` when there is no previous model or the roots changed.
 */
export interface ReconciledTree {
  model: TreeModel;
  changed: TreeNode[] | 'all';
}

export function reconcileTree(previous: TreeModel | undefined, next: TreeModel): ReconciledTree {
  if (!previous) return { model: next, changed: 'all' };
  const nodes = new Map<string, TreeNode>();
  const dirty = new Set<string>();
  for (const [id, fresh] of next.nodes) {
    const old = previous.nodes.get(id);
    if (!old) {
      nodes.set(id, fresh); // new: it arrives through its parent's children, which changed
      continue;
    }
    if (!sameNode(old, fresh)) {
      replaceContents(old, fresh);
      dirty.add(id);
    }
    nodes.set(id, old);
  }
  for (const id of new Set([...next.children.keys(), ...previous.children.keys()])) {
    if (nodes.has(id) && !sameIds(previous.children.get(id) ?? [], next.children.get(id) ?? [])) dirty.add(id);
  }
  const model: TreeModel = { ...next, nodes };
  if (!sameIds(previous.roots, next.roots)) return { model, changed: 'all' };
  const hasDirtyAncestor = (node: TreeNode): boolean => {
    for (let id = node.parentId; id !== undefined; id = nodes.get(id)?.parentId) if (dirty.has(id)) return true;
    return false;
  };
  const changed = [...dirty].map((id) => nodes.get(id)!).filter((node) => !hasDirtyAncestor(node));
  return { model, changed };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Nodes are plain data built by one function (strings, numbers, booleans, arrays and plain objects),
 * so they compare field by field. Written out rather than through JSON.stringify: at 300 containers
 * the tree has some 15,000 nodes, and serializing both sides of each was most of a refresh.
 */
function sameNode(a: TreeNode, b: TreeNode): boolean {
  return samePlain(a, b);
}

function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let defined = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    defined++;
    if (!samePlain(left[key], right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined) defined--;
  return defined === 0;
}

function replaceContents(target: TreeNode, source: TreeNode): void {
  const writable = target as unknown as Record<string, unknown>;
  for (const key of Object.keys(writable)) if (!(key in source)) delete writable[key];
  Object.assign(target, source);
}
