/**
 * A display-filter field as a packet-list column: Wireshark's custom column ("%Cus:FIELDS:OCCURRENCE"), for every
 * field the filter registry knows (fields.ts). tshark 4.0's rules (epan/column-utils.c, proto_custom_set in
 * epan/proto.c), checked on every corpus frame against `tshark -2 -o gui.column.format:…%Cus:FIELD`:
 * - FIELDS is one field or several joined by `||` (or `or`): the cell lists each field's values in that order;
 * - every occurrence of a field in the frame is listed, comma-separated, in the order the dissectors add them (a
 *   tunnel's outer IP header before the inner one, the source before the destination for ip.addr and tcp.port);
 *   OCCURRENCE n > 0 keeps only the n-th of each field, n < 0 counts from the last, 0 keeps all;
 * - values are written as the packet list writes them (field-value-text.ts).
 * Reads the same columns and context as a compiled filter, one row at a time (the rows on screen, or a sort key).
 */
import { ROW_BITS } from '../ipc/batch-layout';
import type { FlowInfo } from '../ipc/flow';
import { FLOW_GATE, gateOnRow, ROW_GATE_CODE } from './eval-nodes';
import { lookupField, type FieldDef } from './fields';
import type { FilterColumns, FilterContext } from './filter-context';
import { fieldValueText, type FieldValue } from './field-value-text';

export interface FieldColumn {
  /** The fields, as written (`tcp.srcport || udp.srcport`). */
  text: string;
  fields: readonly FieldDef[];
  /** 0: every occurrence; n > 0 the n-th; n < 0 the n-th from the last. */
  occurrence: number;
}

/** Fields whose values the window cannot show: their bytes stay in the worker. */
const WITHOUT_VALUES = new Set(['tcp.payload']);

/** Parses a column's fields (`a || b or c`) and occurrence; a message says what is wrong, as tshark would refuse it. */
export function parseFieldColumn(text: string, occurrence = 0): { ok: true; column: FieldColumn } | { ok: false; message: string } {
  const names = text.split(/\s*\|\|\s*|\s+or\s+/).map((n) => n.trim());
  if (names.length === 0 || names.some((n) => n === '')) return { ok: false, message: 'Name a field, or fields joined by ||.' };
  if (!Number.isInteger(occurrence) || Math.abs(occurrence) > 1000) return { ok: false, message: 'The occurrence is a whole number (0: all).' };
  const fields: FieldDef[] = [];
  for (const name of names) {
    const def = lookupField(name);
    if (!def) return { ok: false, message: `"${name}" is not a field SynAck knows (the display filter's fields are).` };
    if (WITHOUT_VALUES.has(name)) return { ok: false, message: `${name} holds packet bytes, which the packet list does not keep; the packet's detail shows them.` };
    fields.push(def);
  }
  return { ok: true, column: { text: names.join(' || '), fields, occurrence } };
}

/** Scratch for row fields' extractors (one row, up to two values). */
const one = new Float64Array(1), two = new Float64Array(1);

/** Every occurrence of `def` in row `i`, in tshark's order, appended to `out`. */
export function fieldOccurrences(def: FieldDef, cols: FilterColumns, ctx: FilterContext, i: number, out: FieldValue[]): void {
  if (def.source.kind === 'row') {
    one[0] = NaN; two[0] = NaN;
    def.source.extract(cols, ctx, i, 1, one, two);
    const first = def.source.outerInSecond ? two[0] : one[0], second = def.source.outerInSecond ? one[0] : two[0];
    if (!Number.isNaN(first)) out.push(first);
    if (def.source.arity === 2 && !Number.isNaN(second)) out.push(second);
    return;
  }
  const source = def.source, gate = FLOW_GATE[source.gate];
  const layer = (f: FlowInfo | undefined, senderEnd: 0 | 1): void => {
    if (!f || !gate(f)) return;
    const ends: (0 | 1)[] = source.role === 'src' ? [senderEnd] : source.role === 'dst' ? [(1 - senderEnd) as 0 | 1] : [senderEnd, (1 - senderEnd) as 0 | 1];
    for (const end of ends) out.push(flowValue(def, f, end));
  };
  const outer = cols.outerFlow?.[i];
  if (outer !== undefined && outer >= 0) layer(ctx.flows.at(outer), cols.rowBits[i] & ROW_BITS.OUTER_DIR ? 1 : 0);
  if (cols.flow[i] >= 0 && gateOnRow(ROW_GATE_CODE[source.gate], cols, i)) layer(ctx.flows.at(cols.flow[i]), cols.dir[i] as 0 | 1);
}

/** An address as the flow table writes it (dotted quad, RFC 5952), a port as its number. */
function flowValue(def: FieldDef, f: FlowInfo, end: 0 | 1): FieldValue {
  if (def.type === 'ipv4' || def.type === 'ipv6') return end === 0 ? f.addrA : f.addrB;
  return def.source.kind === 'flow' ? def.source.endpoint(f, end) as number : NaN;
}

/** The values a column shows for row `i`: each field's occurrences (or the chosen one), fields in order. */
export function fieldColumnValues(c: FieldColumn, cols: FilterColumns, ctx: FilterContext, i: number): { def: FieldDef; value: FieldValue }[] {
  const shown: { def: FieldDef; value: FieldValue }[] = [];
  const all: FieldValue[] = [];
  for (const def of c.fields) {
    all.length = 0;
    fieldOccurrences(def, cols, ctx, i, all);
    if (c.occurrence === 0) { for (const value of all) shown.push({ def, value }); continue; }
    const k = c.occurrence > 0 ? c.occurrence - 1 : all.length + c.occurrence;
    if (k >= 0 && k < all.length) shown.push({ def, value: all[k] });
  }
  return shown;
}

/** The cell's text for row `i` ('' when the row has none of the fields). */
export function fieldColumnText(c: FieldColumn, cols: FilterColumns, ctx: FilterContext, i: number): string {
  return fieldColumnValues(c, cols, ctx, i).map(({ def, value }) => fieldValueText(def, value, cols, ctx, i)).join(',');
}
