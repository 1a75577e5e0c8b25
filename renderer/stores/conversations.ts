/**
 * Flows (addresses and ports, sent once per flow) and conversation summaries (one per tcp.stream, replaced
 * on each upsert). A capture can hold hundreds of thousands of conversations, so both live in module-level
 * typed-array tables (flow-columns.ts, conversation-columns.ts), never reactive; the store exposes a
 * `version` ref bumped per upsert, the selected stream, and the stream the conversation view shows.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConversationsUpsert, FlowsUpsert } from '../../shared/ipc/contract';
import { ConversationColumns } from './conversation-columns';
import { FlowColumns } from './flow-columns';
import { packetColumns } from './packet-columns';
import { usePacketsStore } from './packets';

/** Flow table by flow id (rows carry the id in their `flow` column): `flowTable.at(id)`. */
export const flowTable = new FlowColumns();
/** Conversation summaries by stream: `conversationTable.at(stream)`. */
export const conversationTable = new ConversationColumns(flowTable);

export const useConversationsStore = defineStore('conversations', () => {
  const version = ref(0);
  const count = ref(0);
  const selectedStream = ref<number | null>(null);

  function onFlows(msg: FlowsUpsert): void {
    for (const f of msg.flows) flowTable.set(f);
    version.value++;
  }

  function onConversations(msg: ConversationsUpsert): void {
    for (const c of msg.conversations) conversationTable.set(c);
    count.value = conversationTable.length;
    version.value++;
  }

  function reset(): void {
    flowTable.clear();
    conversationTable.clear();
    count.value = 0;
    selectedStream.value = null;
    version.value++;
  }

  /** Loading finished: give back the tables' growth room. */
  function finish(): void {
    flowTable.trim();
    conversationTable.trim();
  }

  /**
   * The conversation the ladder and the options card show: the selected one, else the selected packet's (as
   * Wireshark users look at a packet in its connection without narrowing the list first), else none.
   */
  const shownStream = computed<number | null>(() => selectedStream.value ?? packetStream());
  /** Whether the shown conversation is only the selected packet's (the list is not narrowed to it). */
  const followsPacket = computed(() => selectedStream.value === null && shownStream.value !== null);

  /** tcp.stream of the selected packet, null when none is selected or it is no tracked segment. */
  function packetStream(): number | null {
    const packets = usePacketsStore();
    void packets.version;   // a selected frame's row may arrive with a later batch
    const frame = packets.selectedFrame;
    if (frame === null) return null;
    const row = packetColumns.indexOfFrame(frame);
    const stream = row < 0 ? -1 : packetColumns.cols.stream[row];
    return stream >= 0 ? stream : null;
  }

  /** Selects a conversation and filters the packet list to it (null: all packets again). */
  function select(stream: number | null): void {
    selectedStream.value = stream;
    usePacketsStore().setStreamFilter(stream);
  }

  return { version, count, selectedStream, shownStream, followsPacket, onFlows, onConversations, reset, finish, select };
});
