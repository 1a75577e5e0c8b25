import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { isReactive, isProxy } from 'vue';
import { RECENT_KEY, RECENT_MAX, useFilterStore } from '../../../renderer/stores/filter';
import { displayIndex, usePacketsStore } from '../../../renderer/stores/packets';
import { freshStoresWithSeed } from '../support/seeded-stores';

const shown = (): number[] => Array.from({ length: displayIndex.count }, (_, i) => displayIndex.rowAt(i) + 1);

describe('filter store', () => {
  beforeEach(() => {
    localStorage.clear();
    freshStoresWithSeed();
  });

  it('validates as you type: a problem with its position, none for a good or empty filter', () => {
    const f = useFilterStore();
    f.setText('tcp.prt == 1');
    expect(f.error).toMatchObject({ start: 0, end: 7, suggestion: 'tcp.port' });
    f.setText('tcp.port == 8080');
    expect(f.error).toBeNull();
    f.setText('   ');
    expect(f.error).toBeNull();
  });

  it('applies a filter to the packet list and counts the matches', () => {
    const f = useFilterStore();
    f.setText('tcp.flags.fin == 1');
    expect(f.dirty).toBe(true);
    expect(f.apply()).toBe(true);
    expect(shown()).toEqual([5, 8]);
    expect(f.matchCount).toBe(2);
    expect(f.active).toBe(true);
    expect(f.dirty).toBe(false);
  });

  it('keeps the filter in force when the new text has a problem', () => {
    const f = useFilterStore();
    f.setText('tcp.flags.syn == 1');
    f.apply();
    f.setText('tcp.flags.syn ==');
    expect(f.apply()).toBe(false);
    expect(f.error?.message).toBe('column 17: expected a value after "==", the filter ends here');
    expect(f.appliedText).toBe('tcp.flags.syn == 1');
    expect(shown()).toEqual([1, 2]);
  });

  it('clear shows every packet again', () => {
    const f = useFilterStore();
    f.setText('synack.phase == close');
    f.apply();
    f.clear();
    expect(f.text).toBe('');
    expect(f.active).toBe(false);
    expect(usePacketsStore().displayCount).toBe(9);
  });

  it('keeps the compiled filter out of reactivity', () => {
    const f = useFilterStore();
    f.setText('tcp');
    f.apply();
    expect(f.compiled).not.toBeNull();
    expect(isReactive(f.compiled)).toBe(false);
    expect(isProxy(f.compiled)).toBe(false);
  });

  it('remembers recent filters in localStorage, newest first, without duplicates, at most RECENT_MAX', () => {
    const f = useFilterStore();
    for (const t of ['tcp', 'ip', 'tcp']) { f.setText(t); f.apply(); }
    expect(f.recent).toEqual(['tcp', 'ip']);
    expect(JSON.parse(localStorage.getItem(RECENT_KEY)!)).toEqual(['tcp', 'ip']);
    for (let i = 0; i < 20; i++) { f.setText(`frame.number == ${i + 1}`); f.apply(); }
    expect(f.recent).toHaveLength(RECENT_MAX);
    setActivePinia(createPinia());
    expect(useFilterStore().recent[0]).toBe('frame.number == 20');
  });

  it('ignores unreadable recent-filter storage', () => {
    localStorage.setItem(RECENT_KEY, '{not json');
    setActivePinia(createPinia());
    expect(useFilterStore().recent).toEqual([]);
  });

  it('says when a filter needs packet bytes', () => {
    const f = useFilterStore();
    f.setText('frame contains "GET"');
    f.apply();
    expect(f.needsBytes).toBe(true);
  });
});
