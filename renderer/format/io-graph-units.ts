/**
 * An I/O graph line's Y axis, as Wireshark's I/O Graphs dialog offers it (ui/io_graph_item.h): packets, bytes or bits
 * per interval, or a calculation over a Y field's values — SUM, COUNT FRAMES, COUNT FIELDS, MAX, MIN, AVG, LOAD — and
 * which fields each calculation takes (io_graph_item.c check_field_unit): integers every one but LOAD, relative times
 * every one, LOAD only them; anything else (addresses, flags, protocols, absolute times) only the two counts.
 */
import { closestName } from '../../shared/filter/edit-distance';
import { FIELDS, lookupField, type FieldDef } from '../../shared/filter/fields';

export type IoUnit = 'packets' | 'bytes' | 'bits' | 'sum' | 'frames' | 'fields' | 'max' | 'min' | 'avg' | 'load';

/** Each unit with Wireshark's name for it, in the dialog's order. */
export const IO_UNITS: readonly (readonly [IoUnit, string])[] = [
  ['packets', 'Packets'], ['bytes', 'Bytes'], ['bits', 'Bits'], ['sum', 'SUM(Y Field)'], ['frames', 'COUNT FRAMES(Y Field)'],
  ['fields', 'COUNT FIELDS(Y Field)'], ['max', 'MAX(Y Field)'], ['min', 'MIN(Y Field)'], ['avg', 'AVG(Y Field)'], ['load', 'LOAD(Y Field)'],
];

/** Whether `unit` reads a Y field. */
export function takesField(unit: IoUnit): boolean {
  return unit !== 'packets' && unit !== 'bytes' && unit !== 'bits';
}

/** How a calculation treats a field's values (Wireshark's field types). */
export type FieldKind = 'integer' | 'relativeTime' | 'countOnly';

/**
 * uint and int fields are FT_UINTn/FT_INTn; every 'time' field is FT_RELATIVE_TIME (frame.time_epoch too, tshark 4.0
 * `-G fields`: the time since 1970), frame.time ('abstime') FT_ABSOLUTE_TIME; SynAck's named values (synack.phase,
 * synack.state) are names, not amounts.
 */
export function fieldKind(def: FieldDef): FieldKind {
  if (def.type === 'uint' || def.type === 'int') return 'integer';
  if (def.type === 'time') return 'relativeTime';
  return 'countOnly';
}

const NAME: Readonly<Record<IoUnit, string>> = Object.fromEntries(IO_UNITS.map(([u, n]) => [u, n.replace('(Y Field)', '')])) as Record<IoUnit, string>;

/** A unit's short name: SUM, COUNT FRAMES … (Packets for the plain ones). */
export function unitName(unit: IoUnit): string {
  return NAME[unit];
}

/** The field a line's calculation reads, or why it cannot (worded as Wireshark's check_field_unit, with a suggestion). */
export function checkFieldUnit(fieldText: string, unit: IoUnit): { ok: true; def: FieldDef | null } | { ok: false; message: string } {
  if (!takesField(unit)) return { ok: true, def: null };
  const name = fieldText.trim();
  if (name === '') return { ok: false, message: `${unitName(unit)} is worked out over a Y field: name one (tcp.len, tcp.analysis.ack_rtt …).` };
  const def = lookupField(name);
  if (!def) {
    const near = closestName(name, FIELDS.keys());
    return { ok: false, message: `There is no field named '${name}'.${near ? ` Did you mean ${near}?` : ''}` };
  }
  const kind = fieldKind(def);
  if (unit === 'load' && kind !== 'relativeTime') return { ok: false, message: 'LOAD is only supported for relative-time fields (tcp.analysis.ack_rtt, frame.time_delta …).' };
  if (kind === 'countOnly' && unit !== 'frames' && unit !== 'fields') {
    return { ok: false, message: `"${name}" doesn't have integral or float values. ${unitName(unit)} calculations are not supported on it.` };
  }
  return { ok: true, def };
}
