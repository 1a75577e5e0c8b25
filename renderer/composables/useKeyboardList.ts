/**
 * Keyboard selection in a list or table, as in Wireshark's packet list: arrows move one row, Page Up/Down a
 * page, Home/End to the ends, Enter activates. Works on display positions; the caller maps them to rows.
 */
import type { Ref } from 'vue';

export interface KeyboardListOptions {
  /** Selected display position, -1 for none. */
  position: Ref<number>;
  count: Ref<number>;
  pageRows: Ref<number>;
  /** Called with the new position after a move. */
  moveTo(position: number): void;
  /** Enter on the current position. */
  activate?(position: number): void;
}

/** Returns a keydown handler; keys it uses are prevented from scrolling the page. */
export function useKeyboardList(o: KeyboardListOptions): (e: KeyboardEvent) => void {
  return (e: KeyboardEvent) => {
    const n = o.count.value;
    if (n === 0) return;
    const at = o.position.value;
    let next: number;
    switch (e.key) {
      case 'ArrowDown': next = at < 0 ? 0 : at + 1; break;
      case 'ArrowUp': next = at < 0 ? 0 : at - 1; break;
      case 'PageDown': next = Math.max(at, 0) + o.pageRows.value; break;
      case 'PageUp': next = Math.max(at, 0) - o.pageRows.value; break;
      case 'Home': next = 0; break;
      case 'End': next = n - 1; break;
      case 'Enter':
        if (at >= 0 && o.activate) { e.preventDefault(); o.activate(at); }
        return;
      default: return;
    }
    e.preventDefault();
    o.moveTo(Math.max(0, Math.min(n - 1, next)));
  };
}
