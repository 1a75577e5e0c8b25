/**
 * The stored rows of the shown conversation (tcp.stream; conversations store `shownStream`), in file order, for
 * the ladder diagram and the options card. One pass over the `stream` column per selection or batch; the result is a Uint32Array, not refs.
 */
import { computed } from 'vue';
import type { ComputedRef } from 'vue';
import { packetColumns } from '../stores/packet-columns';
import { usePacketsStore } from '../stores/packets';
import { useConversationsStore } from '../stores/conversations';

/**
 * The rows of `stream`, in one pass (it runs for each packet selected in another conversation: ~10 ms over 10 M
 * rows). Collected into a buffer that grows by doubling, then copied to its length.
 */
export function streamRows(stream: number): Uint32Array {
  const col = packetColumns.cols.stream, rows = packetColumns.cols.rows;
  let out = new Uint32Array(64), n = 0;
  for (let r = 0; r < rows; r++) {
    if (col[r] !== stream) continue;
    if (n === out.length) { const grown = new Uint32Array(n * 2); grown.set(out); out = grown; }
    out[n++] = r;
  }
  return out.slice(0, n);
}

export function useConversationRows(): ComputedRef<Uint32Array> {
  const packets = usePacketsStore();
  const conversations = useConversationsStore();
  return computed(() => {
    void packets.count;
    const s = conversations.shownStream;
    return s === null ? new Uint32Array(0) : streamRows(s);
  });
}
