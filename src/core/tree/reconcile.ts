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

/** Nodes are plain data built by one function, so their JSON compares them field by field. */
function sameNode(a: TreeNode, b: TreeNode): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function replaceContents(target: TreeNode, source: TreeNode): void {
  const writable = target as unknown as Record<string, unknown>;
  for (const key of Object.keys(writable)) if (!(key in source)) delete writable[key];
  Object.assign(target, source);
}
