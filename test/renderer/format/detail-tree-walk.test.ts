import { describe, expect, it } from 'vitest';
import { ancestors, flattenTree, nodeAt, nodeAtByte, nodeText } from '../../../renderer/format/detail-tree-walk';
import { loadSeed } from '../support/seed-capture';

const tree = loadSeed().details.get(1)!.tree;

describe('detail tree walk', () => {
  it('flattens only expanded nodes, with depth', () => {
    expect(flattenTree(tree, new Set()).map((f) => f.path)).toEqual(['0', '1', '2']);
    const open = flattenTree(tree, new Set(['2']));
    expect(open.map((f) => `${f.path}@${f.depth}`)).toEqual(['0@1', '1@1', '2@1', '2.0@2', '2.1@2', '2.2@2']);
  });
  it('finds the deepest field holding a byte', () => {
    expect(nodeAtByte(tree, 0)).toBe('0.0');
    expect(nodeAtByte(tree, 17)).toBe('1.0');
    expect(nodeAtByte(tree, 26)).toBe('2.1');
    expect(nodeAtByte(tree, 999)).toBeNull();
    expect(nodeAt(tree, '2.1')?.label).toBe('Destination Port');
  });
  it('joins label and value, and lists ancestors', () => {
    expect(nodeText(nodeAt(tree, '2.1')!)).toBe('Destination Port: 8080');
    expect(ancestors('2.1.3')).toEqual(['2', '2.1']);
  });
});
