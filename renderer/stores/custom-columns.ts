/**
 * The packet list's custom columns (Wireshark's Apply as Column): each shown one compiled from the view settings, and
 * what their cells read. A cell is worked out by the display filter's own field extractors over the stored rows
 * (shared/filter/field-column.ts, checked against tshark's %Cus columns), for the rows on screen only; a sort by a
 * custom column works a key out for every row once.
 *
 * Columns the store keeps sparse (tcp.analysis.ack_rtt, related and acknowledged frames, the outer IP layer's flow, what
 * a snapshot length cut) are expanded while a shown custom column reads them, as for a filter (holder "columns" in
 * sparse-column.ts, field-reads.ts); the time
 * differences (frame.time_delta, tcp.time_*) and push bytes are worked out in their own columns (packetColumns.readers) while one is shown.
 */
import { fieldColumnText, fieldColumnValues, parseFieldColumn, type FieldColumn } from '../../shared/filter/field-column';
import type { FieldDef } from '../../shared/filter/fields';
import type { FilterColumns, FilterContext } from '../../shared/filter/filter-context';
import type { CustomColumnSetting } from '../../shared/filter/custom-column-setting';
import { storedRowsContext } from './filter-adapter';
import { hexValue } from '../../shared/wire/detail-node';
import { fieldValueText, type FieldValue } from '../../shared/filter/field-value-text';
import { packetColumns, type StoredColumns } from './packet-columns';
import { customColumnId, useViewSettingsStore, type ColumnDef, type CustomColumnId } from './view-settings';
import { fieldReads, NO_READS, prepareReads, withReads } from './field-reads';

export interface ShownCustomColumn { id: CustomColumnId; setting: CustomColumnSetting; column: FieldColumn }

/** The custom columns' name for the sparse expansions they hold (sparse-column.ts). */
const HOLDER = 'columns';

let compiledFrom: readonly CustomColumnSetting[] | null = null;
let compiled: ShownCustomColumn[] = [];

/** The shown custom columns, in list order (compiled again only when the settings change). */
export function shownCustomColumns(): ShownCustomColumn[] {
  const settings = useViewSettingsStore().custom;
  if (settings !== compiledFrom) {
    compiledFrom = settings;
    compiled = settings.filter((s) => !s.hidden).flatMap((setting) => {
      const p = parseFieldColumn(setting.fields, setting.occurrence);
      return p.ok ? [{ id: customColumnId(setting), setting, column: p.column }] : [];
    });
  }
  return compiled;
}

/** A custom column's header: right-aligned when every field is a number or a time. */
export function customColumnDef(c: ShownCustomColumn): ColumnDef<CustomColumnId> {
  const numeric = c.column.fields.every((f) => f.type === 'uint' || f.type === 'int' || f.type === 'time');
  const occ = c.setting.occurrence ? ` (occurrence ${c.setting.occurrence})` : '';
  return { id: c.id, title: c.setting.title, width: numeric ? '7em' : '10em', numeric, hint: `Custom column: ${c.column.text}${occ}` };
}

/** What the cells of `columns` read: the stored rows with the expansions they need, and the filter context. */
export interface CustomColumnSource { cols: FilterColumns; ctx: FilterContext }

/**
 * The source for `columns` over the rows stored now. Expansions nobody shown needs any more are given back here, so
 * removing the last column on ack_rtt frees its 8 bytes a row.
 */
export function customColumnSource(columns: readonly ShownCustomColumn[], store = packetColumns): CustomColumnSource {
  const src = store.readers.columns, reads = fieldReads(columns.flatMap((c) => c.column.fields));
  prepareReads(src, reads, HOLDER);
  return { cols: withReads(store.cols, src, reads, store.cols.rows, HOLDER), ctx: storedRowsContext(reads.initialRtt) };
}

/** Gives back what custom columns expanded once none is shown (the columns were removed or hidden). */
export function releaseCustomColumnReads(store = packetColumns): void {
  prepareReads(store.readers.columns, NO_READS, HOLDER);
}

/** Row `row`'s cell in column `c`. */
export function customCellText(c: ShownCustomColumn, source: CustomColumnSource, row: number): string {
  return fieldColumnText(c.column, source.cols, source.ctx, row);
}

/**
 * Apply as Filter on a custom cell: its first value as a filter (`tcp.analysis.ack_rtt == 0.000135000`, a flag by its
 * name alone, a boolean as 1 or 0); null when the cell is empty or shows a calendar time (filter on frame.time_epoch).
 */
export function customCellFilter(c: ShownCustomColumn, source: CustomColumnSource, row: number): { field: string; label: string } | null {
  const first = fieldColumnValues(c.column, source.cols, source.ctx, row)[0];
  if (!first) return null;
  const text = filterValue(first.def, first.value, source, row);
  return text === null ? null : { field: text, label: c.setting.title };
}

function filterValue(def: FieldDef, v: FieldValue, source: CustomColumnSource, row: number): string | null {
  if (typeof v === 'string') return `${def.name} == ${v}`;
  switch (def.type) {
    case 'protocol': case 'flag': return def.name;
    case 'bool': return `${def.name} == ${v ? 1 : 0}`;
    case 'enum': return `${def.name} == ${def.values?.find((x) => x.value === v)?.name ?? v}`;
    case 'uint': case 'int': return `${def.name} == ${def.name === 'tcp.flags' ? hexValue(v, 4) : v}`;
    case 'time': return `${def.name} == ${fieldValueText(def, v, source.cols, source.ctx, row)}`;
    default: return null;
  }
}

/**
 * What a sort by column `c` orders rows by: the first value the cell shows (an address by its number, an IPv6 one by its
 * first six bytes), rows without one first, as Wireshark sorts empty cells. Worked out for every row once per sort: a
 * single row field by its extractor a chunk at a time, anything else cell by cell.
 */
export function customSortKey(c: ShownCustomColumn): (cols: StoredColumns) => (row: number) => number {
  return (stored) => {
    const shown = shownCustomColumns();
    const source = customColumnSource(shown.some((x) => x.id === c.id) ? shown : [...shown, c]);
    const n = stored.rows, keys = new Float64Array(n);
    const def = c.column.fields[0], src = def.source;
    if (c.column.fields.length === 1 && src.kind === 'row' && (c.column.occurrence === 0 || c.column.occurrence === 1)) {
      const out = new Float64Array(CHUNK), out2 = new Float64Array(CHUNK);
      for (let from = 0; from < n; from += CHUNK) {
        const m = Math.min(CHUNK, n - from);
        out2.fill(NaN);
        src.extract(source.cols, source.ctx, from, m, out, out2);
        const first = src.outerInSecond ? out2 : out, second = src.outerInSecond ? out : out2;
        for (let j = 0; j < m; j++) {
          const v = Number.isNaN(first[j]) && src.arity === 2 ? second[j] : first[j];
          keys[from + j] = Number.isNaN(v) ? -Number.MAX_VALUE : v;
        }
      }
    } else {
      for (let row = 0; row < n; row++) {
        const first = fieldColumnValues(c.column, source.cols, source.ctx, row)[0];
        keys[row] = !first ? -Number.MAX_VALUE : typeof first.value === 'number' ? first.value : addressKey(first.value);
      }
    }
    return (row) => keys[row];
  };
}

const CHUNK = 4096;

/** An address's order: IPv4 as its 32-bit number, IPv6 by its leading 48 bits (then ties keep file order). */
function addressKey(text: string): number {
  if (!text.includes(':')) return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const groups = expandIpv6(text);
  return (groups[0] * 65536 + groups[1]) * 65536 + groups[2];
}

function expandIpv6(text: string): number[] {
  const [head, tail = ''] = text.split('::');
  const h = head ? head.split(':') : [], t = tail ? tail.split(':') : [];
  const all = text.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return all.map((g) => parseInt(g, 16) || 0);
}
