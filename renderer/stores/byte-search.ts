/**
 * contains/matches of the applied display filter: the packet bytes they look in stay in the worker, which answers
 * `filter.bytes` with, per test of the filter (CompiledFilter.byteTests), a bitmap of the frames it matches
 * (electron/capture/byte-match.ts). This store asks for the frames the list holds, in parts of at most
 * MAX_BYTE_MATCH_BITS, keeps the bitmaps (outside Vue's reactivity: a bit a frame and test), answers the filter's
 * `byteMatch` from them, and asks again, at most once a second (less often when a search takes longer), as a loading
 * file or a live capture brings more rows.
 * Frames not searched yet match no contains/matches (the list shows them once their answer is in). A new source starts
 * the search over; a worker that cannot answer says why (`error`), and the frames already searched keep their results.
 */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { CompiledFilter } from '../../shared/filter/compile';
import { MAX_BYTE_MATCH_BITS, type ErrorInfo } from '../../shared/ipc/contract';
import { currentBackend } from './backend-slot';
import { useCaptureStore } from './capture';
import { packetColumns } from './packet-columns';
import { usePacketsStore } from './packets';
import { grownCapacity, resized } from './typed-growth';

/** Least time between two searches for rows that arrived since the last one. */
export const BYTE_SEARCH_INTERVAL_MS = 1000;

export type ByteMatch = (test: number, frame: number) => boolean;

/**
 * One search: what the display filter's store holds (useByteSearchStore), and Find Packet another (find.ts). Made
 * inside a store's setup, so its watchers live as long as that store.
 */
export function createByteSearch() {
  const status = ref<'idle' | 'searching' | 'done' | 'failed'>('idle');
  /** Why the last search failed ('' when it did not). */
  const error = ref('');
  /** Frames 1 … searched have results. */
  const searched = ref(0);
  /** Most frames one request asks for (null: as many as MAX_BYTE_MATCH_BITS allows for the filter's tests). */
  const partFrames = ref<number | null>(null);
  let filter: CompiledFilter | null = null;
  /** Per byte test, bit (frame − 1) set when the test matches that frame; grown as frames are searched. */
  let bits: Uint8Array[] = [];
  /** Bumped by every start/stop: an answer to an older search counts for nothing. */
  let generation = 0;
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastAsked = -Infinity;
  /** How long the last answer took: the next search for new rows waits at least as long (the worker re-reads the file). */
  let lastTook = 0;
  let onResults: () => void = () => {};
  /** The source the bitmaps describe. */
  let searchedSource: unknown = null;

  const packets = usePacketsStore();
  const capture = useCaptureStore();

  const byteMatch: ByteMatch = (test, frame) => {
    const b = bits[test], i = frame - 1;
    return b !== undefined && i >= 0 && (i >> 3) < b.length && (b[i >> 3] & (1 << (i & 7))) !== 0;
  };

  /** Searches the frames of the filter's contains/matches; `refilter` re-runs the filter when answers come in. */
  function start(f: CompiledFilter, refilter: () => void): ByteMatch {
    stop();
    filter = f; onResults = refilter; searchedSource = capture.source;
    bits = f.byteTests.map(() => new Uint8Array(0));
    status.value = 'searching';
    void askMore();
    return byteMatch;
  }

  /** Forgets the search (the filter was cleared or replaced). */
  function stop(): void {
    generation++;
    filter = null; bits = []; pending = false;
    if (timer) { clearTimeout(timer); timer = null; }
    status.value = 'idle'; error.value = ''; searched.value = 0;
  }

  /** The last frame the list holds (frames are numbered in file order; the last row has the highest). */
  function lastFrame(): number {
    const cols = packetColumns.cols;
    return cols.rows === 0 ? 0 : cols.frame[cols.rows - 1];
  }

  /** Asks for the next part of the frames not searched yet, until none is left. */
  async function askMore(): Promise<void> {
    const f = filter;
    if (!f || pending) return;
    const from = searched.value + 1, last = lastFrame();
    if (last < from) { status.value = 'done'; return; }
    const through = Math.min(last, from - 1 + (partFrames.value ?? Math.floor(MAX_BYTE_MATCH_BITS / f.byteTests.length)));
    const mine = generation;
    pending = true; status.value = 'searching'; lastAsked = performance.now();
    try {
      const r = await currentBackend().invoke('filter.bytes', { filter: f.text, fromFrame: from, throughFrame: through });
      if (mine !== generation) return;
      pending = false;
      lastTook = performance.now() - lastAsked;
      take(r.fromFrame, r.frames, r.matches);
      onResults();
      if (r.frames < through - from + 1) { status.value = 'done'; return; }   // the source had no more yet
      void askMore();
    } catch (e) {
      if (mine !== generation) return;
      pending = false;
      const info = (e as { info?: ErrorInfo }).info;
      error.value = `Could not search the packet bytes for contains/matches: ${info?.message ?? (e as Error).message}`;
      status.value = 'failed';
    }
  }

  /** Copies an answer's bitmaps (bit i: frame from + i) into the per-test bitmaps. */
  function take(from: number, frames: number, matches: Uint8Array[]): void {
    const size = Math.ceil((from - 1 + frames) / 8);
    bits = bits.map((old, k) => {
      const b = old.length >= size ? old : resized(old, grownCapacity(old.length, size), old.length);
      const m = matches[k];
      for (let i = 0; i < frames; i++) if (m[i >> 3] & (1 << (i & 7))) { const at = from - 1 + i; b[at >> 3] |= 1 << (at & 7); }
      return b;
    });
    searched.value = from - 1 + frames;
  }

  // More rows (a file still loading, a live capture): searched once a second at most — less often when a search takes
  // longer, since each one reads the file from its start, so a long live capture never keeps the worker busy.
  watch(() => packets.count, () => {
    if (!filter || pending || timer || status.value === 'failed' || lastFrame() <= searched.value) return;
    const wait = Math.max(0, lastAsked + lastTook + Math.max(BYTE_SEARCH_INTERVAL_MS, lastTook) - performance.now());
    timer = setTimeout(() => { timer = null; void askMore(); }, wait);
  });
  // A new source: the old bitmaps describe other frames.
  watch(() => capture.source, (source) => {
    const f = filter, refilter = onResults;
    if (f && source !== searchedSource) { start(f, refilter); refilter(); }
  });

  /** Resolves once the search has no request under way (done, failed or stopped). */
  function settled(): Promise<void> {
    if (status.value !== 'searching') return Promise.resolve();
    return new Promise((resolve) => {
      const unwatch = watch(status, (s) => { if (s !== 'searching') { unwatch(); resolve(); } });
    });
  }

  /** The filter being searched for, if any. */
  function searching(): CompiledFilter | null { return filter; }

  return { status, error, searched, partFrames, byteMatch, start, stop, settled, searching };
}

export type ByteSearch = ReturnType<typeof createByteSearch>;

/** The display filter's search. */
export const useByteSearchStore = defineStore('byteSearch', () => createByteSearch());
