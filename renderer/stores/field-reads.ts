/**
 * What a set of display-filter fields reads beside the stored rows' dense columns, decided from the compiled fields
 * themselves (never from a filter's text), and the one way the applied filter (filter-adapter.ts), a second filter
 * (an I/O graph line) and the custom columns (custom-columns.ts) get it:
 * - the sparse columns (packet-columns.ts: ACK RTT, related, RTO and acknowledged frames, outer flows, cut lengths),
 *   which each field names (shared/filter/fields.ts expandedColumnsOf), expanded for the reader (its `holder`);
 * - the time differences (frame.time_delta, tcp.time_*: shared/filter/derived-times.ts) and tcp.analysis.push_bytes_sent
 *   (shared/filter/push-bytes.ts), worked out over the rows in file order in the reader's own columns;
 * - each stream's iRTT from the conversation summaries (tcp.analysis.initial_rtt).
 * What a reader no longer reads is given back, so a column nobody names costs only its sparse pairs.
 */
import { DerivedTimeColumns, type TimeColumnName } from '../../shared/filter/derived-times';
import { expandedColumnsOf, type ExpandedColumn, type FieldDef } from '../../shared/filter/fields';
import type { FilterColumns } from '../../shared/filter/filter-context';
import { PushBytesColumn } from '../../shared/filter/push-bytes';
import type { StoredColumns } from './packet-columns';

/** A sparse column's full expansion, made on demand and given back (sparse-column.ts). */
export interface DenseSource { dense(rowCount: number, holder?: string): Float64Array; release(holder?: string): void }

/** The sparse columns by the filter column each expands to. */
export type SparseSources = Readonly<Record<ExpandedColumn, DenseSource>>;

/** Where one reader's reads come from: the store's sparse columns, and its own worked-out columns. */
export interface ReadSources { sparse: SparseSources; timeDeltas: DerivedTimeColumns; pushBytes: PushBytesColumn }

/** Sources for a reader of the store's `sparse` columns with worked-out columns of its own (empty until it names a field). */
export function ownReadSources(sparse: SparseSources): ReadSources {
  return { sparse, timeDeltas: new DerivedTimeColumns(), pushBytes: new PushBytesColumn() };
}

/** What a set of fields reads beside the dense columns. */
export interface FieldReads {
  sparse: ReadonlySet<ExpandedColumn>;
  times: readonly TimeColumnName[];
  pushBytes: boolean;
  initialRtt: boolean;
}

/** The time difference column each field reads (derived-times.ts). */
const TIME_COLUMN: Readonly<Record<string, TimeColumnName>> = {
  'frame.time_delta': 'frameDelta', 'tcp.time_relative': 'tcpRelative', 'tcp.time_delta': 'tcpDelta',
};

/** What `fields` read. */
export function fieldReads(fields: Iterable<FieldDef>): FieldReads {
  const sparse = new Set<ExpandedColumn>(), times = new Set<TimeColumnName>();
  let pushBytes = false, initialRtt = false;
  for (const f of fields) {
    for (const c of expandedColumnsOf(f)) sparse.add(c);
    const t = TIME_COLUMN[f.name];
    if (t) times.add(t);
    pushBytes ||= f.name === 'tcp.analysis.push_bytes_sent';
    initialRtt ||= f.name === 'tcp.analysis.initial_rtt';
  }
  return { sparse, times: [...times], pushBytes, initialRtt };
}

/** Nothing beside the dense columns (what a reader with no fields reads). */
export const NO_READS: FieldReads = fieldReads([]);

/** Keeps in `src` what `reads` needs and gives back, for `holder`, what it does not. */
export function prepareReads(src: ReadSources, reads: FieldReads, holder?: string): void {
  for (const c of Object.keys(src.sparse) as ExpandedColumn[]) if (!reads.sparse.has(c)) src.sparse[c].release(holder);
  if (reads.times.length > 0) src.timeDeltas.keep(reads.times);
  else if (src.timeDeltas.byteLength > 0) src.timeDeltas.clear();
  if (!reads.pushBytes && src.pushBytes.byteLength > 0) src.pushBytes.clear();
}

/** `cols` with what `reads` needs over rows [0, `rowCount`) (after prepareReads with the same reads). */
export function withReads(cols: StoredColumns, src: ReadSources, reads: FieldReads, rowCount: number, holder?: string): StoredColumns & FilterColumns {
  if (reads.sparse.size === 0 && reads.times.length === 0 && !reads.pushBytes) return cols;
  const times = reads.times.length > 0 ? src.timeDeltas.extend(cols, rowCount) : null;
  const out: StoredColumns & FilterColumns = {
    ...cols,
    frameTimeDeltaNs: times?.frameDelta, tcpTimeRelativeNs: times?.tcpRelative, tcpTimeDeltaNs: times?.tcpDelta,
    pushBytesSent: reads.pushBytes ? src.pushBytes.extend(cols, rowCount).values : undefined,
  };
  for (const c of reads.sparse) out[c] = src.sparse[c].dense(rowCount, holder);
  return out;
}

/** Sources that expand the same sparse columns as `sparse` but never give them back (a second reader beside their owner). */
export function borrowedSparse(sparse: SparseSources): SparseSources {
  const borrow = (c: DenseSource): DenseSource => ({ dense: (n) => c.dense(n), release: () => {} });
  return Object.fromEntries(Object.entries(sparse).map(([k, c]) => [k, borrow(c)])) as Record<ExpandedColumn, DenseSource>;
}
