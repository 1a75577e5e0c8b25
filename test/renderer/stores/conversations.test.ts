import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { conversationTable, flowTable, useConversationsStore } from '../../../renderer/stores/conversations';
import { endpointText } from '../../../shared/format/conversation-words';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { loadSeed } from '../support/seed-capture';

describe('conversations store', () => {
  beforeEach(() => { setActivePinia(createPinia()); useConversationsStore().reset(); usePacketsStore().reset(); });

  it('takes flows and conversation upserts outside reactivity and counts them', () => {
    const seed = loadSeed();
    const conv = useConversationsStore();
    conv.onFlows({ source: 1, flows: seed.flows });
    conv.onConversations({ source: 1, conversations: [seed.conversation] });
    expect(conv.count).toBe(1);
    expect(flowTable.at(0)!.portB).toBe(57273);
    expect(conversationTable.at(0)!.completeness).toBe(23);
    conv.onConversations({ source: 1, conversations: [{ ...seed.conversation, packetsA: 5 }] });
    expect(conv.count).toBe(1);
    expect(conversationTable.at(0)!.packetsA).toBe(5);
  });

  it('selecting a conversation filters the packet list to it', () => {
    const seed = loadSeed();
    const packets = usePacketsStore();
    packets.onBatch(seed.batch);
    const conv = useConversationsStore();
    conv.select(3);
    expect(packets.streamFilter).toBe(3);
    expect(packets.displayCount).toBe(0);
    conv.select(0);
    expect(packets.displayCount).toBe(9);
    conv.select(null);
    expect(packets.streamFilter).toBeNull();
  });

  it('writes IPv6 endpoints with brackets', () => {
    expect(endpointText('::1', 443)).toBe('[::1]:443');
    expect(endpointText('10.0.0.1', 80)).toBe('10.0.0.1:80');
  });
});
