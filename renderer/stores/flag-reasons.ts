/**
 * "Why was this flagged?" with the packet's numbers: the worker's `packet.why` answer for the selected packet (the
 * rule that fired with its sequence numbers, counts and times, and the nearest rule that did not). The worker tracks
 * the source again up to the frame, so an answer can take a moment on a large file: one question at a time (a newer
 * one withdraws the older, here and in the worker), and the last answers are kept, so going back to a packet is
 * instant. A new source forgets them (its frames are other packets).
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { ErrorInfo, PacketWhyResult } from '../../shared/ipc/contract';
import { currentBackend } from './backend-slot';
import { usePacketsStore } from './packets';

export type FlagReason = PacketWhyResult['flags'][number];

/** Answers kept (frames the user went back to). */
const KEPT = 64;

export const useFlagReasonsStore = defineStore('flagReasons', () => {
  /** The frame asked about, or null. */
  const frame = ref<number | null>(null);
  const status = ref<'idle' | 'loading' | 'done' | 'failed'>('idle');
  const reasons = shallowRef<readonly FlagReason[]>([]);
  const error = ref('');
  const kept = new Map<number, readonly FlagReason[]>();
  let asked = 0;
  /** Bumped by forget(): an answer about the previous source's frames is not kept for this one's. */
  let generation = 0;

  const packets = usePacketsStore();
  // Fewer rows than before: a new source started (or the rows were cleared), and its frame numbers are other packets.
  watch(() => packets.count, (now, before) => { if (now < before) forget(); });

  function forget(): void {
    kept.clear();
    asked++; generation++;
    frame.value = null; status.value = 'idle'; reasons.value = []; error.value = '';
  }

  /**
   * Asks why `f` was flagged (null: nothing selected, or nothing flagged). `hint`: the row's tcp.stream and analysis
   * bits, so the worker can start at the stream's first frame (packet.why).
   */
  async function ask(f: number | null, hint?: { stream: number; analysis: number }): Promise<void> {
    if (f === frame.value && status.value !== 'failed') return;
    const mine = ++asked, gen = generation;
    frame.value = f; error.value = ''; reasons.value = [];
    if (f === null) { status.value = 'idle'; return; }
    const known = kept.get(f);
    if (known) { reasons.value = known; status.value = 'done'; return; }
    status.value = 'loading';
    try {
      const r = await currentBackend().invoke('packet.why', { frame: f, ...hint });
      // Kept even when a newer question came meanwhile (it is still this frame's answer), unless the source changed.
      if (gen !== generation) return;
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
      kept.set(f, r.flags);
      if (mine !== asked) return;
      reasons.value = r.flags; status.value = 'done';
    } catch (e) {
      if (mine !== asked) return;
      const info = (e as { info?: ErrorInfo }).info;
      error.value = `The numbers behind the flags could not be worked out: ${info?.message ?? (e as Error).message}`;
      status.value = 'failed';
    }
  }

  return { frame, status, reasons, error, ask, forget };
});
