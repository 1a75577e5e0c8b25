/**
 * Wireshark's last two Frame rows, "[Coloring Rule Name: …]" and "[Coloring Rule String: …]": the default coloring
 * rule the packet matches (shared/coloring), worked out from the renderer's columns and added to the worker's tree.
 * Appended after the Frame node's own rows, so the paths of the worker's nodes stay as they are.
 */
import type { ColoringRule } from '../../shared/coloring/coloring-rules';
import type { DetailNode } from '../../shared/wire/detail-node';

export function withColoringRule(tree: DetailNode[], rule: ColoringRule | null): DetailNode[] {
  const k = tree.findIndex((n) => n.label.startsWith('Frame '));
  if (rule === null || k < 0) return tree;
  const frame = tree[k];
  const rows: DetailNode[] = [
    { label: '[Coloring Rule Name]', value: rule.name, start: 0, length: 0 },
    { label: '[Coloring Rule String]', value: rule.filter, start: 0, length: 0 },
  ];
  return tree.map((n, i) => (i === k ? { ...frame, children: [...(frame.children ?? []), ...rows] } : n));
}
