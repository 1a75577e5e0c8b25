/**
 * The display filter: the text in the bar, its problem (checked as you type), the applied filter and how
 * many packets it shows, and the recent filters (kept in localStorage). The compiled filter holds typed
 * scratch arrays and closures, so it is kept out of Vue's reactivity (a shallowRef around a markRaw
 * object); only small values are reactive. Applying hands the packet list a RowSelector
 * (filter-adapter.ts), which evaluates whole ranges of rows, also as live batches arrive.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { compileFilter, type CompiledFilter } from '../../shared/filter/compile';
import type { FilterError } from '../../shared/filter/ast';
import { toRowSelector } from './filter-adapter';
import { useByteSearchStore } from './byte-search';
import type { RowSelector } from './display-index';
import { packetColumns } from './packet-columns';
import { usePacketsStore } from './packets';

export const RECENT_KEY = 'synack.filter.recent';
export const RECENT_MAX = 10;

function loadRecent(): string[] {
  try {
    const raw = globalThis.localStorage?.getItem(RECENT_KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return []; // unreadable storage: start empty rather than fail the bar
  }
}

function saveRecent(list: string[]): void {
  try {
    globalThis.localStorage?.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // storage full or disabled: recent filters are a convenience
  }
}

export const useFilterStore = defineStore('filter', () => {
  /** What the bar holds now. */
  const text = ref('');
  /** Problem with `text` (null when it compiles or is empty). */
  const error = ref<FilterError | null>(null);
  /** The filter in force (empty: all packets). */
  const appliedText = ref('');
  /** The compiled filter in force, never made reactive. */
  const compiled = shallowRef<CompiledFilter | null>(null);
  const recent = ref<string[]>(loadRecent());

  const packets = usePacketsStore();
  const byteSearch = useByteSearchStore();
  /** Packets the applied filter shows (the packet list's display count). */
  const matchCount = computed(() => packets.displayCount);
  const active = computed(() => appliedText.value !== '');
  /** The applied filter uses contains/matches: the worker searches the packet bytes for them (byte-search.ts). */
  const needsBytes = computed(() => compiled.value?.needsBytes ?? false);
  /** The bar's text differs from the filter in force. */
  const dirty = computed(() => text.value.trim() !== appliedText.value);

  /** Sets the text and validates it (as you type). */
  function setText(value: string): void {
    text.value = value;
    const trimmed = value.trim();
    const result = trimmed === '' ? null : compileFilter(value);
    error.value = result && !result.ok ? result.error : null;
  }

  /** Applies the bar's text; returns false (and keeps the old filter) when it has a problem. */
  function apply(): boolean {
    const trimmed = text.value.trim();
    if (trimmed === '') { clear(); return true; }
    const result = compileFilter(text.value);
    if (!result.ok) { error.value = result.error; return false; }
    error.value = null;
    compiled.value = markRaw(result.filter);
    appliedText.value = trimmed;
    packets.setRowTest(selectorOf(result.filter));
    remember(trimmed);
    return true;
  }

  /** Shows all packets again. */
  function clear(): void {
    text.value = '';
    error.value = null;
    appliedText.value = '';
    compiled.value = null;
    byteSearch.stop();
    packets.setRowTest(null);
  }

  /** The list's row test for a filter; with contains/matches, one the worker's answers refresh as they come in. */
  function selectorOf(f: CompiledFilter): RowSelector {
    if (!f.needsBytes) { byteSearch.stop(); return toRowSelector(f); }
    const selector: RowSelector = toRowSelector(f, packetColumns, byteSearch.start(f, () => { if (compiled.value === f) packets.setRowTest(selector); }));
    return selector;
  }

  function remember(filterText: string): void {
    recent.value = [filterText, ...recent.value.filter((r) => r !== filterText)].slice(0, RECENT_MAX);
    saveRecent(recent.value);
  }

  function forgetRecent(): void {
    recent.value = [];
    saveRecent([]);
  }

  return { text, error, appliedText, compiled, recent, matchCount, active, needsBytes, dirty, setText, apply, clear, forgetRecent };
});
