/**
 * The stored rows of the shown conversation (tcp.stream; conversations store `shownStream`), in file order, for
 * the ladder diagram and the options card (stores/stream-rows.ts reads only the rows added since); a Uint32Array, not refs.
 * `icmpQuotes`: with the ICMP errors that quote only the ports of one of its headers (no tcp.stream; the ladder shows them).
 */
import { computed } from 'vue';
import type { ComputedRef } from 'vue';
import { streamRows, streamRowsWithIcmpQuotes } from '../stores/stream-rows';
import { usePacketsStore } from '../stores/packets';
import { useConversationsStore } from '../stores/conversations';

export function useConversationRows(icmpQuotes = false): ComputedRef<Uint32Array> {
  const packets = usePacketsStore();
  const conversations = useConversationsStore();
  return computed(() => {
    void packets.count;
    const s = conversations.shownStream;
    return s === null ? new Uint32Array(0) : icmpQuotes ? streamRowsWithIcmpQuotes(s) : streamRows(s);
  });
}
