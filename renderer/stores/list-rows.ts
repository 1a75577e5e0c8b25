/**
 * What the packet list shows of a row, for whoever needs its text (the list itself, Find Packet's search of the list,
 * Copy ▸ Summary): the row context of the current time format, and the shown columns with the Time column's title.
 */
import type { DerivedTimeColumns } from '../../shared/filter/derived-times';
import { timeFormat, type TimeMode } from '../format/packet-time';
import type { RowContext } from '../format/packet-row';
import { flowTable } from './conversations';
import { packetColumns } from './packet-columns';
import { displayIndex } from './packets';
import { timeReferences } from './user-row-sets';
import { LIST_COLUMNS, useViewSettingsStore, type ColumnDef, type ColumnId } from './view-settings';
import { customCellText, customColumnDef, customColumnSource, shownCustomColumns } from './custom-columns';

/** The time formats that show (and sort by) a difference worked out over the rows (shared/filter/derived-times.ts). */
export const isDeltaMode = (mode: TimeMode): mode is 'delta' | 'conversation' => mode === 'delta' || mode === 'conversation';

/** The one difference column the delta format shows (8 bytes a row), kept while it is shown. */
export function listTimeDeltas(): DerivedTimeColumns {
  return packetColumns.listTimeDeltas.keep(useViewSettingsStore().timeMode === 'delta' ? ['frameDelta'] : ['tcpDelta']);
}

/** What rowText needs for the rows stored so far, in the list's time format. */
export function listRowContext(): RowContext {
  const settings = useViewSettingsStore();
  const cols = packetColumns.cols;
  const timeDeltas = isDeltaMode(settings.timeMode) ? listTimeDeltas().extend(cols, cols.rows) : undefined;
  const custom = shownCustomColumns();
  const source = custom.length > 0 ? customColumnSource(custom) : null;
  return {
    cols, flows: flowTable, timeMode: settings.timeMode, zone: settings.zone, timeDeltas,
    previousShown: !displayIndex.hidesRows ? undefined : (row) => displayIndex.previousShown(row), references: timeReferences,
    custom: source ? custom.map((c) => ({ id: c.id, text: (row: number) => customCellText(c, source, row) })) : undefined,
  };
}

/**
 * The shown columns, the Time column titled by its format, the custom ones (Apply as Column) before Info, as Wireshark
 * adds a column before the last.
 */
export function shownListColumns(): ColumnDef<ColumnId>[] {
  const settings = useViewSettingsStore();
  const f = timeFormat(settings.timeMode, settings.zone);
  const builtIn: ColumnDef<ColumnId>[] = LIST_COLUMNS.filter((c) => !settings.hidden.includes(c.id)).map((c) => (c.id === 'time' ? { ...c, title: f.title, hint: f.hint } : c));
  const info = builtIn.findIndex((c) => c.id === 'info');
  builtIn.splice(info < 0 ? builtIn.length : info, 0, ...shownCustomColumns().map(customColumnDef));
  return builtIn;
}
