/**
 * Runs Find Packet's regular expression over the packet list's text in a Web Worker (workers/list-regex.worker.ts),
 * a chunk of rows at a time, so an expression that backtracks without end (`(.+)+x`) is terminated after
 * TIMEOUT_MS and reported, while the window stays responsive. Where there is no Worker (unit tests in happy-dom), or
 * its script cannot load, the rows are tested here.
 */
import { firstMatchingRow } from '../format/row-regex';

const TIMEOUT_MS = 3000;

export type ChunkAnswer = { index: number } | { timeout: true } | { error: string };

export class ListRegexSearch {
  private worker: Worker | null = null;
  private nextId = 1;
  /** The worker's script failed to load once: the rows are tested here from then on. */
  private unavailable = false;

  /** The index of the first row of `rows` (each its cells' text) with a cell `pattern` matches, -1 for none. */
  firstMatch(pattern: string, flags: string, rows: string[][]): Promise<ChunkAnswer> {
    const worker = this.start();
    if (!worker) return Promise.resolve(firstMatchingRow(pattern, flags, rows));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const done = (a: ChunkAnswer): void => {
        clearTimeout(timer); worker.removeEventListener('message', onMessage); worker.removeEventListener('error', onError); resolve(a);
      };
      const onMessage = (e: MessageEvent<{ id: number; index?: number; error?: string }>): void => {
        if (e.data.id !== id) return;
        done(e.data.error !== undefined ? { error: e.data.error } : { index: e.data.index ?? -1 });
      };
      // The script did not load (a page served without it): answer here rather than wait for the timeout.
      const onError = (): void => { this.stop(); this.unavailable = true; done(firstMatchingRow(pattern, flags, rows)); };
      const timer = setTimeout(() => { this.stop(); done({ timeout: true }); }, TIMEOUT_MS);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage({ id, pattern, flags, rows });
    });
  }

  /** Ends the worker (a new one starts with the next search). */
  stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    if (typeof Worker === 'undefined' || this.unavailable) return null;
    try {
      this.worker = new Worker(new URL('../workers/list-regex.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      return null;
    }
    return this.worker;
  }
}
