import { displayName } from '../displayText';
import type { TreeNode } from './nodes';

/** The label and description a node shows, made safe to display (names stay plain data in the model). */
export function nodeText(node: TreeNode): { label: string; description?: string } {
  return {
    label: displayName(node.label),
    description: node.description === undefined ? undefined : displayName(node.description),
  };
}
