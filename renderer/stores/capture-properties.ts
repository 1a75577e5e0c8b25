/** Whether Statistics ▸ Capture File Properties is open (its figures come from the stored rows, format/capture-properties.ts). */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useCapturePropertiesStore = defineStore('captureProperties', () => {
  const open = ref(false);
  return { open };
});
