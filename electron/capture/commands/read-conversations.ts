/**
 * `synack-capture read FILE --conversations`: the TCP conversation table (and `-z endpoints,tcp`, which follows from it). The first columns match
 * `tshark -q -z conv,tcp` (endpoint A is the sender of the conversation's first packet; "<-" counts frames
 * B→A and "->" A→B; rows by total frames, most first); SynAck adds completeness, how it ended, the final
 * endpoint states, iRTT and the expert counts. `-z conv,tcp,FILTER` (and endpoints,tcp,FILTER) counts only the packets
 * FILTER matches, as tshark's tap sees only those (with -2, on its second pass); the other columns stay the stream's.
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-reader';
import type { TcpConversation } from '../../../shared/tcp/conversation-state';
import { conversationEnd, flowInfo } from '../../../shared/tcp/conversation-summary';
import { STATE_NAMES } from '../../../shared/tcp/endpoint-state';
import { endpointRows, formatEndpointTable } from '../../../shared/tcp/endpoint-table';
import { finalValues, trackFile } from './tcp-pass';
import { PacketFilter } from './read-display-filter';
import { ConversationTotals } from '../../../shared/tcp/conversation-totals';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import type { CompiledFilter } from '../../../shared/filter/compile';

/** One row of the table, directions as tshark orients them. */
export interface ConversationRow {
  stream: number;
  /** "address:port" of A (the first packet's sender) and B, as tshark prints them; and their parts. */
  a: string; b: string;
  addrA: string; portA: number; addrB: string; portB: number;
  /** The first counted packet's frame number. */
  firstFrame: number;
  framesAtoB: number; bytesAtoB: number;
  framesBtoA: number; bytesBtoA: number;
  relStart: number; duration: number;
  completeness: number; end: string; stateA: string; stateB: string; irttMs: number | null; expert: number;
}

/** Who sent the first packet of the stream: 0 = flow endpoint A. */
function firstSender(c: TcpConversation): 0 | 1 { return c.firstDir; }

/**
 * The table's rows; with `limit`, only the streams it has rows of, counted and oriented over those rows (its first
 * row's sender is A), the rest of each row the stream's own.
 */
export function conversationRows(tracker: TcpTracker, limit: ConversationTotals | null = null): ConversationRow[] {
  const o = tracker.origin;
  const all = Array.from({ length: tracker.conversationCount }, (_, stream) => tracker.conversation(stream));
  const counted = all.filter((c) => (limit ? limit.get(c.stream) !== undefined : c.d[0].packets + c.d[1].packets > 0));
  const rows = counted.map((c): ConversationRow => {
    const f = flowInfo(tracker, c.flow);
    const t = limit?.get(c.stream);
    const s = t ? t.firstDir : firstSender(c), r = (s ^ 1) as 0 | 1;
    const addr = (side: 0 | 1): string => (side === 0 ? f.addrA : f.addrB);
    const port = (side: 0 | 1): number => (side === 0 ? f.portA : f.portB);
    const ep = (side: 0 | 1): string => `${addr(side)}:${port(side)}`;
    const from = c.d[s], to = c.d[r];
    const t0 = ((t?.firstSec ?? c.firstSec) - o.sec) + ((t?.firstNsec ?? c.firstNsec) - o.nsec) / 1e9;
    const t1 = ((t?.lastSec ?? c.lastSec) - o.sec) + ((t?.lastNsec ?? c.lastNsec) - o.nsec) / 1e9;
    return {
      stream: c.stream, a: ep(s), b: ep(r),
      addrA: addr(s), portA: port(s), addrB: addr(r), portB: port(r), firstFrame: t?.firstFrame ?? c.firstFrame,
      framesAtoB: t ? t.packets[s] : from.packets, bytesAtoB: t ? t.bytes[s] : from.bytes,
      framesBtoA: t ? t.packets[r] : to.packets, bytesBtoA: t ? t.bytes[r] : to.bytes,
      relStart: t0, duration: t1 - t0, completeness: c.completeness, end: conversationEnd(c),
      stateA: STATE_NAMES[from.state], stateB: STATE_NAMES[to.state], irttMs: c.irtt >= 0 ? c.irtt / 1e6 : null,
      expert: c.retrans + c.outOfOrder + c.lost + c.ackedUnseen + c.dupAcks + c.zeroWindows + c.windowFull + c.keepAlives,
    };
  });
  return rows.sort((x, y) => (y.framesAtoB + y.framesBtoA) - (x.framesAtoB + x.framesBtoA) || x.stream - y.stream);
}

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

export function formatConversationTable(rows: ConversationRow[], filter: string | null = null): string {
  const bar = '='.repeat(80);
  let out = `${bar}\nTCP Conversations\nFilter:${filter ?? '<No Filter>'}\n`;
  out += `${' '.repeat(59)}|       <-      | |       ->      | |     Total     |    Relative    |   Duration   | stream | completeness | end         | state A / state B          | iRTT ms  | expert\n`;
  out += `${' '.repeat(59)}| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
  for (const r of rows) {
    out += `${pad(r.a, 26)} <-> ${pad(r.b, 26)}${lpad(String(r.framesBtoA), 6)} ${pad(`${r.bytesBtoA} bytes`, 12)}`
      + `${lpad(String(r.framesAtoB), 6)} ${pad(`${r.bytesAtoB} bytes`, 12)}`
      + `${lpad(String(r.framesAtoB + r.framesBtoA), 6)} ${pad(`${r.bytesAtoB + r.bytesBtoA} bytes`, 12)}`
      + `${lpad(r.relStart.toFixed(9), 16)}${lpad(r.duration.toFixed(4), 16)}`
      + `  ${lpad(String(r.stream), 6)}  ${lpad(String(r.completeness), 12)}  ${pad(r.end, 12)} ${pad(`${r.stateA} / ${r.stateB}`, 27)}`
      + ` ${lpad(r.irttMs === null ? '-' : r.irttMs.toFixed(3), 8)}  ${r.expert}\n`;
  }
  return `${out}${bar}\n`;
}

/** What the tables are counted from: the whole file, or with `statFilter` the packets it matches (-2: on a second pass). */
interface TableOptions { statFilter: { text: string; filter: CompiledFilter } | null; twoPass: boolean }

/** Tracks the file; with a filter, the totals of the rows it matches that the conversation table counts. */
async function countedTables(file: string, o: TableOptions): Promise<{ tracker: TcpTracker; limit: ConversationTotals | null; problem: CaptureProblem | null }> {
  if (!o.statFilter) return { ...(await trackFile(file)), limit: null };
  const { final, fatal } = await finalValues(file, o.twoPass);
  if (fatal) return { tracker: new TcpTracker(), limit: null, problem: fatal };
  const filter = new PacketFilter(o.statFilter.filter, final), limit = new ConversationTotals();
  const { tracker, problem } = await trackFile(file, (rec, pkt, cols, t) => {
    if (filter.matches(rec, pkt, cols, t)) limit.addRow(cols, 0);
  });
  return { tracker, limit, problem };
}

export async function printConversations(file: string, o: TableOptions = { statFilter: null, twoPass: false }): Promise<CaptureProblem | null> {
  const { tracker, limit, problem } = await countedTables(file, o);
  process.stdout.write(formatConversationTable(conversationRows(tracker, limit), o.statFilter?.text ?? null));
  return problem;
}

/** `-z endpoints,tcp[,FILTER]`: the TCP endpoints, as tshark prints them (shared/tcp/endpoint-table.ts). */
export async function printEndpoints(file: string, o: TableOptions = { statFilter: null, twoPass: false }): Promise<CaptureProblem | null> {
  const { tracker, limit, problem } = await countedTables(file, o);
  process.stdout.write(formatEndpointTable(endpointRows(conversationRows(tracker, limit)), o.statFilter?.text ?? null));
  return problem;
}
