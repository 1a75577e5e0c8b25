/**
 * Wireshark's marked packets (Edit ▸ Mark/Unmark Packet, Ctrl+M; Mark All Displayed, Ctrl+Shift+M; Unmark All
 * Displayed, Ctrl+Alt+M; Next Mark, Ctrl+Shift+N; Previous Mark, Ctrl+Shift+B): a user's own set of rows, drawn white
 * on black over any row colouring, `frame.marked == 1` in the display filter, and what Export Specified Packets can
 * keep. A new capture starts with none (packets.ts clears the set with the rows).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { markedRows } from './user-row-sets';
import { usePacketsStore } from './packets';
import { packetColumns } from './packet-columns';
import { shownRowsInFileOrder, stepTo } from './row-stepping';

export const useMarkedPacketsStore = defineStore('markedPackets', () => {
  const packets = usePacketsStore();
  const version = ref(0);
  const count = computed(() => { void version.value; void packets.version; return markedRows.size; });

  function changed(): void { version.value++; }

  /** Ctrl+M: marks the selected packet, or unmarks it. */
  function toggleSelected(): void {
    const row = packets.selectedFrame === null ? -1 : packetColumns.indexOfFrame(packets.selectedFrame);
    if (row < 0) return;
    markedRows.toggle(row);
    changed();
  }

  /** Marks (or unmarks) every packet the list shows. */
  function setDisplayed(mark: boolean): void {
    const shown = shownRowsInFileOrder();
    markedRows.update(shown, shown.length, mark);
    changed();
  }

  /** Selects the next (or previous) marked packet the list shows, wrapping around; false when there is none. */
  function step(backwards: boolean): boolean {
    return stepTo(markedRows, backwards);
  }

  return { version, count, toggleSelected, markDisplayed: () => setDisplayed(true), unmarkDisplayed: () => setDisplayed(false), step };
});

