/**
 * A draggable, keyboard-operable divider between two panels (ARIA "separator" with a value). Holds one size
 * in px; the layout puts it into a CSS variable. Arrow keys move it by 16 px, Home/End to the limits.
 */
import { ref } from 'vue';
import type { Ref } from 'vue';

export interface Splitter {
  size: Ref<number>;
  onPointerDown(e: PointerEvent): void;
  onKeydown(e: KeyboardEvent): void;
}

export function useSplitter(initial: number, min: number, max: () => number, axis: 'x' | 'y'): Splitter {
  const size = ref(initial);
  const clamp = (v: number): number => Math.max(min, Math.min(max(), v));

  function onPointerDown(e: PointerEvent): void {
    const startPos = axis === 'y' ? e.clientY : e.clientX;
    const startSize = size.value;
    const target = e.currentTarget as HTMLElement;
    target.setPointerCapture?.(e.pointerId);
    const move = (m: PointerEvent): void => {
      size.value = clamp(startSize + (axis === 'y' ? m.clientY : m.clientX) - startPos);
    };
    const up = (): void => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  }

  function onKeydown(e: KeyboardEvent): void {
    const back = axis === 'y' ? 'ArrowUp' : 'ArrowLeft';
    const fwd = axis === 'y' ? 'ArrowDown' : 'ArrowRight';
    if (e.key === back) size.value = clamp(size.value - 16);
    else if (e.key === fwd) size.value = clamp(size.value + 16);
    else if (e.key === 'Home') size.value = min;
    else if (e.key === 'End') size.value = clamp(max());
    else return;
    e.preventDefault();
  }

  return { size, onPointerDown, onKeydown };
}
