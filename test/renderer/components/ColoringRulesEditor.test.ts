import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ColoringRulesEditor from '../../../renderer/components/ColoringRulesEditor.vue';
import { defaultRules, useColoringRulesStore } from '../../../renderer/stores/coloring-rules';
import { formatColorFilters, parseColorFilters } from '../../../shared/coloring/coloring-rules';
import { seedApp, type SeedApp } from '../support/seed-app';

describe('ColoringRulesEditor (View ▸ Coloring Rules)', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); });
  afterEach(() => app.disconnect());

  const open = () => {
    useColoringRulesStore().openEditor();
    return mount(ColoringRulesEditor, { global: { plugins: [app.pinia] }, attachTo: document.body });
  };
  const button = (w: ReturnType<typeof open>, text: string) => w.findAll('button').find((b) => b.text() === text)!;

  it('lists Wireshark\'s rules, says which SynAck runs as its own test and why others never match', () => {
    const w = open();
    const rules = w.findAll('li.rule');
    expect(rules).toHaveLength(20);
    expect((rules[0].find('input.name').element as HTMLInputElement).value).toBe('Bad TCP');
    expect(rules[0].find('.status').text()).toBe('Wireshark\'s default, run as SynAck\'s own test');
    expect(rules[1].find('.status').text()).toMatch(/^Never matches here: .*hsrp\.state/);
    w.unmount();
  });

  it('adds a rule at the top, checks its filter as typed, and applies the list only on Apply', async () => {
    const w = open();
    const coloring = useColoringRulesStore();
    await button(w, 'Add rule').trigger('click');
    const first = w.findAll('li.rule')[0];
    await first.find('input.name').setValue('Dup ACKs');
    await first.find('input.filter').setValue('tcp.analysis.duplicate_ack &&');
    expect(first.find('.status').classes()).toContain('bad');
    expect(first.find('input.filter').attributes('aria-invalid')).toBe('true');
    await first.find('input.filter').setValue('tcp.analysis.duplicate_ack');
    expect(first.find('.status').text()).toBe('Display filter');
    await first.find('input[aria-label="Background of Dup ACKs"]').setValue('#123456');
    expect(coloring.custom).toBeNull();                          // nothing changes before Apply
    await button(w, 'Apply').trigger('click');
    await flushPromises();
    expect(coloring.rules[0]).toEqual({ name: 'Dup ACKs', filter: 'tcp.analysis.duplicate_ack', background: '#123456', foreground: '#000000' });
    expect(coloring.rules).toHaveLength(21);
    expect(coloring.editorOpen).toBe(false);
    w.unmount();
  });

  it('moves, disables and removes rules; Cancel forgets it all; Wireshark\'s defaults restore the list', async () => {
    const coloring = useColoringRulesStore();
    let w = open();
    await w.find('button[aria-label="Move TCP RST down"]').trigger('click');
    await w.find('input[aria-label="Enable Bad TCP"]').setValue(false);
    await w.find('button[aria-label="Remove UDP"]').trigger('click');
    expect(w.findAll('li.rule')[0].find('.status').text()).toBe('Disabled');
    await button(w, 'Cancel').trigger('click');
    expect(coloring.custom).toBeNull();
    w.unmount();
    w = open();
    await w.find('button[aria-label="Move TCP RST down"]').trigger('click');
    await w.find('input[aria-label="Enable Bad TCP"]').setValue(false);
    await w.find('button[aria-label="Remove UDP"]').trigger('click');
    await button(w, 'Apply').trigger('click');
    const names = coloring.rules.map((r) => r.name);
    expect(names.indexOf('SCTP ABORT')).toBeLessThan(names.indexOf('TCP RST'));
    expect(names).not.toContain('UDP');
    expect(coloring.rules[0].disabled).toBe(true);
    w.unmount();
    w = open();
    await button(w, 'Wireshark\'s defaults').trigger('click');
    await button(w, 'Apply').trigger('click');
    expect(coloring.custom).toBeNull();
    expect(coloring.rules).toEqual(defaultRules());
    w.unmount();
  });

  it('exports the list as a colorfilters file Wireshark reads back the same', () => {
    const w = open();
    const href = w.find('a.export').attributes('href')!;
    expect(w.find('a.export').attributes('download')).toBe('colorfilters');
    const text = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    expect(text).toBe(formatColorFilters(defaultRules()));
    expect(parseColorFilters(text)).toEqual(defaultRules());
    w.unmount();
  });

  it('refuses to apply a rule without a name, saying which', async () => {
    const w = open();
    await w.findAll('li.rule')[2].find('input.name').setValue(' ');
    await button(w, 'Apply').trigger('click');
    expect(w.find('[role=alert]').text()).toContain('Rule 3');
    expect(useColoringRulesStore().editorOpen).toBe(true);
    w.unmount();
  });
});
