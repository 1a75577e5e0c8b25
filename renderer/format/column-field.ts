/**
 * Apply as Column from a packet field: the display-filter field a detail row or a list cell stands for (the name its
 * filter starts with, `tcp.analysis.ack_rtt == 0.000135000` → tcp.analysis.ack_rtt), when the list can show it as a
 * column (shared/filter/field-column.ts); null otherwise.
 */
import { parseFieldColumn } from '../../shared/filter/field-column';

export function columnFieldOf(filter: string | null): string | null {
  const name = filter === null ? null : /^[a-z][a-z0-9_.]*/i.exec(filter.trim())?.[0] ?? null;
  return name !== null && parseFieldColumn(name).ok ? name : null;
}
