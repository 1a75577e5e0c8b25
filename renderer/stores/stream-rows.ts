/**
 * The stored rows of a tcp.stream, ascending: the one way the renderer finds a stream's rows (the ladder, the
 * options card and the stream graphs through useConversationRows, Export Selected Conversation, Follow). The ladder
 * also asks for the ICMP errors about the stream that tshark gives no tcp.stream (a quote of a header's first 8
 * bytes, as routers send: found by their TCP flow's stream).
 */
import { Note } from '../../shared/tcp/annotation';
import { flowTable } from './conversations';
import { packetColumns } from './packet-columns';

/**
 * The stored rows of one stream, extended as rows arrive: a loading file or a live capture adds them batch by batch,
 * and a shown conversation is asked for again after each batch, so only the rows added since are read (a full pass
 * over ten million rows per batch would make loading quadratic). Another stream, or another capture (the store's
 * generation), starts again.
 */
class StreamRowsIndex {
  /** `withQuotes`: also the ICMP errors quoting only a header's ports (tcp.stream -1), by their flow's stream. */
  constructor(private readonly withQuotes: boolean) {}
  private stream = -1;
  private generation = -1;
  private scanned = 0;
  private out = new Uint32Array(64);
  private n = 0;

  rowsOf(stream: number): Uint32Array {
    const cols = packetColumns.cols;
    if (stream !== this.stream || packetColumns.generation !== this.generation || cols.rows < this.scanned) {
      this.stream = stream; this.generation = packetColumns.generation; this.scanned = 0; this.n = 0;
    }
    const col = cols.stream, note = cols.note, flow = cols.flow, quotes = this.withQuotes;
    for (let r = this.scanned; r < cols.rows; r++) {
      const s = col[r] >= 0 || !quotes || note[r] !== Note.IcmpError ? col[r] : flowTable.at(flow[r])?.stream ?? -1;
      if (s !== stream) continue;
      if (this.n === this.out.length) { const grown = new Uint32Array(this.n * 2); grown.set(this.out); this.out = grown; }
      this.out[this.n++] = r;
    }
    this.scanned = cols.rows;
    // Later rows are written past n (or into a grown copy), so this view stays what it is.
    return this.out.subarray(0, this.n);
  }
}

const index = new StreamRowsIndex(false), withQuotes = new StreamRowsIndex(true);

/** The rows of `stream` (tcp.stream eq N), ascending. */
export function streamRows(stream: number): Uint32Array {
  return index.rowsOf(stream);
}

/** The rows of `stream` and of the ICMP errors quoting only its headers' ports, ascending (the ladder). */
export function streamRowsWithIcmpQuotes(stream: number): Uint32Array {
  return withQuotes.rowsOf(stream);
}
