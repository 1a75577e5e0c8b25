import { beforeEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import FilterBar from '../../../renderer/components/FilterBar.vue';
import { useFilterStore } from '../../../renderer/stores/filter';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { freshStoresWithSeed } from '../support/seeded-stores';
import { captureApp } from '../support/capture-app';
import { useByteSearchStore } from '../../../renderer/stores/byte-search';

async function type(w: VueWrapper, text: string): Promise<void> {
  const input = w.get('input');
  (input.element as HTMLInputElement).value = text;
  (input.element as HTMLInputElement).setSelectionRange(text.length, text.length);
  await input.trigger('input');
}

const key = (w: VueWrapper, k: string, opts: Record<string, unknown> = {}) => w.get('input').trigger('keydown', { key: k, ...opts });

describe('FilterBar', () => {
  beforeEach(() => {
    localStorage.clear();
    freshStoresWithSeed();
  });

  it('is a labelled ARIA combobox controlling a listbox', () => {
    const w = mount(FilterBar);
    const input = w.get('input');
    expect(input.attributes('role')).toBe('combobox');
    expect(input.attributes('aria-autocomplete')).toBe('list');
    expect(input.attributes('aria-expanded')).toBe('false');
    expect(w.get(`#${input.attributes('aria-controls')}`).attributes('role')).toBe('listbox');
    expect(w.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Display filter');
  });

  it('shows a problem as you type, with a caret under its column and the message', async () => {
    const w = mount(FilterBar);
    await type(w, 'tcp.port == 1 && tcp.prt');
    const error = w.get('[role="alert"]');
    expect(error.get('.caret').text()).toBe(`tcp.port == 1 && tcp.prt\n${' '.repeat(17)}^~~~~~~`);
    expect(error.get('.message').text()).toBe('column 18: "tcp.prt" is not a field SynAck knows. Did you mean "tcp.port"?');
    expect(w.get('input').attributes('aria-invalid')).toBe('true');
    expect(w.get('input').attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(w.get('button.apply').attributes('disabled')).toBeDefined();
  });

  it('never renders filter text as HTML', async () => {
    const w = mount(FilterBar);
    await type(w, '<b>x</b>');
    expect(w.find('b').exists()).toBe(false);
    expect(w.get('.caret').text()).toContain('<b>x</b>');
  });

  it('suggests fields as you type and takes one with the keyboard', async () => {
    const w = mount(FilterBar);
    await type(w, 'tcp.flags.sy');
    expect(w.get('input').attributes('aria-expanded')).toBe('true');
    expect(w.findAll('[role="option"]').map((o) => o.get('.option-label').text())).toEqual(['tcp.flags.syn']);
    await key(w, 'ArrowDown');
    const option = w.get('[role="option"]');
    expect(option.attributes('aria-selected')).toBe('true');
    expect(w.get('input').attributes('aria-activedescendant')).toBe(option.attributes('id'));
    await key(w, 'Enter');
    expect(useFilterStore().text).toBe('tcp.flags.syn ');
    expect(w.get('input').attributes('aria-expanded')).toBe('false');
  });

  it('suggests phase and state values after an operator', async () => {
    const w = mount(FilterBar);
    await type(w, 'synack.state == TI');
    expect(w.findAll('.option-label').map((o) => o.text())).toEqual(['TIME-WAIT']);
    await key(w, 'ArrowDown');
    await key(w, 'Tab');
    expect(useFilterStore().text).toBe('synack.state == TIME-WAIT ');
  });

  it('Enter applies and the summary counts the matches; Escape closes the list, then clears', async () => {
    const w = mount(FilterBar);
    await type(w, 'tcp.flags.fi');
    expect(w.get('input').attributes('aria-expanded')).toBe('true');
    await key(w, 'Escape');
    expect(w.get('input').attributes('aria-expanded')).toBe('false');
    expect(useFilterStore().text).toBe('tcp.flags.fi');
    await type(w, 'tcp.flags.fin == 1');
    await key(w, 'Enter');
    expect(usePacketsStore().displayCount).toBe(2);
    expect(w.get('.summary').text()).toBe('2 of 9 packets');
    await key(w, 'Escape');
    expect(useFilterStore().active).toBe(false);
    expect(w.get('.summary').text()).toBe('9 packets');
  });

  it('says while the worker searches the packet bytes for contains, then counts its matches; a refusal is an alert', async () => {
    const app = await captureApp('zeek__http__206_example_b.pcap');
    const w = mount(FilterBar, { global: { plugins: [app.pinia] } });
    await type(w, 'frame contains "GET"');
    await key(w, 'Enter');
    expect(w.get('[role=status].note').text()).toMatch(/^Searching the packet bytes for contains\/matches… 0 of [\d,]+ packets done\.$/);
    for (let i = 0; i < 100 && useByteSearchStore().status === 'searching'; i++) await new Promise((r) => setTimeout(r, 20));
    await w.vm.$nextTick();
    expect(w.find('.note').exists()).toBe(false);
    expect(w.get('.summary').text()).toBe('3 of 1,556 packets');   // tshark -Y 'frame contains "GET"' shows 3
    app.backend.refuse.set('filter.bytes', { code: 'file.unreadable', message: 'the file is gone', fatal: false });
    await type(w, 'frame contains "HTTP"');
    await key(w, 'Enter');
    for (let i = 0; i < 100 && useByteSearchStore().status === 'searching'; i++) await new Promise((r) => setTimeout(r, 20));
    await w.vm.$nextTick();
    expect(w.get('[role=alert].note').text()).toBe('Could not search the packet bytes for contains/matches: the file is gone');
    w.unmount();
    app.disconnect();
  });

  it('offers recent filters when the field is empty', async () => {
    const f = useFilterStore();
    f.setText('tcp.port == 8080');
    f.apply();
    f.clear();
    const w = mount(FilterBar);
    await type(w, '');
    await key(w, 'ArrowDown');
    expect(w.findAll('.option.recent').map((o) => o.get('.option-label').text())).toEqual(['tcp.port == 8080']);
    await key(w, 'Enter');
    expect(f.text).toBe('tcp.port == 8080');
  });

  it('opens suggestions with Ctrl+Space and picks one with the mouse', async () => {
    const w = mount(FilterBar);
    await type(w, 'tcp.port ');
    await key(w, 'Escape');
    await key(w, ' ', { ctrlKey: true });
    const eq = w.findAll('[role="option"]').find((o) => o.get('.option-label').text() === '==')!;
    await eq.trigger('mousedown');
    expect(useFilterStore().text).toBe('tcp.port == ');
  });
});
