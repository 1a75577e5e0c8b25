/**
 * The order of the conversation table's rows: by stream (no permutation), or by a column as Wireshark's
 * Conversations dialog sorts — largest first on the first click — with the stream number breaking ties. Gives each
 * display position's stream and each stream's position (for the selection and the keyboard).
 */
import type { ConversationSortKey } from '../stores/conversation-columns';

export interface ConversationSort { key: ConversationSortKey; descending: boolean }

export interface ConversationOrder {
  /** Stream at a display position. */
  streamAt(pos: number): number;
  /** Display position of a stream (-1: none). */
  positionOf(stream: number): number;
}

export const STREAM_ORDER: ConversationOrder = { streamAt: (pos) => pos, positionOf: (stream) => stream };

export function sortedOrder(count: number, value: (stream: number, key: ConversationSortKey) => number, sort: ConversationSort): ConversationOrder {
  const keys = new Float64Array(count);
  for (let s = 0; s < count; s++) keys[s] = value(s, sort.key);
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  const sign = sort.descending ? -1 : 1;
  order.sort((a, b) => (keys[a] === keys[b] ? a - b : keys[a] < keys[b] ? -sign : sign));
  const position = new Int32Array(count);
  order.forEach((s, pos) => { position[s] = pos; });
  return { streamAt: (pos) => order[pos], positionOf: (stream) => (stream >= 0 && stream < count ? position[stream] : -1) };
}
