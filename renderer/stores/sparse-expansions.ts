/**
 * The sparse columns of the stored rows (packet-columns.ts: ACK RTT, related, RTO and acknowledged frames, outer flows,
 * cut lengths) as a filter or the custom columns read them: each field names the columns it reads
 * (shared/filter/fields.ts expandedColumnsOf), those are expanded for the reader (its `holder`), and the ones it no
 * longer reads are given back, so a column nobody names costs only its sparse pairs.
 */
import { expandedColumnsOf, type ExpandedColumn, type FieldDef } from '../../shared/filter/fields';
import type { FilterColumns } from '../../shared/filter/filter-context';

/** A sparse column's full expansion, made on demand and given back (sparse-column.ts). */
export interface DenseSource { dense(rowCount: number, holder?: string): Float64Array; release(holder?: string): void }

/** The sparse columns by the filter column each expands to. */
export type SparseSources = Readonly<Record<ExpandedColumn, DenseSource>>;

export type Expansions = Partial<Pick<FilterColumns, ExpandedColumn>>;

const ALL: readonly ExpandedColumn[] = ['ackRttNs', 'outerFlow', 'capCut', 'relatedFrame', 'rtoFrame', 'ackedFrame'];

/** The sparse columns `fields` read. */
export function expandedColumnsRead(fields: Iterable<FieldDef>): ReadonlySet<ExpandedColumn> {
  const out = new Set<ExpandedColumn>();
  for (const f of fields) for (const c of expandedColumnsOf(f)) out.add(c);
  return out;
}

/** Gives back, for `holder`, the expansions of every sparse column not in `read`. */
export function releaseUnread(sources: SparseSources, read: ReadonlySet<ExpandedColumn>, holder?: string): void {
  for (const c of ALL) if (!read.has(c)) sources[c].release(holder);
}

/** The columns in `read`, expanded over rows [0, `rowCount`) for `holder` (the others stay absent). */
export function expand(sources: SparseSources, read: ReadonlySet<ExpandedColumn>, rowCount: number, holder?: string): Expansions {
  const out: Expansions = {};
  for (const c of read) out[c] = sources[c].dense(rowCount, holder);
  return out;
}

/** Sources that expand the same columns as `sources` but never give them back (a second reader beside their owner). */
export function borrowed(sources: SparseSources): SparseSources {
  const borrow = (c: DenseSource): DenseSource => ({ dense: (n) => c.dense(n), release: () => {} });
  return Object.fromEntries(ALL.map((c) => [c, borrow(sources[c])])) as Record<ExpandedColumn, DenseSource>;
}
