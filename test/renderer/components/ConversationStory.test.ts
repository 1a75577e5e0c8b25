import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ConversationStory from '../../../renderer/components/ConversationStory.vue';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { seedApp, settle, type SeedApp } from '../support/seed-app';

describe('ConversationStory', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); });
  afterEach(() => app.disconnect());

  it('says nothing until a conversation is shown, then tells the selected packet\'s conversation', async () => {
    const w = mount(ConversationStory, { global: { plugins: [app.pinia] } });
    await settle();
    expect(w.find('[aria-label="What happened"]').exists()).toBe(false);
    usePacketsStore().select(5);
    await settle();
    const text = w.find('[aria-label="What happened"]').text();
    expect(text).toContain('What happened in stream 0');
    expect(text).toContain('the handshake took 149 µs (initial RTT)');
    expect(text).toContain('The client closed its side first (FIN in frame 5)');
    expect(w.findAll('p')).toHaveLength(5);
  });

  it('follows the conversation picked in the table', async () => {
    const w = mount(ConversationStory, { global: { plugins: [app.pinia] } });
    useConversationsStore().select(0);
    await settle();
    expect(w.text()).toContain('Final states: client TIME-WAIT, server CLOSED.');
  });
});
