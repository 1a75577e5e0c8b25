/**
 * The worker's `filter.bytes` runs in a thread of its own (byte-match-thread.ts), watched: a search that says nothing
 * for `stallMs` (one chunk of the file normally takes milliseconds) is a regular expression that backtracks without end
 * on some packet — the thread is terminated and the request refused, saying so, instead of the worker hanging with the
 * capture it may be running. Wireshark's PCRE2 stops such a match at its match limit; this is our limit.
 */
import type { FilterBytesRequest, FilterBytesResult } from '../../shared/ipc/contract';
import { ByteMatchRefusal } from './byte-match';
import type { ByteMatchThreadData, ByteMatchThreadMessage } from './byte-match-thread';
import { startThread } from './thread-entry';

/** Default longest silence of a search thread. */
export const BYTE_MATCH_STALL_MS = 15_000;

export function runByteMatch(path: string, req: FilterBytesRequest, stallMs = BYTE_MATCH_STALL_MS): Promise<FilterBytesResult> {
  return new Promise((resolve, reject) => {
    const thread = startThread('byte-match-thread', { path, req } satisfies ByteMatchThreadData);
    let frame = 0, settled = false;
    let watchdog = setTimeout(stalled, stallMs);
    function finish(f: () => void): void {
      if (settled) return;
      settled = true; clearTimeout(watchdog);
      void thread.terminate();
      f();
    }
    function stalled(): void {
      finish(() => reject(new ByteMatchRefusal(`the search of the packet bytes made no progress for ${stallMs / 1000} s after frame ${frame}: `
        + 'a matches expression that backtracks without end (such as nested repeats like (a+)+) — write it without them')));
    }
    thread.on('message', (m: ByteMatchThreadMessage) => {
      if (m.type === 'progress') { frame = m.frame; clearTimeout(watchdog); watchdog = setTimeout(stalled, stallMs); return; }
      if (m.type === 'done') finish(() => resolve({ fromFrame: m.fromFrame, frames: m.frames, matches: m.matches }));
      else finish(() => reject(m.refused ? new ByteMatchRefusal(m.message) : new Error(m.message)));
    });
    thread.on('error', (e) => finish(() => reject(e)));
    thread.on('exit', (code) => finish(() => reject(new Error(`the byte search thread ended (code ${code}) without an answer`))));
  });
}
