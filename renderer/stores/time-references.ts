/**
 * Wireshark's time references (Edit ▸ Set/Unset Time Reference, Ctrl+T; Unset All Time References, Ctrl+Alt+T; Next
 * and Previous Time Reference, Ctrl+Alt+N / Ctrl+Alt+B): a reference packet shows "*REF*" in the Time column, the
 * relative time of every later packet counts from the latest reference before it (the column, frame.time_relative and
 * the detail's "Time since reference or first frame"), `frame.ref_time` matches it, and the list shows it whatever the
 * display filter says (PacketListModel: passed_dfilter || ref_time). A new capture starts with none.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { timeReferenceRows } from './user-row-sets';
import { displayIndex, usePacketsStore } from './packets';
import { packetColumns } from './packet-columns';
import { stepTo } from './row-stepping';

export const useTimeReferencesStore = defineStore('timeReferences', () => {
  const packets = usePacketsStore();
  const version = ref(0);
  const count = computed(() => { void version.value; void packets.version; return timeReferenceRows.size; });

  /**
   * Every later row's times change with a reference, and under a display filter so do the shown rows (a reference is
   * always shown, and frame.time_relative counts from it): the filter runs again then.
   */
  function changed(): void {
    version.value++;
    if (displayIndex.hidesRows) packets.rearrange();
  }

  /** Ctrl+T: makes the selected packet a time reference, or no longer one. */
  function toggleSelected(): void {
    const row = packets.selectedFrame === null ? -1 : packetColumns.indexOfFrame(packets.selectedFrame);
    if (row < 0) return;
    timeReferenceRows.toggle(row);
    changed();
  }

  function clear(): void {
    if (timeReferenceRows.size === 0) return;
    timeReferenceRows.clear();
    changed();
  }

  /** Selects the next (or previous) reference, wrapping around; false when there is none. */
  function step(backwards: boolean): boolean {
    return stepTo(timeReferenceRows, backwards);
  }

  return { version, count, toggleSelected, clear, step };
});
