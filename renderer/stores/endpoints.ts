/** Whether Statistics ▸ Endpoints is open (its rows come from the conversation table: format/endpoint-inputs.ts). */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useEndpointsStore = defineStore('endpoints', () => {
  const open = ref(false);
  return { open };
});
