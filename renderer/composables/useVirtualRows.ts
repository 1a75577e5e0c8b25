/**
 * A window of rows over a list of any length. Only the visible rows (plus a small overscan) are rendered.
 * Browsers cap an element's height (~33 M px in Chromium), so past MAX_SCROLL_PX the scroll range is
 * scaled: the scrollbar maps linearly onto the rows and the rendered block is offset to the fractional
 * row, which keeps the work per frame the same for a hundred rows and for ten million.
 */
import { computed, ref } from 'vue';
import type { Ref } from 'vue';

export const MAX_SCROLL_PX = 8_000_000;

export interface VirtualRows {
  /** Height of the scroll spacer, px. */
  spacerHeight: Ref<number>;
  /** First rendered row and how many to render. */
  first: Ref<number>;
  visibleCount: Ref<number>;
  /**
   * Rows a full window holds: `pos % poolSize` is unique among rendered rows, so it can key them. A row keeps
   * its key (and its DOM) while it stays in view, and a row scrolled out hands its element to the one that
   * comes in instead of the browser freeing one element and building another.
   */
  poolSize: Ref<number>;
  /** translateY of the rendered block inside the scroller, px. */
  offsetY: Ref<number>;
  /** Rows that fit fully in the viewport (Page Up/Down step). */
  pageRows: Ref<number>;
  /** Whether the view shows the last row (used to follow a live capture). */
  atEnd: Ref<boolean>;
  onScroll(scrollTop: number, viewportHeight: number): void;
  /**
   * scrollTop that brings `index` into view (or null when already visible): with minimal movement, or, with
   * `center`, in the middle of the viewport, so the rows before and after it show too.
   */
  scrollTopFor(index: number, center?: boolean): number | null;
  /** scrollTop of the very end. */
  endScrollTop(): number;
}

export function useVirtualRows(count: Ref<number>, rowHeight: number, overscan = 4): VirtualRows {
  const scrollTop = ref(0);
  const viewport = ref(400);

  const fullHeight = computed(() => count.value * rowHeight);
  const spacerHeight = computed(() => Math.min(fullHeight.value, MAX_SCROLL_PX));
  /** Content px per scroll px (1 until the cap). */
  const scale = computed(() => {
    const maxScroll = spacerHeight.value - viewport.value;
    return fullHeight.value <= MAX_SCROLL_PX || maxScroll <= 0 ? 1 : (fullHeight.value - viewport.value) / maxScroll;
  });
  const virtualTop = computed(() => scrollTop.value * scale.value);
  const first = computed(() => Math.max(0, Math.min(Math.floor(virtualTop.value / rowHeight), count.value - 1)));
  const renderFirst = computed(() => Math.max(0, first.value - overscan));
  const poolSize = computed(() => Math.ceil(viewport.value / rowHeight) + 1 + 2 * overscan);
  const visibleCount = computed(() => Math.max(0, Math.min(poolSize.value, count.value - renderFirst.value)));
  const offsetY = computed(() => scrollTop.value - (virtualTop.value - renderFirst.value * rowHeight));
  const pageRows = computed(() => Math.max(1, Math.floor(viewport.value / rowHeight) - 1));
  const atEnd = computed(() => virtualTop.value + viewport.value >= fullHeight.value - rowHeight);

  function onScroll(top: number, height: number): void {
    scrollTop.value = top;
    // A panel that is not laid out yet (hidden, or a DOM without layout) keeps the last known height.
    if (height > 0) viewport.value = height;
  }

  function toScroll(virtual: number): number {
    return Math.max(0, virtual / scale.value);
  }

  function scrollTopFor(index: number, center = false): number | null {
    const top = index * rowHeight;
    const visible = top >= virtualTop.value && top + rowHeight <= virtualTop.value + viewport.value;
    if (center && !visible) return toScroll(top - Math.max(0, viewport.value - rowHeight) / 2);
    if (top < virtualTop.value) return toScroll(top);
    if (top + rowHeight > virtualTop.value + viewport.value) return toScroll(top + rowHeight - viewport.value);
    return null;
  }

  function endScrollTop(): number {
    return Math.max(0, spacerHeight.value - viewport.value);
  }

  return {
    spacerHeight, first: renderFirst, visibleCount, poolSize, offsetY, pageRows, atEnd, onScroll, scrollTopFor, endScrollTop,
  };
}
