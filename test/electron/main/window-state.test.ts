import { describe, expect, it } from 'vitest';
import { boundsToSave, DEFAULT_SIZE, initialWindowOptions, MIN_SIZE, titleBarVisible } from '../../../electron/main/window-state';

const laptop = [{ x: 0, y: 0, width: 1920, height: 1050 }];
const docked = [...laptop, { x: 1920, y: 0, width: 2560, height: 1410 }];

describe('window state', () => {
  it('uses the default size and lets the OS place a first window', () => {
    expect(initialWindowOptions(null, laptop)).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('restores a saved position that is still on a display', () => {
    const saved = { x: 2100, y: 100, width: 1400, height: 900, maximized: false };
    expect(initialWindowOptions(saved, docked)).toEqual({ x: 2100, y: 100, width: 1400, height: 900, maximized: false });
  });

  it('drops the position (keeps the size) when its display is gone', () => {
    const saved = { x: 2100, y: 100, width: 1400, height: 900, maximized: true };
    expect(initialWindowOptions(saved, laptop)).toEqual({ width: 1400, height: 900, maximized: true });
  });

  it('does not accept a window whose title bar is above the screen', () => {
    expect(titleBarVisible({ x: 100, y: -200, width: 800, height: 600 }, laptop)).toBe(false);
    expect(titleBarVisible({ x: 100, y: 10, width: 800, height: 600 }, laptop)).toBe(true);
  });

  it('never restores a window smaller than the minimum', () => {
    const o = initialWindowOptions({ x: 0, y: 0, width: 300, height: 200, maximized: false }, laptop);
    expect(o.width).toBe(MIN_SIZE.width);
    expect(o.height).toBe(MIN_SIZE.height);
  });

  it('saves whole-pixel normal bounds with the maximised flag', () => {
    expect(boundsToSave({ x: 10.4, y: 20.6, width: 1000.2, height: 700.5 }, true)).toEqual({ x: 10, y: 21, width: 1000, height: 701, maximized: true });
  });
});
