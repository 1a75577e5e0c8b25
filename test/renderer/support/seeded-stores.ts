import { createPinia, setActivePinia } from 'pinia';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { loadSeed } from './seed-capture';

/** A fresh Pinia whose packet and conversation stores hold the seed capture, as the worker delivers it. */
export function freshStoresWithSeed(): void {
  setActivePinia(createPinia());
  usePacketsStore().reset();
  useConversationsStore().reset();
  const seed = loadSeed();
  useConversationsStore().onFlows({ source: 1, flows: seed.flows });
  useConversationsStore().onConversations({ source: 1, conversations: [seed.conversation] });
  usePacketsStore().onBatch(seed.batch);
}
