/**
 * The Frame rows only the packet list knows, added to the worker's Frame node as Wireshark's frame dissector shows
 * them (tshark -V): "[Time delta from previous displayed frame]" after the captured one, "[Time since reference or first
 * frame]" counted from the latest time reference, "[This is a Time Reference frame]" on a reference, and "[Frame is
 * marked]" / "[Frame is ignored]" after the lengths. The worker cannot know these: the display filter, the marks and
 * the references live in the window.
 */
import type { DetailNode } from '../../shared/wire/detail-node';

export interface ListFrameFacts {
  /** Seconds since the previous displayed frame, nine decimals (frame.time_delta_displayed); null without a timestamp. */
  sinceShown: string | null;
  /** Seconds since the latest time reference, nine decimals; null when none is at or before the frame. */
  sinceReference: string | null;
  isReference: boolean;
  marked: boolean;
}

const leaf = (label: string, value: string): DetailNode => ({ label, value, start: 0, length: 0 });

export function withListFrameRows(tree: DetailNode[], facts: ListFrameFacts): DetailNode[] {
  const k = tree.findIndex((n) => n.label.startsWith('Frame '));
  if (k < 0) return tree;
  const rows: DetailNode[] = [];
  for (const n of tree[k].children ?? []) {
    if (n.label === '[Time delta from previous captured frame]' && facts.isReference) rows.push({ ...leaf('[This is a Time Reference frame]', ''), filter: 'frame.ref_time' });
    if (n.label === '[Time since reference or first frame]' && facts.sinceReference !== null) rows.push({ ...n, value: `${facts.sinceReference} seconds` });
    else rows.push(n);
    if (n.label === '[Time delta from previous captured frame]' && facts.sinceShown !== null) rows.push(leaf('[Time delta from previous displayed frame]', `${facts.sinceShown} seconds`));
  }
  rows.push(
    { ...leaf('[Frame is marked]', facts.marked ? 'True' : 'False'), filter: `frame.marked == ${facts.marked ? 1 : 0}` },
    { ...leaf('[Frame is ignored]', 'False'), filter: 'frame.ignored == 0' },
  );
  return tree.map((n, i) => (i === k ? { ...n, children: rows } : n));
}
