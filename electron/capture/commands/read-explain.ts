/**
 * `synack-capture read FILE --explain`: each packet's tcpdump line (shared/format), followed by its phase
 * step, both endpoints' RFC 9293 states, the plain-language note, one line per analysis flag, and "why"
 * (the rule that fired with its numbers, and the nearest alternative that did not). Ends with each
 * conversation's option negotiation, how it ended and what happened in it (the window's story, in one paragraph). With -Y, only the packets the display filter matches are
 * explained, and only the conversations with such a packet are summed up.
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-reader';
import type { CompiledFilter } from '../../../shared/filter/compile';
import { TcpdumpFormatter, type TcpdumpFormatOptions } from '../../../shared/format/tcpdump-line';
import { FLAG_NOTES, Note, renderNote, type NoteValues } from '../../../shared/tcp/annotation';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { conversationEnd, conversationSummary, flowInfo, optionsSummary, timeWaitEnd, type SideOptions } from '../../../shared/tcp/conversation-summary';
import { ConversationMoments, conversationStory } from '../../../shared/tcp/conversation-story';
import { icmpNoteFacts, quotedKind } from '../../../shared/tcp/icmp-error-note';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import { ipv4String, ipv6String } from '../../../shared/format/tcpdump-address';
import { icmpFromColumn } from '../../../shared/wire/icmp-messages';
import { STATE_NAMES } from '../../../shared/tcp/endpoint-state';
import { explainLast } from '../../../shared/tcp/flag-explanation';
import { PathMtuErrors } from '../../../shared/tcp/path-mtu-errors';
import { stepLabel } from '../../../shared/tcp/phase';
import type { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { OutputBuffer } from './output-buffer';
import { PacketFilter } from './read-display-filter';
import { finalValues, trackFile } from './tcp-pass';

export interface ExplainOptions {
  mslSeconds: number;
  /** -Y: explain only the packets it matches. */
  displayFilter: CompiledFilter | null;
  /** -2: the filter sees each stream's final values (the explanations stay those of the packet's moment). */
  twoPass: boolean;
}

/** Both addresses in 127.0.0.0/8 or ::1: no network card is involved, so offloaded checksums stay unfilled. */
function isLoopback(view: DataView, pkt: DecodedPacket): boolean {
  const loop = (at: number): boolean => pkt.addrLen === 4
    ? view.getUint8(at) === 127
    : view.getBigUint64(at) === 0n && view.getBigUint64(at + 8) === 1n;
  return loop(pkt.srcAddrOffset) && loop(pkt.dstAddrOffset);
}

/** The sender's and the receiver's role in a conversation whose client sent in direction `clientDir` (-1 unknown). */
function roleOf(clientDir: number, dir: number): [string, string] {
  if (clientDir < 0) return dir === 0 ? ['endpoint A', 'endpoint B'] : ['endpoint B', 'endpoint A'];
  return dir === clientDir ? ['client', 'server'] : ['server', 'client'];
}

export async function printExplain(file: string, fmt: TcpdumpFormatOptions, o: ExplainOptions): Promise<CaptureProblem | null> {
  const { mslSeconds } = o;
  const pass = { mslSeconds, verifyChecksums: true };
  // -2 changes only what -Y reads: the notes explain each packet as of its own time.
  const { final, fatal } = await finalValues(file, o.twoPass && o.displayFilter !== null, pass);
  if (fatal) return fatal;
  const filter = o.displayFilter ? new PacketFilter(o.displayFilter, final) : null;
  /** Streams with an explained packet (only kept with -Y: without it every stream is summed up). */
  const shown = new Set<number>();
  const formatter = new TcpdumpFormatter(fmt);
  const out = new OutputBuffer(process.stdout);
  const mtuErrors = new PathMtuErrors();
  /** Each stream's moments for its "what happened" (every row, shown by -Y or not). */
  const moments = new Map<number, ConversationMoments>();
  const { tracker, problem } = await trackFile(file, (rec, pkt, cols, t) => {
    // Formatted even when -Y hides it, so tcpdump's relative sequence numbers stay those of the whole file.
    const line = formatter.format(rec, pkt);
    mtuErrors.see(rec, pkt, cols, t);
    const stream = cols.stream[0];
    if (stream >= 0) {
      let m = moments.get(stream);
      if (!m) moments.set(stream, (m = new ConversationMoments()));
      m.see(rec.frame, rec.tsSec, rec.tsNsec, cols.dir[0], cols.tcpFlags[0], cols.payloadLen[0], cols.phase[0], cols.step[0], cols.note[0],
        cols.window[0], cols.analysis[0]);
    }
    if (filter && !filter.matches(rec, pkt, cols, t)) return;
    out.write(`${line}\n`);
    if (cols.note[0] === Note.IcmpError) { const s = explainIcmpError(out, rec.view, rec.frame, pkt, cols, t, mslSeconds); if (filter && s >= 0) shown.add(s); return; }
    const c = t.lastConversation;
    if (!pkt.tcp || !c) return;
    if (filter) shown.add(c.stream);
    const dir = cols.dir[0];
    const [who, peer] = roleOf(c.clientDir, dir);
    const self = dir === 0 ? cols.stateA[0] : cols.stateB[0], other = dir === 0 ? cols.stateB[0] : cols.stateA[0];
    const v: NoteValues = {
      who, peer, seqRaw: pkt.seq, seqRel: cols.seqRel[0], ackRel: cols.ackRel[0], len: pkt.payloadLen,
      window: cols.windowScaled[0], stateSelf: self, statePeer: other, dupAckNum: cols.dupAckNum[0],
      relatedFrame: cols.relatedFrame[0], port: pkt.srcPort, mslSeconds,
    };
    const step = stepLabel(cols.phase[0], cols.step[0]);
    out.write(`    [stream ${c.stream} frame ${rec.frame}] ${step || 'TCP'}; ${who} ${STATE_NAMES[self]}, ${peer} ${STATE_NAMES[other]}\n`);
    const note = renderNote(cols.note[0], v);
    if (note) out.write(`    ${note}\n`);
    if (pkt.tcpChecksumStatus === 0) {
      const checksum = rec.view.getUint16(pkt.l4Offset + 16);
      out.write(`    ${renderNote(Note.ChecksumOffload, { ...v, checksum, checksumShouldBe: pkt.tcpChecksumShouldBe, loopback: isLoopback(rec.view, pkt) })}\n`);
    }
    for (const [bit, id] of FLAG_NOTES) {
      if (cols.analysis[0] & bit && id !== cols.note[0]) out.write(`    ${renderNote(id, v)}\n`);
    }
    for (const e of explainLast(t, pkt.seq, pkt.ack, pkt.payloadLen, pkt.window, mtuErrors.answered)) {
      out.write(`    why ${e.field}: ${e.because}${e.notBecause ? ` (${e.notBecause})` : ''}\n`);
    }
  }, pass, async () => { await out.drain(); return !out.closed; });
  writeSummaries(out, tracker, filter ? shown : null, moments);
  await out.flush();
  return problem;
}

/**
 * An ICMP error quoting a header of a known stream: that stream, both endpoints' states, and what the message means for
 * it (icmp-error-note.ts). Returns the stream.
 */
function explainIcmpError(out: OutputBuffer, view: DataView, frame: number, pkt: DecodedPacket, cols: PacketColumns, t: TcpTracker, mslSeconds: number): number {
  const flow = cols.flow[0], stream = cols.stream[0] >= 0 ? cols.stream[0] : t.flows.tag[flow];
  const c = t.conversation(stream), dir = cols.dir[0];
  const [who, peer] = roleOf(c.clientDir, dir);
  const m = icmpFromColumn(cols.icmp[0]);
  if (!m) return stream;
  const ip = pkt.outerIpOffset;
  const from = view.getUint8(ip) >> 4 === 6 ? ipv6String(view, ip + 8) : ipv4String(view, ip + 12);
  const icmp = icmpNoteFacts(m, flowInfo(t, flow), dir, from, pkt.icmpMtu >= 0 ? pkt.icmpMtu : null, quotedKind(cols.stream[0] >= 0, pkt.tcpFlags));
  const self = c.d[dir].state, other = c.d[dir ^ 1].state;
  const v: NoteValues = {
    who, peer, seqRaw: pkt.seq, seqRel: 0, ackRel: 0, len: 0, window: 0, stateSelf: self, statePeer: other, dupAckNum: 0,
    relatedFrame: 0, port: 0, mslSeconds, icmp,
  };
  out.write(`    [stream ${stream} frame ${frame}] ICMP error; ${who} ${STATE_NAMES[self]}, ${peer} ${STATE_NAMES[other]}\n`);
  out.write(`    ${renderNote(Note.IcmpError, v)}\n`);
  return stream;
}

function sideText(o: SideOptions): string {
  const parts = [`MSS ${o.mss ?? '-'}`, `wscale ${o.windowScale ?? '-'}`, `SACK ${o.sackPermitted ? 'yes' : 'no'}`,
    `TS ${o.timestamps ? 'yes' : 'no'}`, `ECN ${o.ecn ? 'yes' : 'no'}`, `TFO ${o.tfo ? 'yes' : 'no'}`];
  return parts.join(', ');
}

/** `only`: the streams to sum up (null: all); `moments`: what their rows marked, for "what happened". */
function writeSummaries(out: OutputBuffer, tracker: TcpTracker, only: ReadonlySet<number> | null, moments: ReadonlyMap<number, ConversationMoments>): void {
  for (let stream = 0; stream < tracker.conversationCount; stream++) {
    if (only && !only.has(stream)) continue;
    const c = tracker.conversation(stream);
    const o = optionsSummary(c);
    const names = c.clientDir < 0 ? ['A', 'B'] : c.clientDir === 0 ? ['client (A)', 'server (B)'] : ['server (A)', 'client (B)'];
    out.write(`stream ${c.stream}: ${conversationEnd(c)}, completeness ${c.completeness}, final states ${names[0]} ${STATE_NAMES[c.d[0].state]},`
      + ` ${names[1]} ${STATE_NAMES[c.d[1].state]}${c.irtt >= 0 ? `, iRTT ${(c.irtt / 1e6).toFixed(3)} ms` : ''}\n`);
    out.write(`  options ${names[0]}: ${sideText(o.a)}\n  options ${names[1]}: ${sideText(o.b)}\n`);
    out.write(`  in effect: window scaling ${o.windowScalingActive ? 'yes' : 'no'}, SACK ${o.sackActive ? 'yes' : 'no'},`
      + ` timestamps ${o.timestampsActive ? 'yes' : 'no'}, ECN ${o.ecnActive ? 'yes' : 'no'}\n`);
    const tw = timeWaitEnd(tracker, c);
    if (tw) out.write(`  TIME-WAIT ends at ${tw.sec}.${String(tw.nsec).padStart(9, '0')} (2×MSL = ${2 * tracker.mslSeconds} s after the last ACK)\n`);
    const story = conversationStory(conversationSummary(tracker, stream), moments.get(stream) ?? new ConversationMoments());
    out.write(`  what happened: ${story.join(' ')}\n`);
  }
}
