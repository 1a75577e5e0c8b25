/**
 * Helpers over a packet's detail tree: flatten it for display given the expanded nodes (paths like "0.2.1"),
 * and find the deepest node covering a byte, so a click in the hex view selects its field.
 */
import type { DetailNode } from '../../shared/ipc/contract';

export interface FlatNode {
  path: string;
  node: DetailNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

export function flattenTree(roots: DetailNode[], expanded: ReadonlySet<string>): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (nodes: DetailNode[], prefix: string, depth: number): void => {
    nodes.forEach((node, i) => {
      const path = prefix === '' ? String(i) : `${prefix}.${i}`;
      const hasChildren = (node.children?.length ?? 0) > 0;
      const open = hasChildren && expanded.has(path);
      out.push({ path, node, depth, hasChildren, expanded: open });
      if (open) walk(node.children ?? [], path, depth + 1);
    });
  };
  walk(roots, '', 1);
  return out;
}

/** Path of the deepest node whose byte range holds `offset`, or null. */
export function nodeAtByte(roots: DetailNode[], offset: number): string | null {
  let found: string | null = null;
  const walk = (nodes: DetailNode[], prefix: string): void => {
    nodes.forEach((node, i) => {
      const path = prefix === '' ? String(i) : `${prefix}.${i}`;
      if (node.start >= 0 && offset >= node.start && offset < node.start + node.length) {
        found = path;
        walk(node.children ?? [], path);
      }
    });
  };
  walk(roots, '');
  return found;
}

export function nodeAt(roots: DetailNode[], path: string): DetailNode | null {
  let nodes = roots;
  let node: DetailNode | null = null;
  for (const part of path.split('.')) {
    node = nodes[Number(part)] ?? null;
    if (!node) return null;
    nodes = node.children ?? [];
  }
  return node;
}

/** "Label: value", or the label alone. */
export function nodeText(node: DetailNode): string {
  return node.value === undefined || node.value === '' ? node.label : `${node.label}: ${node.value}`;
}

/** Every ancestor path of `path` ("0.2.1" → "0", "0.2"), to expand so it becomes visible. */
export function ancestors(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}
