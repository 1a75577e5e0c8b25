import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { LruCache, clearDetailCache, usePacketDetail } from '../../../renderer/composables/usePacketDetail';
import { seedApp, settle } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';

describe('usePacketDetail', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); clearDetailCache(); });
  afterEach(() => app.disconnect());

  it('fetches the selected frame once and serves repeats from the cache', async () => {
    const frame = ref<number | null>(2);
    const { detail } = usePacketDetail(frame);
    await settle();
    expect(detail.value?.frame).toBe(2);
    expect(detail.value?.bytes.length).toBe(68);
    frame.value = 3; await settle();
    frame.value = 2; await settle();
    expect(app.backend.requests.filter((r) => r.name === 'packet.detail').map((r) => (r.payload as { frame: number }).frame)).toEqual([2, 3]);
    frame.value = null; await settle();
    expect(detail.value).toBeNull();
  });

  it('reports an unknown frame as an error', async () => {
    const { detail, error } = usePacketDetail(ref<number | null>(99));
    await settle();
    expect(detail.value).toBeNull();
    expect(error.value).toBe('no such frame');
  });

  it('evicts the least recently used entry', () => {
    const lru = new LruCache<number, string>(2);
    lru.set(1, 'a'); lru.set(2, 'b'); lru.get(1); lru.set(3, 'c');
    expect(lru.get(2)).toBeUndefined();
    expect(lru.get(1)).toBe('a');
    expect(lru.size).toBe(2);
  });
});
