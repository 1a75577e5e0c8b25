import { describe, expect, it } from 'vitest';
import { ancestors, flattenTree, nodeAt, nodeAtByte, nodeText } from '../../../renderer/format/detail-tree-walk';
import { loadSeed } from '../support/seed-capture';

const tree = loadSeed().details.get(1)!.tree;

describe('detail tree walk', () => {
  it('flattens only expanded nodes, with depth', () => {
    // shared/wire/detail-tree.ts: Frame, Null/Loopback, IPv4, TCP
    expect(flattenTree(tree, new Set()).map((f) => f.path)).toEqual(['0', '1', '2', '3']);
    const open = flattenTree(tree, new Set(['1']));
    expect(open.map((f) => `${f.path}@${f.depth}`)).toEqual(['0@1', '1@1', '1.0@2', '2@1', '3@1']);
  });
  it('finds the deepest field holding a byte', () => {
    expect(nodeAtByte(tree, 0)).toBe('1.0');
    expect(nodeAt(tree, nodeAtByte(tree, 17)!)?.label).toBe('Source Address');
    expect(nodeAt(tree, nodeAtByte(tree, 26)!)?.label).toBe('Destination Port');
    expect(nodeAtByte(tree, 999)).toBeNull();
  });
  it('joins label and value, and lists ancestors', () => {
    expect(nodeText(nodeAt(tree, nodeAtByte(tree, 26)!)!)).toBe('Destination Port: 8080');
    expect(ancestors('2.1.3')).toEqual(['2', '2.1']);
  });
});
