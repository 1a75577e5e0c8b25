/**
 * `-Y FILTER` of `synack-capture read`: SynAck's display filter (shared/filter, the language of the app's
 * filter bar) tested on each packet's tracked row while the file streams by, as `tshark -Y` does, on the row as
 * tracked-row-view.ts shows it (with -2 a first pass over the file comes before). Memory stays bounded by the
 * tracker's flow and stream tables.
 */
import type { CaptureRecord } from '../../../shared/capture-file/capture-reader';
import type { FilterError } from '../../../shared/filter/ast';
import { compileFilter, type CompiledFilter } from '../../../shared/filter/compile';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import type { FinalValues } from '../../../shared/tcp/final-values';
import type { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { TrackedRowView } from './tracked-row-view';

/**
 * The error as a few lines: the message (with its column and any "did you mean"), the filter with the
 * wrong part underlined (as tshark does), and what would have been accepted there.
 */
export function filterErrorText(text: string, e: FilterError): string {
  const width = Math.max(1, Math.min(e.end, text.length) - e.start);
  const lines = [`bad display filter (-Y): ${e.message}`, `  ${text}`, `  ${' '.repeat(e.start)}^${'~'.repeat(width - 1)}`];
  // Tokens in quotes, descriptions ("a field name") as they are.
  if (e.expected.length > 0) lines.push(`expected: ${e.expected.map((x) => (x.includes(' ') ? x : `"${x}"`)).join(' or ')}`);
  return lines.join('\n');
}

/** Compiles -Y text; a string is the error to print. */
export function compileDisplayFilter(text: string): CompiledFilter | string {
  const r = compileFilter(text);
  return r.ok ? r.filter : filterErrorText(text, r.error);
}

/** Tests one tracked row at a time against a compiled filter (moving `rows`, which the caller may read after). */
export class PacketFilter {
  /** `final`: the first pass's values for -2, or null for one pass. */
  constructor(private readonly filter: CompiledFilter, final: FinalValues | null, readonly rows = new TrackedRowView(final)) {}

  /** Whether the row just tracked into `cols` (row 0) passes; `tracker` is the one that filled it. */
  matches(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, tracker: TcpTracker): boolean {
    this.rows.moveTo(rec, pkt, cols, tracker);
    return this.filter.test(this.rows.view!, this.rows.ctx!, 0);
  }
}
