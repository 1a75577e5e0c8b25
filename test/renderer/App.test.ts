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

  it('has the display-filter bar above the panels, and applying a filter narrows the packet list', async () => {
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await settle();
    const bar = w.find('.filter-bar');
    expect(bar.exists()).toBe(true);
    expect(bar.element.compareDocumentPosition(w.find('main.panels').element) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const input = bar.find('input[role=combobox]');
    await input.setValue('tcp.flags.fin == 1');
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    const frames = w.findAll('.packet-list [role=row].row').map((r) => r.find('[role=gridcell]').text());
    expect(frames).toEqual(['5', '8']);
    expect(w.find('[role=status]').text()).toContain('Displayed: 2');
    await input.trigger('keydown', { key: 'Escape' });
    await input.trigger('keydown', { key: 'Escape' });
    await settle();
    expect(w.findAll('.packet-list [role=row].row')).toHaveLength(9);
    w.unmount();
  });

  it('keeps <html> data-synack-* counts for the Electron smoke check', async () => {
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await settle();
    expect(document.documentElement.dataset.synackPackets).toBe('9');
    expect(document.documentElement.dataset.synackConversations).toBe('1');
    w.unmount();
  });
});
