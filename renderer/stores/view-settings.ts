/** How the packet list shows things: time format and zone, hidden columns. Small, user-chosen state. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TimeMode, TimeZoneMode } from '../format/packet-time';

export type ListColumn = 'frame' | 'time' | 'source' | 'destination' | 'flags' | 'seq' | 'ack' | 'win' | 'len' | 'info';

export interface ColumnDef { id: ListColumn; title: string; width: string; numeric: boolean }

/** Column order and default widths (CSS grid track sizes; Info takes the rest). */
export const LIST_COLUMNS: readonly ColumnDef[] = [
  { id: 'frame', title: 'No.', width: '6.5em', numeric: true },
  { id: 'time', title: 'Time', width: '9.5em', numeric: true },
  { id: 'source', title: 'Source', width: 'minmax(8em, 12em)', numeric: false },
  { id: 'destination', title: 'Destination', width: 'minmax(8em, 12em)', numeric: false },
  { id: 'flags', title: 'Flags', width: '12em', numeric: false },
  { id: 'seq', title: 'Seq', width: '6em', numeric: true },
  { id: 'ack', title: 'Ack', width: '6em', numeric: true },
  { id: 'win', title: 'Win', width: '4.5em', numeric: true },
  { id: 'len', title: 'Len', width: '4em', numeric: true },
  { id: 'info', title: 'Info', width: 'minmax(12em, 1fr)', numeric: false },
];

export const useViewSettingsStore = defineStore('viewSettings', () => {
  const timeMode = ref<TimeMode>('relative');
  const zone = ref<TimeZoneMode>('local');
  const hidden = ref<ListColumn[]>([]);

  function toggleColumn(id: ListColumn): void {
    hidden.value = hidden.value.includes(id) ? hidden.value.filter((c) => c !== id) : [...hidden.value, id];
  }

  return { timeMode, zone, hidden, toggleColumn };
});
