/**
 * Wireshark's Edit ▸ Find Packet (Ctrl+F; Find Next Ctrl+N, Find Previous Ctrl+B): the next displayed packet after the
 * selected one that a display filter, a hex value, a string or a regular expression matches (the last two in the
 * packet bytes or, as Wireshark's "Packet list" search, in the text the list shows), wrapping around the ends as
 * Wireshark does (and saying so). Each search is a display filter (format/find-filter.ts); the packet-byte ones are
 * searched by the worker (a byte search of its own, so the display filter's stays as it is), then every stored row
 * is tested once and the matches are kept until the rows, the search or the filter change, so Find Next is a walk.
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import { compileFilter } from '../../shared/filter/compile';
import { DerivedTimeColumns } from '../../shared/filter/derived-times';
import { findFilter, findRange, listMatcher, type FindMode, type FindWhere } from '../format/find-filter';
import { cellText, rowText } from '../format/packet-row';
import { listRowContext, shownListColumns } from './list-rows';
import { createByteSearch, type ByteMatch } from './byte-search';
import { borrowedSources, toRowSelector } from './filter-adapter';
import { packetColumns } from './packet-columns';
import { displayIndex, usePacketsStore } from './packets';

export const useFindStore = defineStore('find', () => {
  const open = ref(false);
  const mode = ref<FindMode>('filter');
  const text = ref('');
  const caseSensitive = ref(false);
  /** Strings and regular expressions: in the packet bytes, or in the text the packet list shows. */
  const where = ref<FindWhere>('bytes');
  /** Why the last search found nothing or could not run ('' when it found a packet). */
  const problem = ref('');
  /** What the last search did ("Packet 217", or that it wrapped around). */
  const message = ref('');
  const busy = ref(false);
  /** The packet the last byte search selected and where its hit is in a frame's bytes (the hex view marks it). */
  const found = shallowRef<{ frame: number; range: (bytes: Uint8Array) => { start: number; length: number } | null } | null>(null);
  const bytes = createByteSearch();
  const timeDeltas = markRaw(new DerivedTimeColumns());
  /** The stored rows the current search matches (1 a row), for the filter text and rows version it was made for. */
  let matches: { filter: string; version: number; rows: Uint8Array } | null = null;
  const packets = usePacketsStore();

  function show(): void { open.value = true; problem.value = ''; message.value = ''; }
  function hide(): void { open.value = false; problem.value = ''; message.value = ''; found.value = null; bytes.stop(); matches = null; timeDeltas.clear(); }

  /** Which stored rows `filter` matches (searching the packet bytes first when it must); a string is the problem. */
  async function matchingRows(filter: string): Promise<Uint8Array | string> {
    if (matches && matches.filter === filter && matches.version === packets.version) return matches.rows;
    const compiled = compileFilter(filter);
    if (!compiled.ok) return compiled.error.message;
    const f = compiled.filter;
    let byteMatch: ByteMatch | undefined;
    if (f.needsBytes) {
      // The same search again (Find Next) keeps its results; the byte search adds the rows that arrived since.
      const again = bytes.searching()?.text === filter && bytes.status.value !== 'failed';
      byteMatch = again ? bytes.byteMatch : bytes.start(f, () => {});
      await bytes.settled();
      if (bytes.status.value === 'failed') return bytes.error.value;
    } else bytes.stop();
    const cols = packetColumns.cols, out = new Uint32Array(Math.max(1, cols.rows));
    const n = toRowSelector(f, borrowedSources(timeDeltas), byteMatch).select(cols, 0, cols.rows, out, 0);
    const rows = new Uint8Array(cols.rows);
    for (let i = 0; i < n; i++) rows[out[i]] = 1;
    matches = { filter, version: packets.version, rows };
    return rows;
  }

  /** Selects the next (or previous) displayed packet the search matches; false when there is none or it cannot run. */
  async function find(backwards = false): Promise<boolean> {
    if ((mode.value === 'string' || mode.value === 'regex') && where.value === 'list') { found.value = null; return findInList(mode.value, backwards); }
    const f = findFilter(mode.value, text.value, caseSensitive.value);
    if ('problem' in f) { problem.value = f.problem; message.value = ''; return false; }
    busy.value = true;
    try {
      const rows = await matchingRows(f.filter);
      if (typeof rows === 'string') { problem.value = rows; message.value = ''; return false; }
      const hit = walk(rows, backwards), m = mode.value;
      found.value = hit && m !== 'filter' && packets.selectedFrame !== null
        ? { frame: packets.selectedFrame, range: ((t, cs) => (b: Uint8Array) => findRange(m, t, cs, b))(text.value, caseSensitive.value) } : null;
      return hit;
    } finally {
      busy.value = false;
    }
  }

  /** The next displayed packet one of whose shown cells holds the string or matches the expression. */
  function findInList(m: 'string' | 'regex', backwards: boolean): boolean {
    const matcher = listMatcher(m, text.value, caseSensitive.value);
    if ('problem' in matcher) { problem.value = matcher.problem; message.value = ''; return false; }
    const ctx = listRowContext(), columns = shownListColumns();
    return walk((row) => {
      const t = rowText(ctx, row);
      return columns.some((c) => matcher.test(cellText(t, c.id)));
    }, backwards);
  }

  /** From the selected packet's position, in display order, to the next row `matches`; wraps around once. */
  function walk(matches: Uint8Array | ((row: number) => boolean), backwards: boolean): boolean {
    const hit = typeof matches === 'function' ? matches : (row: number) => matches[row] === 1;
    const count = displayIndex.count, cols = packetColumns.cols;
    const sel = packets.selectedFrame;
    const at = sel === null ? -1 : displayIndex.positionOf(packetColumns.indexOfFrame(sel));
    const start = at >= 0 ? at : backwards ? count : -1;
    const step = backwards ? -1 : 1;
    for (let k = 1; k <= count; k++) {
      const pos = (((start + step * k) % count) + count) % count;
      const row = displayIndex.rowAt(pos);
      if (!hit(row)) continue;
      const wrapped = backwards ? pos >= start : pos <= start;
      packets.select(cols.frame[row]);
      problem.value = '';
      message.value = `Packet ${cols.frame[row]}${wrapped && at >= 0 ? (backwards
        ? ' (the search reached the start of the list and went on from the end)'
        : ' (the search reached the end of the list and went on from the start)') : ''}`;
      return true;
    }
    problem.value = count === 0 ? 'There are no packets to search.' : 'No displayed packet matches.';
    message.value = '';
    return false;
  }

  return { open, mode, text, caseSensitive, where, problem, message, busy, found, show, hide, find };
});

/** Find Next / Find Previous (Ctrl+N / Ctrl+B): the last search again, or the bar when there is none yet. */
export function findAgain(backwards: boolean): void {
  const find = useFindStore();
  if (find.text.trim() === '') { find.show(); return; }
  void find.find(backwards);
}
