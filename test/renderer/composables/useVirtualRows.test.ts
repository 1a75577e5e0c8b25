import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { MAX_SCROLL_PX, useVirtualRows } from '../../../renderer/composables/useVirtualRows';

describe('useVirtualRows', () => {
  it('renders only the rows in view plus overscan', () => {
    const v = useVirtualRows(ref(1000), 20, 2);
    v.onScroll(2000, 200);
    expect(v.first.value).toBe(98);
    expect(v.visibleCount.value).toBe(15);
    expect(v.offsetY.value).toBe(2000 - 40);
  });

  it('caps the spacer for 10 million rows and still reaches the last row', () => {
    const v = useVirtualRows(ref(10_000_000), 22, 4);
    v.onScroll(0, 440);
    expect(v.spacerHeight.value).toBe(MAX_SCROLL_PX);
    v.onScroll(v.endScrollTop(), 440);
    expect(v.first.value + v.visibleCount.value).toBe(10_000_000);
    expect(v.atEnd.value).toBe(true);
    v.onScroll(MAX_SCROLL_PX / 2, 440);
    expect(Math.abs(v.first.value - 5_000_000)).toBeLessThan(1_000); // linear map of the scrollbar onto the rows
  });

  it('gives the scrollTop that brings a row into view, or null when it is visible', () => {
    const v = useVirtualRows(ref(100), 20, 0);
    v.onScroll(0, 200);
    expect(v.scrollTopFor(3)).toBeNull();
    expect(v.scrollTopFor(50)).toBe(51 * 20 - 200);
    v.onScroll(1000, 200);
    expect(v.scrollTopFor(10)).toBe(200);
  });

  it('centres a row out of view when asked, and leaves a visible one where it is', () => {
    const v = useVirtualRows(ref(100), 20, 0);
    v.onScroll(0, 200);
    expect(v.scrollTopFor(50, true)).toBe(50 * 20 - 90);   // (200 - 20) / 2 above it
    expect(v.scrollTopFor(3, true)).toBeNull();
    v.onScroll(1000, 200);
    expect(v.scrollTopFor(2, true)).toBe(0);               // not above the first row
  });

  it('keeps the last height when the panel has no layout', () => {
    const v = useVirtualRows(ref(100), 20, 0);
    v.onScroll(0, 200);
    v.onScroll(0, -20);
    expect(v.pageRows.value).toBe(9);
  });
});
