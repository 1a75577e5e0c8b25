/**
 * The stored rows of one conversation (tcp.stream), in file order, for the ladder diagram and the options
 * card. One pass over the `stream` column per selection or batch; the result is a Uint32Array, not refs.
 */
import { computed } from 'vue';
import type { ComputedRef } from 'vue';
import { packetColumns } from '../stores/packet-columns';
import { usePacketsStore } from '../stores/packets';
import { useConversationsStore } from '../stores/conversations';

export function streamRows(stream: number): Uint32Array {
  const cols = packetColumns.cols;
  let n = 0;
  for (let r = 0; r < cols.rows; r++) if (cols.stream[r] === stream) n++;
  const out = new Uint32Array(n);
  let k = 0;
  for (let r = 0; r < cols.rows && k < n; r++) if (cols.stream[r] === stream) out[k++] = r;
  return out;
}

export function useConversationRows(): ComputedRef<Uint32Array> {
  const packets = usePacketsStore();
  const conversations = useConversationsStore();
  return computed(() => {
    void packets.count;
    const s = conversations.selectedStream;
    return s === null ? new Uint32Array(0) : streamRows(s);
  });
}
