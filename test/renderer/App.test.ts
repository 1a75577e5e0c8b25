import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../../renderer/App.vue';
import { useConversationsStore } from '../../renderer/stores/conversations';
import { clearDetailCache } from '../../renderer/composables/usePacketDetail';
import { seedApp, settle } from './support/seed-app';
import type { SeedApp } from './support/seed-app';

describe('App layout', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); clearDetailCache(); });
  afterEach(() => app.disconnect());

  it('lays out every panel with its ARIA role and resizable separators, and never injects HTML', async () => {
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await settle();
    expect(w.find('[role=toolbar]').exists()).toBe(true);
    expect(w.findAll('[role=grid]').length).toBeGreaterThanOrEqual(2);
    expect(w.find('[role=status]').text()).toContain('Packets: 9');
    const seps = w.findAll('[role=separator]');
    expect(seps).toHaveLength(3);
    const before = Number(seps[0].attributes('aria-valuenow'));
    await seps[0].trigger('keydown', { key: 'ArrowDown' });
    expect(Number(seps[0].attributes('aria-valuenow'))).toBe(before + 16);
    expect(w.html()).not.toContain('v-html');
    w.unmount();
  });

  it('Enter in the packet list moves focus to the detail tree of that packet', async () => {
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    const grid = w.find('.packet-list [role=grid]');
    await grid.trigger('keydown', { key: 'ArrowDown' });
    await settle();
    await grid.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(document.activeElement?.getAttribute('role')).toBe('tree');
    w.unmount();
  });

  it('selecting the conversation shows its ladder and option card together', async () => {
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    useConversationsStore().select(0);
    await settle();
    expect(w.findAll('.ladder [role=listitem]')).toHaveLength(9);
    expect(w.find('.options tbody').text()).toContain('16344 bytes');
    w.unmount();
  });
});
