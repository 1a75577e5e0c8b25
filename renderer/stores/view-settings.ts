/**
 * How the packet list shows things: time format and zone, hidden columns, custom columns (display-filter fields, as
 * Wireshark's Apply as Column makes them), row colours. Small, user-chosen state.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { timeFormat, type TimeFormatChoice, type TimeMode, type TimeZoneMode } from '../format/packet-time';
import { MAX_CUSTOM_COLUMNS, type CustomColumnSetting } from '../../shared/filter/custom-column-setting';
import { parseFieldColumn, type FieldColumn } from '../../shared/filter/field-column';
import { FIELD_TITLES } from '../../shared/filter/field-titles';

export type ListColumn = 'frame' | 'time' | 'source' | 'destination' | 'flags' | 'seq' | 'ack' | 'win' | 'len' | 'stream' | 'info';

/** A custom column's id in the list: `custom-<CustomColumnSetting.id>`. */
export type CustomColumnId = `custom-${number}`;
export type ColumnId = ListColumn | CustomColumnId;

export const customColumnId = (c: Pick<CustomColumnSetting, 'id'>): CustomColumnId => `custom-${c.id}`;
export const isCustomColumnId = (id: string): id is CustomColumnId => id.startsWith('custom-');

/** `hint`: what the column shows, where its name alone does not say (the header's tooltip). */
export interface ColumnDef<Id extends ColumnId = ListColumn> { id: Id; title: string; width: string; numeric: boolean; hint?: string }

/** Column order and default widths (CSS grid track sizes; Info takes the rest). */
export const LIST_COLUMNS: readonly ColumnDef[] = [
  { id: 'frame', title: 'No.', width: '6.5em', numeric: true },
  { id: 'time', title: 'Time', width: '9.5em', numeric: true },
  { id: 'source', title: 'Source', width: 'minmax(8em, 12em)', numeric: false },
  { id: 'destination', title: 'Destination', width: 'minmax(8em, 12em)', numeric: false },
  { id: 'flags', title: 'Flags', width: '12em', numeric: false, hint: 'TCP flags as tcpdump prints them, then by name' },
  { id: 'seq', title: 'Seq', width: '6em', numeric: true, hint: 'Sequence number, relative to the sender\'s initial one' },
  { id: 'ack', title: 'Ack', width: '6em', numeric: true, hint: 'Acknowledgment number, relative to the peer\'s initial sequence number' },
  { id: 'win', title: 'Win', width: '4.5em', numeric: true, hint: 'Window field as sent, unscaled (as tcpdump prints it); Info shows it scaled' },
  { id: 'len', title: 'Len', width: '4em', numeric: true, hint: 'TCP payload bytes' },
  { id: 'stream', title: 'Stream', width: '5em', numeric: true, hint: 'tcp.stream: the TCP conversation, numbered as Wireshark numbers them (the conversation table\'s first column)' },
  { id: 'info', title: 'Info', width: 'minmax(12em, 1fr)', numeric: false },
];

/**
 * What the packet list's row backgrounds show: SynAck's conversation phases (handshake, close, reset), the coloring
 * rules (Wireshark's defaults — Bad TCP, TCP SYN/FIN, HTTP … — or the user's: coloring-rules.ts), or nothing.
 * Colorize Conversation's colours show over the phases too.
 */
export type RowColors = 'phases' | 'wireshark' | 'none';

export const ROW_COLOR_CHOICES: readonly { id: RowColors; label: string }[] = [
  { id: 'phases', label: 'Conversation phases' },
  { id: 'wireshark', label: 'Coloring rules' },
  { id: 'none', label: 'None' },
];

/** A custom column's title: the one given, else the first field's Wireshark name (as Apply as Column titles it). */
function columnTitle(column: FieldColumn, title?: string): string {
  return ((title ?? '').trim() || FIELD_TITLES[column.fields[0].name] || column.text).slice(0, 80);
}

export const useViewSettingsStore = defineStore('viewSettings', () => {
  const timeMode = ref<TimeMode>('relative');
  const rowColors = ref<RowColors>('phases');
  const zone = ref<TimeZoneMode>('local');
  const hidden = ref<ListColumn[]>([]);
  const custom = ref<CustomColumnSetting[]>([]);

  function toggleColumn(id: ListColumn): void {
    hidden.value = hidden.value.includes(id) ? hidden.value.filter((c) => c !== id) : [...hidden.value, id];
  }

  /** The chosen time format's id (TimeFormatChoice.id: what Electron stores). */
  const timeFormatId = computed(() => timeFormat(timeMode.value, zone.value).id);

  /** Shows times in format `f` (a clock format sets the zone too). */
  function setTimeFormat(f: TimeFormatChoice): void {
    timeMode.value = f.mode;
    if (f.zone) zone.value = f.zone;
  }

  /**
   * Adds a column showing `fields` (one field or several joined by ||; `occurrence` 0 for all) titled `title` (default: the
   * first field's Wireshark name, as Apply as Column titles it). Returns why not, or null when added.
   */
  function addCustomColumn(fields: string, occurrence = 0, title?: string): string | null {
    const parsed = parseFieldColumn(fields, occurrence);
    if (!parsed.ok) return parsed.message;
    if (custom.value.length >= MAX_CUSTOM_COLUMNS) return `At most ${MAX_CUSTOM_COLUMNS} custom columns; remove one first.`;
    const id = custom.value.reduce((max, c) => Math.max(max, c.id + 1), 0);
    custom.value = [...custom.value, { id, title: columnTitle(parsed.column, title), fields: parsed.column.text, occurrence, hidden: false }];
    return null;
  }

  /**
   * Wireshark's Edit Column: column `id` shows `fields` at `occurrence`, titled `title` (empty: the first field's name), in
   * its place, shown or hidden as it was (its id stays: a sort by it survives). Returns why not, or null when changed.
   */
  function editCustomColumn(id: number, fields: string, occurrence: number, title: string): string | null {
    const parsed = parseFieldColumn(fields, occurrence);
    if (!parsed.ok) return parsed.message;
    if (!custom.value.some((c) => c.id === id)) return 'That column was removed.';
    custom.value = custom.value.map((c) => (c.id === id ? { ...c, title: columnTitle(parsed.column, title), fields: parsed.column.text, occurrence } : c));
    return null;
  }

  function removeCustomColumn(id: number): void {
    custom.value = custom.value.filter((c) => c.id !== id);
  }

  function toggleCustomColumn(id: number): void {
    custom.value = custom.value.map((c) => (c.id === id ? { ...c, hidden: !c.hidden } : c));
  }

  return {
    timeMode, zone, hidden, custom, rowColors, timeFormatId, toggleColumn, setTimeFormat, addCustomColumn, editCustomColumn, removeCustomColumn,
    toggleCustomColumn,
  };
});
