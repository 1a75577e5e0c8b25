/**
 * A table's "Limit to display filter" (Conversations, Endpoints): while `limit` is on and a display filter is applied,
 * the conversations counted over the rows it matches (stores/limited-conversations.ts), else null (the whole table).
 * Counted again when the filter or the selection changes, and at most once a second while rows and summaries stream in.
 */
import { computed, type ComputedRef, type Ref } from 'vue';
import { useThrottledVersion } from './useThrottledVersion';
import { conversationTable, useConversationsStore } from '../stores/conversations';
import { useFilterStore } from '../stores/filter';
import { LimitedConversations } from '../stores/limited-conversations';
import { packetColumns } from '../stores/packet-columns';
import { usePacketsStore } from '../stores/packets';

export function useLimitedConversations(limit: Ref<boolean>): ComputedRef<LimitedConversations | null> {
  const filter = useFilterStore(), packets = usePacketsStore(), conversations = useConversationsStore();
  const grown = useThrottledVersion(() => packets.version + conversations.version);
  return computed(() => {
    if (!limit.value || !filter.active) return null;
    void grown.value; void packets.arranged;
    const rows = packets.filterMatches();
    return rows ? new LimitedConversations(packetColumns.cols, rows, conversationTable) : null;
  });
}
