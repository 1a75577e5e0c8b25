/**
 * Wireshark's Expert Information for TCP, counted over the stored rows: how many packets carry each tcp.analysis
 * flag, grouped by Wireshark's severity (warning, note, chat). Counting is incremental — each call reads only the
 * rows stored since the last one — so the status bar can keep it current while a capture loads without a pass
 * over ten million rows per batch.
 */
import type { StoredColumns } from '../stores/packet-columns';
import { ANALYSIS_INFO, type AnalysisInfo, type Severity } from './tcp-analysis-text';

export interface ExpertGroup { info: AnalysisInfo; count: number }

export class ExpertCounter {
  private counted = 0;
  private generation = -1;
  /** Packets per TCP_A bit (index: the bit's position). */
  private readonly byBit = new Float64Array(16);

  /** Forgets every count (another capture). */
  reset(): void { this.byBit.fill(0); this.counted = 0; this.generation = -1; }

  /**
   * Brings the counts up to `cols.rows`, starting again when the rows are another capture's: `generation` (the column
   * store's count of clears) changed, or there are fewer rows than counted.
   */
  update(cols: StoredColumns, generation: number): void {
    if (generation !== this.generation || cols.rows < this.counted) { this.reset(); this.generation = generation; }
    const a = cols.analysis;
    for (let r = this.counted; r < cols.rows; r++) {
      for (let bits = a[r]; bits !== 0; bits &= bits - 1) this.byBit[31 - Math.clz32(bits & -bits)]++;
    }
    this.counted = cols.rows;
  }

  /** The flags that occur, warnings first, then notes, then chats; within one, the most frequent first. */
  groups(): ExpertGroup[] {
    const rank: Record<Severity, number> = { warn: 0, note: 1, chat: 2 };
    return ANALYSIS_INFO.map((info) => ({ info, count: this.byBit[31 - Math.clz32(info.bit)] }))
      .filter((g) => g.count > 0)
      .sort((x, y) => rank[x.info.severity] - rank[y.info.severity] || y.count - x.count);
  }

  /** Packets with at least one flag of each severity counted (a packet with two notes counts twice). */
  totals(): Record<Severity, number> {
    const t: Record<Severity, number> = { warn: 0, note: 0, chat: 0 };
    for (const g of this.groups()) t[g.info.severity] += g.count;
    return t;
  }
}

/** The first `limit` rows carrying analysis bit `bit` (Wireshark's expert dialog lists each packet under its flag). */
export function rowsWithFlag(cols: StoredColumns, bit: number, limit: number): { rows: number[]; total: number } {
  const rows: number[] = [];
  let total = 0;
  const a = cols.analysis;
  for (let r = 0; r < cols.rows; r++) {
    if (!(a[r] & bit)) continue;
    total++;
    if (rows.length < limit) rows.push(r);
  }
  return { rows, total };
}
