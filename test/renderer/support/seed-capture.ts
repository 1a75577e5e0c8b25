/**
 * The seed capture (../shared/seed/seed-lo0.pcap) as the worker would send it: flows, one packet batch,
 * the conversation summary and packet details. Frames, times, addresses, ports, flags, seq/ack, windows and
 * lengths are decoded from the real file with shared/capture-file + shared/wire; the tracker's columns
 * (phase, step, states, analysis, completeness) are the values tshark and the seed document give, written
 * out below until the tracker runs in tests.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaptureReader } from '../../../shared/capture-file/capture-reader';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { allocateColumns, encodeBatch } from '../../../shared/ipc/batch-layout';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import type { ConversationSummary, DetailNode, PacketDetail } from '../../../shared/ipc/contract';
import type { FlowInfo } from '../../../shared/ipc/flow';
import { EndpointState as S, Phase } from '../../../renderer/format/tcp-labels';

// test/support/paths.ts builds URLs, which happy-dom's URL class cannot turn into paths: resolve by string.
export const SEED_PCAP = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..', 'shared/seed/seed-lo0.pcap');

/** Per frame: phase, step, state of A (server 127.0.0.1:8080), state of B (client :57273), analysis, dupAck, related, completeness (tshark). */
const TRACKER: [number, number, number, number, number, number, number, number][] = [
  [Phase.Handshake, 1, S.Listen, S.SynSent, 0, 0, 0, 0],
  [Phase.Handshake, 2, S.SynReceived, S.Established, 0, 0, 0, 1],
  [Phase.Handshake, 3, S.Established, S.Established, 0, 0, 0, 3],
  [Phase.Handshake, 0, S.Established, S.Established, 0x0800, 0, 0, 7],
  [Phase.Close, 1, S.CloseWait, S.FinWait1, 0, 0, 0, 7],
  [Phase.Close, 2, S.CloseWait, S.FinWait2, 0, 0, 0, 23],
  [Phase.Close, 0, S.CloseWait, S.FinWait2, 0x0010, 1, 5, 23],
  [Phase.Close, 3, S.LastAck, S.TimeWait, 0, 0, 0, 23],
  [Phase.Close, 4, S.Closed, S.TimeWait, 0, 0, 0, 23],
];

export interface SeedCapture {
  path: string;
  flows: FlowInfo[];
  columns: PacketColumns;
  batch: ArrayBuffer;
  conversation: ConversationSummary;
  details: Map<number, PacketDetail>;
}

function detailTree(bytes: Uint8Array): DetailNode[] {
  const ipLen = (bytes[4] & 0x0f) * 4, tcpAt = 4 + ipLen, tcpLen = (bytes[tcpAt + 12] >> 4) * 4;
  return [
    { label: 'Null/Loopback', start: 0, length: 4, children: [{ label: 'Family', value: 'IP (2)', start: 0, length: 4 }] },
    { label: 'Internet Protocol Version 4', start: 4, length: ipLen, children: [
      { label: 'Source Address', value: '127.0.0.1', start: 16, length: 4 },
      { label: 'Destination Address', value: '127.0.0.1', start: 20, length: 4 },
    ] },
    { label: 'Transmission Control Protocol', start: tcpAt, length: tcpLen, children: [
      { label: 'Source Port', value: String((bytes[tcpAt] << 8) | bytes[tcpAt + 1]), start: tcpAt, length: 2 },
      { label: 'Destination Port', value: String((bytes[tcpAt + 2] << 8) | bytes[tcpAt + 3]), start: tcpAt + 2, length: 2 },
      { label: 'Options', start: tcpAt + 20, length: tcpLen - 20 },
    ] },
  ];
}

export function loadSeed(): SeedCapture {
  const file = readFileSync(SEED_PCAP);
  const reader = createCaptureReader();
  const decoder = new PacketDecoder();
  const cols = allocateColumns(16);
  const details = new Map<number, PacketDetail>();
  const isn = new Map<number, number>();
  reader.push(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), (rec) => {
    const p = decoder.decode(rec.view, rec.at, rec.capLen, rec.origLen, rec.linkType);
    const i = cols.rows++;
    const dir = p.srcPort === 8080 ? 0 : 1;
    if ((p.tcpFlags & 0x002) !== 0) isn.set(dir, p.seq);
    const rel = (v: number, d: number): number => (v - (isn.get(d) ?? v)) >>> 0;
    const [phase, step, stateA, stateB, analysis, dupAck, related, completeness] = TRACKER[i];
    cols.frame[i] = rec.frame; cols.tsSec[i] = rec.tsSec; cols.tsNsec[i] = rec.tsNsec;
    cols.capLen[i] = rec.capLen; cols.origLen[i] = rec.origLen; cols.fileOffset[i] = rec.fileOffset;
    cols.linkType[i] = rec.linkType; cols.flow[i] = 0; cols.stream[i] = 0; cols.dir[i] = dir;
    cols.l3[i] = p.l3; cols.proto[i] = p.ipProto; cols.tcpFlags[i] = p.tcpFlags;
    cols.seqRaw[i] = p.seq; cols.ackRaw[i] = p.ack;
    cols.seqRel[i] = rel(p.seq, dir);
    cols.ackRel[i] = (p.tcpFlags & 0x010) !== 0 ? rel(p.ack, 1 - dir) : 0;
    cols.payloadLen[i] = p.payloadLen; cols.window[i] = p.window;
    cols.windowScaled[i] = (p.tcpFlags & 0x002) !== 0 ? p.window : p.window << 5;
    cols.analysis[i] = analysis; cols.dupAckNum[i] = dupAck; cols.relatedFrame[i] = related; cols.ackRttNs[i] = -1;
    cols.completeness[i] = completeness; cols.phase[i] = phase; cols.step[i] = step;
    cols.stateA[i] = stateA; cols.stateB[i] = stateB; cols.note[i] = 0;
    const bytes = new Uint8Array(rec.bytes.subarray(rec.at, rec.at + rec.capLen));
    details.set(rec.frame, {
      frame: rec.frame, linkType: rec.linkType, capLen: rec.capLen, origLen: rec.origLen, tsSec: rec.tsSec, tsNsec: rec.tsNsec,
      bytes, tree: detailTree(bytes),
    });
  });
  const last = cols.rows - 1;
  const flows: FlowInfo[] = [{
    id: 0, l3: 4, proto: 6, addrA: '127.0.0.1', addrB: '127.0.0.1', addrBytesA: new Uint8Array([127, 0, 0, 1]),
    addrBytesB: new Uint8Array([127, 0, 0, 1]), portA: 8080, portB: 57273, stream: 0,
  }];
  const conversation: ConversationSummary = {
    stream: 0, flow: 0, addrA: '127.0.0.1', portA: 8080, addrB: '127.0.0.1', portB: 57273, clientDir: 1,
    firstFrame: 1, lastFrame: cols.rows, firstSec: cols.tsSec[0], firstNsec: cols.tsNsec[0], lastSec: cols.tsSec[last], lastNsec: cols.tsNsec[last],
    packetsA: 4, packetsB: 5, bytesA: 68 + 3 * 56, bytesB: 68 + 4 * 56, payloadA: 0, payloadB: 0,
    completeness: 23, stateA: S.Closed, stateB: S.TimeWait, end: 'closed',
    expert: { retransmissions: 0, fastRetransmissions: 0, spuriousRetransmissions: 0, outOfOrder: 0, lostSegments: 0, ackedUnseen: 0, dupAcks: 1, zeroWindows: 0, windowFull: 0, keepAlives: 0, reusedPorts: 0 },
    irttNs: (cols.tsSec[2] - cols.tsSec[0]) * 1e9 + (cols.tsNsec[2] - cols.tsNsec[0]),
  };
  return { path: SEED_PCAP, flows, columns: cols, batch: encodeBatch(cols), conversation, details };
}
