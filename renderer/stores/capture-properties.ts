/**
 * Statistics ▸ Capture File Properties: whether it is open, and what the file says about itself — the worker's
 * `file.properties` (format, encapsulation, hashes, sections, interfaces, packet comments; asked for each time the
 * dialog opens, so a growing capture shows its latest). The per-packet figures come from the stored rows
 * (format/capture-properties.ts). A newer request, or closing, makes an older answer count for nothing.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { CaptureFileProperties } from '../../shared/capture-file/capture-file-scan';
import type { ErrorInfo } from '../../shared/ipc/contract';
import { currentBackend } from './backend-slot';

export const useCapturePropertiesStore = defineStore('captureProperties', () => {
  const open = ref(false);
  const status = ref<'idle' | 'loading' | 'done' | 'failed'>('idle');
  const file = shallowRef<CaptureFileProperties | null>(null);
  const error = ref('');
  let asked = 0;

  async function load(): Promise<void> {
    const mine = ++asked;
    status.value = 'loading'; error.value = '';
    try {
      const r = await currentBackend().invoke('file.properties', {});
      if (mine !== asked) return;
      file.value = r; status.value = 'done';
    } catch (e) {
      if (mine !== asked) return;
      const info = (e as { info?: ErrorInfo }).info;
      file.value = null; error.value = `The file's own properties could not be read: ${info?.message ?? (e as Error).message}`;
      status.value = 'failed';
    }
  }

  watch(open, (now) => {
    if (now) void load();
    else { asked++; status.value = 'idle'; file.value = null; error.value = ''; }
  });

  return { open, status, file, error, load };
});
