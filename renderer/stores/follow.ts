/**
 * Follow TCP Stream: which stream the Follow pane shows and the worker's answer (`stream.follow`: the stream's
 * payload in order, as Wireshark puts it together). One request at a time; a newer one (or closing the pane)
 * makes an older answer count for nothing. The answer is kept out of deep reactivity (shallowRef): it can hold
 * megabytes.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ErrorInfo, StreamFollowResult } from '../../shared/ipc/contract';
import { currentBackend } from './backend-slot';
import { packetColumns } from './packet-columns';
import { streamRows } from './stream-rows';

/** The last frame of `stream` among the stored rows (where the worker's pass may stop), or undefined. */
export function lastFrameOfStream(stream: number): number | undefined {
  const rows = streamRows(stream);
  return rows.length === 0 ? undefined : packetColumns.cols.frame[rows[rows.length - 1]];
}

export const useFollowStore = defineStore('follow', () => {
  /** The followed stream while the pane is open, else null. */
  const stream = ref<number | null>(null);
  const status = ref<'idle' | 'loading' | 'done' | 'failed'>('idle');
  const result = shallowRef<StreamFollowResult | null>(null);
  const error = ref('');
  let asked = 0;

  async function open(s: number): Promise<void> {
    const mine = ++asked;
    stream.value = s; status.value = 'loading'; result.value = null; error.value = '';
    try {
      const r = await currentBackend().invoke('stream.follow', { stream: s, throughFrame: lastFrameOfStream(s) });
      if (mine !== asked) return;
      result.value = r; status.value = 'done';
    } catch (e) {
      if (mine !== asked) return;
      const info = (e as { info?: ErrorInfo }).info;
      error.value = `Could not follow stream ${s}: ${info?.message ?? (e as Error).message}`;
      status.value = 'failed';
    }
  }

  function close(): void {
    asked++;
    stream.value = null; status.value = 'idle'; result.value = null; error.value = '';
  }

  return { stream, status, result, error, open, close };
});
