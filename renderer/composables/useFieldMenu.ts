/**
 * The field menu of a view (detail tree, packet list: FieldMenu.vue): which field's filter and copies it offers and
 * where it opens, and closing it gives the keyboard back to the view (`focusBack`).
 */
import { ref } from 'vue';
import type { CopyItem } from '../format/copy-text';

/** `stream`, `frame`: the packet's TCP stream and frame, when the menu is a packet-list row's (Colorize Conversation, Packet Comments). */
export interface FieldMenuState { field: string | null; label: string; copies: CopyItem[]; x: number; y: number; stream?: number; frame?: number }

export function useFieldMenu(focusBack: () => HTMLElement | null | undefined) {
  const menu = ref<FieldMenuState | null>(null);
  return {
    menu,
    show(field: string | null, label: string, copies: CopyItem[], x: number, y: number, stream?: number, frame?: number): void {
      menu.value = { field, label, copies, x, y, ...(stream === undefined ? {} : { stream }), ...(frame === undefined ? {} : { frame }) };
    },
    close(): void { menu.value = null; focusBack()?.focus(); },
  };
}

/** Where a menu opened from the keyboard goes: under the element with `id`, a little in from its left. */
export function below(id: string): { x: number; y: number } {
  const r = document.getElementById(id)?.getBoundingClientRect();
  return r ? { x: r.left + 24, y: r.bottom } : { x: 0, y: 0 };
}
