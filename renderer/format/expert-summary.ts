/**
 * Wireshark's Expert Information for TCP, counted over the stored rows: how many packets carry each tcp.analysis
 * flag, grouped by Wireshark's severity (warning, note, chat). Counting is incremental — each call reads only the
 * rows stored since the last one — so the status bar can keep it current while a capture loads without a pass
 * over ten million rows per batch. Besides Wireshark's flags, SynAck's own entry: the ICMP errors about TCP connections
 * (each with its note), which Wireshark's dialog does not list; the status bar's totals stay Wireshark's.
 */
import type { StoredColumns } from '../stores/packet-columns';
import { Note } from '../../shared/tcp/annotation';
import { ANALYSIS_INFO, type AnalysisInfo, type Severity } from './tcp-analysis-text';

/** A flag (or the ICMP entry) that occurs, how many packets carry it, and the display filter that lists them. */
export interface ExpertGroup { info: AnalysisInfo; count: number; filter: string }

/** The ICMP entry's key in place of an analysis bit. */
export const ICMP_ERRORS = -1;
const ICMP_INFO: AnalysisInfo = {
  bit: ICMP_ERRORS, field: '', tag: 'ICMP error about a TCP connection', severity: 'warn',
  why: 'A router or the peer\'s host reports that a segment could not be delivered, was too big for the path or ran out of '
    + 'hops; each packet\'s note says which and what it means (SynAck\'s entry: Wireshark lists none for these).',
};
/** An ICMP message quoting a TCP header: only errors quote one, and tshark's `tcp` holds even for a quote of 8 bytes. */
const ICMP_ERRORS_FILTER = '(icmp || icmpv6) && tcp';

export class ExpertCounter {
  private counted = 0;
  private generation = -1;
  /** Packets per TCP_A bit (index: the bit's position). */
  private readonly byBit = new Float64Array(16);
  private icmpErrors = 0;

  /** Forgets every count (another capture). */
  reset(): void { this.byBit.fill(0); this.icmpErrors = 0; this.counted = 0; this.generation = -1; }

  /**
   * Brings the counts up to `cols.rows`, starting again when the rows are another capture's: `generation` (the column
   * store's count of clears) changed, or there are fewer rows than counted.
   */
  update(cols: StoredColumns, generation: number): void {
    if (generation !== this.generation || cols.rows < this.counted) { this.reset(); this.generation = generation; }
    const a = cols.analysis, note = cols.note;
    for (let r = this.counted; r < cols.rows; r++) {
      for (let bits = a[r]; bits !== 0; bits &= bits - 1) this.byBit[31 - Math.clz32(bits & -bits)]++;
      if (note[r] === Note.IcmpError) this.icmpErrors++;
    }
    this.counted = cols.rows;
  }

  /** The flags that occur, warnings first, then notes, then chats; within one, the most frequent first. */
  groups(): ExpertGroup[] {
    const rank: Record<Severity, number> = { warn: 0, note: 1, chat: 2 };
    return ANALYSIS_INFO.map((info) => ({ info, count: this.byBit[31 - Math.clz32(info.bit)], filter: `tcp.analysis.${info.field}` }))
      .concat([{ info: ICMP_INFO, count: this.icmpErrors, filter: ICMP_ERRORS_FILTER }])
      .filter((g) => g.count > 0)
      .sort((x, y) => rank[x.info.severity] - rank[y.info.severity] || y.count - x.count);
  }

  /** Packets with at least one of Wireshark's flags of each severity (a packet with two notes counts twice). */
  totals(): Record<Severity, number> {
    const t: Record<Severity, number> = { warn: 0, note: 0, chat: 0 };
    for (const g of this.groups()) if (g.info.bit !== ICMP_ERRORS) t[g.info.severity] += g.count;
    return t;
  }
}

/**
 * The first `limit` rows carrying analysis bit `bit`, or the ICMP errors about TCP connections for ICMP_ERRORS
 * (Wireshark's expert dialog lists each packet under its flag).
 */
export function rowsWithFlag(cols: StoredColumns, bit: number, limit: number): { rows: number[]; total: number } {
  const rows: number[] = [];
  let total = 0;
  const a = cols.analysis, note = cols.note;
  for (let r = 0; r < cols.rows; r++) {
    if (bit === ICMP_ERRORS ? note[r] !== Note.IcmpError : !(a[r] & bit)) continue;
    total++;
    if (rows.length < limit) rows.push(r);
  }
  return { rows, total };
}
