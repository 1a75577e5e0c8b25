/**
 * The conversation table limited to the display filter (Wireshark's "Limit to display filter" in Conversations and
 * Endpoints; tshark's `-z conv,tcp,FILTER` and `-z endpoints,tcp,FILTER`): per stream, the packets, bytes and payload
 * each endpoint sent among the rows the applied filter matches that the conversation table counts
 * (ROW_BITS.CONVERSATION_COUNTED), and the first and last of them. A stream with no such row is left out; the rest of a
 * summary (endpoints, states, completeness, expert counts, iRTT) stays the stream's own. Built once per count (a
 * filter applied, the rows grown), with one small record per stream it keeps.
 */
import type { ConversationSummary } from '../../shared/ipc/contract';
import { ConversationTotals, type CountedColumns } from '../../shared/tcp/conversation-totals';
import type { ConversationColumns, ConversationSortKey } from './conversation-columns';

export class LimitedConversations {
  /** The streams kept, ascending. */
  readonly streams: Uint32Array;
  /** One past the highest stream kept (as ConversationColumns.length: at() answers undefined for the others). */
  readonly length: number;
  private readonly totals = new ConversationTotals();

  constructor(cols: CountedColumns, rows: ArrayLike<number>, private readonly base: Pick<ConversationColumns, 'at' | 'sortValue'>) {
    for (let k = 0; k < rows.length; k++) this.totals.addRow(cols, rows[k]);
    this.streams = this.totals.streams();
    this.length = this.streams.length > 0 ? this.streams[this.streams.length - 1] + 1 : 0;
  }

  /** Stream `stream`'s summary with its limited counts and times (a new object), or undefined when it is not kept. */
  at(stream: number): ConversationSummary | undefined {
    const t = this.totals.get(stream), c = t && this.base.at(stream);
    if (!t || !c) return undefined;
    return {
      ...c, packetsA: t.packets[0], packetsB: t.packets[1], bytesA: t.bytes[0], bytesB: t.bytes[1], payloadA: t.payload[0], payloadB: t.payload[1],
      firstFrame: t.firstFrame, firstSec: t.firstSec, firstNsec: t.firstNsec, lastFrame: t.lastFrame, lastSec: t.lastSec, lastNsec: t.lastNsec,
    };
  }

  /** What the table sorts `stream` by: the limited packets, bytes and duration, the stream's own for the rest. */
  sortValue(stream: number, key: ConversationSortKey): number {
    const t = this.totals.get(stream);
    if (!t) return -Infinity;
    switch (key) {
      case 'packets': return t.packets[0] + t.packets[1];
      case 'bytes': return t.bytes[0] + t.bytes[1];
      case 'duration': return (t.lastSec - t.firstSec) * 1e9 + (t.lastNsec - t.firstNsec);
      default: return this.base.sortValue(stream, key);
    }
  }
}
