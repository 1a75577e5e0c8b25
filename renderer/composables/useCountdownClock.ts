/**
 * One clock for every countdown a panel shows (the ladder's TIME-WAIT lines): a single interval that ticks
 * `now` once a second while some deadline is still ahead, and stops once all have passed or none is shown,
 * instead of a timer per row.
 */
import { onScopeDispose, ref, watch } from 'vue';
import type { Ref } from 'vue';

const TICK_MS = 1000;

/** `deadlines` (epoch ms) is read reactively; the returned `now` (epoch ms) moves only while one is ahead. */
export function useCountdownClock(deadlines: () => readonly number[]): Ref<number> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;

  function stop(): void {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  function update(list: readonly number[]): void {
    now.value = Date.now();
    if (!list.some((d) => d > now.value)) stop();
    else if (timer === null) timer = setInterval(() => update(deadlines()), TICK_MS);
  }

  watch(deadlines, update, { immediate: true });
  onScopeDispose(stop);
  return now;
}
