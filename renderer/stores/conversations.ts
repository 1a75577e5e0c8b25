/**
 * Flows (addresses and ports, sent once per flow) and conversation summaries (one per tcp.stream, replaced
 * on each upsert). A capture can hold hundreds of thousands of conversations, so both live in module-level
 * typed-array tables (flow-columns.ts, conversation-columns.ts), never reactive; the store exposes a
 * `version` ref bumped per upsert and the selected stream.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConversationsUpsert, FlowsUpsert } from '../../shared/ipc/contract';
import { ConversationColumns } from './conversation-columns';
import { FlowColumns } from './flow-columns';
import { usePacketsStore } from './packets';

/** Flow table by flow id (rows carry the id in their `flow` column): `flowTable.at(id)`. */
export const flowTable = new FlowColumns();
/** Conversation summaries by stream: `conversationTable.at(stream)`. */
export const conversationTable = new ConversationColumns(flowTable);

/** "127.0.0.1:57273" / "[::1]:443" for one side of a flow. */
export function endpointText(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

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

  /** Selects a conversation and filters the packet list to it (null: all packets again). */
  function select(stream: number | null): void {
    selectedStream.value = stream;
    usePacketsStore().setStreamFilter(stream);
  }

  return { version, count, selectedStream, onFlows, onConversations, reset, finish, select };
});
