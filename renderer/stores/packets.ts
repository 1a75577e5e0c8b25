/**
 * Packet rows, as small reactive state: how many there are, a `version` bumped once per batch, the shown
 * subset (conversation selection, display filter, sort) and the selected frame. The rows themselves live in
 * `packetColumns` (typed arrays, never reactive); computeds read them after touching `version`, so Vue
 * tracks a few numbers instead of ten million objects.
 */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { decodeBatch } from '../../shared/ipc/batch-layout';
import type { PacketColumns } from '../../shared/ipc/batch-layout';
import { packetColumns } from './packet-columns';
import { DisplayIndex } from './display-index';
import type { RowTest, SortColumn, SortKey, TimeSortKey } from './display-index';
import { markedRows, timeReferenceRows } from './user-row-sets';
import { customSortKey, releaseCustomColumnReads, shownCustomColumns } from './custom-columns';
import { useViewSettingsStore } from './view-settings';

/** The shown rows; module state like the columns. Time references are shown whatever the filter says. */
export const displayIndex = new DisplayIndex();
displayIndex.always = timeReferenceRows;
displayIndex.customKey = (column) => {
  const c = shownCustomColumns().find((x) => x.id === column);
  return c ? customSortKey(c) : null;
};

export const usePacketsStore = defineStore('packets', () => {
  const count = ref(0);
  const version = ref(0);
  const displayCount = ref(0);
  const selectedFrame = ref<number | null>(null);
  const streamFilter = ref<number | null>(null);
  const sortKeys = ref<SortKey[]>([]);
  /** Bumped when the shown rows are chosen or ordered anew (display filter, conversation, sort), not when rows arrive. */
  const arranged = ref(0);
  let rowTest: RowTest | null = null;

  function refresh(): void {
    count.value = packetColumns.count;
    displayCount.value = displayIndex.count;
    version.value++;
  }

  /** Appends one received batch (the bytes of a `packets.batch` frame). Throws BatchError on a bad batch. */
  function onBatch(buf: ArrayBuffer): void {
    appendColumns(decodeBatch(buf));
  }

  /** Appends decoded rows; with `refreshNow` false the caller calls `refresh()` later (once per frame). */
  function appendColumns(batch: PacketColumns, refreshNow = true): void {
    const from = packetColumns.count;
    packetColumns.append(batch);
    displayIndex.extend(packetColumns.cols, from);
    if (refreshNow) refresh();
  }

  /** Forgets every row (a new source starts). */
  function reset(): void {
    packetColumns.clear();
    markedRows.clear();
    timeReferenceRows.clear();
    selectedFrame.value = null;
    streamFilter.value = null;
    rebuild();
  }

  /** Loading finished: drop growth slack. */
  function finish(): void {
    packetColumns.trim();
  }

  function rebuild(): void {
    displayIndex.rebuild(packetColumns.cols, streamFilter.value, rowTest, sortKeys.value);
    arranged.value++;
    refresh();
  }

  function setStreamFilter(stream: number | null): void {
    streamFilter.value = stream;
    rebuild();
  }

  /** Sets the compiled display filter (null shows everything). */
  function setRowTest(test: RowTest | null): void {
    rowTest = test;
    rebuild();
  }

  /**
   * The rows the applied display filter matches, in file order (null: no filter) — whatever conversation is selected
   * and whatever the list shows besides (time references): what a table limited to the display filter counts.
   */
  function filterMatches(): Uint32Array | null {
    const test = rowTest;
    if (test === null) return null;
    const cols = packetColumns.cols, out = new Uint32Array(Math.max(1, cols.rows));
    if ('select' in test) return out.subarray(0, test.select(cols, 0, cols.rows, out, 0));
    let n = 0;
    for (let r = 0; r < cols.rows; r++) if (test(cols, r)) out[n++] = r;
    return out.subarray(0, n);
  }

  /** Click sorts by one column (again: reverses it); with `add` (shift-click) adds or flips a secondary key. */
  function sortBy(column: SortColumn, add = false): void {
    const keys = add ? [...sortKeys.value] : sortKeys.value.filter((k) => k.column === column);
    const at = keys.findIndex((k) => k.column === column);
    if (at >= 0) keys[at] = { column, descending: !keys[at].descending };
    else keys.push({ column, descending: false });
    sortKeys.value = keys;
    rebuild();
  }

  /** Sets what the Time column sorts by (its shown format); re-sorts when sorted by time. */
  function setTimeSortKey(key: TimeSortKey | null): void {
    displayIndex.timeKey = key;
    if (sortKeys.value.some((k) => k.column === 'time')) rebuild();
  }

  /** Stops sorting by columns no longer shown (a custom column removed or hidden); re-sorts if any was used. */
  function dropSortColumns(shown: (column: SortColumn) => boolean): void {
    const keys = sortKeys.value.filter((k) => shown(k.column));
    if (keys.length === sortKeys.value.length) return;
    sortKeys.value = keys;
    rebuild();
  }

  // A custom column removed or hidden no longer sorts the list; with none shown, what they expanded is given back.
  watch(() => useViewSettingsStore().custom, () => {
    const shown = new Set<string>(shownCustomColumns().map((c) => c.id));
    if (shown.size === 0) releaseCustomColumnReads();
    dropSortColumns((c) => !c.startsWith('custom-') || shown.has(c));
  }, { flush: 'sync' });

  function clearSort(): void {
    sortKeys.value = [];
    rebuild();
  }

  function select(frame: number | null): void {
    selectedFrame.value = frame;
  }

  return {
    count, version, arranged, displayCount, selectedFrame, streamFilter, sortKeys,
    onBatch, appendColumns, refresh, reset, finish, setStreamFilter, setRowTest, filterMatches, sortBy, clearSort, dropSortColumns, select, setTimeSortKey,
    rearrange: rebuild,
  };
});
