/**
 * Expert Information (Wireshark's Analyze ▸ Expert Information and its status-bar indicator): the counts of each
 * tcp.analysis flag over the stored rows, kept current per batch by an incremental counter, and whether the dialog
 * is open. Starts again for each capture (the column store's generation).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ExpertCounter } from '../format/expert-summary';
import { packetColumns } from './packet-columns';
import { usePacketsStore } from './packets';

export const useExpertStore = defineStore('expert', () => {
  const packets = usePacketsStore();
  const counter = new ExpertCounter();
  const open = ref(false);

  const summary = computed(() => {
    void packets.version; void packets.count;
    counter.update(packetColumns.cols, packetColumns.generation);
    return { groups: counter.groups(), totals: counter.totals() };
  });

  return { summary, open };
});
