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
import { ListRegexSearch } from './list-regex-search';
import { walkFromSelection, type ListWalk } from './row-stepping';

/** Rows a regular expression over the list's text is tried on per step (each step is one message to its worker). */
const LIST_CHUNK = 2000;

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
  const listRegex = markRaw(new ListRegexSearch());
  /** The stored rows the current search matches (1 a row), for the filter text and rows version it was made for. */
  let matches: { filter: string; version: number; rows: Uint8Array } | null = null;
  const packets = usePacketsStore();

  function show(): void { open.value = true; problem.value = ''; message.value = ''; }
  function hide(): void {
    open.value = false; problem.value = ''; message.value = ''; found.value = null; bytes.stop(); matches = null; timeDeltas.clear(); listRegex.stop();
  }

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
    if (mode.value === 'regex' && where.value === 'list') { found.value = null; return findRegexInList(backwards); }
    if (mode.value === 'string' && where.value === 'list') { found.value = null; return findInList(backwards); }
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

  /** The next displayed packet one of whose shown cells holds the string. */
  function findInList(backwards: boolean): boolean {
    const matcher = listMatcher('string', text.value, caseSensitive.value);
    if ('problem' in matcher) { problem.value = matcher.problem; message.value = ''; return false; }
    const ctx = listRowContext(), columns = shownListColumns();
    return walk((row) => {
      const t = rowText(ctx, row);
      return columns.some((c) => matcher.test(cellText(t, c.id)));
    }, backwards);
  }

  /**
   * The next displayed packet one of whose shown cells the regular expression matches, tried in the list-regex worker a
   * chunk of rows at a time: one that backtracks without end is stopped there and reported.
   */
  async function findRegexInList(backwards: boolean): Promise<boolean> {
    const matcher = listMatcher('regex', text.value, caseSensitive.value);
    if ('problem' in matcher) { problem.value = matcher.problem; message.value = ''; return false; }
    const ctx = listRowContext(), columns = shownListColumns(), w = walkFromSelection(backwards);
    busy.value = true;
    try {
      for (let k = 1; k <= w.count; k += LIST_CHUNK) {
        const positions = Array.from({ length: Math.min(LIST_CHUNK, w.count - k + 1) }, (_, i) => w.position(k + i));
        const rows = positions.map((pos) => { const t = rowText(ctx, displayIndex.rowAt(pos)); return columns.map((c) => cellText(t, c.id)); });
        const a = await listRegex.firstMatch(text.value, caseSensitive.value ? '' : 'i', rows);
        if ('timeout' in a) {
          const frames = `${rows.length === 1 ? 'packet' : 'packets'} ${packetColumns.cols.frame[displayIndex.rowAt(positions[0])]}…`;
          problem.value = `The regular expression took too long on the text of ${frames} and was stopped: it may backtrack without end (nested repeats such as (.+)+). Simplify it.`;
          message.value = '';
          return false;
        }
        if ('error' in a) { problem.value = `"${text.value}" is not a valid regular expression (${a.error})`; message.value = ''; return false; }
        if (a.index >= 0) return announce(w, positions[a.index]);
      }
      return nothingFound(w.count);
    } finally {
      busy.value = false;
    }
  }

  /** Selects the packet at display position `pos`, saying whether the walk wrapped around. */
  function announce(w: ListWalk, pos: number): boolean {
    const frame = packetColumns.cols.frame[displayIndex.rowAt(pos)];
    const wrapped = w.backwards ? pos >= w.start : pos <= w.start;
    packets.select(frame);
    problem.value = '';
    message.value = `Packet ${frame}${wrapped && w.at >= 0 ? (w.backwards
      ? ' (the search reached the start of the list and went on from the end)'
      : ' (the search reached the end of the list and went on from the start)') : ''}`;
    return true;
  }

  function nothingFound(count: number): false {
    problem.value = count === 0 ? 'There are no packets to search.' : 'No displayed packet matches.';
    message.value = '';
    return false;
  }

  /** From the selected packet's position, in display order, to the next row `matches`; wraps around once. */
  function walk(matches: Uint8Array | ((row: number) => boolean), backwards: boolean): boolean {
    const hit = typeof matches === 'function' ? matches : (row: number) => matches[row] === 1;
    const w = walkFromSelection(backwards);
    for (let k = 1; k <= w.count; k++) {
      const pos = w.position(k);
      if (hit(displayIndex.rowAt(pos))) return announce(w, pos);
    }
    return nothingFound(w.count);
  }

  return { open, mode, text, caseSensitive, where, problem, message, busy, found, show, hide, find };
});

/** Find Next / Find Previous (Ctrl+N / Ctrl+B): the last search again, or the bar when there is none yet. */
export function findAgain(backwards: boolean): void {
  const find = useFindStore();
  if (find.text.trim() === '') { find.show(); return; }
  void find.find(backwards);
}
