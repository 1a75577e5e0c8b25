/**
 * Remembered window size and position. A saved position is used only if the window's title bar would be
 * on a display that exists now (a laptop undocked from its second screen must not open the window
 * off-screen); otherwise the saved size is kept and the window is centred by the OS.
 */
import type { WindowBounds } from './settings';

export interface Rect { x: number; y: number; width: number; height: number }

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;

/** Pixels of the title bar that must be on a display for a saved position to count as visible. */
const VISIBLE_MARGIN = 48;

export interface InitialWindowOptions {
  width: number;
  height: number;
  /** Absent: let the OS place the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether the top strip of `bounds` (its title bar) overlaps one of the displays' work areas. */
export function titleBarVisible(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const strip: Rect = { x: bounds.x + VISIBLE_MARGIN, y: bounds.y, width: Math.max(1, bounds.width - 2 * VISIBLE_MARGIN), height: VISIBLE_MARGIN };
  return workAreas.some((area) => intersects(strip, area));
}

/** Window options from the saved bounds and the current displays' work areas. */
export function initialWindowOptions(saved: WindowBounds | null, workAreas: readonly Rect[]): InitialWindowOptions {
  if (!saved) return { ...DEFAULT_SIZE, maximized: false };
  const width = Math.max(MIN_SIZE.width, saved.width);
  const height = Math.max(MIN_SIZE.height, saved.height);
  if (titleBarVisible({ x: saved.x, y: saved.y, width, height }, workAreas)) {
    return { width, height, x: saved.x, y: saved.y, maximized: saved.maximized };
  }
  return { width, height, maximized: saved.maximized };
}

/** What to store when the window closes: the normal (unmaximised) bounds plus the maximised flag. */
export function boundsToSave(normal: Rect, maximized: boolean): WindowBounds {
  return {
    x: Math.round(normal.x), y: Math.round(normal.y),
    width: Math.round(normal.width), height: Math.round(normal.height), maximized,
  };
}
