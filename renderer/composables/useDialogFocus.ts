/**
 * A modal dialog's keyboard focus: onto `first` (its Close button) when it opens, and back to whatever had it
 * before when it closes, so a keyboard user carries on where they were (WAI-ARIA dialog pattern).
 */
import { nextTick, onBeforeUnmount, onMounted, type Ref } from 'vue';

export function useDialogFocus(first: Ref<HTMLElement | null>): void {
  let before: Element | null = null;
  onMounted(() => {
    before = document.activeElement;
    void nextTick(() => first.value?.focus());
  });
  onBeforeUnmount(() => { if (before instanceof HTMLElement && before.isConnected) before.focus(); });
}
