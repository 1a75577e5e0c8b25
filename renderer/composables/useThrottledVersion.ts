/**
 * A store's version counter, followed at most once per `ms` while it keeps changing (the last change always
 * arrives): for views that recount or re-sort everything (the I/O graph, a sorted conversation table), so a file
 * loading in thousands of batches does not make them work once per batch.
 */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

export function useThrottledVersion(version: () => number, ms = 1000): Ref<number> {
  const seen = ref(version());
  let timer: ReturnType<typeof setTimeout> | null = null;
  watch(version, () => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; seen.value = version(); }, ms);
  });
  onBeforeUnmount(() => { if (timer) clearTimeout(timer); });
  return seen;
}
