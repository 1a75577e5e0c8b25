import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { useKeyboardList } from '../../../renderer/composables/useKeyboardList';

function press(handler: (e: KeyboardEvent) => void, key: string): boolean {
  const e = new KeyboardEvent('keydown', { key, cancelable: true });
  handler(e);
  return e.defaultPrevented;
}

describe('useKeyboardList', () => {
  it('moves with arrows, pages, Home and End, clamped to the list', () => {
    const position = ref(-1);
    const handler = useKeyboardList({ position, count: ref(100), pageRows: ref(10), moveTo: (p) => { position.value = p; } });
    press(handler, 'ArrowDown'); expect(position.value).toBe(0);
    press(handler, 'ArrowUp'); expect(position.value).toBe(0);
    press(handler, 'PageDown'); expect(position.value).toBe(10);
    press(handler, 'End'); expect(position.value).toBe(99);
    press(handler, 'ArrowDown'); expect(position.value).toBe(99);
    press(handler, 'PageUp'); expect(position.value).toBe(89);
    press(handler, 'Home'); expect(position.value).toBe(0);
  });
  it('activates on Enter and leaves other keys alone', () => {
    const activated: number[] = [];
    const handler = useKeyboardList({ position: ref(4), count: ref(10), pageRows: ref(3), moveTo: () => {}, activate: (p) => activated.push(p) });
    expect(press(handler, 'Enter')).toBe(true);
    expect(activated).toEqual([4]);
    expect(press(handler, 'a')).toBe(false);
  });
});
