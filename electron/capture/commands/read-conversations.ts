/**
 * `synack-capture read FILE --conversations`: the TCP conversation table (and `-z endpoints,tcp`, which follows from it). The first columns match
 * `tshark -q -z conv,tcp` (endpoint A is the sender of the conversation's first packet; "<-" counts frames
 * B→A and "->" A→B; rows by total frames, most first); SynAck adds completeness, how it ended, the final
 * endpoint states, iRTT and the expert counts.
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-reader';
import type { TcpConversation } from '../../../shared/tcp/conversation-state';
import { conversationEnd, flowInfo } from '../../../shared/tcp/conversation-summary';
import { STATE_NAMES } from '../../../shared/tcp/endpoint-state';
import { endpointRows, formatEndpointTable } from '../../../shared/tcp/endpoint-table';
import type { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { trackFile } from './tcp-pass';

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

export function conversationRows(tracker: TcpTracker): ConversationRow[] {
  const o = tracker.origin;
  const all = Array.from({ length: tracker.conversationCount }, (_, stream) => tracker.conversation(stream));
  const counted = all.filter((c) => c.d[0].packets + c.d[1].packets > 0);
  const rows = counted.map((c): ConversationRow => {
    const f = flowInfo(tracker, c.flow);
    const s = firstSender(c);
    const addr = (side: 0 | 1): string => (side === 0 ? f.addrA : f.addrB);
    const port = (side: 0 | 1): number => (side === 0 ? f.portA : f.portB);
    const ep = (side: 0 | 1): string => `${addr(side)}:${port(side)}`;
    const from = c.d[s], to = c.d[s ^ 1];
    const t0 = (c.firstSec - o.sec) + (c.firstNsec - o.nsec) / 1e9;
    const t1 = (c.lastSec - o.sec) + (c.lastNsec - o.nsec) / 1e9;
    return {
      stream: c.stream, a: ep(s), b: ep((s ^ 1) as 0 | 1),
      addrA: addr(s), portA: port(s), addrB: addr((s ^ 1) as 0 | 1), portB: port((s ^ 1) as 0 | 1), firstFrame: c.firstFrame,
      framesAtoB: from.packets, bytesAtoB: from.bytes, framesBtoA: to.packets, bytesBtoA: to.bytes,
      relStart: t0, duration: t1 - t0, completeness: c.completeness, end: conversationEnd(c),
      stateA: STATE_NAMES[from.state], stateB: STATE_NAMES[to.state], irttMs: c.irtt >= 0 ? c.irtt / 1e6 : null,
      expert: c.retrans + c.outOfOrder + c.lost + c.ackedUnseen + c.dupAcks + c.zeroWindows + c.windowFull + c.keepAlives,
    };
  });
  return rows.sort((x, y) => (y.framesAtoB + y.framesBtoA) - (x.framesAtoB + x.framesBtoA) || x.stream - y.stream);
}

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

export function formatConversationTable(rows: ConversationRow[]): string {
  const bar = '='.repeat(80);
  let out = `${bar}\nTCP Conversations\nFilter:<No Filter>\n`;
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

export async function printConversations(file: string): Promise<CaptureProblem | null> {
  const { tracker, problem } = await trackFile(file);
  process.stdout.write(formatConversationTable(conversationRows(tracker)));
  return problem;
}

/** `-z endpoints,tcp`: the TCP endpoints, as tshark prints them (shared/tcp/endpoint-table.ts). */
export async function printEndpoints(file: string): Promise<CaptureProblem | null> {
  const { tracker, problem } = await trackFile(file);
  process.stdout.write(formatEndpointTable(endpointRows(conversationRows(tracker))));
  return problem;
}
