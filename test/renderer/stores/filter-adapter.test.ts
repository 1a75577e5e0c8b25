import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { compileFilter } from '../../../shared/filter/compile';
import { toRowSelector } from '../../../renderer/stores/filter-adapter';
import { displayIndex, usePacketsStore } from '../../../renderer/stores/packets';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { loadSeed } from '../support/seed-capture';

function shown(): number[] {
  return Array.from({ length: displayIndex.count }, (_, i) => displayIndex.rowAt(i) + 1);
}

describe('display filter in the packet list (shared/filter compiled filter)', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    usePacketsStore().reset();
    useConversationsStore().reset();
    const seed = loadSeed();
    useConversationsStore().onFlows({ source: 1, flows: seed.flows });
    useConversationsStore().onConversations({ source: 1, conversations: [seed.conversation] });
    usePacketsStore().onBatch(seed.batch);
  });

  const apply = (text: string): void => {
    const r = compileFilter(text);
    if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
    usePacketsStore().setRowTest(toRowSelector(r.filter));
  };

  it('shows the FIN packets for tcp.flags.fin == 1', () => {
    apply('tcp.flags.fin == 1');
    expect(shown()).toEqual([5, 8]);
    expect(usePacketsStore().displayCount).toBe(2);
  });

  it('shows the duplicate ACK and the window update by analysis field', () => {
    apply('tcp.analysis.duplicate_ack || tcp.analysis.window_update');
    expect(shown()).toEqual([4, 7]);
  });

  it('combines with the selected conversation and with addresses from the flow table', () => {
    apply('ip.src == 127.0.0.1 && tcp.srcport == 8080');
    expect(shown()).toEqual([2, 4, 6, 8]);
    useConversationsStore().select(0);
    expect(shown()).toEqual([2, 4, 6, 8]);
    useConversationsStore().select(1);
    expect(shown()).toEqual([]);
  });
});
