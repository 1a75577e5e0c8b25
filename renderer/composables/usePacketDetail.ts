/**
 * Packet detail and bytes for the selected frame, fetched on demand from the worker (it reads them back from
 * the file or session pcapng) and kept in a small LRU so stepping back and forth with the arrow keys does
 * not refetch. A reply for a frame that is no longer selected is cached but not shown.
 */
import { ref, shallowRef, watch } from 'vue';
import type { Ref } from 'vue';
import type { PacketDetail } from '../../shared/ipc/contract';
import { currentBackend } from '../stores/backend-slot';

export const DETAIL_CACHE_SIZE = 32;

/** Least-recently-used map: `get` refreshes an entry, `set` evicts the oldest past `limit`. */
export class LruCache<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
  }
  clear(): void { this.map.clear(); }
  get size(): number { return this.map.size; }
}

const cache = new LruCache<number, PacketDetail>(DETAIL_CACHE_SIZE);

/** Forget cached details (a new source reuses frame numbers). */
export function clearDetailCache(): void {
  cache.clear();
}

/** Detail of one frame, from the cache or the backend. */
export async function fetchPacketDetail(frame: number): Promise<PacketDetail> {
  const hit = cache.get(frame);
  if (hit) return hit;
  const d = await currentBackend().invoke('packet.detail', { frame });
  cache.set(frame, d);
  return d;
}

export function usePacketDetail(frame: Ref<number | null>) {
  const detail = shallowRef<PacketDetail | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(f: number | null): Promise<void> {
    error.value = null;
    if (f === null) { detail.value = null; return; }
    loading.value = true;
    try {
      const d = await fetchPacketDetail(f);
      if (frame.value === f) detail.value = d;
    } catch (e) {
      if (frame.value === f) { detail.value = null; error.value = (e as { message?: string }).message ?? String(e); }
    } finally {
      if (frame.value === f) loading.value = false;
    }
  }

  watch(frame, (f) => { void load(f); }, { immediate: true });
  return { detail, loading, error };
}
