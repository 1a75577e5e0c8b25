/**
 * An in-page Backend that streams N generated packet rows in 4,096-row batches, the shape the worker sends
 * (flows first, then the batch, then the conversations it touched), so the renderer can be measured at 10
 * million rows without waiting for a 10-million-packet file to be decoded. Conversations are 20 packets:
 * handshake (3), data (12), four-way close (4) and one duplicate ACK, interleaved 64 at a time.
 */
import { allocateColumns } from '../../shared/ipc/batch-layout';
import type { ConversationSummary, EventPayload, JsonEventName, RequestName, RequestPayload, ResponsePayload } from '../../shared/ipc/contract';
import type { FlowInfo } from '../../shared/ipc/flow';
import type { Backend, BatchCallback } from '../../renderer/backend/backend';

const BATCH = 4096, PER_CONV = 20, LANES = 64;
// flags, phase, step, stateA (server), stateB (client), dir (0 = server sends)
const SCRIPT: [number, number, number, number, number, number][] = [
  [0x002, 1, 1, 2, 3, 1], [0x012, 1, 2, 4, 5, 0], [0x010, 1, 3, 5, 5, 1],
  ...Array.from({ length: 12 }, (_, i): [number, number, number, number, number, number] => [i % 2 ? 0x010 : 0x018, 2, 0, 5, 5, i % 2]),
  [0x010, 2, 0, 5, 5, 1],
  [0x011, 3, 1, 8, 6, 1], [0x010, 3, 2, 8, 7, 0], [0x011, 3, 3, 10, 11, 0], [0x010, 3, 4, 1, 11, 1],
];

export class SyntheticBackend implements Backend {
  private listeners = new Map<string, Set<(p: never) => void>>();
  private batchListeners = new Set<BatchCallback>();
  constructor(private readonly total: number) {}

  async invoke<K extends RequestName>(name: K, _payload: RequestPayload<K>): Promise<ResponsePayload<K>> {
    if (name === 'file.open') { setTimeout(() => void this.play(), 0); return { source: 1, path: 'synthetic', bytesTotal: this.total * 100 } as ResponsePayload<K>; }
    if (name === 'interfaces.list') return { interfaces: [] } as unknown as ResponsePayload<K>;
    throw Object.assign(new Error(`${name} is not available in the benchmark page`), { info: { code: 'request.unknown', message: `${name} not served`, fatal: false } });
  }
  on<K extends JsonEventName>(name: K, cb: (p: EventPayload<K>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(cb as (p: never) => void);
    return () => { set.delete(cb as (p: never) => void); };
  }
  onBatch(cb: BatchCallback): () => void { this.batchListeners.add(cb); return () => { this.batchListeners.delete(cb); }; }
  close(): void { /* nothing to close */ }

  private emit<K extends JsonEventName>(name: K, payload: EventPayload<K>): void {
    for (const cb of this.listeners.get(name) ?? []) cb(payload as never);
  }

  private flow(stream: number): FlowInfo {
    const a = [10, (stream >> 16) & 255, (stream >> 8) & 255, stream & 255];
    return { id: stream, l3: 4, proto: 6, addrA: '192.0.2.1', addrB: a.join('.'), addrBytesA: new Uint8Array([192, 0, 2, 1]), addrBytesB: new Uint8Array(a), portA: 443, portB: 1024 + (stream % 60000), stream };
  }

  private summary(stream: number, first: number, sec: number): ConversationSummary {
    return {
      stream, flow: stream, addrA: '192.0.2.1', portA: 443, addrB: this.flow(stream).addrB, portB: 1024 + (stream % 60000), clientDir: 1,
      firstFrame: first, lastFrame: first + PER_CONV * LANES, firstSec: sec, firstNsec: 0, lastSec: sec + 1, lastNsec: 0,
      packetsA: 9, packetsB: 11, bytesA: 9000, bytesB: 2000, payloadA: 8000, payloadB: 1000, completeness: 31, stateA: 1, stateB: 11,
      end: 'closed', irttNs: 150_000, winScaleA: 7, winScaleB: 7,
      expert: { retransmissions: 0, fastRetransmissions: 0, spuriousRetransmissions: 0, outOfOrder: 0, lostSegments: 0, ackedUnseen: 0, dupAcks: 1, zeroWindows: 0, windowFull: 0, keepAlives: 0, reusedPorts: 0, icmpErrors: 0 },
    };
  }

  /** Row i belongs to conversation group ⌊i / (20·64)⌋, lane i % 64, script step ⌊i / 64⌋ % 20. */
  private async play(): Promise<void> {
    this.emit('source.start', { source: 1, kind: 'file', path: `synthetic-${this.total}.pcap`, iface: null, bytesTotal: this.total * 100 });
    const cols = allocateColumns(BATCH);
    for (let start = 0; start < this.total; start += BATCH) {
      const n = Math.min(BATCH, this.total - start);
      const flows: FlowInfo[] = [], convs: ConversationSummary[] = [];
      for (let k = 0; k < n; k++) {
        const i = start + k, group = Math.floor(i / (PER_CONV * LANES)), lane = i % LANES, step = Math.floor(i / LANES) % PER_CONV;
        const stream = group * LANES + lane;
        const [flags, phase, st, sa, sb, dir] = SCRIPT[step];
        cols.frame[k] = i + 1; cols.tsSec[k] = 1_700_000_000 + Math.floor(i / 100_000); cols.tsNsec[k] = (i % 100_000) * 10_000;
        // Whole frames: capLen as origLen (a cut frame costs the store a sparse entry; capturing none is the common case).
        cols.origLen[k] = cols.capLen[k] = flags === 0x018 ? 1514 : 66; cols.flow[k] = stream; cols.stream[k] = stream; cols.dir[k] = dir;
        cols.l3[k] = 4; cols.proto[k] = 6; cols.tcpFlags[k] = flags; cols.seqRel[k] = step * 1448; cols.ackRel[k] = flags & 0x010 ? step * 100 : 0;
        cols.payloadLen[k] = flags === 0x018 ? 1448 : 0; cols.window[k] = 501; cols.windowScaled[k] = 501 << 7;
        cols.analysis[k] = step === 15 ? 0x10 : 0; cols.dupAckNum[k] = step === 15 ? 1 : 0; cols.relatedFrame[k] = step === 15 ? i + 1 - LANES : 0;
        cols.completeness[k] = step < 3 ? [1, 3, 7][step] : 31; cols.phase[k] = phase; cols.step[k] = st; cols.stateA[k] = sa; cols.stateB[k] = sb;
        if (step === 0) { flows.push(this.flow(stream)); convs.push(this.summary(stream, i + 1, cols.tsSec[k])); }
      }
      cols.rows = n;
      if (flows.length) this.emit('flows.upsert', { source: 1, flows });
      for (const cb of this.batchListeners) cb(cols, new ArrayBuffer(0));
      if (convs.length) this.emit('conversations.upsert', { source: 1, conversations: convs });
      if ((start / BATCH) % 16 === 15) await new Promise((r) => setTimeout(r, 0));
    }
    this.emit('end', { source: 1, reason: 'complete', frames: this.total });
  }
}
