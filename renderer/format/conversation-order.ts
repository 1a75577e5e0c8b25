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
  const order = sortStreams(Uint32Array.from({ length: count }, (_, i) => i), value, sort);
  const position = new Int32Array(count);
  order.forEach((s, pos) => { position[s] = pos; });
  return { streamAt: (pos) => order[pos], positionOf: (stream) => (stream >= 0 && stream < count ? position[stream] : -1) };
}

/** The order of some of the streams (`streams`, ascending: a table limited to the display filter), by stream or by a column. */
export function subsetOrder(streams: Uint32Array, value: (stream: number, key: ConversationSortKey) => number, sort: ConversationSort | null): ConversationOrder {
  const order = sort === null || (sort.key === 'stream' && !sort.descending) ? streams : sortStreams(streams, value, sort);
  const position = new Map<number, number>();
  order.forEach((s, pos) => { position.set(s, pos); });
  return { streamAt: (pos) => order[pos], positionOf: (stream) => position.get(stream) ?? -1 };
}

/** `streams` sorted by the column's value, the stream number breaking ties (a new array). */
function sortStreams(streams: Uint32Array, value: (stream: number, key: ConversationSortKey) => number, sort: ConversationSort): Uint32Array {
  const n = streams.length, keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = value(streams[i], sort.key);
  const sign = sort.descending ? -1 : 1;
  const idx = Uint32Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => (keys[a] === keys[b] ? streams[a] - streams[b] : keys[a] < keys[b] ? -sign : sign));
  return idx.map((i) => streams[i]);
}
